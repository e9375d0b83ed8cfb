//! Time is an input: the real server, started at a chosen instant, across the end of a fiscal
//! year (March 31 24:00 JST = 15:00 UTC). R2.5, R3.1 and the window before the rollover (issue 6 §4.5).

use chrono::{DateTime, Utc};
use portal_db::entities::ticket_ledger;
use portal_domain::company::{CompanyOverview, CompanyPage, LedgerEntryView};
use portal_domain::fiscal::FiscalYear;
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

use crate::helpers::{body, ok_json, TestApp};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

async fn ledger_rows(app: &TestApp, company: uuid::Uuid) -> Vec<(String, i32, i32)> {
    ticket_ledger::Entity::find()
        .filter(ticket_ledger::Column::CompanyId.eq(company))
        .order_by_asc(ticket_ledger::Column::Seq)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.kind.as_str().to_owned(), r.amount, r.fiscal_year))
        .collect()
}

#[tokio::test]
async fn an_adjustment_at_the_last_second_of_fy2026_lands_in_fy2026_and_one_a_second_later_in_fy2027() {
    let app = TestApp::spawn_at(at("2027-03-31T14:50:00Z")).await;
    let (mut admin, _) = app.staff(Role::Admin).await;
    let id = app.build_company("EDGE").by(&app.sign_in(&mut admin).await.access_token).create().await;
    let adjust = |amount: i32| body::adjust(amount, "年度末の調整");
    let path = format!("/api/v1/admin/companies/{id}/ticket-adjustments");

    app.clock.set(at("2027-03-31T14:59:59Z"));
    let token = app.sign_in(&mut admin).await.access_token;
    let e: LedgerEntryView = ok_json(app.post_json(&path, Some(&token), &adjust(3)).await).await;
    assert_eq!((e.fiscal_year, e.expires_at), (FiscalYear(2026), Some(FiscalYear(2026).end())));

    // April 1 00:00:00 JST: the scheduler has not run (it is off here); the write rolls the company
    // over first, so FY2026's tickets expire and the adjustment opens FY2027.
    app.clock.set(at("2027-03-31T15:00:00Z"));
    let token = app.sign_in(&mut admin).await.access_token;
    let e: LedgerEntryView = ok_json(app.post_json(&path, Some(&token), &adjust(2)).await).await;
    assert_eq!((e.fiscal_year, e.expires_at), (FiscalYear(2027), Some(FiscalYear(2027).end())));
    assert_eq!(e.balance_after, 2);
    assert_eq!(
        ledger_rows(&app, id).await,
        [("adjust".into(), 3, 2026), ("expire".into(), -3, 2026), ("adjust".into(), 2, 2027)]
    );
}

#[tokio::test]
async fn between_midnight_and_the_rollover_customers_and_staff_see_last_years_rank_marked_pending() {
    // Onboarded at 23:30 JST on March 31, made GOLD for FY2026.
    let app = TestApp::spawn_at(at("2027-03-31T14:30:00Z")).await;
    let (mut admin, admin_token) = app.staff(Role::Admin).await;
    let id = app.build_company("LATE").by(&admin_token).create().await;
    let path = format!("/api/v1/admin/companies/{id}/rank-override");
    let o: CompanyOverview = ok_json(
        app.post_json(&path, Some(&admin_token), &body::rank_override(FiscalYear(2026), Rank::Gold, "契約")).await,
    )
    .await;
    assert_eq!(
        (o.fiscal_year, o.rank, o.ticket_balance, o.rollover_pending),
        (FiscalYear(2026), Rank::Gold, 15, false)
    );
    let (mut member, _) = app.customer(Role::Member, id).await;

    // 00:00:30 JST: the new year has begun, its rollover has not reached the company yet.
    app.clock.set(at("2027-03-31T15:00:30Z"));
    let member_token = app.sign_in(&mut member).await.access_token;
    let mine: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&member_token)).await).await;
    assert_eq!((mine.fiscal_year, mine.rank, mine.ticket_balance), (FiscalYear(2026), Rank::Gold, 15));
    assert_eq!(mine.tickets_expire_at, Some(FiscalYear(2026).end()));
    assert!(mine.rollover_pending, "the page says the yearly update is pending");
    let admin_token = app.sign_in(&mut admin).await.access_token;
    let list: CompanyPage = ok_json(app.get("/api/v1/admin/companies?q=LATE", Some(&admin_token)).await).await;
    assert_eq!(list.items[0].rank, Rank::Gold, "the staff list shows the rank in force, not REGULAR");

    // The rollover at 00:00 JST decides FY2027 from calendar 2026 (no volume: REGULAR).
    let r = app.post_json("/api/v1/admin/jobs/rollover", Some(&admin_token), &body::rollover(FiscalYear(2027))).await;
    assert_eq!(r.status(), StatusCode::OK);
    let mine: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&member_token)).await).await;
    assert_eq!((mine.fiscal_year, mine.rank, mine.ticket_balance), (FiscalYear(2027), Rank::Regular, 0));
    assert!(!mine.rollover_pending);
    assert_eq!(ledger_rows(&app, id).await, [("grant".into(), 15, 2026), ("expire".into(), -15, 2026)]);
}

#[tokio::test]
async fn r2_5_the_scheduler_runs_at_midnight_jst_and_retries_until_every_company_is_rolled_over() {
    let app = TestApp::spawn_at_with(at("2027-03-31T14:30:00Z"), |s| s.scheduler = true).await;
    let mut runs = app.scheduler.clone().expect("scheduler on").runs;
    // The start-up run (FY2026, nothing to do) schedules the next one for April 1 00:00 JST.
    let first = runs.wait_for(|r| r.is_some()).await.unwrap().clone().unwrap();
    assert_eq!((first.fiscal_year, first.complete, first.next_at), (2026, true, at("2027-03-31T15:00:00Z")));

    let (_, admin) = app.staff(Role::Admin).await;
    let id = app.build_company("SCHED").by(&admin).create().await;
    // The database loses its rank thresholds: the midnight run cannot decide ranks and fails.
    let saved = portal_db::entities::rank_threshold::Entity::find().all(&app.db).await.unwrap();
    portal_db::entities::rank_threshold::Entity::delete_many().exec(&app.db).await.unwrap();
    app.clock.set(at("2027-03-31T15:00:00Z"));
    let failed = runs.wait_for(|r| r.as_ref().is_some_and(|r| r.fiscal_year == 2027)).await.unwrap().clone().unwrap();
    assert!(!failed.complete);
    assert_eq!(failed.next_at, at("2027-03-31T15:01:00Z"), "first retry after a minute");

    // Thresholds back; the retry a minute later rolls the company over.
    for m in saved {
        let active: portal_db::entities::rank_threshold::ActiveModel = m.into();
        sea_orm::ActiveModelTrait::insert(sea_orm::ActiveModelTrait::reset_all(active), &app.db).await.unwrap();
    }
    app.clock.set(at("2027-03-31T15:01:00Z"));
    let done = runs
        .wait_for(|r| r.as_ref().is_some_and(|r| r.complete && r.fiscal_year == 2027))
        .await
        .unwrap()
        .clone()
        .unwrap();
    assert_eq!(done.next_at, at("2028-03-31T15:00:00Z"), "then the next April 1");
    let rows = ledger_rows(&app, id).await;
    assert!(rows.is_empty(), "REGULAR both years: nothing granted, nothing to expire: {rows:?}");
    let pending = portal_app::rollover::pending(&app.db, FiscalYear(2027)).await.unwrap();
    assert_eq!(pending, 0);
}

async fn readiness(app: &TestApp) -> Value {
    app.get("/readyz", None).await.json::<Value>().await.unwrap()["rollover"].clone()
}

#[tokio::test]
async fn r2_5_readiness_says_when_the_yearly_rollover_is_overdue() {
    let app = TestApp::spawn_at(at("2027-03-31T14:00:00Z")).await;
    let (_, admin) = app.staff(Role::Admin).await;
    app.build_company("DUE").by(&admin).create().await;
    assert_eq!(readiness(&app).await, json!({"fiscal_year": 2026, "pending_companies": 0, "overdue": false}));
    // No scheduler here: ten minutes into April 1 the company is pending, not yet overdue …
    app.clock.set(at("2027-03-31T15:10:00Z"));
    assert_eq!(readiness(&app).await, json!({"fiscal_year": 2027, "pending_companies": 1, "overdue": false}));
    // … and twenty minutes in, overdue.
    app.clock.set(at("2027-03-31T15:20:00Z"));
    assert_eq!(readiness(&app).await, json!({"fiscal_year": 2027, "pending_companies": 1, "overdue": true}));
}
