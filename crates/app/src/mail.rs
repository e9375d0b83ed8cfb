//! Outgoing mail (R7.2: the temporary password goes to the e-mail address on the application form).
//! Production sends through SMTP; the embedded default writes each message as an `.eml` file into
//! an outbox folder and logs where.

use std::path::PathBuf;

use lettre::message::header::ContentType;
use lettre::message::{header::ContentTransferEncoding, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::error::AppError;

#[derive(Debug, Clone)]
pub enum MailSettings {
    Outbox(PathBuf),
    /// lettre's URL forms: `smtps://user:pass@host:465` (TLS), `smtp://host:587?tls=required`
    /// (STARTTLS), or plain `smtp://host:25` for a relay on loopback only (the local MTA or a
    /// sidecar that does TLS onward).
    Smtp(String),
}

#[derive(Clone)]
pub enum Mailer {
    Outbox(PathBuf, AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> Result<Mailer, String> {
        match settings {
            MailSettings::Outbox(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("outbox {}: {e}", dir.display()))?;
                Ok(Mailer::Outbox(dir.clone(), AsyncFileTransport::<Tokio1Executor>::new(dir)))
            }
            MailSettings::Smtp(url) => {
                check_smtp_url(url)?;
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("PORTAL_SMTP_URL: {e}"))?
                    .build();
                Ok(Mailer::Smtp(transport))
            }
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Mailer::Outbox(..) => "outbox",
            Mailer::Smtp(_) => "smtp",
        }
    }

    pub async fn send(&self, from: &str, to: &str, subject: &str, body: String) -> Result<(), AppError> {
        let msg = Message::builder()
            .from(from.parse().map_err(AppError::internal)?)
            .to(to.parse().map_err(AppError::internal)?)
            .subject(subject)
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    // Base64 keeps Japanese text intact through any relay, and is easy for tests to read.
                    .header(ContentTransferEncoding::Base64)
                    .body(body),
            )
            .map_err(AppError::internal)?;
        match self {
            Mailer::Outbox(dir, t) => {
                let id = t.send(msg).await.map_err(AppError::internal)?;
                tracing::info!(outbox = %dir.display(), file = %format!("{id}.eml"), "mail written to the outbox");
            }
            Mailer::Smtp(t) => {
                t.send(msg).await.map_err(AppError::internal)?;
            }
        }
        Ok(())
    }
}

/// Mail leaves the machine only encrypted (ASVS 5.0 V12.3.1): `smtps://`, or `smtp://` with
/// `tls=required` (STARTTLS, refusing a relay that does not offer it). Plain SMTP is for a relay
/// on loopback.
pub fn check_smtp_url(url: &str) -> Result<(), String> {
    let (scheme, rest) = url.split_once("://").ok_or("PORTAL_SMTP_URL must look like smtps://host:465")?;
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_port.rsplit_once(':').map(|(h, _)| h).unwrap_or(host_port),
    };
    let query = rest.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let starttls = query.split('&').any(|kv| kv == "tls=required");
    let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match scheme {
        "smtps" => Ok(()),
        "smtp" if starttls || loopback => Ok(()),
        "smtp" => Err(format!(
            "PORTAL_SMTP_URL: {host} is not on this machine; use smtps://{host}:465 or smtp://{host}:587?tls=required"
        )),
        other => Err(format!("PORTAL_SMTP_URL: unknown scheme {other:?} (smtps or smtp)")),
    }
}

/// Mail as use cases send it: the transport, the sender and the portal's address for links.
#[derive(Clone)]
pub struct Notices {
    pub mailer: Mailer,
    pub from: String,
    /// Where users reach the portal (links in e-mails).
    pub portal_url: String,
}

impl Notices {
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), AppError> {
        self.mailer.send(&self.from, to, subject, body).await
    }
}

#[cfg(test)]
mod tests {
    use super::check_smtp_url;

    #[test]
    fn remote_relays_need_tls_and_loopback_may_be_plain() {
        assert!(check_smtp_url("smtps://user:pass@mail.example.com:465").is_ok());
        assert!(check_smtp_url("smtp://mail.example.com:587?tls=required").is_ok());
        assert!(check_smtp_url("smtp://127.0.0.1:2525").is_ok());
        assert!(check_smtp_url("smtp://localhost:25").is_ok());
        assert!(check_smtp_url("smtp://[::1]:25").is_ok());
        let e = check_smtp_url("smtp://mail.example.com:25").unwrap_err();
        assert!(e.contains("smtps://mail.example.com:465"), "{e}");
        assert!(check_smtp_url("smtp://user:pw@mail.example.com:25?tls=opportunistic").is_err());
        assert!(check_smtp_url("http://mail.example.com").is_err());
    }
}
