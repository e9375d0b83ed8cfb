//! An inquiry's thread (R7.7): messages and files, each moving the inquiry (staff answer →
//! `answered`, the customer replies → `open`), read markers, and an e-mail to the other side.

use std::collections::HashMap;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use portal_db::entities::{inquiry, user};
use portal_db::queries::audit::Actor;
use portal_db::queries::inquiries::{self as q, Move};
use portal_db::queries::CompanyScope;
use portal_domain::audit::AuditAction;
use portal_domain::inquiries as rules;
use portal_domain::services::{AttachmentView, MessageList, MessageView};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::attachments::{store_checked, AttachmentStore, StoredFile};
use crate::error::AppError;
use crate::inquiries::{find, moved_meanwhile, record, refused};
use crate::inquiry_notices;
use crate::mail::Notices;

/// The thread, oldest first, with its files; reading it marks it read for `reader`.
pub async fn messages(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    reader: &user::Model,
    now: DateTime<Utc>,
) -> Result<MessageList, AppError> {
    find(db, scope, id).await?;
    let mut files: HashMap<Uuid, Vec<AttachmentView>> = HashMap::new();
    for a in q::attachments(db, scope, id).await? {
        files.entry(a.message_id).or_default().push(attachment_view(&a));
    }
    let items = q::messages(db, scope, id)
        .await?
        .into_iter()
        .map(|m| MessageView {
            attachments: files.remove(&m.id).unwrap_or_default(),
            id: m.id,
            at: m.created_at,
            author: m.author_label,
            from_staff: m.from_staff,
            body: m.body,
        })
        .collect();
    q::mark_read(db, id, reader.id, now).await?;
    Ok(MessageList { items })
}

/// Writes a message in `txn` and moves the inquiry: staff answer (`answered`), the customer
/// replies (`open`, waiting for us). A closed inquiry takes none.
async fn add_message(
    txn: &impl ConnectionTrait,
    scope: CompanyScope,
    row: &inquiry::Model,
    author: &user::Model,
    actor: &Actor,
    body: String,
    now: DateTime<Utc>,
) -> Result<portal_db::entities::inquiry_message::Model, AppError> {
    let from_staff = author.role.is_staff();
    let to = rules::after_message(row.state, from_staff).map_err(refused)?;
    let m = Move {
        from: row.state,
        to,
        waiting_since: rules::waiting_since(to, row.waiting_since, now),
        closed_at: None,
        last_message_at: Some(now),
    };
    if !q::set_state(txn, scope, row.id, m, now).await? {
        return Err(moved_meanwhile());
    }
    let message = q::post(txn, scope, q::NewMessage { inquiry_id: row.id, author, body }, now).await?;
    q::mark_read(txn, row.id, author.id, now).await?;
    let before = Some(json!({ "state": row.state }));
    let after = json!({ "state": to, "message": message.id });
    record(txn, actor, AuditAction::InquiryMessage, row, before, after, now).await?;
    Ok(message)
}

/// Writes to the thread; the other side is told by e-mail.
#[allow(clippy::too_many_arguments)]
pub async fn post(
    db: &DatabaseConnection,
    notices: &Notices,
    scope: CompanyScope,
    id: Uuid,
    author: &user::Model,
    actor: &Actor,
    body: &str,
    now: DateTime<Utc>,
) -> Result<MessageView, AppError> {
    let body = rules::parse_body("body", body).map_err(|e| AppError::Invalid(vec![e]))?;
    let row = find(db, scope, id).await?;
    let txn = db.begin().await?;
    let m = add_message(&txn, scope, &row, author, actor, body, now).await?;
    txn.commit().await?;
    inquiry_notices::notify(db, notices, scope, &row, author).await;
    Ok(MessageView {
        id: m.id,
        at: m.created_at,
        author: m.author_label,
        from_staff: m.from_staff,
        body: m.body,
        attachments: Vec::new(),
    })
}

fn attachment_view(a: &portal_db::entities::inquiry_attachment::Model) -> AttachmentView {
    AttachmentView {
        id: a.id,
        file_name: a.file_name.clone(),
        content_type: a.content_type.clone(),
        size_bytes: a.size_bytes.max(0) as u64,
    }
}

/// Sends a file into the thread as a message of its own, through the same store and checks as
/// application files (10 MiB, allowed types whose bytes are what they claim).
#[allow(clippy::too_many_arguments)]
pub async fn upload(
    db: &DatabaseConnection,
    store: &AttachmentStore,
    notices: &Notices,
    scope: CompanyScope,
    id: Uuid,
    author: &user::Model,
    actor: &Actor,
    file_name: &str,
    claimed_type: &str,
    bytes: Bytes,
    now: DateTime<Utc>,
) -> Result<MessageView, AppError> {
    let row = find(db, scope, id).await?;
    // Refuse before storing anything: a closed inquiry takes no files either.
    rules::after_message(row.state, author.role.is_staff()).map_err(refused)?;
    let StoredFile { id: file_id, content_type, key, size } =
        store_checked(store, &format!("inquiries/{id}"), file_name, claimed_type, bytes).await?;
    let name = file_name.trim();
    let txn = db.begin().await?;
    let m = add_message(&txn, scope, &row, author, actor, format!("📎 {name}"), now).await?;
    let a = q::add_attachment(
        &txn,
        scope,
        q::NewAttachment {
            id: file_id,
            inquiry_id: id,
            message_id: m.id,
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
    inquiry_notices::notify(db, notices, scope, &row, author).await;
    Ok(MessageView {
        id: m.id,
        at: m.created_at,
        author: m.author_label,
        from_staff: m.from_staff,
        body: m.body,
        attachments: vec![attachment_view(&a)],
    })
}

/// A file of an inquiry, for a caller whose scope holds the inquiry.
pub async fn download(
    db: &DatabaseConnection,
    store: &AttachmentStore,
    scope: CompanyScope,
    id: Uuid,
    attachment_id: Uuid,
) -> Result<(AttachmentView, Bytes), AppError> {
    let a = q::attachment(db, scope, id, attachment_id).await?.ok_or(AppError::NotFound)?;
    let bytes = store.get(&a.object_key).await?;
    Ok((attachment_view(&a), bytes))
}
