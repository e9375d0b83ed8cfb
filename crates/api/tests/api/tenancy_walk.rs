//! Tenant isolation by walking the API: every customer operation that names a resource by id
//! (`/api/v1/company/…/{id}`, `/api/v1/me/…/{id}`) is called by company B's representative with
//! company A's ids, and answers 404 `not_found`, exactly as for an id that does not exist. A's
//! resources are unchanged afterwards. A new such operation fails here until company A is given
//! an id for it, so no route is left out by forgetting (issue 9 "Done when"; issue 10 for users,
//! tokens, inquiries and their files, optimization proposals, their comments and kickoff times).

use std::collections::HashMap;

use portal_domain::company::{AwsAccountView, CompanyOverview, LedgerPage};
use portal_domain::inquiries::{InquiryPage, InquiryState, InquiryView};
use portal_domain::optimization::{EngagementView, ProposalList, ProposalStatus, ProposalView};
use portal_domain::services::{ApplicationState, ApplicationView, MessageView};
use portal_domain::trainings::{BookingView, TrainingMenuView};
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{ok_json, problem, TestApp};

const ACCOUNT_A: &str = "123456789012";
const ACCOUNT_B: &str = "210987654321";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

/// Paths with an id that is not company data: the training menus are the portal's catalogue, which
/// every company books from.
const SHARED: [&str; 1] = ["/api/v1/company/trainings/{id}/bookings"];

/// Company A's resources, one of each kind a customer path can name.
struct CompanyA {
    application: Uuid,
    slot: Uuid,
    attachment: Uuid,
    aws_account: Uuid,
    ledger_entry: Uuid,
    booking: Uuid,
    member: Uuid,
    api_token: Uuid,
    inquiry: Uuid,
    inquiry_attachment: Uuid,
    proposal: Uuid,
    optimization_slot: Uuid,
}

impl CompanyA {
    /// The id company A has for each parameter of `path`, or None when A has none to offer.
    fn ids(&self, path: &str) -> Option<HashMap<&'static str, Uuid>> {
        if path.starts_with("/api/v1/company/inquiries/{id}") {
            return Some(HashMap::from([("id", self.inquiry), ("attachment_id", self.inquiry_attachment)]));
        }
        if path.starts_with("/api/v1/company/optimization/proposals/{id}") {
            return Some(HashMap::from([("id", self.proposal)]));
        }
        if path.starts_with("/api/v1/company/optimization/slots/{id}") {
            return Some(HashMap::from([("id", self.optimization_slot)]));
        }
        let id = if path.starts_with("/api/v1/company/applications/{id}") {
            self.application
        } else if path.starts_with("/api/v1/company/aws-accounts/{id}") {
            self.aws_account
        } else if path.starts_with("/api/v1/company/tickets/{id}") {
            self.ledger_entry
        } else if path.starts_with("/api/v1/company/training-bookings/{id}") {
            self.booking
        } else if path.starts_with("/api/v1/company/users/{id}") {
            self.member
        } else if path.starts_with("/api/v1/me/api-tokens/{id}") {
            self.api_token
        } else {
            return None;
        };
        // `check_id` is a Trusted Advisor check id, any text: the account is what B may not reach.
        Some(HashMap::from([
            ("id", id),
            ("slot_id", self.slot),
            ("attachment_id", self.attachment),
            ("check_id", self.aws_account),
        ]))
    }
}

fn fill(path: &str, ids: &HashMap<&'static str, Uuid>) -> String {
    let mut out = path.to_owned();
    for (name, id) in ids {
        out = out.replace(&format!("{{{name}}}"), &id.to_string());
    }
    assert!(!out.contains('{'), "{path}: a parameter without an id ({out})");
    out
}

/// A request that would succeed on one's own resource, so only the scope can refuse it.
async fn call(app: &TestApp, method: &str, url: &str, token: &str) -> reqwest::Response {
    let req = app.http.request(method.parse().unwrap(), app.url(url)).bearer_auth(token);
    let req = if url.ends_with("/attachments") && method == "POST" {
        req.query(&[("file_name", "x.pdf")]).header("Content-Type", "application/pdf").body(PDF.to_vec())
    } else if url.ends_with("/messages") && method == "POST" {
        req.json(&json!({ "body": "B の書き込み" }))
    } else if url.ends_with("/role") && method == "PUT" {
        req.json(&json!({ "role_arn": format!("arn:aws:iam::{ACCOUNT_A}:role/CloudpackPortalReadOnly") }))
    } else if method == "PATCH" {
        req.json(&json!({ "role": "member" }))
    } else if method != "GET" && method != "DELETE" {
        req.json(&json!({}))
    } else {
        req
    };
    req.send().await.unwrap()
}

#[tokio::test]
async fn company_b_gets_404_for_every_application_message_slot_attachment_booking_and_user_of_company_a() {
    // Monday 2026-04-20, 10:00 JST: the slots below are inside service hours.
    let app = TestApp::spawn_at("2026-04-20T01:00:00Z".parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let (_, csm) = app.staff(Role::Csm).await;
    let a = app.build_company("WALKA").rank(Rank::Gold).tickets(15).aws_account(ACCOUNT_A).create().await;
    let b = app.build_company("WALKB").rank(Rank::Gold).tickets(15).aws_account(ACCOUNT_B).create().await;
    let (_, rep_a) = app.customer(Role::Representative, a).await;
    let (member_a, _) = app.customer(Role::Member, a).await;
    let (_, rep_b) = app.customer(Role::Representative, b).await;

    // A: an accepted application with proposed slots, a message with a file, a free training.
    let apply = |account: &str| json!({ "service_code": "cost-consulting-lite", "aws_account_id": account });
    let app_a: ApplicationView =
        ok_json(app.post("/api/v1/company/applications", Some(&rep_a), apply(ACCOUNT_A)).await).await;
    let admin_app = format!("/api/v1/admin/applications/{}", app_a.id);
    let _: ApplicationView =
        ok_json(app.post(&format!("{admin_app}/transitions"), Some(&csm), json!({ "action": "accept" })).await).await;
    let tuesday = json!({ "starts_at": "2026-04-21T01:00:00Z", "ends_at": "2026-04-21T02:00:00Z" });
    let proposed: ApplicationView =
        ok_json(app.post(&format!("{admin_app}/slots"), Some(&csm), json!({ "slots": [tuesday] })).await).await;
    let upload = app
        .http
        .post(app.url(&format!("{admin_app}/attachments")))
        .query(&[("file_name", "報告書.pdf")])
        .bearer_auth(&csm)
        .header("Content-Type", "application/pdf")
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), StatusCode::CREATED);
    let with_file: MessageView = upload.json().await.unwrap();
    let menu = json!({
        "fiscal_year": 2026, "title_ja": "AWS 入門", "title_en": "AWS basics", "format": "seminar",
        "starts_at": "2026-09-10T05:00:00Z", "duration_minutes": 120, "seat_limit": null, "ticket_cost": 2,
    });
    let menu: TrainingMenuView = ok_json(app.post("/api/v1/admin/trainings", Some(&admin), menu).await).await;
    let booking: BookingView = ok_json(
        app.post(&format!("/api/v1/company/trainings/{}/bookings", menu.id), Some(&rep_a), json!({ "route": "free" }))
            .await,
    )
    .await;
    let accounts: Vec<AwsAccountView> = ok_json(app.get("/api/v1/company/aws-accounts", Some(&rep_a)).await).await;
    let ledger: LedgerPage = ok_json(app.get("/api/v1/company/tickets", Some(&rep_a)).await).await;
    let token = json!({ "name": "請求データ連携", "expires_in_days": 30, "scope": "read" });
    let token: Value = ok_json(app.post("/api/v1/me/api-tokens", Some(&rep_a), token).await).await;
    // A's inquiry with a file from its representative.
    let inquiry = json!({ "category": "tickets", "subject": "残高", "body": "A の問い合わせ" });
    let inquiry: InquiryView = ok_json(app.post("/api/v1/company/inquiries", Some(&rep_a), inquiry).await).await;
    let upload = app
        .http
        .post(app.url(&format!("/api/v1/company/inquiries/{}/attachments", inquiry.id)))
        .query(&[("file_name", "明細.pdf")])
        .bearer_auth(&rep_a)
        .header("Content-Type", "application/pdf")
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    let inquiry_file: MessageView = ok_json(upload).await;
    // A's cloud optimization (GOLD): an engagement with a kickoff time, and a proposal.
    let slot = json!({ "starts_at": "2026-04-21T05:00:00Z", "ends_at": "2026-04-21T06:00:00Z" });
    let kickoff = json!({ "kickoff": "キックオフ", "slots": [slot] });
    let engagement: EngagementView =
        ok_json(app.post(&format!("/api/v1/admin/companies/{a}/optimization"), Some(&csm), kickoff).await).await;
    let proposal = json!({
        "title": "夜間停止", "category": "cost", "findings": "夜間も稼働", "expected_effect": "月 5 万円",
        "estimated_effort": "2 人日", "priority": "medium", "work_order": "separate_quote",
    });
    let proposal: ProposalView =
        ok_json(app.post(&format!("/api/v1/admin/companies/{a}/optimization/proposals"), Some(&csm), proposal).await)
            .await;
    let company_a = CompanyA {
        application: app_a.id,
        slot: proposed.slots[0].id,
        attachment: with_file.attachments[0].id,
        aws_account: accounts[0].id,
        ledger_entry: ledger.items[0].id,
        booking: booking.id,
        member: member_a.id,
        api_token: token["token"]["id"].as_str().unwrap().parse().unwrap(),
        inquiry: inquiry.id,
        inquiry_attachment: inquiry_file.attachments[0].id,
        proposal: proposal.id,
        optimization_slot: engagement.engagement.as_ref().unwrap().slots[0].id,
    };
    // B's own application and inquiry: A's slot or file under B's own id is not found either.
    let inquiry_b = json!({ "category": "other", "subject": "B", "body": "B の問い合わせ" });
    let inquiry_b: InquiryView = ok_json(app.post("/api/v1/company/inquiries", Some(&rep_b), inquiry_b).await).await;
    let app_b: ApplicationView =
        ok_json(app.post("/api/v1/company/applications", Some(&rep_b), apply(ACCOUNT_B)).await).await;
    let before: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep_a)).await).await;

    let doc: Value = ok_json(app.get("/api/openapi.json", None).await).await;
    let mut walked = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let customer_path = path.starts_with("/api/v1/company/") || path.starts_with("/api/v1/me/");
        if !customer_path || !path.contains('{') || SHARED.contains(&path.as_str()) {
            continue;
        }
        let ids = company_a
            .ids(path)
            .unwrap_or_else(|| panic!("{path} names a resource: give company A an id for it in CompanyA::ids"));
        for method in item.as_object().unwrap().keys() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let method = method.to_uppercase();
            let url = fill(path, &ids);
            let p = problem(call(&app, &method, &url, &rep_b).await, StatusCode::NOT_FOUND, "not_found").await;
            assert!(p.detail.is_none_or(|d| !d.contains(&company_a.application.to_string())), "{method} {url}");
            if path.contains("{slot_id}") || path.contains("{attachment_id}") {
                let mixed = if path.starts_with("/api/v1/company/inquiries/") {
                    HashMap::from([("id", inquiry_b.id), ("attachment_id", company_a.inquiry_attachment)])
                } else {
                    HashMap::from([
                        ("id", app_b.id),
                        ("slot_id", company_a.slot),
                        ("attachment_id", company_a.attachment),
                    ])
                };
                let url = fill(path, &mixed);
                problem(call(&app, &method, &url, &rep_b).await, StatusCode::NOT_FOUND, "not_found").await;
            }
            walked.push(format!("{method} {path}"));
        }
    }
    for expected in [
        "GET /api/v1/company/applications/{id}",
        "POST /api/v1/company/applications/{id}/cancel",
        "GET /api/v1/company/applications/{id}/messages",
        "POST /api/v1/company/applications/{id}/messages",
        "POST /api/v1/company/applications/{id}/slots/{slot_id}/pick",
        "POST /api/v1/company/applications/{id}/attachments",
        "GET /api/v1/company/applications/{id}/attachments/{attachment_id}",
        "POST /api/v1/company/training-bookings/{id}/cancel",
        "DELETE /api/v1/me/api-tokens/{id}",
        "GET /api/v1/company/inquiries/{id}",
        "GET /api/v1/company/inquiries/{id}/messages",
        "POST /api/v1/company/inquiries/{id}/messages",
        "POST /api/v1/company/inquiries/{id}/close",
        "POST /api/v1/company/inquiries/{id}/reopen",
        "POST /api/v1/company/inquiries/{id}/attachments",
        "GET /api/v1/company/inquiries/{id}/attachments/{attachment_id}",
        "GET /api/v1/company/optimization/proposals/{id}",
        "POST /api/v1/company/optimization/proposals/{id}/agree",
        "POST /api/v1/company/optimization/proposals/{id}/decline",
        "GET /api/v1/company/optimization/proposals/{id}/comments",
        "POST /api/v1/company/optimization/proposals/{id}/comments",
        "POST /api/v1/company/optimization/slots/{id}/pick",
        "GET /api/v1/company/optimization/proposals/{id}/evidence",
        "GET /api/v1/company/aws-accounts/{id}/role-setup",
        "PUT /api/v1/company/aws-accounts/{id}/role",
        "POST /api/v1/company/aws-accounts/{id}/connection-test",
        "GET /api/v1/company/aws-accounts/{id}/trusted-advisor",
        "POST /api/v1/company/aws-accounts/{id}/trusted-advisor/fetch",
        "GET /api/v1/company/aws-accounts/{id}/trusted-advisor/checks/{check_id}",
        "GET /api/v1/company/aws-accounts/{id}/trusted-advisor/checks/{check_id}/resources.csv",
        "POST /api/v1/company/aws-accounts/{id}/trusted-advisor/checks/{check_id}/refresh",
        "GET /api/v1/company/aws-accounts/{id}/cost",
        "POST /api/v1/company/aws-accounts/{id}/cost/fetch",
    ] {
        assert!(walked.iter().any(|w| w == expected), "{expected} was walked: {walked:?}");
    }

    // Nothing of A moved: the application, its slot, its thread, its booking and the balance.
    let still: ApplicationView =
        ok_json(app.get(&format!("/api/v1/company/applications/{}", app_a.id), Some(&rep_a)).await).await;
    assert_eq!(still.state, ApplicationState::Accepted);
    assert!(still.slots.iter().all(|s| !s.picked));
    let thread: portal_domain::services::MessageList =
        ok_json(app.get(&format!("/api/v1/company/applications/{}/messages", app_a.id), Some(&rep_a)).await).await;
    assert_eq!(thread.items.len(), 1, "only the staff's file");
    let after: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep_a)).await).await;
    assert_eq!((after.ticket_balance, after.free_trainings_left), (before.ticket_balance, before.free_trainings_left));
    let file = format!("/api/v1/company/applications/{}/attachments/{}", app_a.id, company_a.attachment);
    assert_eq!(app.get(&file, Some(&rep_a)).await.status(), StatusCode::OK);
    let inquiry_url = format!("/api/v1/company/inquiries/{}", inquiry.id);
    let still: InquiryView = ok_json(app.get(&inquiry_url, Some(&rep_a)).await).await;
    assert_eq!((still.state, still.message_count), (InquiryState::Open, 2), "A's inquiry is as it was");
    let file = format!("{inquiry_url}/attachments/{}", company_a.inquiry_attachment);
    assert_eq!(app.get(&file, Some(&rep_a)).await.status(), StatusCode::OK);
    let listed: InquiryPage = ok_json(app.get("/api/v1/company/inquiries", Some(&rep_b)).await).await;
    assert_eq!(listed.items.iter().map(|i| i.id).collect::<Vec<_>>(), [inquiry_b.id], "B lists only its own");
    // A's engagement, proposal and comments are untouched, and B sees none of them.
    let mine: ProposalView =
        ok_json(app.get(&format!("/api/v1/company/optimization/proposals/{}", proposal.id), Some(&rep_a)).await).await;
    assert_eq!(mine.status, ProposalStatus::Proposed);
    let comments = format!("/api/v1/company/optimization/proposals/{}/comments", proposal.id);
    let thread: portal_domain::services::MessageList = ok_json(app.get(&comments, Some(&rep_a)).await).await;
    assert!(thread.items.is_empty(), "B's comment did not land on A's proposal");
    let still: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&rep_a)).await).await;
    assert!(still.engagement.unwrap().slots.iter().all(|s| !s.picked));
    let theirs: EngagementView = ok_json(app.get("/api/v1/company/optimization", Some(&rep_b)).await).await;
    assert!(theirs.engagement.is_none(), "B's engagement is its own (none)");
    let listed: ProposalList = ok_json(app.get("/api/v1/company/optimization/proposals", Some(&rep_b)).await).await;
    assert!(listed.items.is_empty(), "B lists none of A's proposals");
    let tokens: Value = ok_json(app.get("/api/v1/me/api-tokens", Some(&rep_a)).await).await;
    assert!(tokens.to_string().contains(&company_a.api_token.to_string()), "A's token is still live: {tokens}");
}
