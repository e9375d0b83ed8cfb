//! Issue 10: cloud optimization support (R6). A CSM records a proposal for a SILVER company, the
//! representative agrees, the CSM completes it and records a measured saving, which the history
//! sums per fiscal year; the kickoff with meeting times the customer picks from; BRONZE is told
//! which rank unlocks the service; the dedicated-CSM rule with and without an override; the
//! rollover (or an override of the year under way) closes the engagement of a company that falls
//! below SILVER and keeps its history.

use portal_app::{rollover, Actor};
use portal_domain::fiscal::FiscalYear;
use portal_domain::optimization::{
    EngagementState, EngagementView, HistoryView, Priority, ProposalList, ProposalStatus, ProposalView,
};
use portal_domain::rank::CsmKind;
use portal_domain::services::{MessageList, MessageView};
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{ok_json, problem, TestApp};

/// Monday 2026-05-11, 10:00 JST.
const MONDAY: &str = "2026-05-11T01:00:00Z";
/// Tuesday 2026-05-12, 10:00–11:00 JST.
fn tuesday() -> Value {
    json!({ "starts_at": "2026-05-12T01:00:00Z", "ends_at": "2026-05-12T02:00:00Z" })
}

fn proposal_body(title: &str) -> Value {
    json!({
        "title": title,
        "category": "cost",
        "findings": "開発環境の EC2 が夜間も稼働しています。",
        "expected_effect": "夜間停止で月 5 万円ほどの削減",
        "expected_saving_yen_per_month": 50000,
        "estimated_effort": "2 人日",
        "priority": "medium",
        "work_order": "maintenance_contract",
    })
}

async fn propose(app: &TestApp, token: &str, company: Uuid, title: &str) -> ProposalView {
    let url = format!("/api/v1/admin/companies/{company}/optimization/proposals");
    let res = app.post(&url, Some(token), proposal_body(title)).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

async fn assign(app: &TestApp, admin: &str, company: Uuid, csm: Uuid, reason: Option<&str>) -> reqwest::Response {
    let url = format!("/api/v1/admin/companies/{company}/csm");
    app.put(&url, Some(admin), json!({ "csm_id": csm, "override_reason": reason })).await
}

async fn open(app: &TestApp, csm: &str, company: Uuid) -> EngagementView {
    let body = json!({ "kickoff": "キックオフのご案内です。", "slots": [tuesday()] });
    let res = app.post(&format!("/api/v1/admin/companies/{company}/optimization"), Some(csm), body).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

#[tokio::test]
async fn a_csm_proposes_to_a_silver_company_the_representative_agrees_and_the_measured_saving_is_in_the_history() {
    let app = TestApp::spawn_at(MONDAY.parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let (csm_user, csm) = app.staff(Role::Csm).await;
    let company = app.build_company("OPTS").rank(Rank::Silver).by(&admin).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let (_, member) = app.customer(Role::Member, company).await;

    // The admin assigns a shared CSM (SILVER); the company sees who it is.
    let assigned: EngagementView = ok_json(assign(&app, &admin, company, csm_user.id, None).await).await;
    assert_eq!(assigned.csm.as_ref().map(|c| c.kind), Some(CsmKind::Shared));
    let seen: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&member)).await).await;
    assert!(seen.available);
    assert_eq!((seen.rank, seen.unlocks_at), (Rank::Silver, Rank::Silver));
    let csm_seen = seen.csm.expect("the company sees its CSM");
    assert_eq!((csm_seen.email.as_str(), csm_seen.override_reason), (csm_user.email.as_str(), None));
    assert!(seen.engagement.is_none());

    // The kickoff: a time outside service hours is refused naming it; then the CSM opens it.
    let url = format!("/api/v1/admin/companies/{company}/optimization");
    let saturday = json!({ "starts_at": "2026-05-16T01:00:00Z", "ends_at": "2026-05-16T02:00:00Z" });
    let p = problem(
        app.post(&url, Some(&csm), json!({ "kickoff": " ", "slots": [tuesday(), saturday] })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<(&str, &str)> = p.errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(fields, [("kickoff", "required"), ("slots[1]", "outside_service_hours")]);
    let opened = open(&app, &csm, company).await;
    let engagement = opened.engagement.expect("open");
    assert_eq!((engagement.state, engagement.messages.len()), (EngagementState::Open, 1));
    problem(
        app.post(&url, Some(&csm), json!({ "kickoff": "もう一度", "slots": [tuesday()] })).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    // The customer picks the time and writes back.
    let pick = format!("/api/v1/company/optimization/slots/{}/pick", engagement.slots[0].id);
    let picked: EngagementView = ok_json(app.post(&pick, Some(&member), json!({})).await).await;
    assert!(picked.engagement.unwrap().slots[0].picked);
    problem(app.post(&pick, Some(&rep), json!({})).await, StatusCode::CONFLICT, "invalid_transition").await;
    let reply = json!({ "body": "火曜日でお願いします。" });
    let _: MessageView = ok_json(app.post("/api/v1/company/optimization/messages", Some(&member), reply).await).await;
    let seen: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&rep)).await).await;
    assert_eq!(seen.engagement.unwrap().messages.len(), 2);

    // A proposal; a member may not agree, the representative agrees and raises the priority.
    let p = propose(&app, &csm, company, "開発環境の夜間停止").await;
    assert_eq!(
        (p.status, p.priority, p.expected_saving_yen_per_month),
        (ProposalStatus::Proposed, Priority::Medium, Some(50000))
    );
    let agree = format!("/api/v1/company/optimization/proposals/{}/agree", p.id);
    problem(app.post(&agree, Some(&member), json!({})).await, StatusCode::FORBIDDEN, "forbidden").await;
    let agreed: ProposalView = ok_json(app.post(&agree, Some(&rep), json!({ "priority": "high" })).await).await;
    assert_eq!((agreed.status, agreed.priority), (ProposalStatus::Agreed, Priority::High));
    let refused =
        problem(app.post(&agree, Some(&rep), json!({})).await, StatusCode::CONFLICT, "invalid_transition").await;
    assert!(refused.detail.unwrap_or_default().contains("agreed"), "the detail names the status");

    // The CSM works it; measuring before it is done, or the customer's move, is refused.
    let staff_url = format!("/api/v1/admin/optimization/proposals/{}", p.id);
    let measurement = json!({
        "baseline": 300000, "result": 240000, "unit": "yen_per_month",
        "measured_on": "2026-08-01", "note": "7 月分の請求で確認",
    });
    problem(
        app.put(&format!("{staff_url}/measurement"), Some(&csm), measurement.clone()).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    let move_to = |action: &str| json!({ "action": action });
    let p422 = problem(
        app.post(&format!("{staff_url}/transitions"), Some(&csm), move_to("agree")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p422.errors[0].field, "action");
    let started: ProposalView =
        ok_json(app.post(&format!("{staff_url}/transitions"), Some(&csm), move_to("start")).await).await;
    assert_eq!(started.status, ProposalStatus::InProgress);
    let done: ProposalView =
        ok_json(app.post(&format!("{staff_url}/transitions"), Some(&csm), move_to("complete")).await).await;
    assert_eq!(done.status, ProposalStatus::Done);
    let again = problem(
        app.post(&format!("{staff_url}/transitions"), Some(&csm), move_to("complete")).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    assert!(again.detail.unwrap_or_default().contains("done"));
    let decline = format!("/api/v1/company/optimization/proposals/{}/decline", p.id);
    problem(app.post(&decline, Some(&rep), json!({})).await, StatusCode::CONFLICT, "invalid_transition").await;
    let measured: ProposalView =
        ok_json(app.put(&format!("{staff_url}/measurement"), Some(&csm), measurement).await).await;
    assert_eq!(measured.measurement.as_ref().and_then(|m| m.monthly_saving_yen), Some(60000));

    // Comments from both sides.
    let comments = format!("/api/v1/company/optimization/proposals/{}/comments", p.id);
    let _: MessageView =
        ok_json(app.post(&comments, Some(&member), json!({ "body": "効果を確認しました。" })).await).await;
    app.clock.advance(chrono::Duration::seconds(30));
    let _: MessageView = ok_json(
        app.post(&format!("{staff_url}/comments"), Some(&csm), json!({ "body": "ありがとうございます。" })).await,
    )
    .await;
    problem(
        app.post(&comments, Some(&member), json!({ "body": "" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let thread: MessageList = ok_json(app.get(&comments, Some(&rep)).await).await;
    assert_eq!(thread.items.iter().map(|m| m.from_staff).collect::<Vec<_>>(), [false, true]);

    // A second proposal, declined; the history counts both and sums the measured saving.
    app.clock.advance(chrono::Duration::minutes(1));
    let second = propose(&app, &csm, company, "セキュリティグループの整理").await;
    let declined: ProposalView = ok_json(
        app.post(&format!("/api/v1/company/optimization/proposals/{}/decline", second.id), Some(&rep), json!({})).await,
    )
    .await;
    assert_eq!(declined.status, ProposalStatus::Declined);
    let history: HistoryView = ok_json(app.get("/api/v1/company/optimization/history", Some(&member)).await).await;
    let count = |s: ProposalStatus| history.by_status.iter().find(|c| c.status == s).unwrap().count;
    assert_eq!(
        (count(ProposalStatus::Done), count(ProposalStatus::Declined), count(ProposalStatus::Proposed)),
        (1, 1, 0)
    );
    assert_eq!(
        history.years.iter().map(|y| (y.fiscal_year, y.monthly_saving_yen, y.measurements)).collect::<Vec<_>>(),
        [(FiscalYear(2026), 60000, 1)]
    );
    assert_eq!(history.total_monthly_saving_yen, 60000);
    let staff_history: HistoryView =
        ok_json(app.get(&format!("/api/v1/admin/companies/{company}/optimization/history"), Some(&csm)).await).await;
    assert_eq!(staff_history, history);
    let list: ProposalList = ok_json(app.get("/api/v1/company/optimization/proposals", Some(&member)).await).await;
    assert_eq!(list.items.iter().map(|p| p.id).collect::<Vec<_>>(), [second.id, p.id], "newest first");

    // Audited: the staff audit page lists the proposal's moves.
    let audit: Value =
        ok_json(app.get(&format!("/api/v1/admin/audit?company_id={company}&per_page=100"), Some(&admin)).await).await;
    let text = audit.to_string();
    for action in [
        "csm.assign",
        "optimization.open",
        "optimization.slot_pick",
        "proposal.create",
        "proposal.transition",
        "proposal.measure",
        "proposal.comment",
    ] {
        assert!(text.contains(action), "{action} audited: {text}");
    }
}

#[tokio::test]
async fn a_bronze_company_is_told_silver_unlocks_the_service_and_staff_cannot_start_it() {
    let app = TestApp::spawn_at(MONDAY.parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let (csm_user, csm) = app.staff(Role::Csm).await;
    let company = app.build_company("OPTB").rank(Rank::Bronze).by(&admin).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;

    let seen: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&rep)).await).await;
    assert_eq!((seen.available, seen.rank, seen.unlocks_at), (false, Rank::Bronze, Rank::Silver));
    assert!(seen.csm.is_none() && seen.engagement.is_none());
    for res in [
        assign(&app, &admin, company, csm_user.id, None).await,
        app.post(&format!("/api/v1/admin/companies/{company}/optimization/proposals"), Some(&csm), proposal_body("x"))
            .await,
        app.post(
            &format!("/api/v1/admin/companies/{company}/optimization"),
            Some(&csm),
            json!({ "kickoff": "ご案内", "slots": [tuesday()] }),
        )
        .await,
    ] {
        let p = problem(res, StatusCode::CONFLICT, "service_not_for_rank").await;
        assert!(p.detail.unwrap_or_default().contains("SILVER"), "the refusal names the unlocking rank");
    }
    problem(
        app.post("/api/v1/company/optimization/messages", Some(&rep), json!({ "body": "始めたい" })).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    let history: HistoryView = ok_json(app.get("/api/v1/company/optimization/history", Some(&rep)).await).await;
    assert_eq!(history.total_monthly_saving_yen, 0);
}

#[tokio::test]
async fn a_csm_is_dedicated_to_one_platinum_company_unless_an_admin_overrides_with_a_reason() {
    let app = TestApp::spawn_at(MONDAY.parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let (csm_user, csm) = app.staff(Role::Csm).await;
    let first = app.build_company("OPTP1").rank(Rank::Platinum).by(&admin).create().await;
    let second = app.build_company("OPTP2").rank(Rank::Platinum).by(&admin).create().await;
    let gold = app.build_company("OPTG").rank(Rank::Gold).by(&admin).create().await;
    let member = app.user(Role::Member, Some(gold)).await;

    let v: EngagementView = ok_json(assign(&app, &admin, first, csm_user.id, None).await).await;
    assert_eq!(v.csm.map(|c| c.kind), Some(CsmKind::Dedicated));
    let p =
        problem(assign(&app, &admin, second, csm_user.id, None).await, StatusCode::CONFLICT, "csm_already_dedicated")
            .await;
    assert!(p.detail.unwrap_or_default().contains("override_reason"));
    // Only admins assign; a CSM cannot assign themself around the rule.
    problem(assign(&app, &csm, second, csm_user.id, None).await, StatusCode::FORBIDDEN, "forbidden").await;
    problem(
        assign(&app, &admin, second, csm_user.id, Some("  ")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let v: EngagementView = ok_json(assign(&app, &admin, second, csm_user.id, Some("後任の採用まで兼任")).await).await;
    let c = v.csm.unwrap();
    assert_eq!((c.kind, c.override_reason.as_deref()), (CsmKind::Dedicated, Some("後任の採用まで兼任")));
    // Shared companies do not count against the rule.
    let v: EngagementView = ok_json(assign(&app, &admin, gold, csm_user.id, None).await).await;
    assert_eq!(v.csm.map(|c| c.kind), Some(CsmKind::Shared));
    // Only an active CSM is assigned.
    let p = problem(
        assign(&app, &admin, gold, member.id, None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "csm_id");
    // The customer does not see the override's reason.
    let (_, rep) = app.customer(Role::Representative, second).await;
    let seen: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&rep)).await).await;
    assert_eq!(seen.csm.map(|c| (c.email, c.override_reason)), Some((csm_user.email.clone(), None)));
}

#[tokio::test]
async fn the_rollover_closes_the_engagement_of_a_company_that_falls_below_silver_and_keeps_its_history() {
    let app = TestApp::spawn_at(MONDAY.parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let (_, csm) = app.staff(Role::Csm).await;
    // SILVER by an override for FY2026; no transactions, so FY2027 computes REGULAR.
    let falling = app.build_company("OPTF").rank(Rank::Silver).by(&admin).create().await;
    let (mut rep_user, _) = app.customer(Role::Representative, falling).await;
    open(&app, &csm, falling).await;
    let p = propose(&app, &csm, falling, "RI の購入").await;

    let fy = FiscalYear(2027);
    app.clock.set(fy.start());
    rollover::run(&app.db, fy, &Actor::system(), app.now()).await.unwrap();

    let rep = app.sign_in(&mut rep_user).await.access_token;
    let seen: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&rep)).await).await;
    assert!(!seen.available);
    assert_eq!(seen.unlocks_at, Rank::Silver);
    let e = seen.engagement.expect("the closed engagement stays visible");
    assert_eq!((e.state, e.closed_at), (EngagementState::Closed, Some(fy.start())));
    let note = e.close_note.unwrap();
    assert!(note.contains("2027") && note.contains("SILVER"), "{note}");
    // The history and proposals stay readable.
    let list: ProposalList = ok_json(app.get("/api/v1/company/optimization/proposals", Some(&rep)).await).await;
    assert_eq!(list.items.iter().map(|x| x.id).collect::<Vec<_>>(), [p.id]);
    let history: HistoryView = ok_json(app.get("/api/v1/company/optimization/history", Some(&rep)).await).await;
    assert_eq!(history.by_status[0].count, 1);
    // Running the rollover again changes nothing.
    rollover::run(&app.db, fy, &Actor::system(), app.now()).await.unwrap();
    let again: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&rep)).await).await;
    assert_eq!(again.engagement.unwrap().close_note.unwrap(), note);
}

#[tokio::test]
async fn an_override_of_the_year_under_way_below_silver_closes_the_engagement_too() {
    let app = TestApp::spawn_at(MONDAY.parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let (_, csm) = app.staff(Role::Csm).await;
    let company = app.build_company("OPTO").rank(Rank::Gold).by(&admin).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    open(&app, &csm, company).await;
    // An override of next year leaves this year's engagement open.
    let next = json!({ "fiscal_year": 2027, "rank": "BRONZE", "reason": "来年度の見込み" });
    let path = format!("/api/v1/admin/companies/{company}/rank-override");
    assert!(app.post(&path, Some(&admin), next).await.status().is_success());
    let seen: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&rep)).await).await;
    assert_eq!(seen.engagement.unwrap().state, EngagementState::Open);

    let now = json!({ "fiscal_year": 2026, "rank": "BRONZE", "reason": "契約内容の見直し" });
    assert!(app.post(&path, Some(&admin), now).await.status().is_success());
    let seen: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&rep)).await).await;
    assert!(!seen.available);
    let e = seen.engagement.unwrap();
    assert_eq!(e.state, EngagementState::Closed);
    assert!(e.close_note.unwrap().contains("overridden"));
}

#[tokio::test]
async fn two_admins_making_one_csm_dedicated_to_two_companies_at_once_leave_one_assignment() {
    let app = TestApp::spawn_at(MONDAY.parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let (_, other_admin) = app.staff(Role::Admin).await;
    let (csm_user, _) = app.staff(Role::Csm).await;
    let first = app.build_company("OPTC1").rank(Rank::Platinum).by(&admin).create().await;
    let second = app.build_company("OPTC2").rank(Rank::Platinum).by(&admin).create().await;
    let (a, b) = tokio::join!(
        assign(&app, &admin, first, csm_user.id, None),
        assign(&app, &other_admin, second, csm_user.id, None)
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let mut dedicated = 0;
    for company in [first, second] {
        let v: EngagementView =
            ok_json(app.get(&format!("/api/v1/admin/companies/{company}/optimization"), Some(&admin)).await).await;
        dedicated += usize::from(v.csm.is_some());
    }
    assert_eq!(dedicated, 1);
}
