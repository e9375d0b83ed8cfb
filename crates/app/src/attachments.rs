//! Files in application threads (R4.7): reports and hearing sheets. The bytes go through the
//! `object_store` crate: a local folder for the embedded default, S3 in production. A file is
//! accepted only when it is small enough, of an allowed type, and its bytes are of the type it
//! claims (a PDF named `.pdf` that is really HTML is refused). Stored under a key made of ids,
//! never of the file's name; downloads are reached only through the company's application.

use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use portal_db::entities::{application_attachment, user};
use portal_db::queries::{threads, CompanyScope};
use portal_domain::problem::FieldError;
use portal_domain::services::{AttachmentView, MessageView};
use portal_domain::ErrorCode;
use sea_orm::{DatabaseConnection, TransactionTrait};
use uuid::Uuid;

use crate::applications;
use crate::error::AppError;
use crate::mail::Notices;

/// The largest file accepted (10 MiB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Where attachments are kept.
#[derive(Debug, Clone)]
pub enum AttachmentSettings {
    /// A folder on this machine (the embedded default: `data/attachments`).
    Local(std::path::PathBuf),
    /// An S3 bucket; `endpoint` for an S3-compatible service or the emulator (plain http allowed
    /// only there). Credentials come from the usual AWS variables.
    S3 {
        bucket: String,
        region: String,
        endpoint: Option<String>,
        /// Keys given in the configuration rather than the environment's (the emulator's in tests).
        static_keys: Option<(String, String)>,
    },
}

#[derive(Clone)]
pub struct AttachmentStore {
    store: Arc<dyn ObjectStore>,
}

impl AttachmentStore {
    pub fn new(settings: &AttachmentSettings) -> Result<AttachmentStore, String> {
        let store: Arc<dyn ObjectStore> = match settings {
            AttachmentSettings::Local(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("attachments folder {}: {e}", dir.display()))?;
                Arc::new(
                    object_store::local::LocalFileSystem::new_with_prefix(dir)
                        .map_err(|e| format!("attachments folder {}: {e}", dir.display()))?,
                )
            }
            AttachmentSettings::S3 { bucket, region, endpoint, static_keys } => {
                let mut b = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket).with_region(region);
                if let Some((id, secret)) = static_keys {
                    b = b.with_access_key_id(id).with_secret_access_key(secret);
                }
                if let Some(e) = endpoint {
                    b = b
                        .with_endpoint(e)
                        .with_allow_http(e.starts_with("http://"))
                        .with_virtual_hosted_style_request(false);
                }
                Arc::new(b.build().map_err(|e| format!("attachments bucket {bucket}: {e}"))?)
            }
        };
        Ok(AttachmentStore { store })
    }

    /// For tests: any store.
    pub fn from_store(store: Arc<dyn ObjectStore>) -> AttachmentStore {
        AttachmentStore { store }
    }

    pub fn local(dir: &Path) -> Result<AttachmentStore, String> {
        AttachmentStore::new(&AttachmentSettings::Local(dir.to_owned()))
    }

    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), AppError> {
        self.store
            .put(&ObjectPath::from(key), PutPayload::from_bytes(bytes))
            .await
            .map(|_| ())
            .map_err(AppError::internal)
    }

    pub(crate) async fn get(&self, key: &str) -> Result<Bytes, AppError> {
        let got = self.store.get(&ObjectPath::from(key)).await.map_err(AppError::internal)?;
        got.bytes().await.map_err(AppError::internal)
    }
}

/// The types accepted, as the client names them, and what their bytes must look like.
const ALLOWED: &[(&str, Kind)] = &[
    ("application/pdf", Kind::Pdf),
    ("image/png", Kind::Png),
    ("image/jpeg", Kind::Jpeg),
    ("text/plain", Kind::Text),
    ("text/csv", Kind::Text),
    ("application/zip", Kind::Zip),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Kind::Zip),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Kind::Zip),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation", Kind::Zip),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pdf,
    Png,
    Jpeg,
    Text,
    Zip,
}

/// What the bytes are, by their first bytes; text is UTF-8 without NUL.
fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(Kind::Zip)
    } else if std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0')) {
        Some(Kind::Text)
    } else {
        None
    }
}

/// The checked content type (without parameters) of a file, or why it is refused.
pub fn check(file_name: &str, claimed: &str, bytes: &[u8]) -> Result<&'static str, AppError> {
    let name = file_name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(AppError::field("file_name", ErrorCode::Invalid, "a file name of 1–200 characters"));
    }
    if bytes.is_empty() {
        return Err(AppError::field("file", ErrorCode::EmptyFile, "the file is empty"));
    }
    if bytes.len() > MAX_BYTES {
        return Err(AppError::field("file", ErrorCode::PayloadTooLarge, "at most 10 MiB"));
    }
    let claimed = claimed.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let Some((content_type, kind)) = ALLOWED.iter().find(|(t, _)| *t == claimed) else {
        return Err(AppError::Invalid(vec![FieldError::new(
            "content_type",
            ErrorCode::AttachmentTypeNotAllowed,
            format!("{claimed:?} is not accepted"),
        )]));
    };
    if sniff(bytes) != Some(*kind) {
        return Err(AppError::field(
            "file",
            ErrorCode::AttachmentTypeMismatch,
            format!("the content is not {content_type}"),
        ));
    }
    Ok(content_type)
}

/// A file that passed [`check`] and is in the store.
pub(crate) struct StoredFile {
    pub id: Uuid,
    pub content_type: &'static str,
    pub key: String,
    pub size: i64,
}

/// Checks a file and puts it in the store under `{prefix}/{new id}`: ids only, so a name like
/// `../../etc/passwd` stays a name. Used by application threads and inquiries alike.
pub(crate) async fn store_checked(
    store: &AttachmentStore,
    prefix: &str,
    file_name: &str,
    claimed_type: &str,
    bytes: Bytes,
) -> Result<StoredFile, AppError> {
    let content_type = check(file_name, claimed_type, &bytes)?;
    let id = Uuid::new_v4();
    let key = format!("{prefix}/{id}");
    let size = bytes.len() as i64;
    store.put(&key, bytes).await?;
    Ok(StoredFile { id, content_type, key, size })
}

fn view(a: &application_attachment::Model) -> AttachmentView {
    AttachmentView {
        id: a.id,
        file_name: a.file_name.clone(),
        content_type: a.content_type.clone(),
        size_bytes: a.size_bytes.max(0) as u64,
    }
}

/// The attachments of an application's thread, by message.
pub async fn of_thread(
    db: &DatabaseConnection,
    scope: CompanyScope,
    application_id: Uuid,
) -> Result<Vec<(Uuid, AttachmentView)>, AppError> {
    Ok(threads::attachments(db, scope, application_id).await?.iter().map(|a| (a.message_id, view(a))).collect())
}

/// Sends a file into the thread as a message of its own (the other side is told, as for any message).
#[allow(clippy::too_many_arguments)]
pub async fn upload(
    db: &DatabaseConnection,
    store: &AttachmentStore,
    notices: &Notices,
    scope: CompanyScope,
    application_id: Uuid,
    author: &user::Model,
    file_name: &str,
    claimed_type: &str,
    bytes: Bytes,
    now: DateTime<Utc>,
) -> Result<MessageView, AppError> {
    applications::find_scoped(db, scope, application_id).await?;
    let StoredFile { id, content_type, key, size } =
        store_checked(store, &format!("applications/{application_id}"), file_name, claimed_type, bytes).await?;
    let name = file_name.trim();
    let txn = db.begin().await?;
    let message = threads::post(
        &txn,
        scope,
        threads::NewMessage {
            application_id,
            author_id: author.id,
            author_label: &author.email,
            from_staff: author.role.is_staff(),
            body: format!("📎 {name}"),
        },
        now,
    )
    .await?;
    let a = threads::add_attachment(
        &txn,
        scope,
        threads::NewAttachment {
            id,
            application_id,
            message_id: message.id,
            file_name: name,
            content_type,
            size_bytes: size,
            object_key: &key,
            uploaded_by: author.id,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    crate::thread_notices::notify_new_message(db, notices, scope, application_id, author).await;
    Ok(MessageView {
        id: message.id,
        at: message.created_at,
        author: message.author_label,
        from_staff: message.from_staff,
        body: message.body,
        attachments: vec![view(&a)],
    })
}

/// The file, for a caller whose scope holds the application.
pub async fn download(
    db: &DatabaseConnection,
    store: &AttachmentStore,
    scope: CompanyScope,
    application_id: Uuid,
    id: Uuid,
) -> Result<(AttachmentView, Bytes), AppError> {
    let a = threads::attachment(db, scope, application_id, id).await?.ok_or(AppError::NotFound)?;
    let bytes = store.get(&a.object_key).await?;
    Ok((view(&a), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_must_be_what_it_claims_and_of_an_allowed_type() {
        assert_eq!(check("報告書.pdf", "application/pdf", b"%PDF-1.7 ...").unwrap(), "application/pdf");
        assert_eq!(check("a.csv", "text/csv; charset=utf-8", "会社,件数\n".as_bytes()).unwrap(), "text/csv");
        assert_eq!(
            check("b.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04xx")
                .unwrap(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let code = |r: Result<&str, AppError>| match r {
            Err(AppError::Invalid(e)) => e[0].code.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(code(check("x.pdf", "application/pdf", b"<html><script>")), "attachment_type_mismatch");
        assert_eq!(code(check("x.html", "text/html", b"<html>")), "attachment_type_not_allowed");
        assert_eq!(code(check("x.png", "image/png", b"\xFF\xD8\xFF\xE0")), "attachment_type_mismatch");
        assert_eq!(code(check("x.txt", "text/plain", b"a\0b")), "attachment_type_mismatch");
        assert_eq!(code(check("", "text/plain", b"a")), "invalid");
        assert_eq!(code(check("x.txt", "text/plain", b"")), "empty_file");
    }
}
