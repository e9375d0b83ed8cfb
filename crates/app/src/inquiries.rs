//! Inquiries about cloudpack+ (R7.7): any user of a company opens one; a thread with our staff
//! follows (open → answered → open … → closed by either side, reopened by the customer within 14
//! days); every user of the company sees the company's inquiries. Staff work them from one inbox
//! across companies, PLATINUM first and then the longest wait in service hours. Each new message
//! is mailed to the other side ([`crate::inquiry_notices`]); every change is audited.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use bytes::Bytes;
use chrono::{DateTime, Duration, Utc};
use portal_db::entities::{inquiry, user};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::inquiries::{self as q, InboxFilter, Move, Order};
use portal_db::queries::{companies, company_years, users, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::business_days::BusinessCalendar;
use portal_domain::inquiries::{
    self as rules, InquiryAssignee, InquiryPage, InquiryState, InquiryView, OpenInquiryRequest, Refused,
};
use portal_domain::services::{AttachmentView, MessageList, MessageView};
use portal_domain::{ErrorCode, Rank};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::attachments::{store_checked, AttachmentStore, StoredFile};
use crate::error::AppError;
use crate::inquiry_notices;
use crate::mail::Notices;

fn refused(r: Refused) -> AppError {
    AppError::ConflictDetail { code: r.code, detail: r.detail }
}

/// The inquiry changed between reading and writing (another move won).
fn moved_meanwhile() -> AppError {
    AppError::ConflictDetail {
        code: ErrorCode::InvalidTransition,
        detail: "the inquiry changed meanwhile; reload it".into(),
    }
}

async fn find(db: &impl ConnectionTrait, scope: CompanyScope, id: Uuid) -> Result<inquiry::Model, AppError> {
    q::find(db, scope, id).await?.ok_or(AppError::NotFound)
}

/// The scope of an inquiry for a staff member, or not found.
pub async fn staff_scope(db: &DatabaseConnection, staff: &user::Model, id: Uuid) -> Result<CompanyScope, AppError> {
    q::scope_for_staff(db, staff, id).await?.ok_or(AppError::NotFound)
}

async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: AuditAction,
    i: &inquiry::Model,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let r = audit::Record {
        action,
        target_type: "inquiry",
        target_id: i.id.to_string(),
        company_id: Some(i.company_id),
        before,
        after: Some(after),
    };
    Ok(audit::record(db, actor, r, now).await?)
}

/// A user of the company opens an inquiry; the question is the thread's first message and staff
/// are told by e-mail.
pub async fn open(
    db: &DatabaseConnection,
    notices: &Notices,
    scope: CompanyScope,
    author: &user::Model,
    actor: &Actor,
    req: &OpenInquiryRequest,
    now: DateTime<Utc>,
) -> Result<InquiryView, AppError> {
    let new = req.parse().map_err(AppError::Invalid)?;
    let txn = db.begin().await?;
    let row = q::insert(
        &txn,
        scope,
        q::NewInquiry { id: Uuid::new_v4(), category: new.category, subject: &new.subject, opened_by: author },
        now,
    )
    .await?;
    q::post(&txn, scope, q::NewMessage { inquiry_id: row.id, author, body: new.body }, now).await?;
    q::mark_read(&txn, row.id, author.id, now).await?;
    let after = json!({ "category": row.category, "subject": row.subject, "state": row.state });
    record(&txn, actor, AuditAction::InquiryOpen, &row, None, after, now).await?;
    txn.commit().await?;
    inquiry_notices::notify(db, notices, scope, &row, author).await;
    get(db, scope, row.id, author.id, now).await
}

/// How the company's list is ordered: `activity` (latest message first, the default) or `created`.
pub fn parse_order(s: Option<&str>) -> Result<Order, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("activity") => Ok(Order::Activity),
        Some("created") => Ok(Order::Created),
        Some(other) => Err(AppError::field("sort", ErrorCode::Invalid, format!("{other:?}: use activity or created"))),
    }
}

/// A page of the company's inquiries.
#[allow(clippy::too_many_arguments)]
pub async fn list(
    db: &DatabaseConnection,
    scope: CompanyScope,
    viewer: Uuid,
    state: Option<InquiryState>,
    order: Order,
    page: u64,
    per_page: u64,
    now: DateTime<Utc>,
) -> Result<InquiryPage, AppError> {
    let (rows, total) = q::page(db, scope, state, order, page, per_page).await?;
    let items = views(db, rows, viewer, now).await?;
    Ok(InquiryPage { items, total, page, per_page, links: Default::default() })
}

pub async fn get(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    viewer: Uuid,
    now: DateTime<Utc>,
) -> Result<InquiryView, AppError> {
    let row = find(db, scope, id).await?;
    views(db, vec![row], viewer, now).await?.pop().ok_or(AppError::NotFound)
}

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

/// Either side closes an inquiry.
pub async fn close(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    by: &user::Model,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<InquiryView, AppError> {
    let row = find(db, scope, id).await?;
    let to = rules::close(row.state).map_err(refused)?;
    let txn = db.begin().await?;
    let m = Move { from: row.state, to, waiting_since: None, closed_at: Some(now), last_message_at: None };
    if !q::set_state(&txn, scope, id, m, now).await? {
        return Err(moved_meanwhile());
    }
    record(
        &txn,
        actor,
        AuditAction::InquiryClose,
        &row,
        Some(json!({ "state": row.state })),
        json!({ "state": to }),
        now,
    )
    .await?;
    txn.commit().await?;
    get(db, scope, id, by.id, now).await
}

/// The customer reopens a closed inquiry within 14 days of its closing (after that 409
/// `reopen_period_over`); it waits for us again from now.
pub async fn reopen(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    by: &user::Model,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<InquiryView, AppError> {
    let row = find(db, scope, id).await?;
    let to = rules::reopen(row.state, row.closed_at, now).map_err(refused)?;
    let txn = db.begin().await?;
    let m = Move { from: row.state, to, waiting_since: Some(now), closed_at: None, last_message_at: None };
    if !q::set_state(&txn, scope, id, m, now).await? {
        return Err(moved_meanwhile());
    }
    record(
        &txn,
        actor,
        AuditAction::InquiryReopen,
        &row,
        Some(json!({ "state": row.state })),
        json!({ "state": to }),
        now,
    )
    .await?;
    txn.commit().await?;
    get(db, scope, id, by.id, now).await
}

/// What staff filter the inbox by; no state means every inquiry not closed.
pub struct Inbox<'a> {
    pub state: Option<InquiryState>,
    pub category: Option<rules::InquiryCategory>,
    pub assignee: Option<Uuid>,
    pub company: Option<Uuid>,
    pub q: Option<&'a str>,
}

/// The staff inbox across companies: PLATINUM first, then down the ranks; within a rank the
/// inquiries waiting for us, longest first, then the others by latest activity.
pub async fn inbox(
    db: &DatabaseConnection,
    viewer: Uuid,
    f: Inbox<'_>,
    page: u64,
    per_page: u64,
    now: DateTime<Utc>,
) -> Result<InquiryPage, AppError> {
    let states = match f.state {
        Some(s) => vec![s],
        None => vec![InquiryState::Open, InquiryState::Answered],
    };
    let filter = InboxFilter { states, category: f.category, assignee: f.assignee, company: f.company, q: f.q };
    let rows = q::inbox(db, &filter).await?;
    let total = rows.len() as u64;
    let mut ranks: HashMap<Uuid, Rank> = HashMap::new();
    for r in &rows {
        if let Entry::Vacant(e) = ranks.entry(r.company_id) {
            e.insert(rank_of(db, q::scope_of_row(r)).await?);
        }
    }
    let mut rows = rows;
    rows.sort_by_key(|r| {
        let rank = ranks.get(&r.company_id).copied().unwrap_or(Rank::Regular);
        (rules::inbox_key(rank, r.waiting_since, r.last_message_at), r.id)
    });
    let start = (page.saturating_sub(1) * per_page) as usize;
    let rows: Vec<inquiry::Model> = rows.into_iter().skip(start).take(per_page as usize).collect();
    let items = views(db, rows, viewer, now).await?;
    Ok(InquiryPage { items, total, page, per_page, links: Default::default() })
}

/// Staff assign an inquiry to a CSM or an admin, or clear the assignment.
pub async fn assign(
    db: &DatabaseConnection,
    staff: &user::Model,
    id: Uuid,
    assignee: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<InquiryView, AppError> {
    let scope = staff_scope(db, staff, id).await?;
    let row = find(db, scope, id).await?;
    if let Some(a) = assignee {
        let u = users::find(db, a).await?;
        if u.is_none_or(|u| !u.role.is_staff() || u.deleted_at.is_some() || u.disabled_at.is_some()) {
            return Err(AppError::field("assignee_id", ErrorCode::Invalid, "not an active CSM or admin"));
        }
    }
    let txn = db.begin().await?;
    if !q::set_assignee(&txn, scope, id, assignee, now).await? {
        return Err(AppError::NotFound);
    }
    let actor = Actor { id: Some(staff.id), label: staff.email.clone() };
    let (before, after) = (json!({ "assignee": row.assignee_id }), json!({ "assignee": assignee }));
    record(&txn, &actor, AuditAction::InquiryAssign, &row, Some(before), after, now).await?;
    txn.commit().await?;
    get(db, scope, id, staff.id, now).await
}

async fn rank_of(db: &DatabaseConnection, scope: CompanyScope) -> Result<Rank, AppError> {
    Ok(company_years::latest_rolled(db, scope).await?.map(|y| y.rank).unwrap_or(Rank::Regular))
}

/// Views of inquiries read through a scope (or by staff): company, counts for `viewer`, the
/// assignee, and the wait in service hours.
async fn views(
    db: &DatabaseConnection,
    rows: Vec<inquiry::Model>,
    viewer: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<InquiryView>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let counts = q::counts(db, &ids, viewer).await?;
    let calendar = BusinessCalendar::default();
    let mut companies_seen: HashMap<Uuid, (String, Rank)> = HashMap::new();
    let mut people: HashMap<Uuid, Option<InquiryAssignee>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let scope = q::scope_of_row(&r);
        if let Entry::Vacant(e) = companies_seen.entry(r.company_id) {
            let c = companies::find(db, scope).await?.ok_or(AppError::NotFound)?;
            e.insert((c.name, rank_of(db, scope).await?));
        }
        let (company_name, company_rank) = companies_seen[&r.company_id].clone();
        let assignee = match r.assignee_id {
            None => None,
            Some(a) => {
                if let Entry::Vacant(e) = people.entry(a) {
                    let u = users::find(db, a).await?;
                    e.insert(u.map(|u| InquiryAssignee { id: u.id, email: u.email, display_name: u.display_name }));
                }
                people[&a].clone()
            }
        };
        // A year the holiday data does not cover yet shows no count rather than a wrong one.
        let waiting_service_minutes =
            r.waiting_since.and_then(|since| rules::waiting_service_minutes(&calendar, since, now).ok());
        let (message_count, unread) = counts.get(&r.id).copied().unwrap_or_default();
        out.push(InquiryView {
            id: r.id,
            company_id: r.company_id,
            company_name,
            company_rank,
            category: r.category,
            subject: r.subject,
            state: r.state,
            opened_by: r.opened_by_label,
            created_at: r.created_at,
            last_message_at: r.last_message_at,
            closed_at: r.closed_at,
            reopen_until: r
                .closed_at
                .filter(|_| r.state == InquiryState::Closed)
                .map(|at| at + Duration::days(rules::REOPEN_DAYS)),
            waiting_since: r.waiting_since,
            waiting_service_minutes,
            assignee,
            message_count,
            unread,
        });
    }
    Ok(out)
}
