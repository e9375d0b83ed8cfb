//! Typed configuration from `DATABASE_URL` and `PORTAL_*` variables, with clear errors.

use std::path::{Path, PathBuf};
use std::time::Duration;

use portal_api::ApiSettings;
use portal_app::mail::MailSettings;
use secrecy::SecretString;

pub struct Config {
    pub database_url: String,
    /// Database pool size (`PORTAL_DB_POOL`); unset: 8 on SQLite, 32 on PostgreSQL.
    pub db_pool: Option<u32>,
    pub data_dir: PathBuf,
    pub api: ApiSettings,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{var}: {reason}")]
    Invalid { var: &'static str, reason: String },
    #[error("PORTAL_JWT_SECRET is required when PORTAL_ENV=production (at least 32 characters)")]
    SecretRequired,
    #[error("cannot prepare {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(v) => {
            v.trim().parse().map_err(|e: T::Err| ConfigError::Invalid { var: name, reason: format!("{v:?}: {e}") })
        }
    }
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let production = var("PORTAL_ENV").is_some_and(|v| v == "production");
        let data_dir = PathBuf::from(var("PORTAL_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let database_url = match var("DATABASE_URL") {
            Some(url) => url,
            None => {
                ensure_dir(&data_dir)?;
                format!("sqlite://{}?mode=rwc", data_dir.join("portal.db").display())
            }
        };
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                var: "DATABASE_URL",
                reason: "must start with sqlite: or postgres://".into(),
            });
        }
        let jwt_secret = match var("PORTAL_JWT_SECRET") {
            Some(s) if s.len() >= 32 => SecretString::from(s),
            Some(_) => {
                return Err(ConfigError::Invalid {
                    var: "PORTAL_JWT_SECRET",
                    reason: "must be at least 32 characters".into(),
                })
            }
            None if production => return Err(ConfigError::SecretRequired),
            None => persisted_secret(&data_dir, "jwt-secret")?,
        };
        let secrets_key = match var("PORTAL_SECRETS_KEY") {
            Some(s) if s.len() >= 32 => SecretString::from(s),
            Some(_) => {
                return Err(ConfigError::Invalid {
                    var: "PORTAL_SECRETS_KEY",
                    reason: "must be at least 32 characters".into(),
                })
            }
            None if production => {
                return Err(ConfigError::Invalid {
                    var: "PORTAL_SECRETS_KEY",
                    reason: "is required when PORTAL_ENV=production (at least 32 characters)".into(),
                })
            }
            None => persisted_secret(&data_dir, "secrets-key")?,
        };
        let addr = var("PORTAL_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        if addr.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::Invalid { var: "PORTAL_ADDR", reason: format!("{addr:?} is not host:port") });
        }
        let access_minutes: u64 = parse("PORTAL_ACCESS_TOKEN_MINUTES", 10)?;
        if !(1..=15).contains(&access_minutes) {
            return Err(ConfigError::Invalid { var: "PORTAL_ACCESS_TOKEN_MINUTES", reason: "must be 1..=15".into() });
        }
        let refresh_days: u64 = parse("PORTAL_REFRESH_TOKEN_DAYS", 14)?;
        let spa_dir = PathBuf::from(var("PORTAL_SPA_DIR").unwrap_or_else(|| "dist".into()));
        let mail = match var("PORTAL_SMTP_URL") {
            Some(url) => MailSettings::Smtp(url),
            None => MailSettings::Outbox(data_dir.join("outbox")),
        };
        let public_url = var("PORTAL_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}/"));
        let api = ApiSettings {
            addr,
            jwt_secret,
            access_ttl: Duration::from_secs(access_minutes * 60),
            refresh_ttl: Duration::from_secs(refresh_days * 24 * 3600),
            spa_dir: Some(spa_dir),
            // PORTAL_TRUST_PROXY=true is one trusted hop; PORTAL_TRUSTED_PROXY_HOPS says how many.
            trusted_proxy_hops: match var("PORTAL_TRUSTED_PROXY_HOPS") {
                Some(_) => parse("PORTAL_TRUSTED_PROXY_HOPS", 0usize)?,
                None => usize::from(parse("PORTAL_TRUST_PROXY", false)?),
            },
            secrets_key,
            temp_password_ttl: Duration::from_secs(parse("PORTAL_TEMP_PASSWORD_HOURS", 72u64)? * 3600),
            session_max_age: Duration::from_secs(parse("PORTAL_SESSION_MAX_DAYS", 30u64)? * 24 * 3600),
            workers: parse("PORTAL_WORKERS", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2))?,
            totp_issuer: var("PORTAL_TOTP_ISSUER").unwrap_or_else(|| "cloudpack+ PORTAL".into()),
            mail,
            mail_from: var("PORTAL_MAIL_FROM")
                .unwrap_or_else(|| "cloudpack+ PORTAL <noreply@cloudpack.example>".into()),
            public_url,
            scheduler: parse("PORTAL_SCHEDULER", true)?,
            attachments: match var("PORTAL_ATTACHMENTS_S3_BUCKET") {
                Some(bucket) => portal_app::attachments::AttachmentSettings::S3 {
                    bucket,
                    region: var("PORTAL_ATTACHMENTS_S3_REGION").unwrap_or_else(|| "ap-northeast-1".into()),
                    endpoint: var("PORTAL_ATTACHMENTS_S3_ENDPOINT"),
                    static_keys: None,
                },
                None => portal_app::attachments::AttachmentSettings::Local(data_dir.join("attachments")),
            },
            // Filled in by `serve` (building the SDK's credential chain is async).
            aws: None,
            backlog: match (var("PORTAL_BACKLOG_URL"), var("PORTAL_BACKLOG_API_KEY")) {
                (Some(url), Some(key)) => Some(
                    portal_app::backlog::BacklogSettings::from_parts(&url, SecretString::from(key))
                        .map_err(|e| ConfigError::Invalid { var: "PORTAL_BACKLOG_URL", reason: e.to_string() })?,
                ),
                (None, None) => None,
                _ => {
                    return Err(ConfigError::Invalid {
                        var: "PORTAL_BACKLOG_API_KEY",
                        reason: "set both PORTAL_BACKLOG_URL and PORTAL_BACKLOG_API_KEY, or neither".into(),
                    })
                }
            },
        };
        let db_pool = match var("PORTAL_DB_POOL") {
            None => None,
            Some(_) => Some(parse("PORTAL_DB_POOL", 0u32)?).filter(|n| *n > 0),
        };
        Ok(Config { database_url, db_pool, data_dir, api })
    }
}

fn ensure_dir(dir: &Path) -> Result<(), ConfigError> {
    std::fs::create_dir_all(dir).map_err(|source| ConfigError::Io { path: dir.to_owned(), source })
}

/// For the embedded default only: a random secret created on first run and kept in the data folder.
fn persisted_secret(data_dir: &Path, name: &str) -> Result<SecretString, ConfigError> {
    use rand::RngCore;
    ensure_dir(data_dir)?;
    let path = data_dir.join(name);
    let io = |source| ConfigError::Io { path: path.clone(), source };
    match std::fs::read_to_string(&path) {
        Ok(s) if s.trim().len() >= 32 => return Ok(SecretString::from(s.trim().to_owned())),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    write_private(&path, &secret).map_err(io)?;
    tracing::info!(path = %path.display(), "generated a secret");
    Ok(SecretString::from(secret))
}

#[cfg(unix)]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
    f.write_all(content.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}
