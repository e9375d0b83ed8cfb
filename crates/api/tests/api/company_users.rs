//! R7.4: the users of a company. Everyone lists and views them; representatives add, edit,
//! disable and delete them; the last active representative stays; disabling or deleting ends
//! every session and API token at once; addresses are unique regardless of case; every change is
//! audited; another company gets 404.

use portal_domain::api_tokens::{ApiTokenCreated, CreateApiTokenRequest, TokenScope};
use portal_domain::auth::{AuthResponse, SessionStage};
use portal_domain::users::{
    CompanyUserCreated, CompanyUserPage, CompanyUserView, CreateCompanyUserRequest, CustomerRole,
    UpdateCompanyUserRequest, UserStatus,
};
use portal_domain::Role;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{body, ok_json, problem, TestApp, TestUser};

pub async fn send(app: &TestApp, method: Method, path: &str, token: &str, body: Option<Value>) -> Response {
    let mut req = app.http.request(method, app.url(path)).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.expect("request")
}

fn new_user(email: &str, role: CustomerRole) -> CreateCompanyUserRequest {
    CreateCompanyUserRequest { email: email.to_owned(), display_name: "新規 利用者".to_owned(), role }
}

fn user_path(id: Uuid) -> String {
    format!("/api/v1/company/users/{id}")
}

async fn set_role(app: &TestApp, token: &str, id: Uuid, role: CustomerRole) -> Response {
    let body = UpdateCompanyUserRequest { display_name: None, role: Some(role) };
    send(app, Method::PATCH, &user_path(id), token, Some(serde_json::to_value(body).unwrap())).await
}

async fn audit_actions(app: &TestApp, company: Uuid) -> Vec<(String, String, String)> {
    let (_, admin) = app.staff(Role::Admin).await;
    let page: Value =
        ok_json(app.get(&format!("/api/v1/admin/audit?company_id={company}&per_page=100"), Some(&admin)).await).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (s("action"), s("target_id"), s("actor"))
        })
        .collect()
}

/// A temporary password from a welcome mail.
fn mailed_password(mail: &str) -> String {
    let line = mail.lines().find(|l| l.starts_with("仮パスワード: ")).expect("the password line");
    line.trim_start_matches("仮パスワード: ").trim().to_owned()
}

#[tokio::test]
async fn r7_4_every_user_lists_and_views_the_users_of_their_own_company() {
    let app = TestApp::spawn().await;
    let a = app.company("USERS", "利用者 株式会社").await;
    let (rep, rep_token) = app.customer(Role::Representative, a).await;
    let (member, member_token) = app.customer(Role::Member, a).await;
    for _ in 0..3 {
        app.user(Role::Member, Some(a)).await;
    }
    let page: CompanyUserPage = ok_json(app.get("/api/v1/company/users?per_page=2", Some(&member_token)).await).await;
    assert_eq!((page.total, page.items.len()), (5, 2));
    assert_eq!(page.items[0].id, rep.id, "representatives first");
    assert!(page.links.next.as_deref().is_some_and(|l| l.ends_with("page=2&per_page=2")));
    let res = app.get("/api/v1/company/users?per_page=2", Some(&rep_token)).await;
    assert!(res.headers().get("link").is_some(), "the Link header repeats the links");

    let one: CompanyUserView = ok_json(app.get(&user_path(member.id), Some(&rep_token)).await).await;
    assert_eq!((one.email.as_str(), one.role, one.status), (member.email.as_str(), Role::Member, UserStatus::Active));
    assert!(one.mfa_enabled && !one.must_change_password);

    let found: CompanyUserPage =
        ok_json(app.get(&format!("/api/v1/company/users?q={}", &member.email[..12]), Some(&rep_token)).await).await;
    assert_eq!(found.total, 1);
    problem(app.get(&user_path(Uuid::new_v4()), Some(&rep_token)).await, StatusCode::NOT_FOUND, "not_found").await;
    let (_, staff) = app.staff(Role::Csm).await;
    problem(app.get("/api/v1/company/users", Some(&staff)).await, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn r7_4_a_representative_adds_a_member_who_signs_in_with_the_mailed_password_and_enrols_mfa() {
    let app = TestApp::spawn().await;
    let a = app.company("ADDS", "追加 株式会社").await;
    let (_, rep) = app.customer(Role::Representative, a).await;
    let (_, member_token) = app.customer(Role::Member, a).await;

    let created: CompanyUserCreated = ok_json(
        app.post_json("/api/v1/company/users", Some(&rep), &new_user(" Hanako@Example.JP ", CustomerRole::Member))
            .await,
    )
    .await;
    assert_eq!((created.user.email.as_str(), created.user.role), ("hanako@example.jp", Role::Member));
    assert!(created.user.must_change_password && !created.user.mfa_enabled);
    assert_eq!(created.mail_delivery, "outbox");
    let mails = app.mails_to("hanako@example.jp");
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("多要素認証"), "{}", mails[0]);

    // The new member signs in with the mailed password, must change it, then enrols MFA.
    let mut hanako = TestUser {
        id: created.user.id,
        email: created.user.email.clone(),
        password: mailed_password(&mails[0]),
        secret: None,
        last_step: None,
        clock: app.clock.clone(),
    };
    let session = app.onboard(&mut hanako).await;
    assert_eq!(session.next, SessionStage::Full);

    // Members cannot add, edit, disable or delete users.
    let body = serde_json::to_value(new_user("taro@example.jp", CustomerRole::Member)).unwrap();
    problem(app.post("/api/v1/company/users", Some(&member_token), body).await, StatusCode::FORBIDDEN, "forbidden")
        .await;
    problem(
        set_role(&app, &session.access_token, hanako.id, CustomerRole::Representative).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    for (method, path) in
        [(Method::POST, format!("{}/disable", user_path(hanako.id))), (Method::DELETE, user_path(hanako.id))]
    {
        problem(send(&app, method, &path, &member_token, None).await, StatusCode::FORBIDDEN, "forbidden").await;
    }

    // Fields are checked once and named.
    let p = problem(
        app.post("/api/v1/company/users", Some(&rep), json!({"email": "nope", "display_name": " ", "role": "member"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["email", "display_name"]);
    let p = problem(
        app.post(
            "/api/v1/company/users",
            Some(&rep),
            json!({"email": "x@example.jp", "display_name": "x", "role": "admin"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "role", "staff roles are not given out here");
}

#[tokio::test]
async fn r7_4_email_addresses_are_unique_across_the_portal_regardless_of_case() {
    let app = TestApp::spawn().await;
    let a = app.company("UNIQ-A", "A 株式会社").await;
    let b = app.company("UNIQ-B", "B 株式会社").await;
    let (_, rep_a) = app.customer(Role::Representative, a).await;
    let (other, _) = app.customer(Role::Member, b).await;

    // Another company's user, written in capitals.
    let shouting = other.email.to_uppercase();
    problem(
        app.post_json("/api/v1/company/users", Some(&rep_a), &new_user(&shouting, CustomerRole::Member)).await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    // A staff member's address is taken too.
    let (staff, _) = app.staff(Role::Csm).await;
    problem(
        app.post_json("/api/v1/company/users", Some(&rep_a), &new_user(&staff.email, CustomerRole::Member)).await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    // The database itself refuses a row that differs only in case, however it was written.
    let hash = portal_api::auth::passwords::hash("x-Passw0rd-x").unwrap();
    let dup = portal_db::queries::users::NewUser {
        email: &shouting,
        display_name: "x",
        password_hash: hash,
        must_change_password: true,
        temp_password_expires_at: None,
        role: Role::Member,
        company_id: Some(a),
    };
    assert!(portal_db::queries::users::insert(&app.db, dup, app.now()).await.is_err());
}

#[tokio::test]
async fn r7_4_the_last_active_representative_cannot_be_demoted_disabled_or_deleted() {
    let app = TestApp::spawn().await;
    let a = app.company("LAST", "最後 株式会社").await;
    let (rep, token) = app.customer(Role::Representative, a).await;
    let (member, _) = app.customer(Role::Member, a).await;

    // Alone: not even themself.
    let p = problem(
        set_role(&app, &token, rep.id, CustomerRole::Member).await,
        StatusCode::CONFLICT,
        "last_representative",
    )
    .await;
    assert!(p.detail.unwrap_or_default().contains("R7.4"));
    let disable = format!("{}/disable", user_path(rep.id));
    problem(send(&app, Method::POST, &disable, &token, None).await, StatusCode::CONFLICT, "last_representative").await;
    problem(
        send(&app, Method::DELETE, &user_path(rep.id), &token, None).await,
        StatusCode::CONFLICT,
        "last_representative",
    )
    .await;

    // A second representative makes it possible; a disabled representative does not count.
    let promoted: CompanyUserView =
        ok_json(set_role(&app, &token, member.id, CustomerRole::Representative).await).await;
    assert_eq!(promoted.role, Role::Representative);
    let _: CompanyUserView =
        ok_json(send(&app, Method::POST, &format!("{}/disable", user_path(member.id)), &token, None).await).await;
    problem(set_role(&app, &token, rep.id, CustomerRole::Member).await, StatusCode::CONFLICT, "last_representative")
        .await;
    let _: CompanyUserView =
        ok_json(send(&app, Method::POST, &format!("{}/enable", user_path(member.id)), &token, None).await).await;
    let demoted: CompanyUserView = ok_json(set_role(&app, &token, rep.id, CustomerRole::Member).await).await;
    assert_eq!(demoted.role, Role::Member);
    // The demoted user's own session now acts as a member.
    problem(set_role(&app, &token, member.id, CustomerRole::Member).await, StatusCode::FORBIDDEN, "forbidden").await;
}

/// Two representatives demote each other at the same moment, round after round: each round leaves
/// exactly one representative (the company's lock serialises the two changes). Runs on PostgreSQL
/// too (`TEST_DATABASE_URL`), where the two transactions really overlap.
#[tokio::test]
async fn r7_4_two_representatives_demoting_each_other_at_once_leave_one() {
    use portal_db::queries::{users, CompanyScope};
    let app = TestApp::spawn().await;
    let a = app.company("RACE", "競合 株式会社").await;
    let (x, x_token) = app.customer(Role::Representative, a).await;
    let (y, y_token) = app.customer(Role::Representative, a).await;
    let row = users::find(&app.db, x.id).await.unwrap().unwrap();
    let scope = CompanyScope::of_customer(&row).unwrap();
    for round in 0..8 {
        for id in [x.id, y.id] {
            users::update_profile(&app.db, id, None, Some(Role::Representative), app.now()).await.unwrap();
        }
        let (rx, ry) = tokio::join!(
            set_role(&app, &x_token, y.id, CustomerRole::Member),
            set_role(&app, &y_token, x.id, CustomerRole::Member)
        );
        let statuses = [rx.status(), ry.status()];
        let left = users::count_active_representatives(&app.db, scope).await.unwrap();
        assert_eq!(left, 1, "round {round}: {statuses:?}");
        // One demotion went through. The other was refused by the rule (409), or, when its caller
        // was already demoted as it arrived, as a member's (403).
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "round {round}: {statuses:?}");
        assert!(
            statuses.iter().any(|s| *s == StatusCode::CONFLICT || *s == StatusCode::FORBIDDEN),
            "round {round}: {statuses:?}"
        );
    }
}

#[tokio::test]
async fn r7_4_disabling_or_deleting_a_user_ends_every_session_and_api_token_at_once() {
    let app = TestApp::spawn().await;
    let a = app.company("ENDS", "終了 株式会社").await;
    let (_, rep) = app.customer(Role::Representative, a).await;
    let mut member = app.user(Role::Member, Some(a)).await;
    let session = app.onboard(&mut member).await;
    let create = CreateApiTokenRequest { name: "export".into(), expires_in_days: 30, scope: TokenScope::Read };
    let token: ApiTokenCreated =
        ok_json(app.post_json("/api/v1/me/api-tokens", Some(&session.access_token), &create).await).await;
    assert_eq!(app.get("/api/v1/company", Some(&token.secret)).await.status(), StatusCode::OK);

    let disabled: CompanyUserView =
        ok_json(send(&app, Method::POST, &format!("{}/disable", user_path(member.id)), &rep, None).await).await;
    assert_eq!(disabled.status, UserStatus::Disabled);
    problem(app.get("/api/v1/me", Some(&session.access_token)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let refresh = body::refresh(session.refresh_token.as_deref().unwrap());
    problem(
        app.post_json("/api/v1/auth/refresh", None, &refresh).await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_invalid",
    )
    .await;
    problem(app.get("/api/v1/company", Some(&token.secret)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    problem(app.login(&member).await, StatusCode::UNAUTHORIZED, "account_disabled").await;
    let listed: CompanyUserPage = ok_json(app.get("/api/v1/company/users", Some(&rep)).await).await;
    assert!(listed.items.iter().any(|u| u.id == member.id && u.status == UserStatus::Disabled));

    // Enabled again: the password and MFA work; the revoked token stays revoked.
    let _: CompanyUserView =
        ok_json(send(&app, Method::POST, &format!("{}/enable", user_path(member.id)), &rep, None).await).await;
    let again: AuthResponse = app.sign_in(&mut member).await;
    assert_eq!(again.next, SessionStage::Full);
    problem(app.get("/api/v1/company", Some(&token.secret)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let token: ApiTokenCreated =
        ok_json(app.post_json("/api/v1/me/api-tokens", Some(&again.access_token), &create).await).await;

    // Deleted: everything ends, the user is gone from the company, the address is free again.
    let res = send(&app, Method::DELETE, &user_path(member.id), &rep, None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    problem(app.get("/api/v1/me", Some(&again.access_token)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    problem(app.get("/api/v1/company", Some(&token.secret)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    problem(app.login(&member).await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    problem(app.get(&user_path(member.id), Some(&rep)).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(send(&app, Method::DELETE, &user_path(member.id), &rep, None).await, StatusCode::NOT_FOUND, "not_found")
        .await;
    let listed: CompanyUserPage = ok_json(app.get("/api/v1/company/users", Some(&rep)).await).await;
    assert!(listed.items.iter().all(|u| u.id != member.id));
    let back: CompanyUserCreated = ok_json(
        app.post_json("/api/v1/company/users", Some(&rep), &new_user(&member.email, CustomerRole::Member)).await,
    )
    .await;
    assert_ne!(back.user.id, member.id);
    // Staff cannot reset a deleted user's credentials either.
    let (_, csm) = app.staff(Role::Csm).await;
    let reset = format!("/api/v1/admin/users/{}/credentials/reset", member.id);
    problem(app.post(&reset, Some(&csm), json!({})).await, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn r7_4_every_change_to_a_user_is_audited() {
    let app = TestApp::spawn().await;
    let a = app.company("AUDIT", "監査 株式会社").await;
    let (rep_user, rep) = app.customer(Role::Representative, a).await;
    let created: CompanyUserCreated = ok_json(
        app.post_json("/api/v1/company/users", Some(&rep), &new_user("jiro@example.jp", CustomerRole::Member)).await,
    )
    .await;
    let id = created.user.id;
    let rename = json!({"display_name": "次郎"});
    app.clock.advance(chrono::Duration::seconds(1));
    let renamed: CompanyUserView = ok_json(send(&app, Method::PATCH, &user_path(id), &rep, Some(rename)).await).await;
    assert_eq!(renamed.display_name, "次郎");
    app.clock.advance(chrono::Duration::seconds(1));
    let _: CompanyUserView = ok_json(set_role(&app, &rep, id, CustomerRole::Representative).await).await;
    for action in ["disable", "enable"] {
        app.clock.advance(chrono::Duration::seconds(1));
        let _: CompanyUserView =
            ok_json(send(&app, Method::POST, &format!("{}/{action}", user_path(id)), &rep, None).await).await;
    }
    app.clock.advance(chrono::Duration::seconds(1));
    assert_eq!(send(&app, Method::DELETE, &user_path(id), &rep, None).await.status(), StatusCode::NO_CONTENT);

    let mut entries: Vec<(String, String, String)> =
        audit_actions(&app, a).await.into_iter().filter(|(action, ..)| action.starts_with("user.")).collect();
    entries.reverse();
    let actions: Vec<&str> = entries.iter().map(|(a, ..)| a.as_str()).collect();
    assert_eq!(actions, ["user.create", "user.update", "user.update", "user.disable", "user.enable", "user.delete"]);
    assert!(entries.iter().all(|(_, target, actor)| *target == id.to_string() && *actor == rep_user.email));
    assert!(app.mails_to("jiro@example.jp").len() == 1);
    let audit_text = format!("{entries:?}");
    assert!(!audit_text.contains(&mailed_password(&app.mails_to("jiro@example.jp")[0])), "never the password");
}

/// Tenancy (R7.4): company B gets 404 for every user of company A, whatever it tries.
#[tokio::test]
async fn r7_4_company_b_gets_404_for_every_user_of_company_a() {
    let app = TestApp::spawn().await;
    let a = app.company("TEN-A", "A 株式会社").await;
    let b = app.company("TEN-B", "B 株式会社").await;
    let (a_rep, a_token) = app.customer(Role::Representative, a).await;
    let (a_member, _) = app.customer(Role::Member, a).await;
    let (_, b_rep) = app.customer(Role::Representative, b).await;

    let b_list: CompanyUserPage = ok_json(app.get("/api/v1/company/users", Some(&b_rep)).await).await;
    assert!(b_list.items.iter().all(|u| u.id != a_rep.id && u.id != a_member.id));
    for id in [a_rep.id, a_member.id] {
        problem(app.get(&user_path(id), Some(&b_rep)).await, StatusCode::NOT_FOUND, "not_found").await;
        let rename = json!({"display_name": "乗っ取り", "role": "member"});
        for (method, path, body) in [
            (Method::PATCH, user_path(id), Some(rename)),
            (Method::POST, format!("{}/disable", user_path(id)), None),
            (Method::POST, format!("{}/enable", user_path(id)), None),
            (Method::DELETE, user_path(id), None),
        ] {
            problem(send(&app, method, &path, &b_rep, body).await, StatusCode::NOT_FOUND, "not_found").await;
        }
    }
    // Nothing of A changed.
    let a_list: CompanyUserPage = ok_json(app.get("/api/v1/company/users", Some(&a_token)).await).await;
    assert_eq!(a_list.total, 2);
    assert!(a_list.items.iter().all(|u| u.status == UserStatus::Active && u.display_name != "乗っ取り"));
    assert_eq!(a_list.items[0].role, Role::Representative);
}
