//! Issue 7: sign-in, sessions and the browser hardened to OWASP ASVS 5.0 level 2. Each test names
//! the gap it closes; the ASVS requirement is in the closing note and the module docs it tests.

use portal_app::clock::Clock;
use portal_domain::auth::{AuthResponse, MfaConfirmResponse, MfaEnrollment, RecentSignIns, SessionStage};
use portal_domain::company::AuditPage;
use portal_domain::Role;
use reqwest::header::{HeaderMap, SET_COOKIE};
use reqwest::{Response, StatusCode};
use sea_orm::EntityTrait;
use serde_json::{json, Value};

use crate::helpers::{body, ok_json, problem, TestApp, TestUser};

const SPA: (&str, &str) = ("X-Refresh-Token-Transport", "cookie");

/// POST as a client behind the trusted proxy would arrive: the proxy appended `address`.
async fn post_from(app: &TestApp, address: &str, path: &str, token: Option<&str>, body: &Value) -> Response {
    let mut req = app
        .http
        .post(app.url(path))
        .header("X-Forwarded-For", format!("192.0.2.99, {address}"))
        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0 Safari/537.36")
        .json(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.expect("request")
}

async fn wrong_password_from(app: &TestApp, address: &str, email: &str) -> Response {
    post_from(app, address, "/api/v1/auth/login", None, &json!({ "email": email, "password": "not-the-password" }))
        .await
}

async fn login_from(app: &TestApp, address: &str, u: &TestUser) -> Response {
    post_from(app, address, "/api/v1/auth/login", None, &json!({ "email": u.email, "password": u.password })).await
}

/// A user who has enrolled MFA and signed out: the next sign-in ends at `verify_mfa`.
async fn enrolled(app: &TestApp) -> TestUser {
    let mut u = app.user(Role::Member, None).await;
    app.onboard(&mut u).await;
    u
}

/// A six-digit code that is not the one the authenticator shows now (nor the one before or after).
fn wrong_code(u: &TestUser) -> String {
    let secret = u.secret.as_deref().unwrap();
    let now = u.clock.now().timestamp() as u64;
    let near: Vec<String> =
        [now - 30, now, now + 30].iter().map(|t| portal_domain::totp::code_at(secret, *t).unwrap()).collect();
    (0..1_000_000).map(|n| format!("{n:06}")).find(|c| !near.contains(c)).unwrap()
}

async fn verify(app: &TestApp, token: &str, code: &str) -> Response {
    app.post_json("/api/v1/auth/mfa/verify", Some(token), &body::verify_mfa(code)).await
}

// ---- the second factor (ASVS 6.1.1, 6.3.1) ------------------------------------------------------

#[tokio::test]
async fn a_right_password_never_resets_the_count_of_wrong_codes() {
    let app = TestApp::spawn().await;
    let mut u = enrolled(&app).await;
    // Three wrong codes, sign in again with the right password, two more: five in all.
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    for _ in 0..3 {
        problem(verify(&app, &step.access_token, &wrong_code(&u)).await, StatusCode::UNAUTHORIZED, "mfa_code_invalid")
            .await;
    }
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    for _ in 0..2 {
        problem(verify(&app, &step.access_token, &wrong_code(&u)).await, StatusCode::UNAUTHORIZED, "mfa_code_invalid")
            .await;
    }
    // The sixth try is not even checked, right code or not, however the session was started.
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    let code = u.next_code();
    let p =
        problem(verify(&app, &step.access_token, &code).await, StatusCode::TOO_MANY_REQUESTS, "account_locked").await;
    assert!(matches!(p.retry_after, Some(1..=900)), "{p:?}");

    // After the window the right code works and forgives the wrong ones.
    app.clock.advance(chrono::Duration::minutes(15));
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    let code = u.next_code();
    let done: AuthResponse = ok_json(verify(&app, &step.access_token, &code).await).await;
    assert_eq!(done.next, SessionStage::Full);
    let key = format!("mfa:{}", u.id);
    assert!(portal_db::entities::auth_throttle::Entity::find_by_id(key).one(&app.db).await.unwrap().is_none());
}

#[tokio::test]
async fn of_a_hundred_parallel_wrong_codes_five_are_checked_and_the_rest_refused() {
    let app = TestApp::spawn().await;
    let u = enrolled(&app).await;
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    let code = wrong_code(&u);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let (http, url, token, code) =
            (app.http.clone(), app.url("/api/v1/auth/mfa/verify"), step.access_token.clone(), code.clone());
        tasks.spawn(async move {
            http.post(url).bearer_auth(token).json(&json!({ "code": code })).send().await.unwrap().status()
        });
    }
    let mut statuses = Vec::new();
    while let Some(s) = tasks.join_next().await {
        statuses.push(s.unwrap());
    }
    let count = |s: StatusCode| statuses.iter().filter(|x| **x == s).count();
    assert_eq!(count(StatusCode::UNAUTHORIZED), 5, "{statuses:?}");
    assert_eq!(count(StatusCode::TOO_MANY_REQUESTS), 95, "{statuses:?}");
}

// ---- lockout that cannot be turned against the owner (ASVS 6.1.1, 6.3.1) -------------------------

#[tokio::test]
async fn someone_guessing_from_elsewhere_cannot_lock_the_owner_out() {
    let app = TestApp::spawn_with(|s| s.trusted_proxy_hops = 1).await;
    let u = app.user(Role::Admin, None).await;
    for _ in 0..5 {
        problem(
            wrong_password_from(&app, "203.0.113.7", &u.email).await,
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
        )
        .await;
        // Past each slow-down (2 s, 4 s), so that every guess is counted.
        app.clock.advance(chrono::Duration::seconds(5));
    }
    // The guesser is locked out of this account, even with the right password…
    problem(login_from(&app, "203.0.113.7", &u).await, StatusCode::TOO_MANY_REQUESTS, "account_locked").await;
    // …and the owner, from an address that has not failed, signs in.
    let step: AuthResponse = ok_json(login_from(&app, "198.51.100.20", &u).await).await;
    assert_eq!(step.next, SessionStage::ChangePassword);
}

#[tokio::test]
async fn guesses_from_many_addresses_are_bounded_per_account() {
    let app = TestApp::spawn_with(|s| s.trusted_proxy_hops = 1).await;
    let u = app.user(Role::Member, None).await;
    // 100 wrong passwords in the hour from 50 addresses, two each: no address reaches its own limit.
    for i in 0..50 {
        for _ in 0..2 {
            let addr = format!("10.1.{}.{}", i / 200, i % 200 + 1);
            problem(wrong_password_from(&app, &addr, &u.email).await, StatusCode::UNAUTHORIZED, "invalid_credentials")
                .await;
        }
    }
    // The 101st guess from an address that has already failed waits.
    let p = problem(
        wrong_password_from(&app, "10.1.0.1", &u.email).await,
        StatusCode::TOO_MANY_REQUESTS,
        "login_throttled",
    )
    .await;
    assert!(p.retry_after.is_some());
    assert_eq!(p.retry_after, Some(1));
    // The owner, from an address that never failed, still signs in.
    let _: AuthResponse = ok_json(login_from(&app, "198.51.100.20", &u).await).await;
    // A fresh address gets one guess; the slow-down doubles with each further failure (towards
    // 15 minutes), so beyond 100 an hour every address gets about one guess per slow-down.
    problem(wrong_password_from(&app, "10.9.9.9", &u.email).await, StatusCode::UNAUTHORIZED, "invalid_credentials")
        .await;
    let p = problem(
        wrong_password_from(&app, "10.1.0.2", &u.email).await,
        StatusCode::TOO_MANY_REQUESTS,
        "login_throttled",
    )
    .await;
    assert_eq!(p.retry_after, Some(2));
}

// ---- the client's address (ASVS 15.3.4, 4.1.3) ----------------------------------------------------

#[tokio::test]
async fn the_address_is_the_one_the_trusted_proxy_appended_and_ipv6_counts_by_its_64() {
    let app = TestApp::spawn_with(|s| s.trusted_proxy_hops = 1).await;
    let u = app.user(Role::Member, None).await;
    // The client wrote "192.0.2.99" itself (see post_from); the proxy appended the real one.
    wrong_password_from(&app, "203.0.113.7", &u.email).await;
    let keys: Vec<String> = portal_db::entities::auth_throttle::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert!(keys.contains(&"ip:203.0.113.7".to_owned()), "{keys:?}");
    assert!(!keys.iter().any(|k| k.contains("192.0.2.99")), "{keys:?}");

    // Two addresses of one /64 share a counter.
    wrong_password_from(&app, "2001:db8:1:2::10", "a@example.co.jp").await;
    wrong_password_from(&app, "2001:db8:1:2:ffff::20", "b@example.co.jp").await;
    let row = portal_db::entities::auth_throttle::Entity::find_by_id("ip:2001:db8:1:2::/64".to_owned())
        .one(&app.db)
        .await
        .unwrap()
        .expect("one counter for the /64");
    assert_eq!(row.failures, 2);

    // A `Forwarded` header is the client's own word: ignored.
    let res = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .header("Forwarded", "for=198.51.100.77")
        .header("X-Forwarded-For", "203.0.113.8")
        .json(&json!({ "email": u.email, "password": "nope" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let keys: Vec<String> = portal_db::entities::auth_throttle::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert!(keys.contains(&"ip:203.0.113.8".to_owned()) && !keys.iter().any(|k| k.contains("198.51.100.77")));
}

// ---- headers (ASVS 3.4.1, 3.4.3–3.4.6, 14.3.2) -----------------------------------------------------

fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_api_answers_are_never_cached() {
    let app = TestApp::spawn().await;
    for path in ["/healthz", "/api/v1/me", "/api/v1/nothing-here", "/api/openapi.json", "/some/page"] {
        let res = app.get(path, None).await;
        let h = res.headers();
        let csp = header(h, "content-security-policy");
        for directive in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(header(h, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(h, "referrer-policy"), "no-referrer", "{path}");
        assert_eq!(header(h, "strict-transport-security"), "", "{path}: no HSTS over http");
        if path.starts_with("/api/") {
            assert_eq!(header(h, "cache-control"), "no-store", "{path}");
        }
    }
    // The answers that carry secrets.
    let u = app.user(Role::Member, None).await;
    let res = app.login(&u).await;
    assert_eq!(header(res.headers(), "cache-control"), "no-store");

    let https = TestApp::spawn_with(|s| s.public_url = "https://portal.example.jp/".into()).await;
    let res = https.get("/healthz", None).await;
    assert!(header(res.headers(), "strict-transport-security").starts_with("max-age=31536000"));
}

// ---- the refresh token in an HttpOnly cookie (ASVS 3.3.1–3.3.4, 3.5.1–3.5.2, 10.4.5) ----------------

/// Signs `u` in fully as the SPA does; returns the access token and the refresh cookie's value.
async fn browser_sign_in(app: &TestApp, u: &mut TestUser) -> (String, String, Vec<String>) {
    let step: AuthResponse = ok_json(
        app.http
            .post(app.url("/api/v1/auth/login"))
            .header(SPA.0, SPA.1)
            .json(&body::login(&u.email, &u.password))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let code = u.next_code();
    let res = app
        .http
        .post(app.url("/api/v1/auth/mfa/verify"))
        .header(SPA.0, SPA.1)
        .bearer_auth(&step.access_token)
        .json(&body::verify_mfa(&code))
        .send()
        .await
        .unwrap();
    let cookies: Vec<String> =
        res.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    let done: AuthResponse = ok_json(res).await;
    assert_eq!(done.refresh_token, None, "the body carries no refresh token");
    let value = cookies[0].split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    (done.access_token, value, cookies)
}

async fn cookie_post(app: &TestApp, path: &str, cookie: &str, origin: Option<&str>) -> Response {
    let mut req =
        app.http.post(app.url(path)).header("Cookie", format!("portal_refresh={cookie}")).header(SPA.0, SPA.1);
    if let Some(o) = origin {
        req = req.header("Origin", o);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn the_browser_holds_the_refresh_token_only_in_an_http_only_cookie_and_refreshes_from_its_own_origin() {
    let app = TestApp::spawn().await;
    let mut u = enrolled(&app).await;
    let (_, cookie, set) = browser_sign_in(&app, &mut u).await;
    assert_eq!(set.len(), 2, "{set:?}");
    for (c, path) in set.iter().zip(["/api/v1/auth/refresh", "/api/v1/auth/logout"]) {
        assert!(c.starts_with("portal_refresh="), "{c}");
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict"), "{c}");
        assert!(c.contains(&format!("Path={path}")), "{c}");
        assert!(!c.contains("Secure"), "http: no Secure attribute: {c}");
    }

    // Without a cookie, an empty, `{}` or `null` body is a refresh token that is not there.
    for body in [json!({}), Value::Null] {
        let res = app.post("/api/v1/auth/refresh", None, body).await;
        problem(res, StatusCode::UNAUTHORIZED, "refresh_token_invalid").await;
    }

    // Another site's page (or none) cannot use the cookie.
    problem(
        cookie_post(&app, "/api/v1/auth/refresh", &cookie, Some("https://evil.example")).await,
        StatusCode::FORBIDDEN,
        "origin_not_allowed",
    )
    .await;
    problem(
        cookie_post(&app, "/api/v1/auth/refresh", &cookie, None).await,
        StatusCode::FORBIDDEN,
        "origin_not_allowed",
    )
    .await;

    // The portal's own page can; the token rotates in the cookie.
    let res = cookie_post(&app, "/api/v1/auth/refresh", &cookie, Some(&app.url(""))).await;
    let rotated = res.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    let fresh: AuthResponse = ok_json(res).await;
    assert_eq!((fresh.next, fresh.refresh_token), (SessionStage::Full, None));
    let new_cookie = rotated.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    assert_ne!(new_cookie, cookie);
    let _: portal_domain::auth::Me = ok_json(app.get("/api/v1/me", Some(&fresh.access_token)).await).await;
    // `{}` is read as "use the cookie" too.
    let res = app
        .http
        .post(app.url("/api/v1/auth/refresh"))
        .header("Cookie", format!("portal_refresh={new_cookie}"))
        .header("Origin", app.url(""))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let newest = res.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    let newest = newest.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    let _: AuthResponse = ok_json(res).await;

    // The used one again: the session is ended (it was probably stolen).
    problem(
        cookie_post(&app, "/api/v1/auth/refresh", &cookie, Some(&app.url(""))).await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_reused",
    )
    .await;
    problem(
        cookie_post(&app, "/api/v1/auth/refresh", &newest, Some(&app.url(""))).await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_invalid",
    )
    .await;

    // Integrators keep the body.
    let mut u2 = enrolled(&app).await;
    let s = app.sign_in(&mut u2).await;
    let token = s.refresh_token.expect("a refresh token in the body without the cookie transport");
    let r: AuthResponse = ok_json(app.post_json("/api/v1/auth/refresh", None, &body::refresh(&token)).await).await;
    assert!(r.refresh_token.is_some());
}

#[tokio::test]
async fn signing_out_by_cookie_ends_the_session_and_deletes_the_cookie() {
    let app = TestApp::spawn().await;
    let mut u = enrolled(&app).await;
    let (access, cookie, _) = browser_sign_in(&app, &mut u).await;
    problem(
        cookie_post(&app, "/api/v1/auth/logout", &cookie, Some("https://evil.example")).await,
        StatusCode::FORBIDDEN,
        "origin_not_allowed",
    )
    .await;
    let res = cookie_post(&app, "/api/v1/auth/logout", &cookie, Some(&app.url(""))).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let cleared: Vec<String> =
        res.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert_eq!(cleared.len(), 2);
    assert!(cleared.iter().all(|c| c.starts_with("portal_refresh=;") && c.contains("Max-Age=0")), "{cleared:?}");
    problem(app.get("/api/v1/me", Some(&access)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[tokio::test]
async fn over_https_the_cookie_is_secure_and_prefixed() {
    let app = TestApp::spawn_with(|s| s.public_url = "https://portal.example.jp/".into()).await;
    let mut u = enrolled(&app).await;
    let (_, _, set) = browser_sign_in(&app, &mut u).await;
    assert!(set.iter().all(|c| c.starts_with("__Secure-portal_refresh=") && c.contains("; Secure")), "{set:?}");
}

// ---- credentials and sessions (ASVS 6.4.1, 7.3.2, 6.5.2, 13.3.1, 6.2.4, 6.2.11) ----------------------

#[tokio::test]
async fn a_temporary_password_expires_after_72_hours_and_staff_issue_a_new_one() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Member, Some(app.company("EXP", "期限 株式会社").await)).await;
    app.clock.advance(chrono::Duration::hours(72) - chrono::Duration::seconds(1));
    let _: AuthResponse = ok_json(app.login(&u).await).await;
    app.clock.advance(chrono::Duration::seconds(1));
    problem(app.login(&u).await, StatusCode::UNAUTHORIZED, "temporary_password_expired").await;

    let (_, staff) = app.staff(Role::Csm).await;
    let reset: portal_domain::auth::CredentialResetResponse =
        ok_json(app.post(&format!("/api/v1/admin/users/{}/credentials/reset", u.id), Some(&staff), json!({})).await)
            .await;
    assert_eq!(reset.expires_at, app.now() + chrono::Duration::hours(72));
    u.password = reset.temporary_password;
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    assert_eq!(step.next, SessionStage::ChangePassword);
}

#[tokio::test]
async fn the_welcome_mail_says_until_when_the_temporary_password_works() {
    let app = TestApp::spawn_at("2026-11-27T03:00:00Z".parse().unwrap()).await;
    app.build_company("MAIL7").create().await;
    let mails = app.mails_to("rep@mail7.example.jp");
    assert!(
        mails.iter().any(|m| m.contains("仮パスワードの有効期限: 2026年11月30日 12:00（日本時間）まで")),
        "{mails:?}"
    );
}

#[tokio::test]
async fn a_session_ends_30_days_after_sign_in_however_often_it_is_refreshed() {
    let app = TestApp::spawn().await;
    let mut u = enrolled(&app).await;
    let mut s = app.sign_in(&mut u).await;
    for _ in 0..3 {
        app.clock.advance(chrono::Duration::days(9));
        s = ok_json(
            app.post_json("/api/v1/auth/refresh", None, &body::refresh(s.refresh_token.as_deref().unwrap())).await,
        )
        .await;
    }
    app.clock.advance(chrono::Duration::days(3));
    let p = app.post_json("/api/v1/auth/refresh", None, &body::refresh(s.refresh_token.as_deref().unwrap())).await;
    problem(p, StatusCode::UNAUTHORIZED, "session_expired").await;
}

#[tokio::test]
async fn recovery_codes_carry_at_least_112_bits_and_totp_secrets_are_sealed_at_rest() {
    let app = TestApp::spawn().await;
    let mut u = app.user(Role::Member, None).await;
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    let new_password = "a-long-and-unusual-passphrase-7";
    let step: AuthResponse = ok_json(
        app.post_json(
            "/api/v1/auth/password",
            Some(&step.access_token),
            &body::change_password(&u.password, new_password),
        )
        .await,
    )
    .await;
    u.password = new_password.into();
    let enrol: MfaEnrollment =
        ok_json(app.post("/api/v1/auth/mfa/enroll", Some(&step.access_token), json!({})).await).await;
    u.secret = Some(enrol.secret.clone());
    let code = u.next_code();
    let done: MfaConfirmResponse = ok_json(
        app.post_json("/api/v1/auth/mfa/enroll/confirm", Some(&step.access_token), &body::confirm_mfa(&code)).await,
    )
    .await;
    for c in &done.recovery_codes {
        let symbols = c.chars().filter(char::is_ascii_alphanumeric).count() as f64;
        assert!(symbols * 56f64.log2() >= 112.0, "{c}");
    }

    let row = portal_db::entities::user::Entity::find_by_id(u.id).one(&app.db).await.unwrap().unwrap();
    let stored = row.totp_secret.unwrap();
    assert!(stored.starts_with("v1:") && !stored.contains(&enrol.secret), "{stored}");

    // A secret stored in the clear before sealing existed is sealed at start-up and still works.
    portal_db::queries::users::set_totp_secrets(&app.db, u.id, Some(enrol.secret.clone()), None).await.unwrap();
    let sealer =
        portal_app::credentials::sealing::Sealer::new(&portal_api::settings::ApiSettings::for_tests("x").secrets_key);
    assert_eq!(portal_app::credentials::sealing::seal_stored_secrets(&app.db, &sealer).await.unwrap(), 1);
    assert_eq!(portal_app::credentials::sealing::seal_stored_secrets(&app.db, &sealer).await.unwrap(), 0, "idempotent");
    let row = portal_db::entities::user::Entity::find_by_id(u.id).one(&app.db).await.unwrap().unwrap();
    assert!(row.totp_secret.unwrap().starts_with("v1:"));
    let s = app.sign_in(&mut u).await;
    assert_eq!(s.next, SessionStage::Full);
}

#[tokio::test]
async fn common_passwords_and_the_e_mail_local_part_are_refused() {
    let app = TestApp::spawn().await;
    let u = app.user(Role::Member, None).await;
    let step: AuthResponse = ok_json(app.login(&u).await).await;
    let change = |new: &str| body::change_password(&u.password, new);
    let res = app.post_json("/api/v1/auth/password", Some(&step.access_token), &change("Password1234")).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("new_password", "password_too_common"));
    let local = u.email.split('@').next().unwrap();
    let res =
        app.post_json("/api/v1/auth/password", Some(&step.access_token), &change(&format!("x-{local}-2026!"))).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p.errors[0].code, "password_contains_email");
}

#[tokio::test]
async fn a_token_signed_with_our_key_but_without_our_audience_and_type_is_refused() {
    use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
    let app = TestApp::spawn().await;
    let mut u = enrolled(&app).await;
    let s = app.sign_in(&mut u).await;
    // Same claims as a real token, minus `aud`, with the plain JWT type.
    let payload = s.access_token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(&base64_url(payload)).unwrap();
    let mut claims = claims.as_object().unwrap().clone();
    claims.remove("aud");
    let forged = encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(crate::helpers::JWT_SECRET.as_bytes()),
    )
    .unwrap();
    problem(app.get("/api/v1/me", Some(&forged)).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let _: portal_domain::auth::Me = ok_json(app.get("/api/v1/me", Some(&s.access_token)).await).await;
}

fn base64_url(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes() {
        let v = A.iter().position(|a| *a == c).unwrap() as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

// ---- security events (ASVS 16.3.1, 16.2.5) ------------------------------------------------------------

#[tokio::test]
async fn sign_in_events_are_audited_with_address_and_browser_and_never_a_secret() {
    let app = TestApp::spawn_with(|s| s.trusted_proxy_hops = 1).await;
    let (_, staff) = app.staff(Role::Admin).await;
    let mut u = enrolled(&app).await;
    wrong_password_from(&app, "203.0.113.7", &u.email).await;
    let step: AuthResponse = ok_json(login_from(&app, "198.51.100.20", &u).await).await;
    let bad = wrong_code(&u);
    post_from(&app, "198.51.100.20", "/api/v1/auth/mfa/verify", Some(&step.access_token), &json!({ "code": bad }))
        .await;
    let code = u.next_code();
    let done: AuthResponse = ok_json(
        post_from(&app, "198.51.100.20", "/api/v1/auth/mfa/verify", Some(&step.access_token), &json!({ "code": code }))
            .await,
    )
    .await;
    let res = post_from(&app, "198.51.100.20", "/api/v1/auth/logout", Some(&done.access_token), &json!({})).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    let page: AuditPage =
        ok_json(app.get(&format!("/api/v1/admin/audit?security=true&actor_id={}", u.id), Some(&staff)).await).await;
    let actions: Vec<&str> = page.items.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "auth.sign_in_failed",
        "auth.mfa_failed",
        "auth.sign_in",
        "auth.logout",
        "auth.mfa_enrolled",
        "auth.password_changed",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    let failed = page.items.iter().find(|e| e.action == "auth.sign_in_failed").unwrap();
    assert_eq!(failed.client_address.as_deref(), Some("203.0.113.7"));
    assert!(failed.user_agent.as_deref().unwrap_or("").contains("Chrome/156"));
    let all = serde_json::to_string(&page).unwrap();
    for secret in [u.password.as_str(), bad.as_str(), code.as_str(), done.access_token.as_str()] {
        assert!(!all.contains(secret), "a secret reached the audit log");
    }
    // The security filter shows nothing else.
    assert!(page.items.iter().all(|e| e.action.starts_with("auth.") || e.action == "user.reset_credentials"));

    // The user sees their own sign-ins, newest first, with the browser in words.
    let s = app.sign_in(&mut u).await;
    let mine: RecentSignIns = ok_json(app.get("/api/v1/me/sign-ins", Some(&s.access_token)).await).await;
    assert_eq!(mine.items.len(), 3, "enrolment, 198.51.100.20, and this one");
    assert_eq!(mine.items[1].client_address, "198.51.100.20");
    assert_eq!(mine.items[1].browser, "Chrome 156 on Linux");
    assert!(mine.items[0].at >= mine.items[1].at);
}

// ---- housekeeping (ASVS 7.4.1, 14.2.7) -------------------------------------------------------------

#[tokio::test]
async fn the_daily_sweep_deletes_ended_sessions_expired_tokens_and_old_counters() {
    use portal_db::entities::{auth_throttle, refresh_token, session};
    use sea_orm::PaginatorTrait;
    let app = TestApp::spawn().await;
    let mut u = enrolled(&app).await;
    let live = app.sign_in(&mut u).await;
    let ended = app.sign_in(&mut u).await;
    let res = app.post("/api/v1/auth/logout", Some(&ended.access_token), json!({})).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // Ten guesses at addresses that are nobody's: the address is slowed after that anyway.
    for i in 0..10 {
        app.post_json("/api/v1/auth/login", None, &body::login(&format!("random{i}@example.co.jp"), "x")).await;
    }
    assert!(auth_throttle::Entity::find().count(&app.db).await.unwrap() >= 20);

    app.clock.advance(chrono::Duration::hours(2));
    let swept = portal_app::housekeeping::sweep(&app.db, app.now(), chrono::Duration::days(30)).await.unwrap();
    assert!(swept.sessions >= 2, "the logged-out session and the ones a password change ended: {swept:?}");
    assert!(swept.throttle_counters >= 20, "{swept:?}");
    assert_eq!(auth_throttle::Entity::find().count(&app.db).await.unwrap(), 0);
    // The live session is untouched and still refreshes.
    let r: AuthResponse = ok_json(
        app.post_json("/api/v1/auth/refresh", None, &body::refresh(live.refresh_token.as_deref().unwrap())).await,
    )
    .await;
    assert_eq!(r.next, SessionStage::Full);
    assert!(refresh_token::Entity::find().count(&app.db).await.unwrap() >= 1);

    // 30 days on, nothing of it is left.
    app.clock.advance(chrono::Duration::days(31));
    let swept = portal_app::housekeeping::sweep(&app.db, app.now(), chrono::Duration::days(30)).await.unwrap();
    assert!(swept.sessions >= 1 && swept.refresh_tokens >= 1, "{swept:?}");
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(refresh_token::Entity::find().count(&app.db).await.unwrap(), 0);
}
