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
use portal_domain::company::{CompanyOverview, OnboardCompanyRequest, OnboardCompanyResponse};
use portal_domain::eligibility::ContractType;
use portal_domain::fiscal::FiscalYear;
use portal_domain::problem::Problem;
use portal_domain::{totp, Rank, Role};
use reqwest::{Response, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde::Serialize;
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

    /// POST a `json!` body: `{}` where an operation has no request type, and bodies no request type
    /// can express (wrong JSON types, unknown values, missing fields).
    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.post_json(path, token, &body).await
    }

    /// POST a request type of `portal_domain`, serialized as a client would.
    pub async fn post_json<T: Serialize + ?Sized>(&self, path: &str, token: Option<&str>, body: &T) -> Response {
        let mut req = self.http.post(self.url(path)).json(body);
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
            temp_password_expires_at: Some(portal_app::credentials::default_temp_password_until(self.now())),
            role,
            company_id: company,
        };
        let id = users::insert(&self.db, new, self.now()).await.expect("user").id;
        TestUser { id, email, password, secret: None, last_step: None, clock: self.clock.clone() }
    }

    pub async fn login(&self, u: &TestUser) -> Response {
        self.post_json("/api/v1/auth/login", None, &body::login(&u.email, &u.password)).await
    }

    /// Temporary password → new password → TOTP enrolment: a full session.
    pub async fn onboard(&self, u: &mut TestUser) -> AuthResponse {
        let step: AuthResponse = ok_json(self.login(u).await).await;
        assert_eq!(step.next, SessionStage::ChangePassword);
        let new_password = format!("new-{}-Passw0rd", Uuid::new_v4().simple());
        let step: AuthResponse = ok_json(
            self.post_json(
                "/api/v1/auth/password",
                Some(&step.access_token),
                &body::change_password(&u.password, &new_password),
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
            self.post_json("/api/v1/auth/mfa/enroll/confirm", Some(&step.access_token), &body::confirm_mfa(&code))
                .await,
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

    /// Any role with a full session, in one call: staff (`company` must be `None`) or a customer
    /// of `company`. (user, access token).
    pub async fn signed_in(&self, role: Role, company: Option<Uuid>) -> (TestUser, String) {
        if role.is_staff() {
            assert!(company.is_none(), "staff belong to no company");
            self.staff(role).await
        } else {
            self.customer(role, company.expect("a customer belongs to a company")).await
        }
    }

    /// A company onboarded through the API, then set up as an admin would; see `CompanyBuilder`.
    pub fn build_company(&self, code: &str) -> CompanyBuilder<'_> {
        CompanyBuilder {
            app: self,
            request: OnboardCompanyRequest {
                code: code.to_owned(),
                name: format!("{code} 株式会社"),
                contract_types: vec![ContractType::BillingAgencyAdv],
                flags: Default::default(),
                representative_name: "代表 者".to_owned(),
                representative_email: format!("rep@{}.example.jp", code.to_lowercase()),
            },
            rank: None,
            tickets: None,
            aws_accounts: Vec::new(),
            admin: None,
        }
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.put_json(path, token, &body).await
    }

    pub async fn put_json<T: Serialize + ?Sized>(&self, path: &str, token: Option<&str>, body: &T) -> Response {
        let mut req = self.http.put(self.url(path)).json(body);
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
        ok_json(self.post_json("/api/v1/auth/mfa/verify", Some(&step.access_token), &body::verify_mfa(&code)).await)
            .await
    }
}

/// `app.build_company("CODE").rank(Rank::Gold).tickets(n).aws_account("123456789012").create()`:
/// every step goes through the API with an admin's token, so the company, its representative (rep@
/// code.example.jp, mailed a temporary password), ledger and audit log are what onboarding and those
/// staff operations leave. Nothing set: a REGULAR company without tickets or accounts.
pub struct CompanyBuilder<'a> {
    app: &'a TestApp,
    request: OnboardCompanyRequest,
    rank: Option<Rank>,
    tickets: Option<i32>,
    aws_accounts: Vec<String>,
    admin: Option<String>,
}

impl CompanyBuilder<'_> {
    pub fn name(mut self, name: &str) -> Self {
        self.request.name = name.to_owned();
        self
    }

    pub fn representative_email(mut self, email: &str) -> Self {
        self.request.representative_email = email.to_owned();
        self
    }

    /// The rank of the fiscal year under way, by a staff override (with its ticket grant).
    pub fn rank(mut self, rank: Rank) -> Self {
        self.rank = Some(rank);
        self
    }

    /// The ticket balance to end with, counting the rank's grant; reached by adjustments.
    pub fn tickets(mut self, balance: i32) -> Self {
        self.tickets = Some(balance);
        self
    }

    /// Links this AWS account (root held by the operator).
    pub fn aws_account(mut self, account_id: &str) -> Self {
        self.aws_accounts.push(account_id.to_owned());
        self
    }

    /// Act with this staff token (an admin's, for a rank or tickets) instead of a new admin's.
    pub fn by(mut self, token: &str) -> Self {
        self.admin = Some(token.to_owned());
        self
    }

    /// Creates the company; its id.
    pub async fn create(self) -> Uuid {
        let app = self.app;
        let token = match self.admin {
            Some(token) => token,
            None => app.staff(Role::Admin).await.1,
        };
        let t = Some(token.as_str());
        let done: OnboardCompanyResponse =
            ok_json(app.post_json("/api/v1/admin/companies", t, &self.request).await).await;
        let id = done.company.id;
        let mut balance = done.company.ticket_balance;
        if let Some(rank) = self.rank {
            let fiscal_year = FiscalYear::containing(app.now());
            let body = body::rank_override(fiscal_year, rank, "テスト準備");
            let path = format!("/api/v1/admin/companies/{id}/rank-override");
            let after: CompanyOverview = ok_json(app.post_json(&path, t, &body).await).await;
            balance = after.ticket_balance;
        }
        if let Some(target) = self.tickets {
            let path = format!("/api/v1/admin/companies/{id}/ticket-adjustments");
            let mut left = target - balance;
            while left != 0 {
                // One adjustment moves at most 1000 tickets.
                let amount = left.clamp(-1000, 1000);
                let body = body::adjust(amount, "テスト準備");
                let res = app.post_json(&path, t, &body).await;
                assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap_or_default());
                left -= amount;
            }
        }
        for account_id in self.aws_accounts {
            let body = body::aws_account(&account_id, &format!("{} {account_id}", self.request.code), true);
            let res = app.post_json(&format!("/api/v1/admin/companies/{id}/aws-accounts"), t, &body).await;
            assert!(res.status().is_success(), "{}", res.text().await.unwrap_or_default());
        }
        id
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

/// Request bodies as `portal_domain` types, short to write in tests. Bodies no type can express
/// (wrong JSON types, unknown enum values, missing fields) stay `json!` literals.
pub mod body {
    use portal_domain::auth::{
        ChangePasswordRequest, LoginRequest, MfaConfirmRequest, MfaVerifyRequest, RefreshRequest,
    };
    use portal_domain::company::{
        LinkAwsAccountRequest, RankOverrideRequest, RolloverRequest, TicketAdjustmentRequest,
    };
    use portal_domain::fiscal::FiscalYear;
    use portal_domain::Rank;

    pub fn login(email: &str, password: &str) -> LoginRequest {
        LoginRequest { email: email.to_owned(), password: password.to_owned() }
    }

    pub fn change_password(current_password: &str, new_password: &str) -> ChangePasswordRequest {
        ChangePasswordRequest { current_password: current_password.to_owned(), new_password: new_password.to_owned() }
    }

    pub fn confirm_mfa(code: &str) -> MfaConfirmRequest {
        MfaConfirmRequest { code: code.to_owned() }
    }

    pub fn verify_mfa(code: &str) -> MfaVerifyRequest {
        MfaVerifyRequest { code: Some(code.to_owned()), recovery_code: None }
    }

    pub fn verify_recovery_code(recovery_code: &str) -> MfaVerifyRequest {
        MfaVerifyRequest { code: None, recovery_code: Some(recovery_code.to_owned()) }
    }

    pub fn refresh(refresh_token: &str) -> RefreshRequest {
        RefreshRequest { refresh_token: refresh_token.to_owned() }
    }

    pub fn rank_override(fiscal_year: FiscalYear, rank: Rank, reason: &str) -> RankOverrideRequest {
        RankOverrideRequest { fiscal_year, rank, reason: reason.to_owned() }
    }

    pub fn adjust(amount: i32, reason: &str) -> TicketAdjustmentRequest {
        TicketAdjustmentRequest { amount, reason: reason.to_owned() }
    }

    pub fn aws_account(account_id: &str, display_name: &str, root_held_by_us: bool) -> LinkAwsAccountRequest {
        LinkAwsAccountRequest {
            account_id: account_id.to_owned(),
            display_name: display_name.to_owned(),
            root_held_by_us,
            under_maintenance: false,
        }
    }

    pub fn rollover(fiscal_year: FiscalYear) -> RolloverRequest {
        RolloverRequest { fiscal_year }
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
