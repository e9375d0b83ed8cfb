//! AWS tools over HTTP against the real AWS emulator (moto server with the portal's launcher):
//! linking a role and testing the connection, Trusted Advisor, the estimated cost, the contract
//! check, and every AWS refusal as a clear problem (R7.8, R7.9).

use std::sync::Arc;

use portal_aws::emulator::Emulator;
use portal_domain::aws_tools::{
    AwsRoleView, AwsToolsSetupView, ConnectionCheck, CostView, TaCategory, TaCheckView, TaStatus, ToolSetting,
    TrustedAdvisorView,
};
use portal_domain::company::AwsAccountView;
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{ok_json, problem, TestApp};

const ACCOUNT: &str = "111122223333";
const ROLE: &str = "arn:aws:iam::111122223333:role/CloudpackPortalReadOnly";
/// "Idle Load Balancers", a cost-optimizing check in moto's catalogue.
const IDLE_LB: &str = "hjLMh88uM8";

struct World {
    app: TestApp,
    emu: Option<Emulator>,
    company: Uuid,
    account: Uuid,
    rep: String,
    member: String,
    admin: String,
}

impl World {
    fn emu(&self) -> &Emulator {
        self.emu.as_ref().unwrap()
    }
    fn path(&self, tail: &str) -> String {
        format!("/api/v1/company/aws-accounts/{}{tail}", self.account)
    }
}

async fn world(with_aws: bool) -> World {
    let emu = if with_aws { Some(Emulator::start().await) } else { None };
    let tools = match &emu {
        Some(e) => Some(Arc::new(e.tools().await) as portal_app::aws_tools::SharedAws),
        None => None,
    };
    let app = TestApp::spawn_with(move |s| s.aws = tools).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let company = app.build_company("AWSCO").rank(Rank::Gold).aws_account(ACCOUNT).by(&admin).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let (_, member) = app.customer(Role::Member, company).await;
    let accounts: Vec<AwsAccountView> = ok_json(app.get("/api/v1/company/aws-accounts", Some(&rep)).await).await;
    World { app, emu, company, account: accounts[0].id, rep, member, admin }
}

async fn link_role(w: &World) {
    let res = w.app.put(&w.path("/role"), Some(&w.rep), json!({ "role_arn": ROLE })).await;
    let role: AwsRoleView = ok_json(res).await;
    assert_eq!(role.role_arn.as_deref(), Some(ROLE));
    assert!(role.connection.is_none(), "a new role is untested");
}

fn idle_lb_result(savings: f64) -> Value {
    json!({
        "checkId": IDLE_LB,
        "timestamp": "2026-11-26T09:00:00Z",
        "status": "warning",
        "resourcesSummary": { "resourcesProcessed": 4, "resourcesFlagged": 2, "resourcesIgnored": 0, "resourcesSuppressed": 0 },
        "categorySpecificSummary": { "costOptimizing": { "estimatedMonthlySavings": savings, "estimatedPercentMonthlySavings": 12.0 } },
        "flaggedResources": [
            { "status": "warning", "region": "ap-northeast-1", "resourceId": "lb-1", "isSuppressed": false,
              "metadata": ["ap-northeast-1", "web-old", "No active back-end instances", "18.00"] },
            { "status": "warning", "region": "ap-northeast-1", "resourceId": "lb-2", "isSuppressed": false,
              "metadata": ["ap-northeast-1", "=HYPERLINK(\"x\")", "Low request count", "105.45"] }
        ]
    })
}

#[tokio::test]
async fn r7_8_the_setup_names_the_portals_principal_and_a_company_external_id() {
    let w = world(true).await;
    let setup: AwsToolsSetupView = ok_json(w.app.get(&w.path("/role-setup"), Some(&w.member)).await).await;
    assert!(setup.aws_configured);
    let principal = setup.portal_principal_arn.clone().expect("the emulator's identity");
    assert!(principal.starts_with("arn:aws:"), "{principal}");
    assert!(setup.external_id.starts_with("cpp-") && setup.external_id.len() >= 36, "{}", setup.external_id);
    let trust: Value = serde_json::from_str(setup.trust_policy.as_deref().unwrap()).unwrap();
    assert_eq!(trust["Statement"][0]["Principal"]["AWS"], principal.as_str());
    assert_eq!(trust["Statement"][0]["Condition"]["StringEquals"]["sts:ExternalId"], setup.external_id.as_str());
    assert!(setup.permissions_policy.contains("support:DescribeTrustedAdvisorCheckResult"));
    assert!(setup.cli_commands.iter().any(|c| c.contains(&setup.external_id)));
    // The same ExternalId every time; another company has its own.
    let again: AwsToolsSetupView = ok_json(w.app.get(&w.path("/role-setup"), Some(&w.rep)).await).await;
    assert_eq!(again.external_id, setup.external_id);
    let other = w.app.build_company("AWSCO2").aws_account("444455556666").by(&w.admin).create().await;
    let (_, other_rep) = w.app.customer(Role::Representative, other).await;
    let theirs: Vec<AwsAccountView> = ok_json(w.app.get("/api/v1/company/aws-accounts", Some(&other_rep)).await).await;
    let path = format!("/api/v1/company/aws-accounts/{}/role-setup", theirs[0].id);
    let theirs: AwsToolsSetupView = ok_json(w.app.get(&path, Some(&other_rep)).await).await;
    assert_ne!(theirs.external_id, setup.external_id);
    // The CloudFormation template downloads as a file with the same principal and ExternalId.
    let res = w.app.get(&w.path("/role-setup/cloudformation.yaml"), Some(&w.rep)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let yaml = res.text().await.unwrap();
    assert!(yaml.contains(&setup.external_id) && yaml.contains(&principal), "{yaml}");
}

#[tokio::test]
async fn r7_8_a_role_of_another_account_is_422_before_any_aws_call_and_members_cannot_register() {
    let w = world(true).await;
    let bad = json!({ "role_arn": "arn:aws:iam::999988887777:role/CloudpackPortalReadOnly" });
    let p = problem(
        w.app.put(&w.path("/role"), Some(&w.rep), bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("role_arn", "role_arn_account_mismatch"));
    let bad = json!({ "role_arn": "arn:aws:iam::111122223333:user/alice" });
    let p = problem(
        w.app.put(&w.path("/role"), Some(&w.rep), bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].code, "invalid_role_arn");
    let member = w.app.put(&w.path("/role"), Some(&w.member), json!({ "role_arn": ROLE })).await;
    problem(member, StatusCode::FORBIDDEN, "forbidden").await;
    // Testing before a role is registered says so.
    problem(
        w.app.post(&w.path("/connection-test"), Some(&w.rep), json!({})).await,
        StatusCode::CONFLICT,
        "aws_role_not_set",
    )
    .await;
    assert!(w.emu().requests_for("AssumeRole").await.is_empty(), "nothing reached AWS");
}

#[tokio::test]
async fn r7_8_two_first_registrations_of_a_role_at_once_both_succeed_and_one_role_stays() {
    let w = world(false).await;
    let other = "arn:aws:iam::111122223333:role/portal/Reader";
    let url = w.path("/role");
    let (a, b) = tokio::join!(
        w.app.put(&url, Some(&w.rep), json!({ "role_arn": ROLE })),
        w.app.put(&url, Some(&w.rep), json!({ "role_arn": other }))
    );
    assert_eq!((a.status(), b.status()), (StatusCode::OK, StatusCode::OK));
    let setup: AwsToolsSetupView = ok_json(w.app.get(&w.path("/role-setup"), Some(&w.rep)).await).await;
    assert!([Some(ROLE), Some(other)].contains(&setup.role.role_arn.as_deref()), "{:?}", setup.role);
}

#[tokio::test]
async fn r7_8_test_connection_assumes_the_role_with_the_external_id_and_a_session_naming_the_company() {
    let w = world(true).await;
    link_role(&w).await;
    let setup: AwsToolsSetupView = ok_json(w.app.get(&w.path("/role-setup"), Some(&w.rep)).await).await;
    let check: ConnectionCheck = ok_json(w.app.post(&w.path("/connection-test"), Some(&w.rep), json!({})).await).await;
    assert!(check.ok, "{check:?}");
    let identity = check.identity_arn.unwrap();
    assert!(
        identity.contains(":111122223333:")
            && identity.contains("assumed-role/CloudpackPortalReadOnly/cloudpack-portal-AWSCO"),
        "{identity}"
    );
    let sent = w.emu().requests_for("AssumeRole").await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].param("RoleArn"), Some(ROLE));
    assert_eq!(sent[0].param("ExternalId"), Some(setup.external_id.as_str()), "the ExternalId is the portal's to send");
    assert_eq!(sent[0].param("RoleSessionName"), Some("cloudpack-portal-AWSCO"));
    // The outcome is kept and shown with the role.
    let setup: AwsToolsSetupView = ok_json(w.app.get(&w.path("/role-setup"), Some(&w.member)).await).await;
    assert!(setup.role.connection.unwrap().ok);
}

#[tokio::test]
async fn r7_8_a_refused_assume_role_is_reported_in_words_not_as_a_server_error() {
    let w = world(true).await;
    link_role(&w).await;
    w.emu().fail_next("AssumeRole", 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole", 1).await;
    let check: ConnectionCheck = ok_json(w.app.post(&w.path("/connection-test"), Some(&w.rep), json!({})).await).await;
    assert!(!check.ok);
    assert_eq!(check.error_code.map(|c| c.as_str()), Some("aws_assume_role_denied"));
    assert!(check.message.unwrap().contains("not authorized"));
    // A read through the same refused role is a 502 naming the reason.
    w.emu().fail_next("AssumeRole", 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole", 1).await;
    let res = w.app.post(&w.path("/trusted-advisor/fetch"), Some(&w.member), json!({})).await;
    problem(res, StatusCode::BAD_GATEWAY, "aws_assume_role_denied").await;
}

#[tokio::test]
async fn r7_8_without_aws_access_the_tools_say_the_operator_has_not_configured_it() {
    let w = world(false).await;
    let setup: AwsToolsSetupView = ok_json(w.app.get(&w.path("/role-setup"), Some(&w.rep)).await).await;
    assert!(!setup.aws_configured && setup.portal_principal_arn.is_none() && setup.trust_policy.is_none());
    assert!(setup.external_id.starts_with("cpp-"), "the ExternalId exists before AWS access does");
    link_role(&w).await;
    let check: ConnectionCheck = ok_json(w.app.post(&w.path("/connection-test"), Some(&w.rep), json!({})).await).await;
    assert_eq!(check.error_code.map(|c| c.as_str()), Some("aws_not_configured"));
    let res = w.app.post(&w.path("/trusted-advisor/fetch"), Some(&w.rep), json!({})).await;
    problem(res, StatusCode::SERVICE_UNAVAILABLE, "aws_not_configured").await;
    problem(
        w.app.post(&w.path("/cost/fetch"), Some(&w.rep), json!({})).await,
        StatusCode::SERVICE_UNAVAILABLE,
        "aws_not_configured",
    )
    .await;
    let res = w.app.get(&w.path("/role-setup/cloudformation.yaml"), Some(&w.rep)).await;
    problem(res, StatusCode::SERVICE_UNAVAILABLE, "aws_not_configured").await;
    // The stored pages are empty, not errors.
    let ta: TrustedAdvisorView = ok_json(w.app.get(&w.path("/trusted-advisor"), Some(&w.rep)).await).await;
    assert!(ta.fetched_at.is_none() && ta.checks.is_empty());
}

#[tokio::test]
async fn r7_8_trusted_advisor_is_read_from_aws_once_stored_and_shown_with_its_savings() {
    let w = world(true).await;
    link_role(&w).await;
    w.emu().seed_trusted_advisor(json!({ "results": [idle_lb_result(123.45)] })).await;
    let fetched: TrustedAdvisorView =
        ok_json(w.app.post(&w.path("/trusted-advisor/fetch?lang=ja"), Some(&w.member), json!({})).await).await;
    assert_eq!(fetched.estimated_monthly_savings, 123.45);
    let cost = fetched.categories.iter().find(|c| c.category == TaCategory::CostOptimizing).unwrap();
    assert_eq!((cost.warning, cost.estimated_monthly_savings), (1, 123.45));
    assert_eq!(fetched.categories.len(), 5);
    let total: u32 = fetched.categories.iter().map(|c| c.ok + c.warning + c.error + c.not_available).sum();
    assert_eq!(total as usize, fetched.checks.len());
    let checks_sent = w.emu().requests_for("DescribeTrustedAdvisorChecks").await;
    assert_eq!(checks_sent[0].param("language"), Some("ja"));

    // The page reads the store: no new call to AWS.
    let before = w.emu().requests().await.len();
    let stored: TrustedAdvisorView = ok_json(w.app.get(&w.path("/trusted-advisor"), Some(&w.rep)).await).await;
    assert_eq!(stored.estimated_monthly_savings, 123.45);
    assert_eq!(stored.fetched_at, fetched.fetched_at);
    assert_eq!(w.emu().requests().await.len(), before);

    // The check's flagged resources, then again from the store, and as CSV.
    let check: TaCheckView =
        ok_json(w.app.get(&w.path(&format!("/trusted-advisor/checks/{IDLE_LB}")), Some(&w.member)).await).await;
    assert_eq!(check.result.flagged_resources.len(), 2);
    assert_eq!(check.result.flagged_resources[0].status, TaStatus::Warning);
    assert_eq!(check.check.metadata.len(), 4);
    assert_eq!(check.result.summary.estimated_monthly_savings, Some(123.45));
    let res = w.app.get(&w.path(&format!("/trusted-advisor/checks/{IDLE_LB}/resources.csv")), Some(&w.member)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}') && csv.contains("lb-1") && csv.contains("web-old"), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "a formula from the account is neutralised: {csv}");
    assert_eq!(w.emu().requests_for("DescribeTrustedAdvisorCheckResult").await.len(), 1, "the CSV came from the store");
    let unknown = w.app.get(&w.path("/trusted-advisor/checks/no-such-check"), Some(&w.member)).await;
    problem(unknown, StatusCode::NOT_FOUND, "not_found").await;

    // Staff read the same for the company.
    let staff = format!("/api/v1/admin/companies/{}/aws-accounts/{}/trusted-advisor", w.company, w.account);
    let seen: TrustedAdvisorView = ok_json(w.app.get(&staff, Some(&w.admin)).await).await;
    assert_eq!(seen.estimated_monthly_savings, 123.45);

    // Only checks of the list read are sent to AWS.
    let typo = w.app.post(&w.path("/trusted-advisor/checks/no-such-check/refresh"), Some(&w.rep), json!({})).await;
    problem(typo, StatusCode::NOT_FOUND, "not_found").await;
    assert!(w.emu().requests_for("RefreshTrustedAdvisorCheck").await.is_empty());
    // Asking AWS to run the check again answers its refresh status.
    let res = w.app.post(&w.path(&format!("/trusted-advisor/checks/{IDLE_LB}/refresh")), Some(&w.rep), json!({})).await;
    let status: Value = ok_json(res).await;
    assert_eq!(status["check_id"], IDLE_LB);
}

#[tokio::test]
async fn r7_8_aws_refusals_of_trusted_advisor_are_named_problems() {
    let w = world(true).await;
    link_role(&w).await;
    let url = w.path("/trusted-advisor/fetch");
    let fetch = || w.app.post(&url, Some(&w.member), json!({}));
    w.emu()
        .fail_next(
            "DescribeTrustedAdvisorChecks",
            400,
            "SubscriptionRequiredException",
            "AWS Premium Support Subscription is required",
            1,
        )
        .await;
    problem(fetch().await, StatusCode::BAD_GATEWAY, "aws_no_trusted_advisor_access").await;
    w.emu()
        .fail_next(
            "DescribeTrustedAdvisorChecks",
            400,
            "AccessDeniedException",
            "not authorized to perform support:DescribeTrustedAdvisorChecks",
            1,
        )
        .await;
    let p = problem(fetch().await, StatusCode::BAD_GATEWAY, "aws_permission_missing").await;
    assert!(p.detail.unwrap().contains("DescribeTrustedAdvisorChecks"));
    w.emu().fail_next("DescribeTrustedAdvisorCheckSummaries", 400, "ThrottlingException", "Rate exceeded", 10).await;
    problem(fetch().await, StatusCode::SERVICE_UNAVAILABLE, "aws_throttled").await;
    // Nothing was stored by the failed reads.
    let ta: TrustedAdvisorView = ok_json(w.app.get(&w.path("/trusted-advisor"), Some(&w.rep)).await).await;
    assert!(ta.fetched_at.is_none());
}

fn month(start: &str, end: &str, services: &[(&str, &str)], estimated: bool) -> Value {
    json!({
        "TimePeriod": { "Start": start, "End": end },
        "Total": {},
        "Groups": services.iter().map(|(s, a)| json!({ "Keys": [s], "Metrics": { "UnblendedCost": { "Amount": a, "Unit": "USD" } } })).collect::<Vec<_>>(),
        "Estimated": estimated
    })
}

#[tokio::test]
async fn r7_9_the_estimated_cost_comes_from_cost_explorer_by_month_and_service() {
    let w = world(true).await;
    link_role(&w).await;
    let empty: CostView = ok_json(w.app.get(&w.path("/cost"), Some(&w.member)).await).await;
    assert!(empty.fetched_at.is_none() && empty.months.is_empty());
    let today = w.app.now().date_naive();
    let this_month = today.format("%Y-%m-01").to_string();
    let last = (today - chrono::Months::new(1)).format("%Y-%m-01").to_string();
    let tomorrow = (today + chrono::Days::new(1)).format("%Y-%m-%d").to_string();
    w.emu()
        .seed_cost(
            ACCOUNT,
            json!([{ "ResultsByTime": [
                month(&last, &this_month, &[("Amazon Elastic Compute Cloud - Compute", "812.50"), ("Amazon Simple Storage Service", "40.25")], false),
                month(&this_month, &tomorrow, &[("Amazon Elastic Compute Cloud - Compute", "300.00")], true),
            ] }]),
        )
        .await;
    let cost: CostView = ok_json(w.app.post(&w.path("/cost/fetch"), Some(&w.member), json!({})).await).await;
    assert_eq!((cost.last_month, cost.month_to_date), (Some(852.75), Some(300.0)));
    assert_eq!(cost.currency, "USD");
    assert_eq!(cost.services[0].service, "Amazon Elastic Compute Cloud - Compute");
    assert_eq!(cost.services[0].amount, 1112.5);
    assert!(cost.months.last().unwrap().estimated);
    let sent = w.emu().requests_for("GetCostAndUsage").await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].params["Granularity"], "MONTHLY");
    let stored: CostView = ok_json(w.app.get(&w.path("/cost"), Some(&w.rep)).await).await;
    assert_eq!(stored.months, cost.months);
    // Cost Explorer charges per request: a second read minutes later answers from the store.
    let again: CostView = ok_json(w.app.post(&w.path("/cost/fetch"), Some(&w.member), json!({})).await).await;
    assert_eq!(again.fetched_at, cost.fetched_at);
    assert_eq!(w.emu().requests_for("GetCostAndUsage").await.len(), 1);
}

#[tokio::test]
async fn r7_8_tools_follow_the_contract_types_staff_configure() {
    let w = world(true).await;
    let settings: Vec<ToolSetting> = ok_json(w.app.get("/api/v1/admin/tool-settings", Some(&w.admin)).await).await;
    assert_eq!(settings.len(), 2);
    let none = json!({ "contract_types": [] });
    let changed: ToolSetting =
        ok_json(w.app.put("/api/v1/admin/tool-settings/trusted_advisor", Some(&w.admin), none).await).await;
    assert!(changed.contract_types.is_empty() && changed.updated_at.is_some());
    problem(w.app.get(&w.path("/trusted-advisor"), Some(&w.rep)).await, StatusCode::FORBIDDEN, "tool_not_in_contract")
        .await;
    // The contract is answered before the missing role: the company cannot use the tool at all.
    let res = w.app.post(&w.path("/trusted-advisor/fetch"), Some(&w.rep), json!({})).await;
    problem(res, StatusCode::FORBIDDEN, "tool_not_in_contract").await;
    let setup: AwsToolsSetupView = ok_json(w.app.get(&w.path("/role-setup"), Some(&w.rep)).await).await;
    let ta = setup.tools.iter().find(|t| t.tool == portal_domain::aws_tools::AwsTool::TrustedAdvisor).unwrap();
    assert!(!ta.available);
    // The cost estimate is still open; a CSM may not change the setting; an unknown tool is 404.
    let cost = w.app.get(&w.path("/cost"), Some(&w.rep)).await;
    assert_eq!(cost.status(), StatusCode::OK);
    let (_, csm) = w.app.staff(Role::Csm).await;
    let res = w.app.put("/api/v1/admin/tool-settings/cost_estimate", Some(&csm), json!({ "contract_types": [] })).await;
    problem(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = w.app.put("/api/v1/admin/tool-settings/teapot", Some(&w.admin), json!({ "contract_types": [] })).await;
    problem(res, StatusCode::NOT_FOUND, "not_found").await;
    let every = json!({ "contract_types": ["billing_agency", "billing_agency_adv", "flat_rate", "dedicated_connection", "cdn_only"] });
    let res = w.app.put("/api/v1/admin/tool-settings/trusted_advisor", Some(&w.admin), every).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(w.app.get(&w.path("/trusted-advisor"), Some(&w.rep)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn r7_8_scheduled_reads_come_once_a_day_at_the_accounts_own_minute_and_only_one_replica_reads() {
    let w = world(true).await;
    link_role(&w).await;
    w.emu().seed_trusted_advisor(json!({ "results": [idle_lb_result(50.0)] })).await;
    let aws: portal_app::aws_tools::SharedAws = Arc::new(w.emu().tools().await);
    let registered = w.app.now();
    let slot = portal_domain::aws_roles::refresh_slot_before(w.account, registered + chrono::Duration::days(1));
    // Before the account's slot has come since registering: nothing to do.
    let before_slot = slot - chrono::Duration::days(1) + chrono::Duration::seconds(1);
    if before_slot > registered {
        let r = portal_app::aws_refresh::sweep(&w.app.db, &aws, before_slot).await.unwrap();
        assert_eq!(r, portal_app::aws_refresh::Refreshed::default());
    }
    // Two replicas sweeping at the slot at once: one reads; the other finds the account claimed or,
    // if it looked after the first had finished, already read.
    let at = slot + chrono::Duration::seconds(5);
    let (a, b) = tokio::join!(
        portal_app::aws_refresh::sweep(&w.app.db, &aws, at),
        portal_app::aws_refresh::sweep(&w.app.db, &aws, at)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!((a.read + b.read, a.failed + b.failed), (1, 0), "{a:?} {b:?}");
    assert_eq!(w.emu().requests_for("DescribeTrustedAdvisorChecks").await.len(), 1);
    assert_eq!(w.emu().requests_for("GetCostAndUsage").await.len(), 1);
    let ta: TrustedAdvisorView = ok_json(w.app.get(&w.path("/trusted-advisor"), Some(&w.rep)).await).await;
    assert_eq!(ta.estimated_monthly_savings, 50.0);
    assert_eq!(ta.fetched_at.map(|t| t.timestamp()), Some(at.timestamp()));
    // Later the same day: read already; the next day at the slot: read again.
    let r = portal_app::aws_refresh::sweep(&w.app.db, &aws, at + chrono::Duration::hours(3)).await.unwrap();
    assert_eq!(r, portal_app::aws_refresh::Refreshed::default());
    let next = portal_app::aws_refresh::sweep(&w.app.db, &aws, at + chrono::Duration::days(1)).await.unwrap();
    assert_eq!(next.read, 1);
    // The claim itself: of two replicas claiming at the same moment, exactly one gets it.
    let later = at + chrono::Duration::days(2);
    let until = later + chrono::Duration::minutes(60);
    let claims = futures_util::future::join_all(
        (0..8).map(|_| portal_db::queries::aws_tools::claim_refresh(&w.app.db, w.account, later, until)),
    )
    .await;
    assert_eq!(claims.into_iter().filter(|c| *c.as_ref().unwrap()).count(), 1);
}

#[tokio::test]
async fn r6_4_staff_attach_a_check_to_a_proposal_and_it_keeps_the_resources_of_that_moment() {
    let w = world(true).await;
    link_role(&w).await;
    w.emu().seed_trusted_advisor(json!({ "results": [idle_lb_result(123.45)] })).await;
    let fetch = w.app.post(&w.path("/trusted-advisor/fetch"), Some(&w.rep), json!({})).await;
    assert_eq!(fetch.status(), StatusCode::OK);
    let body = json!({
        "title": "使われていないロードバランサーの削除",
        "category": "cost",
        "findings": "Trusted Advisor がアイドル状態のロードバランサーを 2 台検出しています。",
        "expected_effect": "月 123.45 ドルの削減",
        "estimated_effort": "0.5 人日",
        "priority": "high",
        "work_order": "maintenance_contract",
    });
    let url = format!("/api/v1/admin/companies/{}/optimization/proposals", w.company);
    let proposal: Value = ok_json(w.app.post(&url, Some(&w.admin), body).await).await;
    let evidence_url = format!("/api/v1/admin/optimization/proposals/{}/evidence", proposal["id"].as_str().unwrap());
    let attach = json!({ "aws_account_id": w.account, "check_id": IDLE_LB });
    let res = w.app.post(&evidence_url, Some(&w.admin), attach).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
    // AWS's result changes afterwards; the evidence keeps what was attached.
    w.emu().seed_trusted_advisor(json!({ "results": [idle_lb_result(10.0)] })).await;
    let refetch =
        w.app.post(&w.path(&format!("/trusted-advisor/checks/{IDLE_LB}/fetch")), Some(&w.rep), json!({})).await;
    assert_eq!(refetch.status(), StatusCode::OK);
    let customer_url = format!("/api/v1/company/optimization/proposals/{}/evidence", proposal["id"].as_str().unwrap());
    let seen: Vec<portal_domain::aws_tools::EvidenceView> =
        ok_json(w.app.get(&customer_url, Some(&w.member)).await).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].check.check.id, IDLE_LB);
    assert_eq!(seen[0].check.result.summary.estimated_monthly_savings, Some(123.45));
    assert_eq!(seen[0].check.result.flagged_resources.len(), 2);
    // Another company's account cannot be attached to this company's proposal.
    let other = w.app.build_company("AWSOTH").aws_account("444455556666").by(&w.admin).create().await;
    let (_, other_rep) = w.app.customer(Role::Representative, other).await;
    let theirs: Vec<AwsAccountView> = ok_json(w.app.get("/api/v1/company/aws-accounts", Some(&other_rep)).await).await;
    let foreign = json!({ "aws_account_id": theirs[0].id, "check_id": IDLE_LB });
    problem(w.app.post(&evidence_url, Some(&w.admin), foreign).await, StatusCode::NOT_FOUND, "not_found").await;
    // And the other company cannot read this proposal's evidence.
    problem(w.app.get(&customer_url, Some(&other_rep)).await, StatusCode::NOT_FOUND, "not_found").await;
}
