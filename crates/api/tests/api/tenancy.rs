//! Tenant isolation: a user of company A reaches nothing of company B.

use portal_db::queries::{aws_accounts, CompanyScope};
use portal_domain::company::{AwsAccountView, CompanyOverview, LedgerPage, LinkAwsAccountRequest};
use portal_domain::fiscal::FiscalYear;
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{body, ok_json, problem, TestApp};

#[tokio::test]
async fn a_user_of_company_a_gets_404_for_every_company_b_resource() {
    let app = TestApp::spawn().await;
    let a = app.company("AAA", "A 株式会社").await;
    let b = app.company("BBB", "B 株式会社").await;
    let (_, staff) = app.staff(Role::Admin).await;
    let fy = FiscalYear::containing(app.now());
    for id in [a, b] {
        let path = format!("/api/v1/admin/companies/{id}/rank-override");
        assert_eq!(
            app.post_json(&path, Some(&staff), &body::rank_override(fy, Rank::Gold, "t")).await.status(),
            StatusCode::OK
        );
    }
    let link = |id| format!("/api/v1/admin/companies/{id}/aws-accounts");
    let b_account: AwsAccountView =
        ok_json(app.post_json(&link(b), Some(&staff), &body::aws_account("1111-2222-3333", "B prod", true)).await)
            .await;
    assert_eq!(b_account.account_id, "111122223333");

    let (a_rep_user, a_rep) = app.customer(Role::Representative, a).await;
    let (_, b_rep) = app.customer(Role::Member, b).await;
    let b_history: LedgerPage = ok_json(app.get("/api/v1/company/tickets", Some(&b_rep)).await).await;
    let b_entry = b_history.items[0].id;

    // A sees only A.
    let mine: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&a_rep)).await).await;
    assert_eq!(mine.id, a);
    assert!(mine.aws_accounts.is_empty());
    let a_history: LedgerPage = ok_json(app.get("/api/v1/company/tickets", Some(&a_rep)).await).await;
    assert!(a_history.items.iter().all(|e| e.id != b_entry));
    let accounts: Vec<AwsAccountView> = ok_json(app.get("/api/v1/company/aws-accounts", Some(&a_rep)).await).await;
    assert!(accounts.is_empty());

    // Every B resource by id: not found, exactly as if it did not exist.
    for path in [format!("/api/v1/company/aws-accounts/{}", b_account.id), format!("/api/v1/company/tickets/{b_entry}")]
    {
        problem(app.get(&path, Some(&a_rep)).await, StatusCode::NOT_FOUND, "not_found").await;
        assert_eq!(app.get(&path, Some(&b_rep)).await.status(), StatusCode::OK, "{path} exists for B");
    }
    // Staff routes that name B are closed to customers.
    for path in [format!("/api/v1/admin/companies/{b}"), format!("/api/v1/admin/companies/{b}/tickets")] {
        problem(app.get(&path, Some(&a_rep)).await, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let adj = format!("/api/v1/admin/companies/{b}/ticket-adjustments");
    problem(app.post_json(&adj, Some(&a_rep), &body::adjust(-1, "x")).await, StatusCode::FORBIDDEN, "forbidden").await;
    let csv = app.get("/api/v1/company/tickets.csv", Some(&a_rep)).await.text().await.unwrap();
    assert_eq!(csv.lines().count(), 2, "header and A's one grant: {csv}");

    // The scoped query itself refuses B's row under A's scope.
    let a_user = portal_db::queries::users::find(&app.db, a_rep_user.id).await.unwrap().unwrap();
    let a_scope = CompanyScope::of_customer(&a_user).expect("a customer has a scope");
    assert!(aws_accounts::get(&app.db, a_scope, b_account.id).await.unwrap().is_none());
    // Staff rows never yield a customer scope, and customers never a staff one.
    assert!(CompanyScope::for_staff(&a_user, b).is_none());

    // Staff have no company of their own.
    problem(app.get("/api/v1/company", Some(&staff)).await, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn r1_3_only_accounts_whose_root_we_hold_can_be_linked_and_only_once() {
    let app = TestApp::spawn().await;
    let a = app.company("AAA", "A 株式会社").await;
    let b = app.company("BBB", "B 株式会社").await;
    let (_, staff) = app.staff(Role::Csm).await;
    let link = |id| format!("/api/v1/admin/companies/{id}/aws-accounts");
    let p = problem(
        app.post_json(&link(a), Some(&staff), &body::aws_account("12345", "", false)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let codes: Vec<&str> = p.errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["invalid_aws_account_id", "required", "root_not_held"]);
    let ok = LinkAwsAccountRequest { under_maintenance: true, ..body::aws_account("123456789012", "本番", true) };
    let v: AwsAccountView = ok_json(app.post_json(&link(a), Some(&staff), &ok).await).await;
    assert_eq!(v.report_channel, portal_domain::company::ReportChannel::Backlog);
    problem(app.post_json(&link(b), Some(&staff), &ok).await, StatusCode::CONFLICT, "aws_account_taken").await;
    let missing = link(uuid::Uuid::new_v4());
    let fine = body::aws_account("999999999999", "x", true);
    problem(app.post_json(&missing, Some(&staff), &fine).await, StatusCode::NOT_FOUND, "not_found").await;
}

/// Issue 6 §6: the hot read path costs few statements (the session and its user in one, the company
/// page in two more, a ticket page with its total in one more).
#[tokio::test]
async fn the_company_page_and_a_ticket_page_cost_three_and_two_sql_statements() {
    let app = TestApp::spawn().await;
    let a = app.company("SQLS", "計数 株式会社").await;
    let (_, rep) = app.customer(Role::Representative, a).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let adj = format!("/api/v1/admin/companies/{a}/ticket-adjustments");
    assert_eq!(app.post_json(&adj, Some(&admin), &body::adjust(2, "x")).await.status(), StatusCode::CREATED);
    let sql = || async {
        let text = app.get("/metrics", None).await.text().await.unwrap();
        text.lines().find_map(|l| l.strip_prefix("portal_sql_statements_total ")).unwrap().parse::<u64>().unwrap()
    };
    for (path, expected) in [("/api/v1/company", 3), ("/api/v1/company/tickets?page=1", 2)] {
        let before = sql().await;
        let res = app.get(path, Some(&rep)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(sql().await - before, expected, "{path}");
    }
}

/// Issue 6 §3: closed sets are stored as active enums; a value the code does not know is an
/// error when read (500, logged), never silently REGULAR or an adjustment.
#[tokio::test]
async fn a_stored_rank_or_kind_the_code_does_not_know_is_an_error_not_a_default() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    let a = app.company("ODD", "異常 株式会社").await;
    let (_, rep) = app.customer(Role::Representative, a).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let adj = format!("/api/v1/admin/companies/{a}/ticket-adjustments");
    assert_eq!(app.post(&adj, Some(&admin), json!({"amount": 2, "reason": "x"})).await.status(), StatusCode::CREATED);
    assert_eq!(app.get("/api/v1/company", Some(&rep)).await.status(), StatusCode::OK);

    app.db.execute_unprepared("UPDATE company_years SET rank = 'DIAMOND'").await.unwrap();
    problem(app.get("/api/v1/company", Some(&rep)).await, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
    app.db.execute_unprepared("UPDATE ticket_ledger SET kind = 'gift'").await.unwrap();
    problem(app.get("/api/v1/company/tickets", Some(&rep)).await, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
}
