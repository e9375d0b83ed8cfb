//! Test harness: the real application on a free port with its own fresh database, spoken to over
//! HTTP. SQLite by default; a fresh PostgreSQL database per test when `TEST_DATABASE_URL` is set.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use portal_api::auth::passwords;
use portal_api::{database, ApiSettings, Application};
use portal_app::scheduler::SchedulerHandle;
use portal_app::{Clock, ManualClock, SystemClock};
use portal_db::queries::{companies, users};
use portal_domain::auth::{AuthResponse, MfaConfirmResponse, MfaEnrollment, SessionStage};
use portal_domain::problem::Problem;
use portal_domain::{totp, Role};
use reqwest::{Response, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{json, Value};
use uuid::Uuid;

pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret!";

#[derive(Clone)]
enum Backing {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

pub struct TestApp {
    pub base: String,
    pub db: DatabaseConnection,
    pub http: reqwest::Client,
    /// Where this app's e-mails land (one `.eml` file each).
    pub outbox: std::path::PathBuf,
    /// The server's clock: tests set and advance it (it starts at the real time unless told).
    pub clock: ManualClock,
    /// The rollover scheduler, when the test started the app with it.
    pub scheduler: Option<SchedulerHandle>,
    backing: Backing,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.outbox);
        match &self.backing {
            Backing::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Backing::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime; a fresh thread may block on its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        let admin = Database::connect(admin_url).await.ok()?;
                        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.ok()
                    })
                })
                .join();
            }
        }
    }
}

async fn fresh_database() -> (String, Backing) {
    match std::env::var("TEST_DATABASE_URL").ok().filter(|v| !v.is_empty()) {
        Some(base) => {
            let base = base.trim_end_matches('/');
            let (server, _) = base
                .rsplit_once('/')
                .filter(|(s, _)| s.contains("://") && s.len() > "postgres://".len())
                .unwrap_or((base, ""));
            let admin_url = format!("{server}/postgres");
            let name = format!("portal_test_{}", Uuid::new_v4().simple());
            let admin = Database::connect(&admin_url).await.expect("PostgreSQL at TEST_DATABASE_URL must be reachable");
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
            (format!("{server}/{name}"), Backing::Postgres { admin_url, name })
        }
        None => {
            let path = std::env::temp_dir().join(format!("portal-test-{}.db", Uuid::new_v4().simple()));
            (format!("sqlite://{}?mode=rwc", path.display()), Backing::Sqlite(path))
        }
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(|_| {}).await
    }

    /// The app with its clock at `at`.
    pub async fn spawn_at(at: DateTime<Utc>) -> TestApp {
        TestApp::spawn_at_with(at, |_| {}).await
    }

    pub async fn spawn_with(configure: impl FnOnce(&mut ApiSettings)) -> TestApp {
        TestApp::spawn_at_with(SystemClock.now(), configure).await
    }

    pub async fn spawn_at_with(at: DateTime<Utc>, configure: impl FnOnce(&mut ApiSettings)) -> TestApp {
        let clock = ManualClock::new(at);
        let (url, backing) = fresh_database().await;
        let db = database::connect_and_migrate(&url).await.expect("migrate test database");
        let outbox = std::env::temp_dir().join(format!("portal-test-outbox-{}", Uuid::new_v4().simple()));
        let mut settings = ApiSettings::for_tests(JWT_SECRET);
        settings.mail = portal_app::mail::MailSettings::Outbox(outbox.clone());
        configure(&mut settings);
        let app = Application::build(settings, db.clone(), Arc::new(clock.clone())).expect("bind");
        let base = format!("http://127.0.0.1:{}", app.port());
        let scheduler = app.scheduler();
        tokio::spawn(app.run_until_stopped());
        TestApp { base, db, http: reqwest::Client::new(), outbox, clock, scheduler, backing }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The URL of this test's database (to open more pools, like another replica would).
    pub fn database_url(&self) -> String {
        match &self.backing {
            Backing::Sqlite(path) => format!("sqlite://{}?mode=rwc", path.display()),
            Backing::Postgres { admin_url, name } => format!("{}/{name}", admin_url.trim_end_matches("/postgres")),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        let mut req = self.http.post(self.url(path)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.http.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn company(&self, code: &str, name: &str) -> Uuid {
        companies::insert(&self.db, code, name, self.now()).await.expect("company").0.id
    }

    /// A user as onboarding leaves them: a temporary password, no MFA.
    pub async fn user(&self, role: Role, company: Option<Uuid>) -> TestUser {
        let email = format!("{}-{}@example.co.jp", role.as_str(), &Uuid::new_v4().simple().to_string()[..8]);
        let password = format!("temp-{}", Uuid::new_v4().simple());
        let hash = passwords::hash(&password).unwrap();
        let new = users::NewUser {
            email: &email,
            display_name: "テスト 利用者",
            password_hash: hash,
            must_change_password: true,
            role,
            company_id: company,
        };
        let id = users::insert(&self.db, new, self.now()).await.expect("user").id;
        TestUser { id, email, password, secret: None, last_step: None, clock: self.clock.clone() }
    }

    pub async fn login(&self, u: &TestUser) -> Response {
        self.post("/api/v1/auth/login", None, json!({ "email": u.email, "password": u.password })).await
    }

    /// Temporary password → new password → TOTP enrolment: a full session.
    pub async fn onboard(&self, u: &mut TestUser) -> AuthResponse {
        let step: AuthResponse = ok_json(self.login(u).await).await;
        assert_eq!(step.next, SessionStage::ChangePassword);
        let new_password = format!("new-{}-Passw0rd", Uuid::new_v4().simple());
        let step: AuthResponse = ok_json(
            self.post(
                "/api/v1/auth/password",
                Some(&step.access_token),
                json!({ "current_password": u.password, "new_password": new_password }),
            )
            .await,
        )
        .await;
        u.password = new_password;
        assert_eq!(step.next, SessionStage::EnrollMfa);
        let enrol: MfaEnrollment =
            ok_json(self.post("/api/v1/auth/mfa/enroll", Some(&step.access_token), json!({})).await).await;
        u.secret = Some(enrol.secret);
        let code = u.next_code();
        let done: MfaConfirmResponse = ok_json(
            self.post("/api/v1/auth/mfa/enroll/confirm", Some(&step.access_token), json!({ "code": code })).await,
        )
        .await;
        assert_eq!(done.session.next, SessionStage::Full);
        done.session
    }

    /// A staff member (csm or admin) with a full session: (user, access token).
    pub async fn staff(&self, role: Role) -> (TestUser, String) {
        let mut s = self.user(role, None).await;
        let session = self.onboard(&mut s).await;
        (s, session.access_token)
    }

    /// A customer user of `company` with a full session: (user, access token).
    pub async fn customer(&self, role: Role, company: Uuid) -> (TestUser, String) {
        let mut u = self.user(role, Some(company)).await;
        let session = self.onboard(&mut u).await;
        (u, session.access_token)
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        let mut req = self.http.put(self.url(path)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    /// The decoded text of every e-mail sent to `to`.
    pub fn mails_to(&self, to: &str) -> Vec<String> {
        let Ok(dir) = std::fs::read_dir(&self.outbox) else { return Vec::new() };
        dir.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .filter_map(|raw| {
                // The file transport stores the envelope as JSON beside the .eml; skip those.
                let (headers, body) = raw.split_once("\r\n\r\n")?;
                headers
                    .lines()
                    .any(|l| l.to_lowercase().starts_with("to:") && l.contains(to))
                    .then(|| decode_base64(body))
            })
            .collect()
    }

    /// Password then TOTP, for a user who already enrolled.
    pub async fn sign_in(&self, u: &mut TestUser) -> AuthResponse {
        let step: AuthResponse = ok_json(self.login(u).await).await;
        assert_eq!(step.next, SessionStage::VerifyMfa);
        let code = u.next_code();
        ok_json(self.post("/api/v1/auth/mfa/verify", Some(&step.access_token), json!({ "code": code })).await).await
    }
}

pub struct TestUser {
    pub id: Uuid,
    pub email: String,
    pub password: String,
    pub secret: Option<String>,
    pub last_step: Option<u64>,
    /// The server's clock: codes are computed at its time.
    pub clock: ManualClock,
}

impl TestUser {
    /// A code for the current step of the server's clock; when that step was used already, the
    /// clock moves on to the next step first (as a person would wait for the next code).
    pub fn next_code(&mut self) -> String {
        let mut now_step = self.clock.now().timestamp() as u64 / totp::STEP_SECS;
        if self.last_step.is_some_and(|last| last >= now_step) {
            let next = self.last_step.unwrap_or(now_step) + 1;
            let at = DateTime::from_timestamp((next * totp::STEP_SECS) as i64, 0).expect("a step start");
            self.clock.set(at);
            now_step = next;
        }
        let step = now_step;
        self.last_step = Some(step);
        totp::code_at(self.secret.as_deref().expect("enrolled"), step * totp::STEP_SECS).unwrap()
    }

    /// The code of the step used last (for replay tests).
    pub fn last_code(&self) -> String {
        totp::code_at(self.secret.as_deref().unwrap(), self.last_step.unwrap() * totp::STEP_SECS).unwrap()
    }
}

pub async fn ok_json<T: serde::de::DeserializeOwned>(res: Response) -> T {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(status.is_success(), "expected success, got {status}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Asserts an RFC 9457 problem with this status and code, and returns it.
pub async fn problem(res: Response, status: StatusCode, code: &str) -> Problem {
    let got = res.status();
    let ct = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let text = res.text().await.unwrap();
    assert_eq!(got, status, "body: {text}");
    assert!(ct.starts_with("application/problem+json"), "content-type {ct:?}: {text}");
    let p: Problem = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(p.code, code, "{text}");
    assert_eq!(p.status, status.as_u16());
    // Every code on the wire is one of the shared vocabulary, so the SPA has a text for it.
    assert!(p.error_code().is_some(), "`{}` is not an ErrorCode: {text}", p.code);
    assert!(p.errors.iter().all(|e| e.error_code().is_some()), "a field code is not an ErrorCode: {text}");
    assert!(p.type_uri.ends_with(&format!(":{}", p.code)), "{text}");
    p
}

pub fn decode_base64(body: &str) -> String {
    const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in body.bytes() {
        let Some(v) = ALPHA.iter().position(|&a| a == c) else { continue };
        bits = (bits << 6) | v as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
