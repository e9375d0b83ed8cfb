use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;

use portal_app::mail::MailSettings;

/// What the API needs at run time; built once by the server binary from `PORTAL_*` variables.
#[derive(Clone)]
pub struct ApiSettings {
    pub addr: String,
    pub jwt_secret: SecretString,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    /// Built SPA (index.html, wasm, js). Absent: `/` explains how to build it.
    pub spa_dir: Option<PathBuf>,
    /// Proxies in front of the portal that append to `X-Forwarded-For` (0: none; the socket peer
    /// is the client). The client's address is the entry this many places from the right.
    pub trusted_proxy_hops: usize,
    /// Seals TOTP secrets at rest (kept outside the database, like the JWT secret).
    pub secrets_key: SecretString,
    /// How long a temporary password signs in (72 hours by default).
    pub temp_password_ttl: Duration,
    /// A session ends this long after sign-in however often it is refreshed (30 days by default).
    pub session_max_age: Duration,
    pub workers: usize,
    /// Shown in authenticator apps next to the account.
    pub totp_issuer: String,
    pub mail: MailSettings,
    pub mail_from: String,
    /// Where users reach the portal (links in e-mails).
    pub public_url: String,
    /// Run the yearly rollover at April 1 00:00 JST inside `serve` (R2.5).
    pub scheduler: bool,
    /// Where work reports go for accounts under a maintenance contract (R4.8); none: the portal.
    pub backlog: Option<portal_app::backlog::BacklogSettings>,
    /// Where files of application threads are kept (R4.7).
    pub attachments: portal_app::attachments::AttachmentSettings,
    /// The AWS tools' access (R7.8, R7.9), built by the binary from the SDK's default credential
    /// chain; none: the tools pages say the operator has not configured AWS access.
    pub aws: Option<portal_app::aws_tools::SharedAws>,
}

impl std::fmt::Debug for ApiSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiSettings")
            .field("addr", &self.addr)
            .field("jwt_secret", &"[redacted]")
            .field("access_ttl", &self.access_ttl)
            .field("refresh_ttl", &self.refresh_ttl)
            .field("spa_dir", &self.spa_dir)
            .field("trusted_proxy_hops", &self.trusted_proxy_hops)
            .field("temp_password_ttl", &self.temp_password_ttl)
            .field("session_max_age", &self.session_max_age)
            .field("workers", &self.workers)
            .finish()
    }
}

impl ApiSettings {
    /// Served over https: cookies get `Secure` and responses HSTS.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The portal's own origin (`scheme://host[:port]`), which cookie-authenticated requests must
    /// come from.
    pub fn public_origin(&self) -> String {
        let url = self.public_url.trim_end_matches('/');
        match url.find("://").map(|i| i + 3) {
            Some(start) => match url[start..].find('/') {
                Some(end) => url[..start + end].to_owned(),
                None => url.to_owned(),
            },
            None => url.to_owned(),
        }
    }

    pub fn temp_password_until(&self, now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
        now + chrono::Duration::from_std(self.temp_password_ttl).unwrap_or(chrono::Duration::hours(72))
    }

    /// Defaults for tests and development; the binary overrides from the environment.
    pub fn for_tests(jwt_secret: &str) -> ApiSettings {
        ApiSettings {
            addr: "127.0.0.1:0".into(),
            jwt_secret: SecretString::from(jwt_secret.to_owned()),
            access_ttl: Duration::from_secs(10 * 60),
            refresh_ttl: Duration::from_secs(30 * 24 * 3600),
            spa_dir: None,
            trusted_proxy_hops: 0,
            secrets_key: SecretString::from("test-secrets-key-test-secrets-key-0123".to_owned()),
            temp_password_ttl: Duration::from_secs(72 * 3600),
            session_max_age: Duration::from_secs(30 * 24 * 3600),
            workers: 2,
            totp_issuer: "cloudpack+ PORTAL".into(),
            mail: MailSettings::Outbox(std::env::temp_dir().join("portal-test-outbox")),
            mail_from: "cloudpack+ PORTAL <noreply@portal.example>".into(),
            public_url: "http://127.0.0.1/".into(),
            scheduler: false,
            backlog: None,
            aws: None,
            attachments: portal_app::attachments::AttachmentSettings::Local(
                std::env::temp_dir().join(format!("portal-test-attachments-{}", uuid::Uuid::new_v4().simple())),
            ),
        }
    }
}
