//! Brute force: failures are slowed, then locked, per account and per address; the lock is clear.

use portal_domain::auth::AuthResponse;
use portal_domain::Role;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use crate::helpers::{body, ok_json, problem, TestApp};

async fn wrong(app: &TestApp, email: &str) -> reqwest::Response {
    app.post_json("/api/v1/auth/login", None, &body::login(email, "not-the-password")).await
}

#[tokio::test]
async fn unknown_accounts_and_wrong_passwords_look_the_same() {
    let app = TestApp::spawn().await;
    let u = app.user(Role::Member, None).await;
    let a = problem(wrong(&app, &u.email).await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let b = problem(wrong(&app, "nobody@example.co.jp").await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    // Only the request id differs.
    assert_ne!(a.request_id, b.request_id);
    let same = |p: portal_domain::problem::Problem| portal_domain::problem::Problem { request_id: None, ..p };
    assert_eq!(same(a), same(b));
}

#[tokio::test]
async fn repeated_failures_on_an_account_are_slowed_down() {
    let app = TestApp::spawn().await;
    let u = app.user(Role::Member, None).await;
    for _ in 0..3 {
        problem(wrong(&app, &u.email).await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    }
    // Even the right password waits now; the answer says for how long.
    let p = problem(app.login(&u).await, StatusCode::TOO_MANY_REQUESTS, "login_throttled").await;
    assert!(matches!(p.retry_after, Some(1..=2)), "{p:?}");
    // E-mail case does not give a fresh counter.
    problem(wrong(&app, &u.email.to_uppercase()).await, StatusCode::TOO_MANY_REQUESTS, "login_throttled").await;
}

#[tokio::test]
async fn the_fifth_failure_locks_the_account_and_the_lock_passes() {
    let app = TestApp::spawn().await;
    let u = app.user(Role::Member, None).await;
    let key = format!("login:{}|127.0.0.1", u.email);
    // Four failures already counted, the slow-down just over.
    portal_db::entities::auth_throttle::ActiveModel {
        key: Set(key.clone()),
        failures: Set(4),
        first_failure_at: Set(app.now()),
        locked_until: Set(Some(app.now() - chrono::Duration::seconds(1))),
    }
    .insert(&app.db)
    .await
    .unwrap();

    problem(wrong(&app, &u.email).await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let p = problem(app.login(&u).await, StatusCode::TOO_MANY_REQUESTS, "account_locked").await;
    assert!(matches!(p.retry_after, Some(890..=900)), "{p:?}");

    // When the lock has passed, the right password works and clears the counter.
    let mut row: portal_db::entities::auth_throttle::ActiveModel =
        portal_db::entities::auth_throttle::Entity::find_by_id(key.clone()).one(&app.db).await.unwrap().unwrap().into();
    row.locked_until = Set(Some(app.now() - chrono::Duration::seconds(1)));
    row.update(&app.db).await.unwrap();
    let _: AuthResponse = ok_json(app.login(&u).await).await;
    assert!(portal_db::entities::auth_throttle::Entity::find_by_id(key).one(&app.db).await.unwrap().is_none());
}

#[tokio::test]
async fn many_failures_from_one_address_slow_that_address_down() {
    let app = TestApp::spawn().await;
    let victim = app.user(Role::Member, None).await;
    // Five accounts, two tries each: ten failures from one address, none reaching an account limit.
    for i in 0..5 {
        for _ in 0..2 {
            problem(
                wrong(&app, &format!("spray{i}@example.co.jp")).await,
                StatusCode::UNAUTHORIZED,
                "invalid_credentials",
            )
            .await;
        }
    }
    let p = problem(app.login(&victim).await, StatusCode::TOO_MANY_REQUESTS, "login_throttled").await;
    assert!(p.retry_after.is_some());
}
