//! R7.2: a temporary password allows nothing but choosing a new one.

use portal_domain::auth::{AuthResponse, SessionStage};
use portal_domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{body, ok_json, problem, TestApp};

#[tokio::test]
async fn r7_2_temporary_password_session_can_only_change_the_password() {
    let app = TestApp::spawn().await;
    let company = app.company("C001", "株式会社テスト").await;
    let u = app.user(Role::Representative, Some(company)).await;

    let step: AuthResponse = ok_json(app.login(&u).await).await;
    assert_eq!(step.next, SessionStage::ChangePassword);
    assert!(step.refresh_token.is_none(), "no refresh token before the session is full");
    let t = Some(step.access_token.as_str());

    problem(app.get("/api/v1/me", t).await, StatusCode::FORBIDDEN, "password_change_required").await;
    problem(app.post("/api/v1/auth/mfa/enroll", t, json!({})).await, StatusCode::FORBIDDEN, "password_change_required")
        .await;
    problem(
        app.post_json("/api/v1/auth/mfa/verify", t, &body::verify_mfa("123456")).await,
        StatusCode::FORBIDDEN,
        "password_change_required",
    )
    .await;
}

#[tokio::test]
async fn r7_2_new_password_must_follow_the_rules_and_nothing_changes_on_refusal() {
    let app = TestApp::spawn().await;
    let u = app.user(Role::Member, Some(app.company("C001", "株式会社テスト").await)).await;
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    let t = Some(step.access_token.as_str());

    for (new, code) in [
        ("short", "password_too_short"),
        (u.password.as_str(), "password_unchanged"),
        ("aaaaaaaaaaaaaaaa", "password_monotonous"),
    ] {
        let p = problem(
            app.post_json("/api/v1/auth/password", t, &body::change_password(&u.password, new)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(p.errors[0].field, "new_password");
        assert_eq!(p.errors[0].code, code);
    }
    problem(
        app.post_json("/api/v1/auth/password", t, &body::change_password("wrong-current", "a-good-new-password")).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;

    // Still the temporary password, still the same stage.
    let again: AuthResponse = ok_json(app.login(&u).await).await;
    assert_eq!(again.next, SessionStage::ChangePassword);
}

#[tokio::test]
async fn r7_2_after_the_change_the_temporary_password_is_dead_and_mfa_comes_next() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Representative, Some(app.company("C001", "株式会社テスト").await)).await;
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    let temp = u.password.clone();
    let next: AuthResponse = ok_json(
        app.post_json(
            "/api/v1/auth/password",
            Some(&step.access_token),
            &body::change_password(&temp, "brand-new-password-1"),
        )
        .await,
    )
    .await;
    assert_eq!(next.next, SessionStage::EnrollMfa);
    // The restricted token that did the change belongs to a revoked session.
    problem(
        app.post("/api/v1/auth/mfa/enroll", Some(&step.access_token), json!({})).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;

    problem(app.login(&u).await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    u.password = "brand-new-password-1".into();
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    assert_eq!(step.next, SessionStage::EnrollMfa);
}

#[tokio::test]
async fn a_full_user_changing_the_password_revokes_every_other_session() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Member, Some(app.company("C001", "株式会社テスト").await)).await;
    let first = app.onboard(&mut u).await;
    let second = app.sign_in(&mut u).await;

    let changed: AuthResponse = ok_json(
        app.post_json(
            "/api/v1/auth/password",
            Some(&second.access_token),
            &body::change_password(&u.password, "yet-another-password-9"),
        )
        .await,
    )
    .await;
    assert_eq!(changed.next, SessionStage::Full);
    assert!(changed.refresh_token.is_some());

    for old in [&first, &second] {
        problem(app.get("/api/v1/me", Some(&old.access_token)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
        let rt = old.refresh_token.clone().unwrap();
        problem(
            app.post_json("/api/v1/auth/refresh", None, &body::refresh(&rt)).await,
            StatusCode::UNAUTHORIZED,
            "refresh_token_invalid",
        )
        .await;
    }
    assert_eq!(app.get("/api/v1/me", Some(&changed.access_token)).await.status(), StatusCode::OK);
}
