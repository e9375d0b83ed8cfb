//! R2.2, R2.5, R3.1: the yearly rollover decides ranks from the previous calendar year, expires
//! what is left and grants the new year's tickets; it is idempotent and safe when run concurrently.

use chrono::Duration;
use portal_app::{rollover, Actor, Clock, SystemClock};
use portal_db::entities::ticket_ledger;
use portal_domain::company::{CompanyOverview, RolloverReport};
use portal_domain::fiscal::FiscalYear;
use portal_domain::ledger::EntryKind;
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::helpers::{body, ok_json, problem, TestApp};

async fn import(app: &TestApp, staff: &str, csv: &str) {
    let res = app
        .http
        .post(app.url("/api/v1/admin/transactions/import?filename=volumes.csv"))
        .bearer_auth(staff)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
}

#[tokio::test]
async fn r2_2_volume_of_the_previous_calendar_year_decides_the_rank_and_grant() {
    let fy = FiscalYear::containing(SystemClock.now());
    let last = fy.prev();
    // The server starts in last fiscal year; the test moves it into this one.
    let app = TestApp::spawn_at(last.start() + Duration::hours(1)).await;
    let (mut admin, staff) = app.staff(Role::Admin).await;
    let big = app.company("BIG", "大口 株式会社").await;
    let mid = app.company("MID", "中堅 株式会社").await;
    let small = app.company("SMALL", "小口 株式会社").await;
    // Calendar year N-1 decides fiscal year N: 12 × 5,000,000 = 60,000,000 → PLATINUM for `fy`.
    let mut csv = String::from("company_code,year_month,amount_yen\n");
    for m in 1..=12 {
        csv += &format!("BIG,{}-{m:02},5000000\n", fy.volume_year());
        csv += &format!("MID,{}-{m:02},300000\n", fy.volume_year()); // 3,600,000 → SILVER
        csv += &format!("BIG,{}-{m:02},100000\n", last.volume_year()); // 1,200,000 → BRONZE for last year
    }
    // A month of the fiscal year itself does not count (calendar year N-1 only).
    csv += &format!("SMALL,{}-04,99000000\n", fy.0);
    import(&app, &staff, &csv).await;

    let r1: RolloverReport =
        ok_json(app.post_json("/api/v1/admin/jobs/rollover", Some(&staff), &body::rollover(last)).await).await;
    assert_eq!((r1.companies, r1.ranks_set, r1.grants), (3, 3, 0), "BRONZE and REGULAR grant nothing");
    app.clock.set(fy.start());
    let staff = app.sign_in(&mut admin).await.access_token;
    let r2: RolloverReport =
        ok_json(app.post_json("/api/v1/admin/jobs/rollover", Some(&staff), &body::rollover(fy)).await).await;
    assert_eq!((r2.companies, r2.ranks_set, r2.grants, r2.unchanged), (3, 3, 2, 0));

    let detail = |id| format!("/api/v1/admin/companies/{id}");
    for (id, rank, tickets) in [(big, Rank::Platinum, 30), (mid, Rank::Silver, 5), (small, Rank::Regular, 0)] {
        let d: serde_json::Value = ok_json(app.get(&detail(id), Some(&staff)).await).await;
        let o: CompanyOverview = serde_json::from_value(d["overview"].clone()).unwrap();
        assert_eq!((o.rank, o.ticket_balance), (rank, tickets), "{}", o.code);
        if tickets > 0 {
            assert_eq!(o.tickets_expire_at, Some(fy.end()));
        }
    }

    // Idempotent: a second run changes nothing.
    let again: RolloverReport =
        ok_json(app.post_json("/api/v1/admin/jobs/rollover", Some(&staff), &body::rollover(fy)).await).await;
    assert_eq!((again.ranks_set, again.grants, again.unchanged), (0, 0, 3));
    assert_eq!(ticket_ledger::Entity::find().count(&app.db).await.unwrap(), 2);

    // Only the year under way: a past year would grant expired tickets, a future one has no volume.
    for other in [fy.next(), last, FiscalYear(2000)] {
        let p = problem(
            app.post_json("/api/v1/admin/jobs/rollover", Some(&staff), &body::rollover(other)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("fiscal_year", "not_current_fiscal_year"));
    }
}

#[tokio::test]
async fn r3_1_unused_tickets_expire_at_the_rollover_and_nothing_carries_over() {
    let fy = FiscalYear::containing(SystemClock.now());
    let last = fy.prev();
    let app = TestApp::spawn_at(last.start() + Duration::hours(1)).await;
    let (_, staff) = app.staff(Role::Admin).await;
    let id = app.company("CARRY", "繰越 株式会社").await;
    let mut csv = String::from("company_code,year_month,amount_yen\n");
    csv += &format!("CARRY,{}-06,12000000\n", last.volume_year()); // GOLD last year
    csv += &format!("CARRY,{}-06,3600000\n", fy.volume_year()); // SILVER this year
    import(&app, &staff, &csv).await;
    let actor = Actor::system();
    rollover::run(&app.db, last, &actor, app.now()).await.unwrap();
    let adj = format!("/api/v1/admin/companies/{id}/ticket-adjustments");
    assert_eq!(app.post_json(&adj, Some(&staff), &body::adjust(-4, "used")).await.status(), StatusCode::CREATED);

    app.clock.set(fy.start());
    rollover::run(&app.db, fy, &actor, app.now()).await.unwrap();
    let rows =
        ticket_ledger::Entity::find().filter(ticket_ledger::Column::CompanyId.eq(id)).all(&app.db).await.unwrap();
    let kinds: Vec<(String, i32, i32)> =
        rows.iter().map(|r| (r.kind.as_str().to_owned(), r.amount, r.fiscal_year)).collect();
    assert_eq!(
        kinds,
        [
            ("grant".to_owned(), 15, last.0),
            ("adjust".to_owned(), -4, last.0),
            (EntryKind::Expire.as_str().to_owned(), -11, last.0),
            ("grant".to_owned(), 5, fy.0),
        ]
    );
    assert_eq!(rows.last().unwrap().balance_after, 5);
}

#[tokio::test]
async fn r2_5_concurrent_rollovers_grant_exactly_once_per_company() {
    let app = TestApp::spawn().await;
    let (_, staff) = app.staff(Role::Admin).await;
    let fy = FiscalYear::containing(app.now());
    let mut csv = String::from("company_code,year_month,amount_yen\n");
    for i in 0..20 {
        app.company(&format!("CO{i:02}"), &format!("会社 {i:02}")).await;
        csv += &format!("CO{i:02},{}-03,{}\n", fy.volume_year(), 12_000_000 + i);
    }
    import(&app, &staff, &csv).await;

    // Six replicas at once, each with its own connection pool.
    let url = app.database_url();
    let now = app.now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let url = url.clone();
        tasks.spawn(async move {
            let db = portal_api::database::connect(&url).await.unwrap();
            rollover::run(&db, fy, &Actor::system(), now).await.unwrap()
        });
    }
    let mut granted = 0;
    while let Some(r) = tasks.join_next().await {
        let r = r.unwrap();
        assert_eq!(r.companies, 20);
        granted += r.grants;
    }
    assert_eq!(granted, 20, "one grant per company across all replicas");
    let grants =
        ticket_ledger::Entity::find().filter(ticket_ledger::Column::Kind.eq("grant")).all(&app.db).await.unwrap();
    assert_eq!(grants.len(), 20);
    assert!(grants.iter().all(|g| g.amount == 15 && g.fiscal_year == fy.0));
    let mut companies: Vec<_> = grants.iter().map(|g| g.company_id).collect();
    companies.sort();
    companies.dedup();
    assert_eq!(companies.len(), 20);
}

#[tokio::test]
async fn r3_1_an_override_that_starts_the_year_expires_last_years_tickets_first() {
    let fy = FiscalYear::containing(SystemClock.now());
    let last = fy.prev();
    let app = TestApp::spawn_at(last.start() + Duration::hours(1)).await;
    let (mut admin, _) = app.staff(Role::Admin).await;
    let id = app.company("EARLY", "早期 株式会社").await;
    let staff = app.sign_in(&mut admin).await.access_token;
    import(&app, &staff, &format!("company_code,year_month,amount_yen\nEARLY,{}-06,12000000\n", last.volume_year()))
        .await;
    rollover::run(&app.db, last, &Actor::system(), app.now()).await.unwrap();

    // After April 1 00:00 JST, before this year's rollover reached the company, staff set this
    // year's rank: the year starts for the company now.
    app.clock.set(fy.start() + Duration::minutes(1));
    let staff = app.sign_in(&mut admin).await.access_token;
    let path = format!("/api/v1/admin/companies/{id}/rank-override");
    let o: CompanyOverview =
        ok_json(app.post_json(&path, Some(&staff), &body::rank_override(fy, Rank::Silver, "contract")).await).await;
    assert_eq!((o.rank, o.ticket_balance), (Rank::Silver, 5));
    let rows =
        ticket_ledger::Entity::find().filter(ticket_ledger::Column::CompanyId.eq(id)).all(&app.db).await.unwrap();
    let kinds: Vec<(String, i32, i32)> =
        rows.iter().map(|r| (r.kind.as_str().to_owned(), r.amount, r.fiscal_year)).collect();
    assert_eq!(
        kinds,
        [("grant".to_owned(), 15, last.0), ("expire".to_owned(), -15, last.0), ("grant".to_owned(), 5, fy.0)]
    );
    let r = rollover::run(&app.db, fy, &Actor::system(), app.now()).await.unwrap();
    assert_eq!((r.unchanged, r.failed), (1, 0));
}

#[tokio::test]
async fn r2_5_a_company_that_cannot_be_rolled_over_is_named_and_the_others_are_not_held_back() {
    use portal_db::queries::ledger::{self, Posting};
    use portal_db::queries::{users, CompanyScope};
    let app = TestApp::spawn().await;
    let (admin, _) = app.staff(Role::Admin).await;
    let admin = users::find(&app.db, admin.id).await.unwrap().unwrap();
    let fy = FiscalYear::containing(app.now());
    let ids = [
        app.company("OK1", "一 株式会社").await,
        app.company("BAD", "二 株式会社").await,
        app.company("OK2", "三 株式会社").await,
    ];
    // Two older buckets still holding tickets: no rollover could have left this, and expiring
    // one of them alone would not empty the balance, which the ledger rule refuses.
    let bad = CompanyScope::for_staff(&admin, ids[1]).unwrap();
    for (years_back, amount) in [(2, 5), (1, 3)] {
        let p = Posting {
            kind: EntryKind::Grant,
            amount,
            fiscal_year: fy.0 - years_back,
            expires_at: None,
            reason: portal_domain::ledger::LedgerReason::Note { text: "test".into() },
            actor_id: None,
            idempotency_key: None,
        };
        ledger::post(&app.db, bad, p, app.now()).await.unwrap();
    }
    let r = rollover::run(&app.db, fy, &Actor::system(), app.now()).await.unwrap();
    assert_eq!((r.companies, r.ranks_set, r.failed), (3, 2, 1));
    assert_eq!(r.failed_companies.len(), 1);
    assert_eq!(r.failed_companies[0].company_id, ids[1]);
    let audit: Vec<_> = portal_db::entities::audit_log::Entity::find()
        .filter(portal_db::entities::audit_log::Column::Action.eq("rollover.failed"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert!(audit[0].after.as_deref().unwrap().contains(&ids[1].to_string()));
    // The next run retries only the failed one.
    let again = rollover::run(&app.db, fy, &Actor::system(), app.now()).await.unwrap();
    assert_eq!((again.unchanged, again.failed), (2, 1));
}
