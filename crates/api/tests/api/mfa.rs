//! R7.3: MFA is mandatory; a TOTP code works once.

use portal_domain::auth::{AuthResponse, Me, MfaConfirmResponse, MfaEnrollment, MfaVerifyRequest, SessionStage};
use portal_domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{body, ok_json, problem, TestApp};

#[tokio::test]
async fn r7_3_without_mfa_the_only_thing_a_user_can_do_is_enrol() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Representative, Some(app.company("C001", "株式会社テスト").await)).await;
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    let step: AuthResponse = ok_json(
        app.post_json(
            "/api/v1/auth/password",
            Some(&step.access_token),
            &body::change_password(&u.password, "a-chosen-password-1"),
        )
        .await,
    )
    .await;
    u.password = "a-chosen-password-1".into();
    let t = Some(step.access_token.as_str());
    problem(app.get("/api/v1/me", t).await, StatusCode::FORBIDDEN, "mfa_enrollment_required").await;
    problem(app.get("/api/v1/admin/users", t).await, StatusCode::FORBIDDEN, "mfa_enrollment_required").await;
    problem(
        app.post_json("/api/v1/auth/mfa/verify", t, &body::verify_mfa("000000")).await,
        StatusCode::FORBIDDEN,
        "mfa_enrollment_required",
    )
    .await;
    // Confirming before starting is a clear conflict.
    problem(
        app.post_json("/api/v1/auth/mfa/enroll/confirm", t, &body::confirm_mfa("000000")).await,
        StatusCode::CONFLICT,
        "mfa_not_pending",
    )
    .await;

    // A fresh login still lands on enrolment: the password alone is never enough.
    let again: AuthResponse = ok_json(app.login(&u).await).await;
    assert_eq!(again.next, SessionStage::EnrollMfa);

    let enrol: MfaEnrollment = ok_json(app.post("/api/v1/auth/mfa/enroll", t, json!({})).await).await;
    assert!(enrol.otpauth_uri.starts_with("otpauth://totp/"));
    assert!(enrol.otpauth_uri.contains("algorithm=SHA1") || !enrol.otpauth_uri.contains("algorithm="));
    assert!(enrol.qr_svg.contains("<svg"));
    u.secret = Some(enrol.secret.clone());

    problem(
        app.post_json("/api/v1/auth/mfa/enroll/confirm", t, &body::confirm_mfa("12345x")).await,
        StatusCode::UNAUTHORIZED,
        "mfa_code_invalid",
    )
    .await;
    let code = u.next_code();
    let done: MfaConfirmResponse =
        ok_json(app.post_json("/api/v1/auth/mfa/enroll/confirm", t, &body::confirm_mfa(&code)).await).await;
    assert_eq!(done.recovery_codes.len(), 10);
    assert_eq!(done.session.next, SessionStage::Full);
    let me: Me = ok_json(app.get("/api/v1/me", Some(&done.session.access_token)).await).await;
    assert_eq!(me.email, u.email);
    assert!(me.mfa_enabled);
    assert_eq!(me.recovery_codes_left, 10);
    assert_eq!(me.company.as_ref().map(|c| c.name.as_str()), Some("株式会社テスト"));
    // The enrolment-stage token died with the stage change.
    problem(app.get("/api/v1/me", t).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[tokio::test]
async fn r7_3_every_login_needs_a_code_and_a_code_cannot_be_replayed() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Member, Some(app.company("C001", "株式会社テスト").await)).await;
    app.onboard(&mut u).await;

    let step: AuthResponse = ok_json(app.login(&u).await).await;
    assert_eq!(step.next, SessionStage::VerifyMfa);
    assert!(step.refresh_token.is_none());
    let t = Some(step.access_token.as_str());
    problem(app.get("/api/v1/me", t).await, StatusCode::FORBIDDEN, "mfa_verification_required").await;

    // The code used for enrolment is spent.
    let used = u.last_code();
    problem(
        app.post_json("/api/v1/auth/mfa/verify", t, &body::verify_mfa(&used)).await,
        StatusCode::UNAUTHORIZED,
        "mfa_code_replayed",
    )
    .await;
    problem(
        app.post_json("/api/v1/auth/mfa/verify", t, &body::verify_mfa("000000x")).await,
        StatusCode::UNAUTHORIZED,
        "mfa_code_invalid",
    )
    .await;
    problem(
        app.post_json("/api/v1/auth/mfa/verify", t, &MfaVerifyRequest::default()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;

    let code = u.next_code();
    let full: AuthResponse = ok_json(app.post_json("/api/v1/auth/mfa/verify", t, &body::verify_mfa(&code)).await).await;
    assert_eq!(full.next, SessionStage::Full);
    assert!(full.refresh_token.is_some());

    // The same code on another fresh session is refused too.
    let other: AuthResponse = ok_json(app.login(&u).await).await;
    problem(
        app.post_json("/api/v1/auth/mfa/verify", Some(&other.access_token), &body::verify_mfa(&code)).await,
        StatusCode::UNAUTHORIZED,
        "mfa_code_replayed",
    )
    .await;
}

#[tokio::test]
async fn r7_3_the_same_code_sent_twice_at_once_signs_in_only_once() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Member, Some(app.company("C001", "株式会社テスト").await)).await;
    app.onboard(&mut u).await;
    let a: AuthResponse = ok_json(app.login(&u).await).await;
    let b: AuthResponse = ok_json(app.login(&u).await).await;
    let code = u.next_code();
    let verify = body::verify_mfa(&code);
    let (ra, rb) = tokio::join!(
        app.post_json("/api/v1/auth/mfa/verify", Some(&a.access_token), &verify),
        app.post_json("/api/v1/auth/mfa/verify", Some(&b.access_token), &verify),
    );
    let statuses = [ra.status(), rb.status()];
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count(), 1, "{statuses:?}");
}

#[tokio::test]
async fn r7_3_a_recovery_code_signs_in_once() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Member, Some(app.company("C001", "株式会社テスト").await)).await;
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    let step: AuthResponse = ok_json(
        app.post_json(
            "/api/v1/auth/password",
            Some(&step.access_token),
            &body::change_password(&u.password, "recovery-test-pass"),
        )
        .await,
    )
    .await;
    u.password = "recovery-test-pass".into();
    let enrol: MfaEnrollment =
        ok_json(app.post("/api/v1/auth/mfa/enroll", Some(&step.access_token), json!({})).await).await;
    u.secret = Some(enrol.secret);
    let code = u.next_code();
    let done: MfaConfirmResponse = ok_json(
        app.post_json("/api/v1/auth/mfa/enroll/confirm", Some(&step.access_token), &body::confirm_mfa(&code)).await,
    )
    .await;
    let rc = done.recovery_codes[3].clone();

    let s1: AuthResponse = ok_json(app.login(&u).await).await;
    // Typed with a space instead of the dash: still the same code.
    let typed = rc.replace('-', " ");
    let full: AuthResponse = ok_json(
        app.post_json("/api/v1/auth/mfa/verify", Some(&s1.access_token), &body::verify_recovery_code(&typed)).await,
    )
    .await;
    let me: Me = ok_json(app.get("/api/v1/me", Some(&full.access_token)).await).await;
    assert_eq!(me.recovery_codes_left, 9);

    let s2: AuthResponse = ok_json(app.login(&u).await).await;
    problem(
        app.post_json("/api/v1/auth/mfa/verify", Some(&s2.access_token), &body::verify_recovery_code(&rc)).await,
        StatusCode::UNAUTHORIZED,
        "mfa_code_invalid",
    )
    .await;
}
