//! Issue 10: personal API tokens for integrators. Created from a full session, shown once, stored
//! hashed, listed with their last use, revocable; a token acts with its user's role, narrowed to
//! reading for a `read` token; each call is audited with the token's id; the OpenAPI document says
//! which operations take a token, and the server answers as it says.

use chrono::Duration;
use portal_domain::api_tokens::{ApiTokenCreated, ApiTokenView, CreateApiTokenRequest, TokenScope};
use portal_domain::users::{CompanyUserCreated, CreateCompanyUserRequest, CustomerRole};
use portal_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::company_users::send;
use crate::helpers::{body, ok_json, problem, TestApp};

fn request(name: &str, days: u32, scope: TokenScope) -> CreateApiTokenRequest {
    CreateApiTokenRequest { name: name.to_owned(), expires_in_days: days, scope }
}

async fn create(app: &TestApp, session: &str, days: u32, scope: TokenScope) -> ApiTokenCreated {
    ok_json(app.post_json("/api/v1/me/api-tokens", Some(session), &request("integration", days, scope)).await).await
}

async fn listed(app: &TestApp, session: &str) -> Vec<ApiTokenView> {
    ok_json(app.get("/api/v1/me/api-tokens", Some(session)).await).await
}

#[tokio::test]
async fn an_integrator_token_reads_the_company_and_is_refused_on_a_write() {
    let app = TestApp::spawn().await;
    let a = app.company("INTEG", "連携 株式会社").await;
    let (rep, session) = app.customer(Role::Representative, a).await;

    let created = create(&app, &session, 90, TokenScope::Read).await;
    assert!(created.secret.starts_with("cpp_") && created.secret.len() == 4 + 64, "{}", created.secret);
    assert!(created.secret.starts_with(&created.token.prefix));
    // From the server's clock (PostgreSQL keeps microseconds).
    let off = created.token.expires_at - (app.now() + Duration::days(90));
    assert!(off.num_microseconds().unwrap().abs() < 1, "{off}");
    let list = listed(&app, &session).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].last_used_at, None);
    assert!(!serde_json::to_string(&list).unwrap().contains(&created.secret), "never shown again");

    // The integrator's first call.
    let company: Value = ok_json(app.get("/api/v1/company", Some(&created.secret)).await).await;
    assert_eq!(company["id"], a.to_string());
    app.clock.advance(Duration::seconds(1));
    let me: Value = ok_json(app.get("/api/v1/me", Some(&created.secret)).await).await;
    assert_eq!(me["id"], rep.id.to_string());
    // A write with a read token: 403, though the representative's role would allow it.
    let add = CreateCompanyUserRequest {
        email: "new@example.jp".into(),
        display_name: "新規".into(),
        role: CustomerRole::Member,
    };
    app.clock.advance(Duration::seconds(1));
    problem(
        app.post_json("/api/v1/company/users", Some(&created.secret), &add).await,
        StatusCode::FORBIDDEN,
        "token_scope_insufficient",
    )
    .await;

    let list = listed(&app, &session).await;
    assert!(list[0].last_used_at.is_some(), "the last use is shown");
    // Every call is audited with the token's id (the refused write too).
    let (_, admin) = app.staff(Role::Admin).await;
    let audit: Value = ok_json(app.get("/api/v1/admin/audit?action=api_token.use", Some(&admin)).await).await;
    assert_eq!(audit["total"], 3);
    let items = audit["items"].as_array().unwrap();
    assert!(items.iter().all(|e| e["target_id"] == created.token.id.to_string()));
    assert!(items.iter().all(|e| e["actor"].as_str().unwrap().contains(&created.token.id.to_string())));
    assert_eq!(items[0]["after"]["method"], "POST");
    assert_eq!(items[0]["after"]["outcome"], "refused");
    assert_eq!(items[0]["after"]["reason"], "token_scope_insufficient");
    assert_eq!(items[1]["after"]["outcome"], "allowed");
    assert_eq!(items[2]["after"]["path"], "/api/v1/company");
    let created_entry: Value =
        ok_json(app.get("/api/v1/admin/audit?action=api_token.create", Some(&admin)).await).await;
    assert_eq!(created_entry["total"], 1);
    assert!(!created_entry.to_string().contains(&created.secret));
}

#[tokio::test]
async fn the_secret_is_stored_only_as_its_sha256() {
    use sea_orm::EntityTrait;
    let app = TestApp::spawn().await;
    let a = app.company("HASH", "ハッシュ 株式会社").await;
    let (_, session) = app.customer(Role::Member, a).await;
    let created = create(&app, &session, 1, TokenScope::Read).await;
    let row = portal_db::entities::api_token::Entity::find_by_id(created.token.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.token_hash, portal_app::credentials::secrets::sha256_hex(&created.secret));
    assert!(!row.token_hash.contains(&created.secret[4..]));
}

#[tokio::test]
async fn a_read_write_token_does_what_its_users_role_allows_and_no_more() {
    let app = TestApp::spawn().await;
    let a =
        app.build_company("RW").rank(portal_domain::Rank::Gold).tickets(15).aws_account("123456789012").create().await;
    let (rep, rep_session) = app.customer(Role::Representative, a).await;
    let (_, member_session) = app.customer(Role::Member, a).await;
    let rep_token = create(&app, &rep_session, 30, TokenScope::ReadWrite).await.secret;
    let member_token = create(&app, &member_session, 30, TokenScope::ReadWrite).await.secret;

    // Applying for a service is the representative's (R4.3): the representative's token may.
    let apply = json!({ "service_code": "cost-consulting-lite", "aws_account_id": "123456789012" });
    let applied: Value = ok_json(app.post("/api/v1/company/applications", Some(&rep_token), apply.clone()).await).await;
    problem(
        app.post("/api/v1/company/applications", Some(&member_token), apply.clone()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // A write's own audit entry names the token too.
    let cancel = format!("/api/v1/company/applications/{}/cancel", applied["id"].as_str().unwrap());
    let _: Value = ok_json(app.post(&cancel, Some(&rep_token), json!({})).await).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let audit: Value = ok_json(app.get("/api/v1/admin/audit?action=application.transition", Some(&admin)).await).await;
    let actor = audit["items"][0]["actor"].as_str().unwrap().to_owned();
    assert!(actor.starts_with(&rep.email) && actor.contains("API token"), "{actor}");
    assert_eq!(audit["items"][0]["target_id"], applied["id"]);

    // Changing the company's users hands out credentials: a session only (R7.4), though the
    // token's user is a representative. Reading them is fine.
    let add = CreateCompanyUserRequest {
        email: "via-token@example.jp".into(),
        display_name: "連携で追加".into(),
        role: CustomerRole::Representative,
    };
    problem(
        app.post_json("/api/v1/company/users", Some(&rep_token), &add).await,
        StatusCode::FORBIDDEN,
        "session_required",
    )
    .await;
    let users: Value = ok_json(app.get("/api/v1/company/users", Some(&rep_token)).await).await;
    assert!(!users.to_string().contains("via-token@example.jp"));
    let _: CompanyUserCreated = ok_json(app.post_json("/api/v1/company/users", Some(&rep_session), &add).await).await;

    // Staff operations stay closed; a token is a customer's.
    problem(app.get("/api/v1/admin/companies", Some(&rep_token)).await, StatusCode::FORBIDDEN, "forbidden").await;
    // The role is read at every call: demoted, the representative's token applies no more.
    let demote = json!({"role": "member"});
    let (_, other_rep) = app.customer(Role::Representative, a).await;
    let res = send(&app, Method::PATCH, &format!("/api/v1/company/users/{}", rep.id), &other_rep, Some(demote)).await;
    assert_eq!(res.status(), StatusCode::OK);
    problem(
        app.post("/api/v1/company/applications", Some(&rep_token), apply).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn expired_revoked_and_unknown_tokens_are_401() {
    let app = TestApp::spawn().await;
    let a = app.company("DEAD", "失効 株式会社").await;
    let (_, session) = app.customer(Role::Member, a).await;
    let short = create(&app, &session, 1, TokenScope::Read).await;
    let long = create(&app, &session, 365, TokenScope::Read).await;
    assert_eq!(app.get("/api/v1/company", Some(&short.secret)).await.status(), StatusCode::OK);

    app.clock.advance(Duration::days(1));
    problem(app.get("/api/v1/company", Some(&short.secret)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    // Sign in again (the session's access token expired with the day).
    let mut fresh = app.user(Role::Member, Some(a)).await;
    let session = app.onboard(&mut fresh).await.access_token;
    let other = create(&app, &session, 2, TokenScope::Read).await;
    let res = send(&app, Method::DELETE, &format!("/api/v1/me/api-tokens/{}", other.token.id), &session, None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    problem(app.get("/api/v1/company", Some(&other.secret)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    assert!(listed(&app, &session).await.is_empty(), "revoked tokens are not listed");
    let again = send(&app, Method::DELETE, &format!("/api/v1/me/api-tokens/{}", other.token.id), &session, None).await;
    problem(again, StatusCode::NOT_FOUND, "not_found").await;
    let forged = format!("cpp_{}", "0".repeat(64));
    problem(app.get("/api/v1/company", Some(&forged)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    assert_eq!(app.get("/api/v1/company", Some(&long.secret)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_refused_token_is_audited_with_its_reason_and_an_unknown_secret_is_not() {
    use portal_db::entities::{api_token, user};
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let app = TestApp::spawn().await;
    let a = app.company("REFU", "拒否 株式会社").await;
    let (_, session) = app.customer(Role::Member, a).await;
    let (owner, other_session) = app.customer(Role::Member, a).await;
    let revoked = create(&app, &session, 30, TokenScope::Read).await;
    let short = create(&app, &session, 1, TokenScope::Read).await;
    let orphaned = create(&app, &other_session, 30, TokenScope::Read).await;
    let res = send(&app, Method::DELETE, &format!("/api/v1/me/api-tokens/{}", revoked.token.id), &session, None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // A revoked token's call: 401, and one refused entry naming the token.
    problem(app.get("/api/v1/company", Some(&revoked.secret)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    // A secret that is nobody's writes nothing, however often it is sent.
    let forged = format!("cpp_{}", "0".repeat(64));
    for _ in 0..3 {
        problem(app.get("/api/v1/company", Some(&forged)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    }
    // A user disabled behind the portal's back (disabling through the portal revokes the tokens).
    let gone = user::ActiveModel { id: Set(owner.id), disabled_at: Set(Some(app.now())), ..Default::default() };
    gone.update(&app.db).await.unwrap();
    problem(app.get("/api/v1/me", Some(&orphaned.secret)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    app.clock.advance(Duration::days(1));
    problem(
        app.post("/api/v1/company/inquiries", Some(&short.secret), json!({})).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;

    let (_, admin) = app.staff(Role::Admin).await;
    let audit: Value = ok_json(app.get("/api/v1/admin/audit?action=api_token.use", Some(&admin)).await).await;
    assert_eq!(audit["total"], 3, "{audit}");
    let mut entries: Vec<(String, String, String, String)> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["after"]["outcome"], "refused", "{e}");
            let text = |v: &Value| v.as_str().unwrap().to_owned();
            (text(&e["target_id"]), text(&e["after"]["reason"]), text(&e["after"]["method"]), text(&e["after"]["path"]))
        })
        .collect();
    entries.sort();
    let mut expected = vec![
        (revoked.token.id.to_string(), "revoked".to_owned(), "GET".to_owned(), "/api/v1/company".to_owned()),
        (orphaned.token.id.to_string(), "user_disabled".to_owned(), "GET".to_owned(), "/api/v1/me".to_owned()),
        (short.token.id.to_string(), "expired".to_owned(), "POST".to_owned(), "/api/v1/company/inquiries".to_owned()),
    ];
    expected.sort();
    assert_eq!(entries, expected);
    // A refused token was not used: its last use stays empty.
    let row = api_token::Entity::find_by_id(revoked.token.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.last_used_at, None);
}

#[tokio::test]
async fn tokens_do_not_sign_in_change_passwords_or_manage_tokens() {
    let app = TestApp::spawn().await;
    let a = app.company("SESS", "セッション 株式会社").await;
    let (user, session) = app.customer(Role::Representative, a).await;
    let token = create(&app, &session, 30, TokenScope::ReadWrite).await;

    problem(
        app.post_json("/api/v1/me/api-tokens", Some(&token.secret), &request("more", 30, TokenScope::ReadWrite)).await,
        StatusCode::FORBIDDEN,
        "session_required",
    )
    .await;
    problem(app.get("/api/v1/me/api-tokens", Some(&token.secret)).await, StatusCode::FORBIDDEN, "session_required")
        .await;
    let revoke = format!("/api/v1/me/api-tokens/{}", token.token.id);
    problem(send(&app, Method::DELETE, &revoke, &token.secret, None).await, StatusCode::FORBIDDEN, "session_required")
        .await;
    let change = body::change_password(&user.password, "another-Passw0rd-42");
    problem(
        app.post_json("/api/v1/auth/password", Some(&token.secret), &change).await,
        StatusCode::FORBIDDEN,
        "session_required",
    )
    .await;
    problem(
        app.post("/api/v1/auth/mfa/enroll", Some(&token.secret), json!({})).await,
        StatusCode::FORBIDDEN,
        "session_required",
    )
    .await;
}

#[tokio::test]
async fn tokens_live_at_most_a_year_and_staff_are_offered_none() {
    let app = TestApp::spawn().await;
    let a = app.company("RULES", "規則 株式会社").await;
    let (_, session) = app.customer(Role::Member, a).await;
    for days in [0, 366] {
        let p = problem(
            app.post_json("/api/v1/me/api-tokens", Some(&session), &request("x", days, TokenScope::Read)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("expires_in_days", "out_of_range"));
    }
    let p = problem(
        app.post("/api/v1/me/api-tokens", Some(&session), json!({"name": "x", "expires_in_days": 1, "scope": "admin"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "scope");
    let p = problem(
        app.post_json("/api/v1/me/api-tokens", Some(&session), &request(" ", 1, TokenScope::Read)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "name");

    for role in [Role::Admin, Role::Csm] {
        let (_, staff) = app.staff(role).await;
        let p = problem(
            app.post_json("/api/v1/me/api-tokens", Some(&staff), &request("x", 1, TokenScope::Read)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        assert!(p.detail.unwrap_or_default().contains("staff accounts are not offered tokens"));
    }
}

/// Tenancy: another user (of company B, or of the same company) gets 404 for A's tokens and never sees them.
#[tokio::test]
async fn company_b_gets_404_for_every_api_token_of_company_a() {
    let app = TestApp::spawn().await;
    let a = app.company("TOK-A", "A 株式会社").await;
    let b = app.company("TOK-B", "B 株式会社").await;
    let (_, a_session) = app.customer(Role::Representative, a).await;
    let (_, a_colleague) = app.customer(Role::Representative, a).await;
    let (_, b_session) = app.customer(Role::Representative, b).await;
    let a_token = create(&app, &a_session, 30, TokenScope::Read).await;

    for other in [&b_session, &a_colleague] {
        assert!(listed(&app, other).await.is_empty());
        let path = format!("/api/v1/me/api-tokens/{}", a_token.token.id);
        problem(send(&app, Method::DELETE, &path, other, None).await, StatusCode::NOT_FOUND, "not_found").await;
    }
    // A's token still works, and only for A.
    let company: Value = ok_json(app.get("/api/v1/company", Some(&a_token.secret)).await).await;
    assert_eq!(company["id"], a.to_string());
    let b_user: Value = ok_json(app.get("/api/v1/company/users", Some(&b_session)).await).await;
    let b_id = b_user["items"][0]["id"].as_str().unwrap().to_owned();
    problem(
        app.get(&format!("/api/v1/company/users/{b_id}"), Some(&a_token.secret)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

/// The OpenAPI document declares the `api_token` scheme beside the session's on every operation a
/// token may call, and only there: a read-write token of a representative is never refused as a
/// token on those (no 401, no `session_required`), and gets `session_required` on every other
/// operation open to customers.
#[tokio::test]
async fn every_operation_answers_a_token_as_the_openapi_document_declares() {
    let app = TestApp::spawn().await;
    let a = app.company("DOC", "文書 株式会社").await;
    let (_, session) = app.customer(Role::Representative, a).await;
    let bystander = app.user(Role::Member, Some(a)).await;
    let token = create(&app, &session, 30, TokenScope::ReadWrite).await;
    let doc: Value = ok_json(app.get("/api/openapi.json", None).await).await;
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["api_token"]["scheme"], "bearer");
    assert_eq!(schemes["bearer"]["bearerFormat"], "JWT");

    let (mut with_token, mut session_only) = (0, 0);
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let security = op["security"].as_array().unwrap();
            let roles_of = |scheme: &str| {
                security
                    .iter()
                    .find_map(|r| r.get(scheme))
                    .map(|v| v.as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_owned()).collect::<Vec<_>>())
            };
            let (bearer, api_token) = (roles_of("bearer"), roles_of("api_token"));
            let for_customers = bearer
                .as_ref()
                .is_some_and(|r| r.is_empty() || r.iter().any(|r| r == "representative" || r == "member"));
            if api_token.is_some() {
                assert_eq!(api_token, bearer, "{method} {path}: the same roles for both schemes");
            }
            // Logging out with a token has no session to end: 401 (its body may carry the cookie).
            if !for_customers || path.ends_with("/logout") {
                continue;
            }
            let url = app.url(
                &path
                    .replace("{id}", &if path.contains("/users/") { bystander.id } else { a }.to_string())
                    .replace("{slot_id}", &Uuid::new_v4().to_string())
                    .replace("{attachment_id}", &Uuid::new_v4().to_string())
                    .replace("{code}", "cost-consulting"),
            );
            let res = app
                .http
                .request(method.to_uppercase().parse().unwrap(), &url)
                .bearer_auth(&token.secret)
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            let status = res.status();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            if api_token.is_some() {
                with_token += 1;
                assert!(
                    status != StatusCode::UNAUTHORIZED && body["code"] != "session_required",
                    "{method} {path}: {status} {body}"
                );
            } else {
                session_only += 1;
                assert_eq!(body["code"], "session_required", "{method} {path}: {status} {body}");
            }
        }
    }
    assert!(with_token >= 20 && session_only >= 5, "{with_token} with a token, {session_only} session only");
}
