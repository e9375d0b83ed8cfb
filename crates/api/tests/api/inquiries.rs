//! Issue 10: inquiries about cloudpack+ (R7.7). A member opens one, staff answer, the member
//! replies and closes, reopens within 14 days and is refused after; the staff inbox across
//! companies (rank, then the wait in service hours), its filters, search and assignment; e-mails
//! to the other side, unread markers, files, and validation errors naming their fields.

use chrono::Duration;
use portal_domain::company::AuditPage;
use portal_domain::inquiries::{InquiryPage, InquiryState, InquiryView};
use portal_domain::services::{MessageList, MessageView};
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{ok_json, problem, TestApp, TestUser};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

fn open_body(category: &str, subject: &str, body: &str) -> serde_json::Value {
    json!({ "category": category, "subject": subject, "body": body })
}

async fn open(app: &TestApp, token: &str, category: &str, subject: &str, body: &str) -> InquiryView {
    let res = app.post("/api/v1/company/inquiries", Some(token), open_body(category, subject, body)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

async fn upload(app: &TestApp, url: &str, token: &str, name: &str, ct: &str, body: Vec<u8>) -> reqwest::Response {
    app.http
        .post(app.url(url))
        .query(&[("file_name", name)])
        .bearer_auth(token)
        .header("Content-Type", ct)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// A new session after the clock moved past the access token's life.
async fn again(app: &TestApp, u: &mut TestUser) -> String {
    app.sign_in(u).await.access_token
}

async fn answer(app: &TestApp, token: &str, id: Uuid, body: &str) -> MessageView {
    let url = format!("/api/v1/admin/inquiries/{id}/messages");
    ok_json(app.post(&url, Some(token), json!({ "body": body })).await).await
}

#[tokio::test]
async fn a_member_asks_staff_answer_the_member_replies_closes_and_reopens_within_14_days() {
    // Thursday 2026-05-07, 10:00 JST.
    let app = TestApp::spawn_at("2026-05-07T01:00:00Z".parse().unwrap()).await;
    let company = app.build_company("INQ").rank(Rank::Gold).create().await;
    let (mut rep_user, mut rep) = app.customer(Role::Representative, company).await;
    let (mut member_user, mut member) = app.customer(Role::Member, company).await;
    let (mut csm_user, _) = app.staff(Role::Csm).await;

    let opened = open(&app, &member, "tickets", "チケットの有効期限", "繰越はできますか？").await;
    assert_eq!(opened.state, InquiryState::Open);
    assert_eq!(opened.waiting_since, Some(app.now()));
    assert_eq!((opened.message_count, opened.unread, opened.opened_by.as_str()), (1, 0, member_user.email.as_str()));
    let customer_url = format!("/api/v1/company/inquiries/{}", opened.id);
    let staff_url = format!("/api/v1/admin/inquiries/{}", opened.id);
    // Nobody is assigned: every CSM and admin hears of it, with the staff's link.
    let to_csm = app.mails_to(&csm_user.email);
    assert_eq!(to_csm.len(), 1);
    assert!(to_csm[0].contains(&format!("/admin/inquiries/{}", opened.id)), "{}", to_csm[0]);
    assert!(app.mails_to(&member_user.email).is_empty(), "the author is not told of their own message");

    // Every user of the company sees it; the representative has one unread message until reading.
    let page: InquiryPage = ok_json(app.get("/api/v1/company/inquiries", Some(&rep)).await).await;
    assert_eq!((page.total, page.items[0].id, page.items[0].unread), (1, opened.id, 1));
    let thread: MessageList = ok_json(app.get(&format!("{customer_url}/messages"), Some(&rep)).await).await;
    assert_eq!(thread.items.len(), 1);
    assert_eq!(thread.items[0].body, "繰越はできますか？");
    let seen: InquiryView = ok_json(app.get(&customer_url, Some(&rep)).await).await;
    assert_eq!(seen.unread, 0);

    // Two service hours later staff see the wait, then answer: answered, the wait is over.
    app.clock.advance(Duration::hours(2));
    let mut csm = again(&app, &mut csm_user).await;
    member = again(&app, &mut member_user).await;
    let detail: InquiryView = ok_json(app.get(&staff_url, Some(&csm)).await).await;
    assert_eq!((detail.unread, detail.waiting_service_minutes), (1, Some(120)));
    answer(&app, &csm, opened.id, "年度をまたいだ繰越はできません。").await;
    let answered: InquiryView = ok_json(app.get(&customer_url, Some(&member)).await).await;
    assert_eq!((answered.state, answered.waiting_since, answered.unread), (InquiryState::Answered, None, 1));
    for u in [&member_user, &rep_user] {
        let mails = app.mails_to(&u.email);
        assert_eq!(mails.len(), 1, "{}", u.email);
        assert!(mails[0].contains(&format!("/inquiries/{}", opened.id)) && !mails[0].contains("/admin/"));
    }

    // The member replies (open, waiting again from now) and sends a file.
    app.clock.advance(Duration::minutes(30));
    (rep, member, csm) =
        (again(&app, &mut rep_user).await, again(&app, &mut member_user).await, again(&app, &mut csm_user).await);
    let url = format!("{customer_url}/messages");
    let _: MessageView = ok_json(app.post(&url, Some(&member), json!({ "body": "承知しました。" })).await).await;
    let reopened_wait: InquiryView = ok_json(app.get(&customer_url, Some(&member)).await).await;
    assert_eq!((reopened_wait.state, reopened_wait.waiting_since), (InquiryState::Open, Some(app.now())));
    assert_eq!(app.mails_to(&csm_user.email).len(), 2);
    app.clock.advance(Duration::minutes(1));
    let files = format!("{customer_url}/attachments");
    let res = upload(&app, &files, &member, "請求書.pdf", "application/pdf", PDF.to_vec()).await;
    let file: MessageView = ok_json(res).await;
    assert_eq!(file.attachments.len(), 1);
    let download = app.get(&format!("{customer_url}/attachments/{}", file.attachments[0].id), Some(&rep)).await;
    assert_eq!(download.status(), StatusCode::OK);
    let disposition = download.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);
    let staff_file = app.get(&format!("{staff_url}/attachments/{}", file.attachments[0].id), Some(&csm)).await;
    assert_eq!(staff_file.status(), StatusCode::OK);
    let res = upload(&app, &files, &member, "x.pdf", "application/pdf", b"<html>".to_vec()).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("file", "attachment_type_mismatch"));
    let thread: MessageList = ok_json(app.get(&format!("{staff_url}/messages"), Some(&csm)).await).await;
    assert_eq!(thread.items.len(), 4);
    assert_eq!(thread.items[3].attachments, file.attachments);
    assert_eq!(thread.items.iter().filter(|m| m.from_staff).count(), 1);

    // The member closes it; a closed inquiry takes no messages.
    let closed: InquiryView = ok_json(app.post(&format!("{customer_url}/close"), Some(&member), json!({})).await).await;
    assert_eq!((closed.state, closed.closed_at), (InquiryState::Closed, Some(app.now())));
    assert_eq!(closed.reopen_until, Some(app.now() + Duration::days(14)));
    let res = app.post(&url, Some(&rep), json!({ "body": "もう一つ" })).await;
    problem(res, StatusCode::CONFLICT, "invalid_transition").await;
    let res = app.post(&format!("{staff_url}/messages"), Some(&csm), json!({ "body": "補足" })).await;
    problem(res, StatusCode::CONFLICT, "invalid_transition").await;
    problem(
        app.post(&format!("{customer_url}/close"), Some(&rep), json!({})).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;

    // 14 days later it can still be reopened; it waits for us again.
    app.clock.advance(Duration::days(14));
    (rep, csm) = (again(&app, &mut rep_user).await, again(&app, &mut csm_user).await);
    let reopened: InquiryView = ok_json(app.post(&format!("{customer_url}/reopen"), Some(&rep), json!({})).await).await;
    assert_eq!(
        (reopened.state, reopened.waiting_since, reopened.closed_at),
        (InquiryState::Open, Some(app.now()), None)
    );
    problem(
        app.post(&format!("{customer_url}/reopen"), Some(&rep), json!({})).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;

    // Staff close it; a day over 14 later it stays closed.
    let _: InquiryView = ok_json(app.post(&format!("{staff_url}/close"), Some(&csm), json!({})).await).await;
    app.clock.advance(Duration::days(14) + Duration::minutes(1));
    member = again(&app, &mut member_user).await;
    let res = app.post(&format!("{customer_url}/reopen"), Some(&member), json!({})).await;
    let p = problem(res, StatusCode::CONFLICT, "reopen_period_over").await;
    assert!(p.detail.unwrap_or_default().contains("14 days"));
    let still: InquiryView = ok_json(app.get(&customer_url, Some(&member)).await).await;
    assert_eq!(still.state, InquiryState::Closed);

    // Every step is in the audit log.
    let (_, admin) = app.staff(Role::Admin).await;
    let audit: AuditPage =
        ok_json(app.get(&format!("/api/v1/admin/audit?company_id={company}&per_page=100"), Some(&admin)).await).await;
    let mut actions: Vec<&str> =
        audit.items.iter().filter(|e| e.target_type == "inquiry").map(|e| e.action.as_str()).collect();
    actions.sort();
    actions.dedup();
    assert_eq!(actions, ["inquiry.close", "inquiry.message", "inquiry.open", "inquiry.reopen"]);
}

#[tokio::test]
async fn the_inbox_puts_platinum_first_then_the_longest_wait_in_service_hours() {
    // Thursday 2026-05-07, 18:00 JST: one service hour left today.
    let app = TestApp::spawn_at("2026-05-07T09:00:00Z".parse().unwrap()).await;
    let platinum = app.build_company("PLAT").rank(Rank::Platinum).create().await;
    let gold = app.build_company("GOLD").rank(Rank::Gold).create().await;
    let regular = app.build_company("REGU").create().await;
    let (mut plat_user, _) = app.customer(Role::Member, platinum).await;
    let (mut gold_user, gold_rep) = app.customer(Role::Representative, gold).await;
    let (mut reg_user, _) = app.customer(Role::Member, regular).await;
    let (mut csm_user, _) = app.staff(Role::Csm).await;
    let (other_csm_user, _) = app.staff(Role::Csm).await;

    let g1 = open(&app, &gold_rep, "services", "Billing question", "How is the web-vuln-lite cost counted?").await;
    app.clock.advance(Duration::minutes(30));
    let (plat, reg, csm) =
        (again(&app, &mut plat_user).await, again(&app, &mut reg_user).await, again(&app, &mut csm_user).await);
    let p1 = open(&app, &plat, "trainings", "ハンズオンの席", "席は追加できますか").await;
    let r1 = open(&app, &reg, "portal", "ログイン", "MFA の再設定").await;
    app.clock.advance(Duration::minutes(1));
    let p2 = open(&app, &plat, "other", "ご相談", "ランクについて").await;
    answer(&app, &csm, p2.id, "ランクは年度ごとに見直します (BILLING は別窓口)").await;

    // Friday 11:00 JST: g1 waited 18:00–19:00 and 10:00–11:00, p1 18:30–19:00 and 10:00–11:00.
    app.clock.set("2026-05-08T02:00:00Z".parse().unwrap());
    let (plat, gold_rep, csm) =
        (again(&app, &mut plat_user).await, again(&app, &mut gold_user).await, again(&app, &mut csm_user).await);
    let inbox: InquiryPage = ok_json(app.get("/api/v1/admin/inquiries", Some(&csm)).await).await;
    let order: Vec<Uuid> = inbox.items.iter().map(|i| i.id).collect();
    assert_eq!(order, [p1.id, p2.id, g1.id, r1.id]);
    assert_eq!(inbox.total, 4);
    let wait: Vec<Option<u64>> = inbox.items.iter().map(|i| i.waiting_service_minutes).collect();
    assert_eq!(wait, [Some(90), None, Some(120), Some(90)]);
    assert_eq!(inbox.items[0].waiting_since, Some("2026-05-07T09:30:00Z".parse().unwrap()));
    assert_eq!(inbox.items[0].company_rank, Rank::Platinum);
    // Paging keeps the order and links on.
    let first: InquiryPage = ok_json(app.get("/api/v1/admin/inquiries?per_page=3", Some(&csm)).await).await;
    assert_eq!((first.items.len(), first.items[2].id), (3, g1.id));
    assert!(first.links.next.as_deref().is_some_and(|n| n.contains("page=2")));

    // Filters and search (subject, first message and replies, without regard to case).
    let ids = |p: InquiryPage| p.items.iter().map(|i| i.id).collect::<Vec<_>>();
    let get = |q: String| {
        let (app, csm) = (&app, &csm);
        async move { ids(ok_json(app.get(&format!("/api/v1/admin/inquiries?{q}"), Some(csm)).await).await) }
    };
    assert_eq!(get("state=answered".into()).await, [p2.id]);
    assert_eq!(get("category=portal".into()).await, [r1.id]);
    assert_eq!(get(format!("company={platinum}")).await, [p1.id, p2.id]);
    assert_eq!(get("q=billing".into()).await, [p2.id, g1.id]);
    assert_eq!(get("q=WEB-VULN".into()).await, [g1.id]);
    assert_eq!(get("q=%E5%B8%AD".into()).await, [p1.id]);
    assert_eq!(get("q=100%25".into()).await, Vec::<Uuid>::new());

    // Assignment: to a CSM; the assignee filter; a customer cannot be assigned.
    let url = format!("/api/v1/admin/inquiries/{}/assignee", g1.id);
    let assigned: InquiryView = ok_json(app.put(&url, Some(&csm), json!({ "assignee_id": csm_user.id })).await).await;
    assert_eq!(assigned.assignee.map(|a| a.email), Some(csm_user.email.clone()));
    assert_eq!(get(format!("assignee={}", csm_user.id)).await, [g1.id]);
    let customer_id = app.customer(Role::Member, gold).await.0.id;
    let p = problem(
        app.put(&url, Some(&csm), json!({ "assignee_id": customer_id })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "assignee_id");
    // Once assigned, the customer's messages go to the assignee only.
    let before = (app.mails_to(&csm_user.email).len(), app.mails_to(&other_csm_user.email).len());
    let reply = format!("/api/v1/company/inquiries/{}/messages", g1.id);
    let _: MessageView = ok_json(app.post(&reply, Some(&gold_rep), json!({ "body": "追記です" })).await).await;
    let after = (app.mails_to(&csm_user.email).len(), app.mails_to(&other_csm_user.email).len());
    assert_eq!(after, (before.0 + 1, before.1));
    // Still waiting since the first unanswered message, not the follow-up.
    let g: InquiryView = ok_json(app.get(&format!("/api/v1/admin/inquiries/{}", g1.id), Some(&csm)).await).await;
    assert_eq!(g.waiting_since, Some("2026-05-07T09:00:00Z".parse().unwrap()));

    // Customers do not reach the inbox; companies see only their own inquiries.
    problem(app.get("/api/v1/admin/inquiries", Some(&plat)).await, StatusCode::FORBIDDEN, "forbidden").await;
    let own: InquiryPage = ok_json(app.get("/api/v1/company/inquiries?sort=created", Some(&plat)).await).await;
    assert_eq!(ids(own), [p2.id, p1.id]);
    let open_only: InquiryPage = ok_json(app.get("/api/v1/company/inquiries?state=open", Some(&plat)).await).await;
    assert_eq!(ids(open_only), [p1.id]);

    // An assignee who can no longer act is passed over: every active staff member is told.
    {
        use sea_orm::{ActiveModelTrait, Set};
        let gone = portal_db::entities::user::ActiveModel {
            id: Set(csm_user.id),
            disabled_at: Set(Some(app.now())),
            ..Default::default()
        };
        gone.update(&app.db).await.unwrap();
    }
    let _: MessageView = ok_json(app.post(&reply, Some(&gold_rep), json!({ "body": "まだでしょうか" })).await).await;
    let later = (app.mails_to(&csm_user.email).len(), app.mails_to(&other_csm_user.email).len());
    assert_eq!(later, (after.0, after.1 + 1), "the disabled assignee gets nothing; the other CSM is told");
}

#[tokio::test]
async fn the_inbox_pages_in_rank_then_wait_order_across_page_boundaries_with_the_total() {
    use portal_db::entities::company_year;
    use portal_domain::fiscal::FiscalYear;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    // Thursday 2026-05-07, 10:00 JST.
    let app = TestApp::spawn_at("2026-05-07T01:00:00Z".parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let platinum = app.build_company("PPAG").rank(Rank::Platinum).by(&admin).create().await;
    let gold = app.build_company("GPAG").rank(Rank::Gold).by(&admin).create().await;
    let bronze = app.build_company("BPAG").rank(Rank::Bronze).by(&admin).create().await;
    let fresh = app.build_company("SPAG").rank(Rank::Platinum).by(&admin).create().await;
    // Next year's PLATINUM is only recorded until its rollover: GOLD is the rank now.
    let path = format!("/api/v1/admin/companies/{gold}/rank-override");
    let next = crate::helpers::body::rank_override(FiscalYear::containing(app.now()).next(), Rank::Platinum, "next");
    assert_eq!(app.post_json(&path, Some(&admin), &next).await.status(), StatusCode::OK);
    // A company whose grant was never made is REGULAR, whatever rank its year records.
    company_year::Entity::update_many()
        .col_expr(company_year::Column::RolledOverAt, Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
        .filter(company_year::Column::CompanyId.eq(fresh))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, plat) = app.customer(Role::Member, platinum).await;
    let (_, gold) = app.customer(Role::Member, gold).await;
    let (_, bronze) = app.customer(Role::Member, bronze).await;
    let (_, fresh) = app.customer(Role::Member, fresh).await;
    let (_, csm) = app.staff(Role::Csm).await;

    // Opened in this order, ten seconds apart: the longest waits are the lowest ranks'.
    let mut opened = Vec::new();
    for (token, subject) in
        [(&fresh, "s"), (&gold, "g"), (&plat, "p-early"), (&plat, "p-late"), (&bronze, "b"), (&plat, "p")]
    {
        opened.push(open(&app, token, "other", subject, "本文").await.id);
        app.clock.advance(Duration::seconds(10));
    }
    let [s, g, p_early, p_late, b, p] = opened[..] else { unreachable!() };
    // The later one answered first: among the answered, the latest activity comes first, not the
    // newest inquiry.
    answer(&app, &csm, p_late, "回答").await;
    app.clock.advance(Duration::seconds(10));
    answer(&app, &csm, p_early, "回答").await;
    app.clock.advance(Duration::seconds(10));

    let page = |q: String| {
        let (app, csm) = (&app, &csm);
        async move {
            let page: InquiryPage = ok_json(app.get(&format!("/api/v1/admin/inquiries?{q}"), Some(csm)).await).await;
            let items: Vec<(Uuid, Rank)> = page.items.iter().map(|i| (i.id, i.company_rank)).collect();
            (items, page.total)
        }
    };
    let expected = [
        (p, Rank::Platinum),
        (p_early, Rank::Platinum),
        (p_late, Rank::Platinum),
        (g, Rank::Gold),
        (b, Rank::Bronze),
        (s, Rank::Regular),
    ];
    for (n, want) in expected.chunks(2).enumerate() {
        let (items, total) = page(format!("per_page=2&page={}", n + 1)).await;
        assert_eq!((items.as_slice(), total), (want, 6), "page {}", n + 1);
    }
    assert_eq!(page("per_page=2&page=4".into()).await, (vec![], 6));
    // Filters count and page the same way: the open ones only.
    assert_eq!(page("state=open&per_page=3&page=2".into()).await, (vec![(s, Rank::Regular)], 4));
    assert_eq!(page("state=open&per_page=3".into()).await.0, [(p, Rank::Platinum), (g, Rank::Gold), (b, Rank::Bronze)]);
}

#[tokio::test]
async fn invalid_inquiries_and_filters_name_their_fields() {
    let app = TestApp::spawn().await;
    let company = app.build_company("INV").create().await;
    let (_, member) = app.customer(Role::Member, company).await;
    let (_, csm) = app.staff(Role::Csm).await;

    let res = app.post("/api/v1/company/inquiries", Some(&member), open_body("tickets", "  ", "")).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let fields: Vec<(&str, &str)> = p.errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(fields, [("subject", "required"), ("body", "required")]);
    let res = app.post("/api/v1/company/inquiries", Some(&member), open_body("tickets", &"長".repeat(201), "x")).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("subject", "too_long"));
    let res = app.post("/api/v1/company/inquiries", Some(&member), open_body("backlog", "件名", "本文")).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p.errors[0].field, "category");

    let i = open(&app, &member, "other", "件名", "本文").await;
    let url = format!("/api/v1/company/inquiries/{}/messages", i.id);
    let p = problem(
        app.post(&url, Some(&member), json!({ "body": " " })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "body");
    for (q, field) in [("state=pending", "state"), ("sort=oldest", "sort"), ("per_page=0", "per_page")] {
        let res = app.get(&format!("/api/v1/company/inquiries?{q}"), Some(&member)).await;
        let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(p.errors[0].field, field, "{q}");
    }
    for (q, field) in [("category=sales", "category"), ("state=done", "state")] {
        let res = app.get(&format!("/api/v1/admin/inquiries?{q}"), Some(&csm)).await;
        let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(p.errors[0].field, field, "{q}");
    }
    let missing = format!("/api/v1/company/inquiries/{}", Uuid::new_v4());
    problem(app.get(&missing, Some(&member)).await, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn an_integrator_token_reads_inquiries_and_writes_only_with_read_write() {
    let app = TestApp::spawn().await;
    let company = app.build_company("TOKI").create().await;
    let (_, member) = app.customer(Role::Member, company).await;
    let opened = open(&app, &member, "portal", "API の使い方", "トークンで一覧を読みたい").await;
    let token = |scope: &str| {
        let body = json!({ "name": format!("連携 {scope}"), "expires_in_days": 30, "scope": scope });
        let (app, member) = (&app, &member);
        async move {
            let created: serde_json::Value = ok_json(app.post("/api/v1/me/api-tokens", Some(member), body).await).await;
            created["secret"].as_str().unwrap().to_owned()
        }
    };
    let read = token("read").await;
    let listed: InquiryPage = ok_json(app.get("/api/v1/company/inquiries", Some(&read)).await).await;
    assert_eq!(listed.items[0].id, opened.id);
    let res = app.post("/api/v1/company/inquiries", Some(&read), open_body("other", "件名", "本文")).await;
    problem(res, StatusCode::FORBIDDEN, "token_scope_insufficient").await;
    let read_write = token("read-write").await;
    let url = format!("/api/v1/company/inquiries/{}/messages", opened.id);
    let res = app.post(&url, Some(&read_write), json!({ "body": "連携から追記" })).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // Staff have no way in with a customer's token.
    problem(app.get("/api/v1/admin/inquiries", Some(&read_write)).await, StatusCode::FORBIDDEN, "forbidden").await;
}
