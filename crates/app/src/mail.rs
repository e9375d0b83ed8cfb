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
    /// `smtp://host:port`: a relay without TLS (the local MTA or a sidecar that does TLS onward).
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
                let rest = url.strip_prefix("smtp://").ok_or("PORTAL_SMTP_URL must look like smtp://host:port")?;
                let (host, port) = rest.trim_end_matches('/').rsplit_once(':').unwrap_or((rest, "25"));
                let port: u16 = port.parse().map_err(|_| format!("PORTAL_SMTP_URL: bad port {port:?}"))?;
                Ok(Mailer::Smtp(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port).build()))
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
