//! R3.2: the ticket ledger never goes below zero, even under concurrent changes.

use portal_db::entities::ticket_ledger;
use portal_domain::company::CompanyOverview;
use portal_domain::fiscal::FiscalYear;
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::helpers::{body, ok_json, problem, TestApp};

#[tokio::test]
async fn r3_2_a_hundred_concurrent_one_ticket_withdrawals_from_thirty_leave_exactly_zero() {
    let app = TestApp::spawn().await;
    let company = app.company("C30", "三十 株式会社").await;
    let (_, staff) = app.staff(Role::Admin).await;
    let fy = FiscalYear::containing(app.now());
    let path = format!("/api/v1/admin/companies/{company}/rank-override");
    let after: CompanyOverview =
        ok_json(app.post_json(&path, Some(&staff), &body::rank_override(fy, Rank::Platinum, "t")).await).await;
    assert_eq!(after.ticket_balance, 30);

    let adj = format!("/api/v1/admin/companies/{company}/ticket-adjustments");
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..100 {
        let (http, url, token) = (app.http.clone(), app.url(&adj), staff.clone());
        tasks.spawn(async move {
            let res = http
                .post(url)
                .bearer_auth(token)
                .json(&body::adjust(-1, &format!("withdrawal {i}")))
                .send()
                .await
                .unwrap();
            let status = res.status();
            let body: serde_json::Value = res.json().await.unwrap();
            (status, body)
        });
    }
    let mut ok = 0;
    let mut refused = 0;
    while let Some(r) = tasks.join_next().await {
        let (status, body) = r.unwrap();
        match status {
            StatusCode::CREATED => ok += 1,
            StatusCode::CONFLICT => {
                assert_eq!(body["code"], "insufficient_tickets", "{body}");
                refused += 1;
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!((ok, refused), (30, 70));

    let rows = ticket_ledger::Entity::find()
        .filter(ticket_ledger::Column::CompanyId.eq(company))
        .order_by_asc(ticket_ledger::Column::Seq)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 31);
    assert_eq!(rows.iter().map(|r| r.amount).sum::<i32>(), 0, "the ledger sums to zero");
    let mut running = 0;
    for (i, r) in rows.iter().enumerate() {
        running += r.amount;
        assert_eq!(r.seq, i as i64 + 1, "contiguous sequence");
        assert_eq!(r.balance_after, running, "stored balance is the running sum");
        assert!(r.balance_after >= 0);
    }
}

#[tokio::test]
async fn adjustments_need_a_reason_and_a_sane_amount() {
    let app = TestApp::spawn().await;
    let company = app.company("C1", "一 株式会社").await;
    let (_, staff) = app.staff(Role::Admin).await;
    let adj = format!("/api/v1/admin/companies/{company}/ticket-adjustments");
    for invalid in [body::adjust(0, "x"), body::adjust(5000, "x"), body::adjust(1, "")] {
        problem(
            app.post_json(&adj, Some(&staff), &invalid).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
    }
    problem(
        app.post_json(&adj, Some(&staff), &body::adjust(-1, "x")).await,
        StatusCode::CONFLICT,
        "insufficient_tickets",
    )
    .await;
    assert_eq!(app.post_json(&adj, Some(&staff), &body::adjust(3, "goodwill")).await.status(), StatusCode::CREATED);
    let missing = format!("/api/v1/admin/companies/{}/ticket-adjustments", uuid::Uuid::new_v4());
    problem(app.post_json(&missing, Some(&staff), &body::adjust(1, "x")).await, StatusCode::NOT_FOUND, "not_found")
        .await;
}

#[tokio::test]
async fn r3_4_the_history_says_why_in_the_readers_language_and_older_rows_keep_their_text() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    let id = app.build_company("WHY").rank(portal_domain::Rank::Gold).create().await;
    let (_, rep) = app.customer(Role::Member, id).await;
    let ja = app.get("/api/v1/company/tickets.csv?lang=ja", Some(&rep)).await.text().await.unwrap();
    assert!(ja.contains("ランク変更（GOLD）"), "{ja}");
    let en = app.get("/api/v1/company/tickets.csv?lang=en", Some(&rep)).await.text().await.unwrap();
    assert!(en.contains("Rank changed to GOLD"), "{en}");

    // An entry written before reasons had kinds reads as its own text.
    app.db
        .execute_unprepared("UPDATE ticket_ledger SET reason_kind = 'note', reason_params = NULL, reason = '旧い理由'")
        .await
        .unwrap();
    let page: portal_domain::company::LedgerPage = ok_json(app.get("/api/v1/company/tickets", Some(&rep)).await).await;
    assert_eq!(page.items[0].reason, portal_domain::ledger::LedgerReason::Note { text: "旧い理由".into() });
}
