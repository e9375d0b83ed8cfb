//! Work reports to Backlog (R4.8): when the application's AWS account is under a maintenance
//! contract, staff post the report as a comment on the customer's Backlog issue instead of the
//! portal thread. Use cases talk to the [`Backlog`] trait so that tests (and a portal with no
//! Backlog configured) need no network; [`BacklogClient`] is the real one, on Backlog's REST API v2
//! (`POST /api/v2/issues/{issueIdOrKey}/comments`, form field `content`).
//!
//! Backlog takes its API key as the `apiKey` query parameter, so every URL we build carries the
//! secret. Nothing in this module puts a URL into an error or a log line: errors name the host and
//! the issue, and any text that comes from outside (the HTTP stack, Backlog's own messages) passes
//! through [`BacklogClient::redact`] first.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use reqwest::{header, redirect, StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Without an answer in this time the post counts as failed; staff can post again.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// Bodies above this are not Backlog answering a comment post; we stop reading.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The comment Backlog created, as it answered.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BacklogComment {
    pub id: u64,
    /// When Backlog recorded the comment (its `created`, UTC).
    pub created: DateTime<Utc>,
}

/// A future of a post, boxed so that `dyn Backlog` works (the application state holds
/// `Option<Arc<dyn Backlog>>`: none means reports stay in the portal thread).
pub type BacklogFuture<'a> = Pin<Box<dyn Future<Output = Result<BacklogComment, BacklogError>> + Send + 'a>>;

/// Where reports go when the account is under a maintenance contract.
pub trait Backlog: Send + Sync {
    /// Adds `content` as a comment on the issue `issue_key` (`PROJ-123` or the numeric issue id).
    fn post_comment<'a>(&'a self, issue_key: &'a str, content: &'a str) -> BacklogFuture<'a>;
}

/// Why a post to Backlog did not happen. The messages are for staff: they say what to check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BacklogError {
    #[error("{issue_key:?} is not a Backlog issue key (like PROJ-123) or issue id")]
    InvalidIssueKey { issue_key: String },
    #[error("the report is empty; Backlog does not accept an empty comment")]
    EmptyContent,
    #[error("Backlog refused the portal's API key (401): the key may be revoked or its user removed; an administrator must set a new one")]
    Unauthorized,
    #[error("Backlog refused to comment on {issue_key} (403): the API key's user has no access to that project{}", detail(.message))]
    Forbidden { issue_key: String, message: String },
    #[error("Backlog has no issue {issue_key} (404): check the issue key on the application{}", detail(.message))]
    IssueNotFound { issue_key: String, message: String },
    #[error("Backlog's rate limit is reached (429): {}", reset_text(.reset_at))]
    RateLimited {
        /// `X-RateLimit-Reset`, when Backlog sent it.
        reset_at: Option<DateTime<Utc>>,
    },
    #[error("Backlog refused the comment ({status}){}", detail(.message))]
    Rejected { status: u16, message: String },
    #[error("Backlog had an error ({status}); the comment may not be posted, try again later{}", detail(.message))]
    Server { status: u16, message: String },
    #[error("could not reach Backlog at {host}: {detail}")]
    Network { host: String, detail: String },
    #[error("Backlog at {host} gave an answer the portal does not understand: {detail}")]
    InvalidResponse { host: String, detail: String },
}

fn detail(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    }
}

fn reset_text(reset_at: &Option<DateTime<Utc>>) -> String {
    match reset_at {
        Some(at) => {
            let jst = FixedOffset::east_opt(9 * 3600).expect("JST is a valid offset");
            format!("try again after {} JST", at.with_timezone(&jst).format("%Y-%m-%d %H:%M:%S"))
        }
        None => "try again in a minute".to_string(),
    }
}

/// Why settings were refused (at start-up, before any post).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BacklogSettingsError {
    #[error("the Backlog URL {0:?} is not a URL (like https://example.backlog.jp)")]
    InvalidUrl(String),
    #[error("the Backlog URL must use https (plain http only for a server on this machine), not {0:?}")]
    NotHttps(String),
    #[error("the Backlog URL must be the space's address only, without user, query or fragment")]
    ExtraUrlParts,
    #[error("the Backlog API key is empty")]
    EmptyApiKey,
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
}

/// Where the Backlog space is and how to sign in to it.
#[derive(Clone)]
pub struct BacklogSettings {
    base_url: Url,
    api_key: SecretString,
    timeout: Duration,
}

impl BacklogSettings {
    /// `base_url` is the space's address (`https://example.backlog.jp`, `https://example.backlog.com`).
    /// The key crosses the network in the URL, so it must be encrypted: https only, except to a
    /// server on loopback (tests, a local proxy).
    pub fn from_parts(base_url: &str, api_key: SecretString) -> Result<BacklogSettings, BacklogSettingsError> {
        let url = Url::parse(base_url.trim()).map_err(|_| BacklogSettingsError::InvalidUrl(base_url.to_string()))?;
        let host = url.host_str().ok_or_else(|| BacklogSettingsError::InvalidUrl(base_url.to_string()))?;
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let loopback =
            bare.eq_ignore_ascii_case("localhost") || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => return Err(BacklogSettingsError::NotHttps(base_url.to_string())),
        }
        if !url.username().is_empty() || url.password().is_some() || url.query().is_some() || url.fragment().is_some() {
            return Err(BacklogSettingsError::ExtraUrlParts);
        }
        if api_key.expose_secret().trim().is_empty() {
            return Err(BacklogSettingsError::EmptyApiKey);
        }
        Ok(BacklogSettings { base_url: url, api_key, timeout: DEFAULT_TIMEOUT })
    }

    /// The whole time a post may take, connecting included.
    pub fn with_timeout(mut self, timeout: Duration) -> BacklogSettings {
        self.timeout = timeout;
        self
    }

    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}

impl fmt::Debug for BacklogSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BacklogSettings")
            .field("base_url", &self.base_url.as_str())
            .field("api_key", &"[redacted]")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// [`Backlog`] over HTTPS with reqwest (rustls, no OpenSSL).
#[derive(Clone)]
pub struct BacklogClient {
    settings: BacklogSettings,
    http: reqwest::Client,
}

impl fmt::Debug for BacklogClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BacklogClient").field("settings", &self.settings).finish()
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    errors: Vec<ErrorItem>,
}

#[derive(Deserialize)]
struct ErrorItem {
    #[serde(default)]
    message: String,
}

impl BacklogClient {
    pub fn new(settings: BacklogSettings) -> Result<BacklogClient, BacklogSettingsError> {
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            // A redirect would carry the apiKey query parameter to wherever it points.
            .redirect(redirect::Policy::none())
            .user_agent(concat!("cloudpack-portal/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| BacklogSettingsError::Client(e.without_url().to_string()))?;
        Ok(BacklogClient { settings, http })
    }

    pub fn settings(&self) -> &BacklogSettings {
        &self.settings
    }

    fn host(&self) -> String {
        match self.settings.base_url.port() {
            Some(port) => format!("{}:{port}", self.settings.base_url.host_str().unwrap_or_default()),
            None => self.settings.base_url.host_str().unwrap_or_default().to_string(),
        }
    }

    /// Takes the API key out of text that came from outside this module.
    pub fn redact(&self, text: &str) -> String {
        let key = self.settings.api_key.expose_secret();
        if key.is_empty() {
            return text.to_string();
        }
        let mut out = text.replace(key, "[redacted]");
        // The HTTP stack may show the key percent-encoded, as it is in the URL.
        let encoded: String = form_urlencoded::byte_serialize(key.as_bytes()).collect();
        if encoded != key {
            out = out.replace(&encoded, "[redacted]");
        }
        out
    }

    /// `{base}/api/v2/issues/{issue_key}/comments?apiKey=…`; the key is a path segment, encoded.
    fn comments_url(&self, issue_key: &str) -> Url {
        let mut url = self.settings.base_url.clone();
        url.path_segments_mut()
            .expect("an http(s) URL has path segments")
            .pop_if_empty()
            .extend(["api", "v2", "issues", issue_key, "comments"]);
        url.query_pairs_mut().append_pair("apiKey", self.settings.api_key.expose_secret());
        url
    }

    fn network_error(&self, e: reqwest::Error) -> BacklogError {
        let e = e.without_url();
        let detail = if e.is_timeout() {
            format!("no answer within {} s", self.settings.timeout.as_secs_f64())
        } else {
            // The innermost cause says what happened ("Connection refused", "dns error: …").
            let mut cause: &dyn std::error::Error = &e;
            while let Some(next) = cause.source() {
                cause = next;
            }
            if e.is_connect() {
                format!("could not connect ({cause})")
            } else {
                cause.to_string()
            }
        };
        BacklogError::Network { host: self.host(), detail: self.redact(&detail) }
    }

    /// The body, up to [`MAX_BODY_BYTES`].
    async fn read_body(&self, mut response: reqwest::Response) -> Result<Vec<u8>, BacklogError> {
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.network_error(e))? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(BacklogError::InvalidResponse {
                    host: self.host(),
                    detail: format!("the answer is larger than {MAX_BODY_BYTES} bytes"),
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// Backlog's `{"errors":[{"message":…}]}`, joined; empty when the body is not that.
    fn error_message(&self, body: &[u8]) -> String {
        let messages = serde_json::from_slice::<ErrorBody>(body)
            .map(|b| b.errors.into_iter().map(|e| e.message).filter(|m| !m.is_empty()).collect::<Vec<_>>())
            .unwrap_or_default();
        let mut text = messages.join("; ");
        if text.chars().count() > 500 {
            text = text.chars().take(500).collect::<String>() + "…";
        }
        self.redact(&text)
    }

    async fn post(&self, issue_key: &str, content: &str) -> Result<BacklogComment, BacklogError> {
        check_issue_key(issue_key)?;
        if content.trim().is_empty() {
            return Err(BacklogError::EmptyContent);
        }
        let response = self
            .http
            .post(self.comments_url(issue_key))
            .header(header::ACCEPT, "application/json")
            .form(&[("content", content)])
            .send()
            .await
            .map_err(|e| self.network_error(e))?;
        let status = response.status();
        let reset_at = response
            .headers()
            .get("x-ratelimit-reset")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<i64>().ok())
            .and_then(|secs| Utc.timestamp_opt(secs, 0).single());
        let body = self.read_body(response).await?;
        if status.is_success() {
            return serde_json::from_slice::<BacklogComment>(&body).map_err(|e| BacklogError::InvalidResponse {
                host: self.host(),
                detail: self.redact(&format!("not a Backlog comment ({e})")),
            });
        }
        let message = self.error_message(&body);
        let issue_key = issue_key.to_string();
        Err(match status {
            StatusCode::UNAUTHORIZED => BacklogError::Unauthorized,
            StatusCode::FORBIDDEN => BacklogError::Forbidden { issue_key, message },
            StatusCode::NOT_FOUND => BacklogError::IssueNotFound { issue_key, message },
            StatusCode::TOO_MANY_REQUESTS => BacklogError::RateLimited { reset_at },
            s if s.is_server_error() => BacklogError::Server { status: s.as_u16(), message },
            s if s.is_client_error() => BacklogError::Rejected { status: s.as_u16(), message },
            s => BacklogError::InvalidResponse { host: self.host(), detail: format!("unexpected status {s}") },
        })
    }
}

impl Backlog for BacklogClient {
    fn post_comment<'a>(&'a self, issue_key: &'a str, content: &'a str) -> BacklogFuture<'a> {
        Box::pin(async move {
            let result = self.post(issue_key, content).await;
            match &result {
                Ok(c) => tracing::info!(issue = issue_key, comment = c.id, "report posted to Backlog"),
                Err(e) => tracing::warn!(issue = issue_key, error = %e, "report not posted to Backlog"),
            }
            result
        })
    }
}

/// A project key (upper-case letters, digits, `_`), `-`, a number; or a numeric issue id. Anything
/// else would change the path we post to.
fn check_issue_key(issue_key: &str) -> Result<(), BacklogError> {
    let numeric = |s: &str| !s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit());
    let ok = numeric(issue_key)
        || issue_key.rsplit_once('-').is_some_and(|(project, number)| {
            !project.is_empty()
                && project.len() <= 25
                && project.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                && numeric(number)
        });
    if ok {
        Ok(())
    } else {
        Err(BacklogError::InvalidIssueKey { issue_key: issue_key.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SecretString {
        SecretString::from("k3y-Secret/+=")
    }

    #[test]
    fn settings_want_https_except_on_loopback() {
        assert!(BacklogSettings::from_parts("https://example.backlog.jp", key()).is_ok());
        assert!(BacklogSettings::from_parts("http://127.0.0.1:8080", key()).is_ok());
        assert!(BacklogSettings::from_parts("http://localhost:8080/", key()).is_ok());
        assert!(BacklogSettings::from_parts("http://[::1]:8080", key()).is_ok());
        assert_eq!(
            BacklogSettings::from_parts("http://example.backlog.jp", key()).unwrap_err(),
            BacklogSettingsError::NotHttps("http://example.backlog.jp".into())
        );
        assert!(matches!(
            BacklogSettings::from_parts("ftp://example.backlog.jp", key()),
            Err(BacklogSettingsError::NotHttps(_))
        ));
        assert!(matches!(
            BacklogSettings::from_parts("example.backlog.jp", key()),
            Err(BacklogSettingsError::InvalidUrl(_))
        ));
        assert_eq!(
            BacklogSettings::from_parts("https://example.backlog.jp?apiKey=x", key()).unwrap_err(),
            BacklogSettingsError::ExtraUrlParts
        );
        assert_eq!(
            BacklogSettings::from_parts("https://u:p@example.backlog.jp", key()).unwrap_err(),
            BacklogSettingsError::ExtraUrlParts
        );
        assert_eq!(
            BacklogSettings::from_parts("https://example.backlog.jp", SecretString::from(" ")).unwrap_err(),
            BacklogSettingsError::EmptyApiKey
        );
    }

    #[test]
    fn the_comments_url_encodes_the_key_and_keeps_a_path_prefix() {
        let client =
            BacklogClient::new(BacklogSettings::from_parts("https://example.backlog.jp/", key()).unwrap()).unwrap();
        assert_eq!(
            client.comments_url("PROJ-12").as_str(),
            "https://example.backlog.jp/api/v2/issues/PROJ-12/comments?apiKey=k3y-Secret%2F%2B%3D"
        );
        let client =
            BacklogClient::new(BacklogSettings::from_parts("https://proxy.example/backlog", key()).unwrap()).unwrap();
        assert!(client
            .comments_url("7")
            .as_str()
            .starts_with("https://proxy.example/backlog/api/v2/issues/7/comments?"));
        assert_eq!(client.redact("x k3y-Secret/+= k3y-Secret%2F%2B%3D"), "x [redacted] [redacted]");
    }

    #[test]
    fn issue_keys_are_project_dash_number_or_an_id() {
        for ok in ["PROJ-1", "MY_PROJ2-12345", "123456789"] {
            assert!(check_issue_key(ok).is_ok(), "{ok}");
        }
        for bad in ["", "proj-1", "PROJ-", "-1", "PROJ-1/../2", "PROJ 1", "../1", "PROJ-1?x=1", "PROJ-1a"] {
            assert!(check_issue_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_reset_time_is_shown_in_jst() {
        let e = BacklogError::RateLimited { reset_at: Utc.timestamp_opt(1_605_484_860, 0).single() };
        assert_eq!(e.to_string(), "Backlog's rate limit is reached (429): try again after 2020-11-16 09:01:00 JST");
    }
}
