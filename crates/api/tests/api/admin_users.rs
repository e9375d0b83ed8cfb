//! R7.5: staff, never the customer, reset a representative's password and MFA.

use portal_domain::auth::{AuthResponse, CredentialResetResponse, SessionStage};
use portal_domain::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{body, ok_json, problem, TestApp, TestUser};

async fn staff_session(app: &TestApp, role: Role) -> (TestUser, AuthResponse) {
    let mut s = app.user(role, None).await;
    let session = app.onboard(&mut s).await;
    (s, session)
}

#[tokio::test]
async fn r7_5_staff_reset_forces_a_new_password_and_a_new_mfa_enrolment() {
    let app = TestApp::spawn().await;
    let company = app.company("C001", "株式会社テスト").await;
    let mut rep = app.user(Role::Representative, Some(company)).await;
    let rep_session = app.onboard(&mut rep).await;
    let (_, staff) = staff_session(&app, Role::Csm).await;

    let reset: CredentialResetResponse = ok_json(
        app.post(&format!("/api/v1/admin/users/{}/credentials/reset", rep.id), Some(&staff.access_token), json!({}))
            .await,
    )
    .await;
    assert_eq!(reset.user_id, rep.id);
    assert_eq!(reset.temporary_password.len(), 16);
    let audit: Value =
        ok_json(app.get("/api/v1/admin/audit?action=user.reset_credentials", Some(&staff.access_token)).await).await;
    assert_eq!(audit["total"], 1);
    assert_eq!(audit["items"][0]["target_id"], rep.id.to_string());
    assert!(!audit.to_string().contains(&reset.temporary_password), "the password is never logged");

    // Every session of the representative ended.
    problem(app.get("/api/v1/me", Some(&rep_session.access_token)).await, StatusCode::UNAUTHORIZED, "unauthorized")
        .await;
    let rt = rep_session.refresh_token.clone().unwrap();
    problem(
        app.post_json("/api/v1/auth/refresh", None, &body::refresh(&rt)).await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_invalid",
    )
    .await;
    // The old password is gone; the temporary one starts over at the password change, then enrolment.
    problem(app.login(&rep).await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    rep.password = reset.temporary_password;
    rep.secret = None;
    rep.last_step = None;
    let step: AuthResponse = ok_json(app.login(&rep).await).await;
    assert_eq!(step.next, SessionStage::ChangePassword);
    let session = app.onboard(&mut rep).await;
    assert_eq!(session.next, SessionStage::Full);
}

#[tokio::test]
async fn r7_5_customers_cannot_reset_anyone_and_staff_cannot_reset_staff_here() {
    let app = TestApp::spawn().await;
    let company = app.company("C001", "株式会社テスト").await;
    let mut rep = app.user(Role::Representative, Some(company)).await;
    let rep_session = app.onboard(&mut rep).await;
    let member = app.user(Role::Member, Some(company)).await;
    let (admin, admin_session) = staff_session(&app, Role::Admin).await;
    let (_, csm_session) = staff_session(&app, Role::Csm).await;

    let path = format!("/api/v1/admin/users/{}/credentials/reset", member.id);
    problem(app.post(&path, Some(&rep_session.access_token), json!({})).await, StatusCode::FORBIDDEN, "forbidden")
        .await;
    problem(app.get("/api/v1/admin/users", Some(&rep_session.access_token)).await, StatusCode::FORBIDDEN, "forbidden")
        .await;
    let staff_path = format!("/api/v1/admin/users/{}/credentials/reset", admin.id);
    problem(
        app.post(&staff_path, Some(&csm_session.access_token), json!({})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let unknown = format!("/api/v1/admin/users/{}/credentials/reset", uuid::Uuid::new_v4());
    problem(app.post(&unknown, Some(&admin_session.access_token), json!({})).await, StatusCode::NOT_FOUND, "not_found")
        .await;
    problem(
        app.post("/api/v1/admin/users/not-a-uuid/credentials/reset", Some(&admin_session.access_token), json!({}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn staff_list_users_paginates_and_searches() {
    let app = TestApp::spawn().await;
    let a = app.company("A001", "あおば商事").await;
    let b = app.company("B001", "Blue Sky Inc").await;
    for _ in 0..3 {
        app.user(Role::Member, Some(a)).await;
    }
    app.user(Role::Representative, Some(b)).await;
    let (_, staff) = staff_session(&app, Role::Admin).await;
    let t = Some(staff.access_token.as_str());

    let page: Value = ok_json(app.get("/api/v1/admin/users?per_page=2&page=1", t).await).await;
    assert_eq!(page["total"], 5);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let last: Value = ok_json(app.get("/api/v1/admin/users?per_page=2&page=3", t).await).await;
    assert_eq!(last["items"].as_array().unwrap().len(), 1);
    assert_eq!(last["items"][0]["company_name"], Value::Null, "staff come last");

    let found: Value = ok_json(app.get("/api/v1/admin/users?q=blue%20sky", t).await).await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["company_name"], "Blue Sky Inc");
    let none: Value = ok_json(app.get("/api/v1/admin/users?q=%25", t).await).await;
    assert_eq!(none["total"], 0, "a % in the search is a literal");

    let p = problem(
        app.get("/api/v1/admin/users?per_page=1000", t).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "per_page");
    problem(app.get("/api/v1/admin/users?page=abc", t).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        .await;
}
