//! Refresh-token rotation, reuse detection and logout.

use portal_domain::auth::{AuthResponse, Me};
use portal_domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{body, ok_json, problem, TestApp};

#[tokio::test]
async fn refresh_rotates_the_token_and_reuse_revokes_the_whole_family() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Member, Some(app.company("C001", "株式会社テスト").await)).await;
    let s0 = app.onboard(&mut u).await;
    let rt0 = s0.refresh_token.clone().unwrap();

    let s1: AuthResponse = ok_json(app.post_json("/api/v1/auth/refresh", None, &body::refresh(&rt0)).await).await;
    let rt1 = s1.refresh_token.clone().unwrap();
    assert_ne!(rt0, rt1);
    assert_eq!(app.get("/api/v1/me", Some(&s1.access_token)).await.status(), StatusCode::OK);

    // rt0 was rotated: presenting it again means it leaked.
    problem(
        app.post_json("/api/v1/auth/refresh", None, &body::refresh(&rt0)).await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_reused",
    )
    .await;
    // The whole family is dead: the newest refresh token and the access token too.
    problem(
        app.post_json("/api/v1/auth/refresh", None, &body::refresh(&rt1)).await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_invalid",
    )
    .await;
    problem(app.get("/api/v1/me", Some(&s1.access_token)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;

    // Another session of the same user is untouched.
    let other = app.sign_in(&mut u).await;
    assert_eq!(app.get("/api/v1/me", Some(&other.access_token)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn unknown_refresh_tokens_are_refused() {
    let app = TestApp::spawn().await;
    problem(
        app.post_json("/api/v1/auth/refresh", None, &body::refresh("nope")).await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_invalid",
    )
    .await;
}

#[tokio::test]
async fn logout_ends_the_session_at_once() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Representative, Some(app.company("C001", "株式会社テスト").await)).await;
    let s = app.onboard(&mut u).await;
    let me: Me = ok_json(app.get("/api/v1/me", Some(&s.access_token)).await).await;
    assert_eq!(me.role, Role::Representative);

    let res = app.post("/api/v1/auth/logout", Some(&s.access_token), json!({})).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    problem(app.get("/api/v1/me", Some(&s.access_token)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let rt = s.refresh_token.unwrap();
    problem(
        app.post_json("/api/v1/auth/refresh", None, &body::refresh(&rt)).await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_invalid",
    )
    .await;
}

#[tokio::test]
async fn access_tokens_expire_and_forged_ones_are_refused() {
    use portal_api::auth::tokens::{issue, JwtKeys};
    use portal_domain::auth::SessionStage;
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Member, Some(app.company("C001", "株式会社テスト").await)).await;
    let s = app.onboard(&mut u).await;
    let claims = {
        let keys = JwtKeys::new(&secrecy::SecretString::from(crate::helpers::JWT_SECRET.to_owned()));
        let sid = portal_db::queries::sessions::find_refresh_token(
            &app.db,
            &portal_api::auth::secrets::sha256_hex(s.refresh_token.as_deref().unwrap()),
        )
        .await
        .unwrap()
        .unwrap()
        .session_id;
        let past = app.now().timestamp() - 3600;
        let expired = issue(&keys, u.id, sid, SessionStage::Full, past, std::time::Duration::from_secs(600)).unwrap();
        let forged_keys =
            JwtKeys::new(&secrecy::SecretString::from("another-secret-another-secret-another".to_owned()));
        let forged = issue(
            &forged_keys,
            u.id,
            sid,
            SessionStage::Full,
            app.now().timestamp(),
            std::time::Duration::from_secs(600),
        )
        .unwrap();
        (expired, forged)
    };
    problem(app.get("/api/v1/me", Some(&claims.0)).await, StatusCode::UNAUTHORIZED, "token_expired").await;
    problem(app.get("/api/v1/me", Some(&claims.1)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    problem(app.get("/api/v1/me", None).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    problem(app.get("/api/v1/me", Some("not.a.jwt")).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
}
