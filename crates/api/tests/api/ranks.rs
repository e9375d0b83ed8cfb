//! R2.4: staff override a rank for one fiscal year with a reason; the grant follows (R2.1, R3.1).

use portal_domain::company::{CompanyOverview, LedgerPage, RankSource};
use portal_domain::fiscal::FiscalYear;
use portal_domain::ledger::EntryKind;
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{body, ok_json, problem, TestApp};

#[tokio::test]
async fn r2_4_override_to_gold_for_the_current_year_grants_15_tickets_expiring_at_year_end() {
    let app = TestApp::spawn().await;
    let (_, staff) = app.staff(Role::Admin).await;
    let id = app.build_company("GOLDY").by(&staff).create().await;
    let (_, rep) = app.customer(Role::Member, id).await;
    let fy = FiscalYear::containing(app.now());
    let path = format!("/api/v1/admin/companies/{id}/rank-override");

    problem(
        app.post_json(&path, Some(&staff), &body::rank_override(fy, Rank::Gold, "  ")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    problem(
        app.post_json(&path, Some(&staff), &body::rank_override(FiscalYear(fy.0 - 1), Rank::Gold, "x")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    problem(
        app.post_json(&path, Some(&rep), &body::rank_override(fy, Rank::Gold, "x")).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    let after: CompanyOverview =
        ok_json(app.post_json(&path, Some(&staff), &body::rank_override(fy, Rank::Gold, "大型案件の受注")).await).await;
    assert_eq!((after.rank, after.rank_source, after.ticket_balance), (Rank::Gold, RankSource::Override, 15));

    let mine: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!((mine.rank, mine.ticket_balance, mine.free_trainings_left), (Rank::Gold, 15, 1));
    assert_eq!(mine.tickets_expire_at, Some(fy.end()));
    let history: LedgerPage = ok_json(app.get("/api/v1/company/tickets", Some(&rep)).await).await;
    assert_eq!(history.total, 1);
    assert_eq!(
        (history.items[0].kind, history.items[0].amount, history.items[0].balance_after),
        (EntryKind::Grant, 15, 15)
    );
    // The reason is stored as a kind and its parameters, and read in either language.
    let reason = &history.items[0].reason;
    assert_eq!(
        reason,
        &portal_domain::ledger::LedgerReason::RankOverride { rank: Rank::Gold, note: "大型案件の受注".into() }
    );
    assert_eq!(reason.text_ja(), "ランク変更（GOLD）: 大型案件の受注");
    assert_eq!(reason.text_en(), "Rank changed to GOLD: 大型案件の受注");

    // Up to PLATINUM tops up by the difference; down to SILVER removes the surplus, never below zero.
    let p: CompanyOverview =
        ok_json(app.post_json(&path, Some(&staff), &body::rank_override(fy, Rank::Platinum, "up")).await).await;
    assert_eq!(p.ticket_balance, 30);
    let adj = format!("/api/v1/admin/companies/{id}/ticket-adjustments");
    assert_eq!(
        app.post_json(&adj, Some(&staff), &body::adjust(-28, "used elsewhere")).await.status(),
        StatusCode::CREATED
    );
    let s: CompanyOverview =
        ok_json(app.post_json(&path, Some(&staff), &body::rank_override(fy, Rank::Silver, "down")).await).await;
    assert_eq!((s.rank, s.ticket_balance), (Rank::Silver, 0));

    // Overriding next year only records the rank; the tickets wait for its rollover.
    let n: CompanyOverview =
        ok_json(app.post_json(&path, Some(&staff), &body::rank_override(fy.next(), Rank::Gold, "next")).await).await;
    assert_eq!((n.rank, n.ticket_balance), (Rank::Silver, 0));
}

#[tokio::test]
async fn r2_1_company_list_sorts_platinum_first_then_by_name_and_filters() {
    let app = TestApp::spawn().await;
    let (_, staff) = app.staff(Role::Admin).await;
    let fy = FiscalYear::containing(app.now());
    let mut ids = Vec::new();
    for code in ["CCC", "AAA", "BBB", "DDD"] {
        ids.push(app.build_company(code).by(&staff).create().await);
    }
    for (id, rank) in [(ids[0], Rank::Platinum), (ids[2], Rank::Gold), (ids[3], Rank::Platinum)] {
        let path = format!("/api/v1/admin/companies/{id}/rank-override");
        assert_eq!(
            app.post_json(&path, Some(&staff), &body::rank_override(fy, rank, "test")).await.status(),
            StatusCode::OK
        );
    }
    let page: Value = ok_json(app.get("/api/v1/admin/companies?per_page=3", Some(&staff)).await).await;
    let codes: Vec<&str> = page["items"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["CCC", "DDD", "BBB"]);
    assert_eq!(page["total"], 4);
    assert_eq!(page["items"][0]["ticket_balance"], 30);
    let rest: Value = ok_json(app.get("/api/v1/admin/companies?per_page=3&page=2", Some(&staff)).await).await;
    assert_eq!(rest["items"][0]["code"], "AAA");
    assert_eq!(rest["items"][0]["rank"], "REGULAR");

    let gold: Value = ok_json(app.get("/api/v1/admin/companies?rank=gold", Some(&staff)).await).await;
    assert_eq!(gold["total"], 1);
    let named: Value = ok_json(app.get("/api/v1/admin/companies?q=ddd", Some(&staff)).await).await;
    assert_eq!(named["items"][0]["code"], "DDD");
    problem(
        app.get("/api/v1/admin/companies?rank=DIAMOND", Some(&staff)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn r2_4_override_after_a_downgrade_gold_silver_gold_restores_the_full_gold_grant() {
    let app = TestApp::spawn().await;
    let (_, staff) = app.staff(Role::Admin).await;
    let id = app.build_company("YOYO").by(&staff).create().await;
    let fy = FiscalYear::containing(app.now());
    let path = format!("/api/v1/admin/companies/{id}/rank-override");
    let set = |rank: Rank| body::rank_override(fy, rank, "契約見直し");
    let mut balances = Vec::new();
    for rank in [Rank::Gold, Rank::Silver, Rank::Gold] {
        let o: CompanyOverview = ok_json(app.post_json(&path, Some(&staff), &set(rank)).await).await;
        balances.push(o.ticket_balance);
    }
    assert_eq!(balances, [15, 5, 15]);
    // Used tickets stay used: GOLD with 12 used, down to SILVER (nothing left to withdraw beyond
    // the 3 held), back to GOLD: 15 - 12 = 3.
    let adj = format!("/api/v1/admin/companies/{id}/ticket-adjustments");
    let _: Value = ok_json(app.post_json(&adj, Some(&staff), &body::adjust(-12, "利用")).await).await;
    let o: CompanyOverview = ok_json(app.post_json(&path, Some(&staff), &set(Rank::Silver)).await).await;
    assert_eq!(o.ticket_balance, 0);
    let o: CompanyOverview = ok_json(app.post_json(&path, Some(&staff), &set(Rank::Gold)).await).await;
    assert_eq!(o.ticket_balance, 3);
    let history: LedgerPage =
        ok_json(app.get(&format!("/api/v1/admin/companies/{id}/tickets"), Some(&staff)).await).await;
    assert!(
        history.items.iter().any(|e| e.kind == EntryKind::Withdraw),
        "a downgrade withdraws, it is not an adjustment"
    );
}

async fn import_csv(app: &TestApp, token: &str, csv: String) -> portal_domain::company::ImportReport {
    let res = app
        .http
        .post(app.url("/api/v1/admin/transactions/import"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    ok_json(res).await
}

#[tokio::test]
async fn r2_4_history_imported_after_onboarding_recomputes_a_computed_rank_but_never_an_override() {
    let app = TestApp::spawn().await;
    let (_, staff) = app.staff(Role::Admin).await;
    let late = app.build_company("LATEHIST").by(&staff).create().await;
    let kept = app.build_company("KEPT").by(&staff).create().await;
    let fy = FiscalYear::containing(app.now());
    let path = format!("/api/v1/admin/companies/{kept}/rank-override");
    let _: Value =
        ok_json(app.post_json(&path, Some(&staff), &body::rank_override(fy, Rank::Bronze, "特約")).await).await;
    let (_, rep) = app.customer(Role::Member, late).await;
    let before: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!((before.rank, before.rank_source, before.ticket_balance), (Rank::Regular, RankSource::Onboarding, 0));

    // Calendar year N-1: 12 × 1,000,000 = 12,000,000 yen → GOLD for both companies by volume.
    let mut csv = String::from("company_code,year_month,amount_yen\n");
    for m in 1..=12 {
        csv += &format!("LATEHIST,{}-{m:02},1000000\nKEPT,{}-{m:02},1000000\n", fy.volume_year(), fy.volume_year());
    }
    let report = import_csv(&app, &staff, csv).await;
    assert_eq!(report.ranks_recomputed, 1, "only the computed rank is decided again");
    let after: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!((after.rank, after.rank_source, after.ticket_balance), (Rank::Gold, RankSource::Computed, 15));
    assert_eq!(after.rank_volume_yen, Some(12_000_000), "the customer sees the volume that decided the rank");
    let d: Value = ok_json(app.get(&format!("/api/v1/admin/companies/{kept}"), Some(&staff)).await).await;
    assert_eq!(d["overview"]["rank"], "BRONZE", "an override always wins");

    // Corrections: still GOLD changes nothing; down to zero settles the tickets down again.
    let y = fy.volume_year();
    let report =
        import_csv(&app, &staff, format!("company_code,year_month,amount_yen\nLATEHIST,{y}-01,2000000\n")).await;
    assert_eq!(report.ranks_recomputed, 0, "13,000,000 is still GOLD");
    let mut zero = String::from("company_code,year_month,amount_yen\n");
    for m in 1..=12 {
        zero += &format!("LATEHIST,{y}-{m:02},0\n");
    }
    assert_eq!(import_csv(&app, &staff, zero).await.ranks_recomputed, 1);
    let after: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!((after.rank, after.ticket_balance, after.rank_volume_yen), (Rank::Regular, 0, Some(0)));
    let audit: Value = ok_json(app.get("/api/v1/admin/audit?action=company.rank_recomputed", Some(&staff)).await).await;
    assert_eq!(audit["total"], 3, "each change of the deciding volume is audited, rank changed or not");
    assert_eq!(audit["items"][0]["after"]["reason"], "transactions.import");
}
