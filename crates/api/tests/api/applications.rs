//! Issue 9: applying for option services and working the applications (R3.3, R4.2–R4.6, R6.5).

use portal_domain::company::CompanyOverview;
use portal_domain::services::{ApplicationQueue, ApplicationState, ApplicationView, ServiceList};
use portal_domain::{Rank, Role};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{ok_json, problem, TestApp};

const ACCOUNT: &str = "123456789012";

async fn post_with_key(app: &TestApp, token: &str, key: Option<&str>, body: &Value) -> Response {
    let mut req = app.http.post(app.url("/api/v1/company/applications")).bearer_auth(token).json(body);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    req.send().await.unwrap()
}

async fn balance(app: &TestApp, token: &str) -> i32 {
    let c: CompanyOverview = ok_json(app.get("/api/v1/company", Some(token)).await).await;
    c.ticket_balance
}

fn lite() -> Value {
    json!({ "service_code": "cost-consulting-lite", "aws_account_id": ACCOUNT, "notes": "月末に打ち合わせ希望" })
}

#[tokio::test]
async fn r4_3_a_gold_representative_applies_and_the_balance_falls_by_the_cost_once_per_key() {
    let app = TestApp::spawn().await;
    let company = app.build_company("APPLY").rank(Rank::Gold).tickets(15).aws_account(ACCOUNT).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;

    let list: ServiceList = ok_json(app.get("/api/v1/services", Some(&rep)).await).await;
    let s = list.items.iter().find(|s| s.code == "cost-consulting-lite").unwrap();
    assert_eq!((s.unavailable, s.balance_after, list.balance), (None, Some(10), Some(15)));

    let res = post_with_key(&app, &rep, Some("form-1"), &lite()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let a: ApplicationView = res.json().await.unwrap();
    assert_eq!(
        (a.state, a.ticket_cost, a.service_code.as_str()),
        (ApplicationState::Submitted, 5, "cost-consulting-lite")
    );
    assert_eq!(a.aws_account_id.as_deref(), Some(ACCOUNT));
    assert!(a.customer_may_cancel);
    assert_eq!(balance(&app, &rep).await, 10);

    // The same submission again (a retry): the first answer, no second application.
    let res = post_with_key(&app, &rep, Some("form-1"), &lite()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let again: ApplicationView = res.json().await.unwrap();
    assert_eq!(again.id, a.id);
    assert_eq!(balance(&app, &rep).await, 10);
    // The same key with another request is a mistake, said as such.
    let other = json!({ "service_code": "account-diagnosis", "aws_account_id": ACCOUNT });
    let p = problem(
        post_with_key(&app, &rep, Some("form-1"), &other).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].code, "idempotency_key_reused");

    // A member sees the company's applications but may not apply or cancel (R4.3).
    let (_, member) = app.customer(Role::Member, company).await;
    problem(post_with_key(&app, &member, None, &lite()).await, StatusCode::FORBIDDEN, "forbidden").await;
    let page: portal_domain::services::ApplicationPage =
        ok_json(app.get("/api/v1/company/applications", Some(&member)).await).await;
    assert_eq!(page.total, 1);
    let cancel = app.post(&format!("/api/v1/company/applications/{}/cancel", a.id), Some(&member), json!({})).await;
    problem(cancel, StatusCode::FORBIDDEN, "forbidden").await;

    // A per-account service needs one of the company's own accounts.
    let wrong = json!({ "service_code": "cost-consulting-lite", "aws_account_id": "999999999999" });
    let p =
        problem(post_with_key(&app, &rep, None, &wrong).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
            .await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("aws_account_id", "aws_account_not_linked"));
}

#[tokio::test]
async fn r4_6_cancel_while_submitted_refunds_and_staff_walk_every_state_with_a_timeline() {
    let app = TestApp::spawn().await;
    let company = app.build_company("WALK").rank(Rank::Gold).tickets(15).aws_account(ACCOUNT).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let (_, csm) = app.staff(Role::Csm).await;

    let first: ApplicationView = ok_json(post_with_key(&app, &rep, None, &lite()).await).await;
    assert_eq!(balance(&app, &rep).await, 10);
    let cancelled: ApplicationView =
        ok_json(app.post(&format!("/api/v1/company/applications/{}/cancel", first.id), Some(&rep), json!({})).await)
            .await;
    assert_eq!(cancelled.state, ApplicationState::Cancelled);
    assert_eq!(balance(&app, &rep).await, 15, "the tickets are back");
    let p = problem(
        app.post(&format!("/api/v1/company/applications/{}/cancel", first.id), Some(&rep), json!({})).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    assert!(p.detail.unwrap().contains("cancelled"));

    let a: ApplicationView = ok_json(post_with_key(&app, &rep, None, &lite()).await).await;
    let step = |action: &'static str| {
        let url = format!("/api/v1/admin/applications/{}/transitions", a.id);
        let csm = csm.clone();
        let app = &app;
        async move { app.post(&url, Some(&csm), json!({ "action": action })).await }
    };
    let accepted: ApplicationView = ok_json(step("accept").await).await;
    assert!(!accepted.customer_may_cancel);
    let p = problem(
        app.post(&format!("/api/v1/company/applications/{}/cancel", a.id), Some(&rep), json!({})).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    assert!(p.detail.unwrap().contains("accepted"), "the answer names the current state");
    for action in ["schedule", "start"] {
        let _: ApplicationView = ok_json(step(action).await).await;
    }
    // Rejecting once work has started is not allowed; the answer says where it stands.
    let res = app
        .post(
            &format!("/api/v1/admin/applications/{}/transitions", a.id),
            Some(&csm),
            json!({ "action": "reject", "note": "x" }),
        )
        .await;
    let p = problem(res, StatusCode::CONFLICT, "invalid_transition").await;
    assert!(p.detail.unwrap().contains("in_progress"));
    for action in ["report", "complete"] {
        let _: ApplicationView = ok_json(step(action).await).await;
    }
    let done: ApplicationView =
        ok_json(app.get(&format!("/api/v1/company/applications/{}", a.id), Some(&rep)).await).await;
    assert_eq!(done.state, ApplicationState::Completed);
    let states: Vec<ApplicationState> = done.timeline.iter().map(|e| e.to_state).collect();
    use ApplicationState as S;
    assert_eq!(states, [S::Submitted, S::Accepted, S::Scheduled, S::InProgress, S::Reported, S::Completed]);
    assert!(done.timeline[1..].iter().all(|e| e.actor.starts_with("csm-")), "{:?}", done.timeline);
    assert_eq!(balance(&app, &rep).await, 10, "completed work keeps its tickets");

    // Rejecting needs a reason, and refunds.
    let b: ApplicationView = ok_json(post_with_key(&app, &rep, None, &lite()).await).await;
    let url = format!("/api/v1/admin/applications/{}/transitions", b.id);
    let p = problem(
        app.post(&url, Some(&csm), json!({ "action": "reject" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "note");
    let rejected: ApplicationView =
        ok_json(app.post(&url, Some(&csm), json!({ "action": "reject", "note": "対象外の構成です" })).await).await;
    assert_eq!(rejected.state, ApplicationState::Rejected);
    assert_eq!(rejected.timeline.last().unwrap().note.as_deref(), Some("対象外の構成です"));
    assert_eq!(balance(&app, &rep).await, 10);
    // Staff do not cancel for the customer.
    problem(
        app.post(&url, Some(&csm), json!({ "action": "cancel" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn r4_4_web_vuln_lite_needs_the_hearing_sheet_20_business_days_out_and_cannot_be_cancelled() {
    // Monday 2026-04-20, 10:00 JST: 20 business days later is Friday 2026-05-22 (Golden Week between).
    let app = TestApp::spawn_at("2026-04-20T01:00:00Z".parse().unwrap()).await;
    let company = app.build_company("VULN").rank(Rank::Gold).tickets(30).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let sheet = |start: &str, actions: u32| {
        json!({ "service_code": "web-vuln-lite", "hearing_sheet": {
            "target": "https://shop.example.jp", "actions": actions, "window_start": start, "window_end": "2026-06-30",
            "pre_work": "検証環境とテスト用アカウントを用意します" } })
    };
    let p = problem(
        post_with_key(&app, &rep, None, &json!({ "service_code": "web-vuln-lite" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "hearing_sheet");
    let p = problem(
        post_with_key(&app, &rep, None, &sheet("2026-05-21", 10)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        (p.errors[0].field.as_str(), p.errors[0].code.as_str()),
        ("hearing_sheet.window_start", "lead_time_too_short")
    );
    assert!(p.errors[0].message.contains("2026-05-22"), "{:?}", p.errors[0]);
    let p = problem(
        post_with_key(&app, &rep, None, &sheet("2026-05-22", 16)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].code, "too_many_actions");
    assert_eq!(balance(&app, &rep).await, 30, "nothing spent on refused applications");

    let a: ApplicationView = ok_json(post_with_key(&app, &rep, None, &sheet("2026-05-22", 15)).await).await;
    assert!(!a.customer_may_cancel);
    assert_eq!(a.hearing_sheet.as_ref().unwrap().actions, 15);
    let p = problem(
        app.post(&format!("/api/v1/company/applications/{}/cancel", a.id), Some(&rep), json!({})).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    assert!(p.detail.unwrap().contains("cannot be cancelled"));
    assert_eq!(balance(&app, &rep).await, 20);
}

#[tokio::test]
async fn r4_2_a_service_the_rank_may_not_buy_a_paused_one_or_one_too_dear_is_refused_with_its_reason() {
    let app = TestApp::spawn().await;
    let company = app.build_company("SILV").rank(Rank::Silver).tickets(3).aws_account(ACCOUNT).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let (_, admin) = app.staff(Role::Admin).await;

    let list: ServiceList = ok_json(app.get("/api/v1/services", Some(&rep)).await).await;
    let why =
        |code: &str| serde_json::to_value(list.items.iter().find(|s| s.code == code).unwrap().unavailable).unwrap();
    assert_eq!(why("cost-consulting"), json!({ "reason": "rank_not_allowed", "rank": "SILVER" }));
    assert_eq!(why("account-diagnosis"), json!({ "reason": "insufficient_tickets", "balance": 3, "cost": 5 }));

    let env = json!({ "service_code": "cost-consulting" });
    problem(post_with_key(&app, &rep, None, &env).await, StatusCode::CONFLICT, "service_not_for_rank").await;
    let diag = json!({ "service_code": "account-diagnosis", "aws_account_id": ACCOUNT });
    problem(post_with_key(&app, &rep, None, &diag).await, StatusCode::CONFLICT, "insufficient_tickets").await;

    let res = app
        .put("/api/v1/admin/services/account-diagnosis", Some(&admin), json!({ "status": "paused", "ticket_cost": 2 }))
        .await;
    let _: portal_domain::services::ServiceView = ok_json(res).await;
    problem(post_with_key(&app, &rep, None, &diag).await, StatusCode::CONFLICT, "service_not_offered").await;
    let res = app.put("/api/v1/admin/services/account-diagnosis", Some(&admin), json!({ "status": "active" })).await;
    let _: portal_domain::services::ServiceView = ok_json(res).await;
    let a: ApplicationView = ok_json(post_with_key(&app, &rep, None, &diag).await).await;
    assert_eq!(a.ticket_cost, 2, "the terms of the day");

    // The terms stay with the application when the catalogue changes.
    let res = app.put("/api/v1/admin/services/account-diagnosis", Some(&admin), json!({ "ticket_cost": 7 })).await;
    let _: portal_domain::services::ServiceView = ok_json(res).await;
    let cancelled: ApplicationView =
        ok_json(app.post(&format!("/api/v1/company/applications/{}/cancel", a.id), Some(&rep), json!({})).await).await;
    assert_eq!(cancelled.ticket_cost, 2);
    assert_eq!(balance(&app, &rep).await, 3);

    // Only admins change the catalogue; the change is audited.
    let (_, csm) = app.staff(Role::Csm).await;
    problem(
        app.put("/api/v1/admin/services/account-diagnosis", Some(&csm), json!({ "ticket_cost": 1 })).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let audit: portal_domain::company::AuditPage =
        ok_json(app.get("/api/v1/admin/audit?action=service.update", Some(&admin)).await).await;
    assert_eq!(audit.total, 3);
}

#[tokio::test]
async fn r3_3_of_100_concurrent_applications_of_1_ticket_at_a_company_holding_30_exactly_30_succeed() {
    let app = TestApp::spawn().await;
    let company = app.build_company("RACE").rank(Rank::Gold).tickets(30).aws_account(ACCOUNT).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let res = app.put("/api/v1/admin/services/account-diagnosis", Some(&admin), json!({ "ticket_cost": 1 })).await;
    let _: portal_domain::services::ServiceView = ok_json(res).await;

    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let (http, url, token) = (app.http.clone(), app.url("/api/v1/company/applications"), rep.clone());
        tasks.spawn(async move {
            let body = json!({ "service_code": "account-diagnosis", "aws_account_id": ACCOUNT });
            let res = http.post(url).bearer_auth(token).json(&body).send().await.unwrap();
            let status = res.status();
            let code = res.json::<Value>().await.ok().and_then(|v| v["code"].as_str().map(str::to_owned));
            (status, code)
        });
    }
    let mut outcomes = Vec::new();
    while let Some(o) = tasks.join_next().await {
        outcomes.push(o.unwrap());
    }
    let created = outcomes.iter().filter(|(s, _)| *s == StatusCode::CREATED).count();
    let refused = outcomes
        .iter()
        .filter(|(s, c)| *s == StatusCode::CONFLICT && c.as_deref() == Some("insufficient_tickets"))
        .count();
    assert_eq!((created, refused), (30, 70), "{outcomes:?}");
    assert_eq!(balance(&app, &rep).await, 0);
    let page: portal_domain::services::ApplicationPage =
        ok_json(app.get("/api/v1/company/applications?per_page=100", Some(&rep)).await).await;
    assert_eq!(page.total, 30);
    // The ledger sums to the balance, entry by entry.
    let ledger: portal_domain::company::LedgerPage =
        ok_json(app.get("/api/v1/company/tickets?per_page=100", Some(&rep)).await).await;
    assert_eq!(ledger.items.iter().map(|e| e.amount).sum::<i32>(), 0);
    assert_eq!(ledger.items.iter().filter(|e| e.amount == -1).count(), 30);
}

#[tokio::test]
async fn a_refund_after_the_year_ended_lapses_with_that_year_and_both_sides_see_it() {
    // 2027-03-31 18:00 JST: the last hours of FY2026.
    let app = TestApp::spawn_at("2027-03-31T09:00:00Z".parse().unwrap()).await;
    let company = app.build_company("LAPSE").rank(Rank::Gold).tickets(15).aws_account(ACCOUNT).create().await;
    let (mut rep_user, _) = app.customer(Role::Representative, company).await;
    let rep = app.sign_in(&mut rep_user).await.access_token;
    let a: ApplicationView = ok_json(post_with_key(&app, &rep, None, &lite()).await).await;
    app.clock.set("2027-04-01T01:00:00Z".parse().unwrap());
    let (_, csm) = app.staff(Role::Csm).await;
    let url = format!("/api/v1/admin/applications/{}/transitions", a.id);
    let rejected: ApplicationView =
        ok_json(app.post(&url, Some(&csm), json!({ "action": "reject", "note": "年度内に実施できません" })).await)
            .await;
    assert_eq!(rejected.state, ApplicationState::Rejected);

    let rep = app.sign_in(&mut rep_user).await.access_token;
    let ledger: portal_domain::company::LedgerPage =
        ok_json(app.get("/api/v1/company/tickets?per_page=100", Some(&rep)).await).await;
    let kinds: Vec<(String, i32, i32)> =
        ledger.items.iter().map(|e| (format!("{:?}", e.kind).to_lowercase(), e.amount, e.fiscal_year.0)).collect();
    // Newest first: the lapse, the refund into FY2026, then the new year's grant and FY2026's expiry.
    assert_eq!(kinds[0], ("expire".into(), -5, 2026), "{kinds:?}");
    assert_eq!(kinds[1], ("refund".into(), 5, 2026), "{kinds:?}");
    let c: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!(c.fiscal_year.0, 2027);
    // FY2027's rank comes from no imported volumes: REGULAR, no grant. The refund did not revive
    // FY2026's tickets.
    assert_eq!(c.ticket_balance, 0);
}

#[tokio::test]
async fn company_b_gets_404_for_every_application_of_company_a_and_the_staff_queue_puts_platinum_first() {
    let app = TestApp::spawn().await;
    let a = app.build_company("TENA").rank(Rank::Gold).tickets(15).aws_account(ACCOUNT).create().await;
    let b = app.build_company("TENB").rank(Rank::Platinum).tickets(15).aws_account("210987654321").create().await;
    let (_, rep_a) = app.customer(Role::Representative, a).await;
    let (_, rep_b) = app.customer(Role::Representative, b).await;
    let app_a: ApplicationView = ok_json(post_with_key(&app, &rep_a, Some("same-key"), &lite()).await).await;
    problem(
        app.get(&format!("/api/v1/company/applications/{}", app_a.id), Some(&rep_b)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.post(&format!("/api/v1/company/applications/{}/cancel", app_a.id), Some(&rep_b), json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let page: portal_domain::services::ApplicationPage =
        ok_json(app.get("/api/v1/company/applications", Some(&rep_b)).await).await;
    assert_eq!(page.total, 0);
    // Keys are per company: B's first use of the same key makes B's own application.
    let b_lite = json!({ "service_code": "cost-consulting-lite", "aws_account_id": "210987654321" });
    let res = post_with_key(&app, &rep_b, Some("same-key"), &b_lite).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let app_b: ApplicationView = res.json().await.unwrap();

    let (csm_user, csm) = app.staff(Role::Csm).await;
    let q: ApplicationQueue = ok_json(app.get("/api/v1/admin/applications", Some(&csm)).await).await;
    let order: Vec<_> = q.items.iter().map(|i| i.id).collect();
    assert_eq!(order, [app_b.id, app_a.id], "PLATINUM first though newer (R6.5)");
    problem(app.get("/api/v1/admin/applications", Some(&rep_a)).await, StatusCode::FORBIDDEN, "forbidden").await;

    // Assignment to a CSM, and the queue of one CSM.
    let assign = format!("/api/v1/admin/applications/{}/assignee", app_a.id);
    let p = problem(
        app.put(&assign, Some(&csm), json!({ "csm_id": app_b.company_id })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "csm_id");
    let assigned: ApplicationView = ok_json(app.put(&assign, Some(&csm), json!({ "csm_id": csm_user.id })).await).await;
    assert_eq!(assigned.assigned_csm.as_deref(), Some(csm_user.email.as_str()));
    let mine: ApplicationQueue =
        ok_json(app.get(&format!("/api/v1/admin/applications?csm={}", csm_user.id), Some(&csm)).await).await;
    assert_eq!(mine.items.iter().map(|i| i.id).collect::<Vec<_>>(), [app_a.id]);
    let filtered: ApplicationQueue =
        ok_json(app.get("/api/v1/admin/applications?service=account-diagnosis", Some(&csm)).await).await;
    assert!(filtered.items.is_empty());
}

#[tokio::test]
async fn r4_7_the_thread_carries_messages_both_ways_with_unread_counts_and_a_mail_to_the_other_side() {
    let app = TestApp::spawn().await;
    let company = app.build_company("THRD").rank(Rank::Gold).tickets(15).aws_account(ACCOUNT).create().await;
    let (rep_user, rep) = app.customer(Role::Representative, company).await;
    let (member_user, member) = app.customer(Role::Member, company).await;
    let (csm_user, csm) = app.staff(Role::Csm).await;
    let a: ApplicationView = ok_json(post_with_key(&app, &rep, None, &lite()).await).await;
    let _: ApplicationView = ok_json(
        app.post(
            &format!("/api/v1/admin/applications/{}/transitions", a.id),
            Some(&csm),
            json!({ "action": "accept" }),
        )
        .await,
    )
    .await;

    let customer_thread = format!("/api/v1/company/applications/{}/messages", a.id);
    let staff_thread = format!("/api/v1/admin/applications/{}/messages", a.id);
    problem(
        app.post(&customer_thread, Some(&member), json!({ "body": "  " })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let res =
        app.post(&customer_thread, Some(&member), json!({ "body": "打ち合わせの前に資料を共有できますか？" })).await;
    assert_eq!(res.status(), StatusCode::CREATED);

    let seen: ApplicationView =
        ok_json(app.get(&format!("/api/v1/admin/applications/{}", a.id), Some(&csm)).await).await;
    assert_eq!(seen.unread_messages, 1);
    let thread: portal_domain::services::MessageList = ok_json(app.get(&staff_thread, Some(&csm)).await).await;
    assert_eq!(thread.items.len(), 1);
    assert!(!thread.items[0].from_staff && thread.items[0].author == member_user.email);
    let seen: ApplicationView =
        ok_json(app.get(&format!("/api/v1/admin/applications/{}", a.id), Some(&csm)).await).await;
    assert_eq!(seen.unread_messages, 0, "read now");
    assert!(
        app.mails_to(&csm_user.email).iter().any(|m| m.contains("新しいメッセージ")),
        "the staff who worked it are told"
    );

    app.clock.advance(chrono::Duration::minutes(5));
    let res = app.post(&staff_thread, Some(&csm), json!({ "body": "はい、事前にお送りします。" })).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    for u in [&rep_user, &member_user] {
        assert!(app.mails_to(&u.email).iter().any(|m| m.contains("新しいメッセージ")), "{} is told", u.email);
    }
    let mine: ApplicationView =
        ok_json(app.get(&format!("/api/v1/company/applications/{}", a.id), Some(&rep)).await).await;
    assert_eq!(mine.unread_messages, 2, "both messages are the other side's for the representative");
    let thread: portal_domain::services::MessageList = ok_json(app.get(&customer_thread, Some(&rep)).await).await;
    assert_eq!(thread.items.iter().map(|m| m.from_staff).collect::<Vec<_>>(), [false, true]);
    let mine: ApplicationView =
        ok_json(app.get(&format!("/api/v1/company/applications/{}", a.id), Some(&rep)).await).await;
    assert_eq!(mine.unread_messages, 0);

    // Another company reaches nothing of it.
    let other = app.build_company("THRB").create().await;
    let (_, stranger) = app.customer(Role::Representative, other).await;
    problem(app.get(&customer_thread, Some(&stranger)).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.post(&customer_thread, Some(&stranger), json!({ "body": "x" })).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn staff_propose_times_inside_service_hours_and_the_customer_picks_one_which_schedules_it() {
    // Monday 2026-04-20, 10:00 JST.
    let app = TestApp::spawn_at("2026-04-20T01:00:00Z".parse().unwrap()).await;
    let company = app.build_company("SLOT").rank(Rank::Gold).tickets(15).aws_account(ACCOUNT).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let (_, csm) = app.staff(Role::Csm).await;
    let a: ApplicationView = ok_json(post_with_key(&app, &rep, None, &lite()).await).await;
    let slots_url = format!("/api/v1/admin/applications/{}/slots", a.id);
    // Tuesday 10:00–11:00 JST, and Wednesday 2026-04-29 (Shōwa Day) 14:00 JST.
    let tuesday = json!({ "starts_at": "2026-04-21T01:00:00Z", "ends_at": "2026-04-21T02:00:00Z" });
    let holiday = json!({ "starts_at": "2026-04-29T05:00:00Z", "ends_at": "2026-04-29T06:00:00Z" });
    let evening = json!({ "starts_at": "2026-04-22T09:30:00Z", "ends_at": "2026-04-22T10:30:00Z" });
    let thursday = json!({ "starts_at": "2026-04-23T05:00:00Z", "ends_at": "2026-04-23T06:00:00Z" });
    problem(
        app.post(&slots_url, Some(&csm), json!({ "slots": [tuesday] })).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    let _: ApplicationView = ok_json(
        app.post(
            &format!("/api/v1/admin/applications/{}/transitions", a.id),
            Some(&csm),
            json!({ "action": "accept" }),
        )
        .await,
    )
    .await;
    let p = problem(
        app.post(&slots_url, Some(&csm), json!({ "slots": [tuesday, holiday, evening] })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<(&str, &str)> = p.errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(
        fields,
        [("slots[1]", "outside_service_hours"), ("slots[2]", "outside_service_hours")],
        "a holiday and 18:30–19:30 JST are outside service hours"
    );
    let yesterday = json!({ "starts_at": "2026-04-17T01:00:00Z", "ends_at": "2026-04-17T02:00:00Z" });
    let p = problem(
        app.post(&slots_url, Some(&csm), json!({ "slots": [yesterday] })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("slots[0]", "time_in_past"));
    let proposed: ApplicationView =
        ok_json(app.post(&slots_url, Some(&csm), json!({ "slots": [tuesday, thursday] })).await).await;
    assert_eq!(proposed.slots.len(), 2);

    let pick = |slot: uuid::Uuid| format!("/api/v1/company/applications/{}/slots/{slot}/pick", a.id);
    let scheduled: ApplicationView = ok_json(app.post(&pick(proposed.slots[0].id), Some(&rep), json!({})).await).await;
    assert_eq!(scheduled.state, ApplicationState::Scheduled);
    assert_eq!(scheduled.timeline.last().unwrap().note.as_deref(), Some("2026-04-21 10:00 JST"));
    assert!(scheduled.slots[0].picked && !scheduled.slots[1].picked);
    problem(
        app.post(&pick(proposed.slots[1].id), Some(&rep), json!({})).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;

    let other = app.build_company("SLOB").create().await;
    let (_, stranger) = app.customer(Role::Representative, other).await;
    problem(
        app.post(&pick(proposed.slots[1].id), Some(&stranger), json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

/// A Backlog on loopback that records what it is sent and answers like Backlog's comment API.
async fn fake_backlog() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&buf).to_string();
                    if let Some((head, body)) = text.split_once("\r\n\r\n") {
                        let len = head
                            .lines()
                            .find_map(|l| {
                                l.to_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        if body.len() >= len {
                            let first = head.lines().next().unwrap_or_default().to_owned();
                            log.lock().unwrap().push(format!("{first}\n{body}"));
                            break;
                        }
                    }
                }
                let json = r#"{"id":4242,"content":"ok","created":"2026-11-27T09:00:00Z"}"#;
                let res = format!(
                    "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                    json.len()
                );
                let _ = sock.write_all(res.as_bytes()).await;
            });
        }
    });
    (url, seen)
}

#[tokio::test]
async fn r4_8_reports_go_to_backlog_for_accounts_under_maintenance_and_to_the_portal_thread_otherwise() {
    let (url, seen) = fake_backlog().await;
    let settings = portal_app::backlog::BacklogSettings::from_parts(
        &url,
        secrecy::SecretString::from("backlog-api-key-123".to_owned()),
    )
    .unwrap();
    let app = TestApp::spawn_with(move |s| s.backlog = Some(settings)).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let company = app.build_company("REPO").rank(Rank::Gold).tickets(15).aws_account(ACCOUNT).by(&admin).create().await;
    let link = json!({ "account_id": "210987654321", "display_name": "本番", "root_held_by_us": true, "under_maintenance": true });
    let res = app.post(&format!("/api/v1/admin/companies/{company}/aws-accounts"), Some(&admin), link).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let (_, rep) = app.customer(Role::Representative, company).await;
    let (_, csm) = app.staff(Role::Csm).await;

    let maintained: ApplicationView = ok_json(
        post_with_key(
            &app,
            &rep,
            None,
            &json!({ "service_code": "account-diagnosis", "aws_account_id": "210987654321" }),
        )
        .await,
    )
    .await;
    let plain: ApplicationView = ok_json(post_with_key(&app, &rep, None, &lite()).await).await;
    use portal_domain::services::{ReportChannel, ReportChannelReason};
    assert_eq!(
        (maintained.report_channel, maintained.report_channel_reason),
        (ReportChannel::Backlog, ReportChannelReason::UnderMaintenance)
    );
    assert_eq!(
        (plain.report_channel, plain.report_channel_reason),
        (ReportChannel::Portal, ReportChannelReason::NotUnderMaintenance)
    );

    for a in [&maintained, &plain] {
        for action in ["accept", "schedule", "start"] {
            let url = format!("/api/v1/admin/applications/{}/transitions", a.id);
            let _: ApplicationView = ok_json(app.post(&url, Some(&csm), json!({ "action": action })).await).await;
        }
    }
    // Backlog: the issue key is needed, the comment is posted, the thread says where it went.
    let report = format!("/api/v1/admin/applications/{}/report", maintained.id);
    let p = problem(
        app.post(&report, Some(&csm), json!({ "content": "診断結果です" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "backlog_issue_key");
    let reported: ApplicationView = ok_json(
        app.post(&report, Some(&csm), json!({ "content": "診断結果です", "backlog_issue_key": "CUST-12" })).await,
    )
    .await;
    assert_eq!(reported.state, ApplicationState::Reported);
    let requests = seen.lock().unwrap().clone();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].starts_with("POST /api/v2/issues/CUST-12/comments?apiKey="), "{requests:?}");
    assert!(requests[0].contains("content=%E8%A8%BA"), "the report, form-encoded: {requests:?}");
    let thread: portal_domain::services::MessageList =
        ok_json(app.get(&format!("/api/v1/company/applications/{}/messages", maintained.id), Some(&rep)).await).await;
    assert!(thread.items[0].body.contains("Backlog の CUST-12"), "{:?}", thread.items);

    // The portal: the report is the thread's message; Backlog is not called.
    let reported: ApplicationView = ok_json(
        app.post(
            &format!("/api/v1/admin/applications/{}/report", plain.id),
            Some(&csm),
            json!({ "content": "削減案をお送りします" }),
        )
        .await,
    )
    .await;
    assert_eq!(reported.state, ApplicationState::Reported);
    assert_eq!(seen.lock().unwrap().len(), 1);
    let thread: portal_domain::services::MessageList =
        ok_json(app.get(&format!("/api/v1/company/applications/{}/messages", plain.id), Some(&rep)).await).await;
    assert_eq!(thread.items[0].body, "削減案をお送りします");

    // account-diagnosis keeps its checklist (R4.5), ticked by staff, seen by the customer.
    let tick = format!("/api/v1/admin/applications/{}/checklist/diagnosis_role_created", maintained.id);
    let ticked: ApplicationView = ok_json(app.put(&tick, Some(&csm), json!({ "done": true })).await).await;
    assert_eq!(ticked.checklist.len(), 4);
    assert!(ticked.checklist[0].done_at.is_some() && ticked.checklist[1].done_at.is_none());
    let seen_by_customer: ApplicationView =
        ok_json(app.get(&format!("/api/v1/company/applications/{}", maintained.id), Some(&rep)).await).await;
    assert_eq!(seen_by_customer.checklist, ticked.checklist);
    let not_diag = format!("/api/v1/admin/applications/{}/checklist/diagnosis_role_created", plain.id);
    problem(app.put(&not_diag, Some(&csm), json!({ "done": true })).await, StatusCode::CONFLICT, "invalid_transition")
        .await;
}

#[tokio::test]
async fn without_backlog_configured_the_portal_channel_is_used_and_the_application_says_so() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.staff(Role::Admin).await;
    let company = app.build_company("NOBL").rank(Rank::Gold).tickets(15).by(&admin).create().await;
    let link =
        json!({ "account_id": ACCOUNT, "display_name": "本番", "root_held_by_us": true, "under_maintenance": true });
    let res = app.post(&format!("/api/v1/admin/companies/{company}/aws-accounts"), Some(&admin), link).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let (_, rep) = app.customer(Role::Representative, company).await;
    let a: ApplicationView = ok_json(post_with_key(&app, &rep, None, &lite()).await).await;
    use portal_domain::services::{ReportChannel, ReportChannelReason};
    assert_eq!(
        (a.report_channel, a.report_channel_reason),
        (ReportChannel::Portal, ReportChannelReason::BacklogNotConfigured)
    );
}
