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
    /// Trust `X-Forwarded-For` for the client address (only behind a proxy you run).
    pub trust_proxy: bool,
    pub workers: usize,
    /// Shown in authenticator apps next to the account.
    pub totp_issuer: String,
    pub mail: MailSettings,
    pub mail_from: String,
    /// Where users reach the portal (links in e-mails).
    pub public_url: String,
    /// Run the yearly rollover at April 1 00:00 JST inside `serve` (R2.5).
    pub scheduler: bool,
}

impl std::fmt::Debug for ApiSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiSettings")
            .field("addr", &self.addr)
            .field("jwt_secret", &"[redacted]")
            .field("access_ttl", &self.access_ttl)
            .field("refresh_ttl", &self.refresh_ttl)
            .field("spa_dir", &self.spa_dir)
            .field("trust_proxy", &self.trust_proxy)
            .field("workers", &self.workers)
            .finish()
    }
}

impl ApiSettings {
    /// Defaults for tests and development; the binary overrides from the environment.
    pub fn for_tests(jwt_secret: &str) -> ApiSettings {
        ApiSettings {
            addr: "127.0.0.1:0".into(),
            jwt_secret: SecretString::from(jwt_secret.to_owned()),
            access_ttl: Duration::from_secs(10 * 60),
            refresh_ttl: Duration::from_secs(30 * 24 * 3600),
            spa_dir: None,
            trust_proxy: false,
            workers: 2,
            totp_issuer: "cloudpack+ PORTAL".into(),
            mail: MailSettings::Outbox(std::env::temp_dir().join("portal-test-outbox")),
            mail_from: "cloudpack+ PORTAL <noreply@portal.example>".into(),
            public_url: "http://127.0.0.1/".into(),
            scheduler: false,
        }
    }
}
