//! Inquiries about cloudpack+ (R7.7): any user of a company opens one; a thread with our staff
//! follows (open → answered → open … → closed by either side, reopened by the customer within 14
//! days); every user of the company sees the company's inquiries. Staff work them from one inbox
//! across companies, PLATINUM first and then the longest wait in service hours. Each new message
//! is mailed to the other side ([`crate::inquiry_notices`]); every change is audited. The thread
//! is in [`crate::inquiry_threads`], the staff inbox and assignment in [`crate::inquiry_inbox`].

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use portal_db::entities::{inquiry, user};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::inquiries::{self as q, Move, Order};
use portal_db::queries::{companies, company_years, users, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::business_days::BusinessCalendar;
use portal_domain::inquiries::{
    self as rules, InquiryAssignee, InquiryPage, InquiryState, InquiryView, OpenInquiryRequest, Refused,
};
use portal_domain::{ErrorCode, Rank};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::error::AppError;
use crate::inquiry_notices;
use crate::mail::Notices;

pub(crate) fn refused(r: Refused) -> AppError {
    AppError::ConflictDetail { code: r.code, detail: r.detail }
}

/// The inquiry changed between reading and writing (another move won).
pub(crate) fn moved_meanwhile() -> AppError {
    AppError::ConflictDetail {
        code: ErrorCode::InvalidTransition,
        detail: "the inquiry changed meanwhile; reload it".into(),
    }
}

pub(crate) async fn find(db: &impl ConnectionTrait, scope: CompanyScope, id: Uuid) -> Result<inquiry::Model, AppError> {
    q::find(db, scope, id).await?.ok_or(AppError::NotFound)
}

/// The scope of an inquiry for a staff member, or not found.
pub async fn staff_scope(db: &DatabaseConnection, staff: &user::Model, id: Uuid) -> Result<CompanyScope, AppError> {
    q::scope_for_staff(db, staff, id).await?.ok_or(AppError::NotFound)
}

pub(crate) async fn record(
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
    let items = views(db, rows, &company_labels(db, scope).await?, viewer, now).await?;
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
    views(db, vec![row], &company_labels(db, scope).await?, viewer, now).await?.pop().ok_or(AppError::NotFound)
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

/// Each company's name and rank now, by id, as the views of its inquiries show them.
pub(crate) type CompanyLabels = HashMap<Uuid, (String, Rank)>;

/// The labels of the scope's company: the one company of a list or of one inquiry.
async fn company_labels(db: &DatabaseConnection, scope: CompanyScope) -> Result<CompanyLabels, AppError> {
    let c = companies::find(db, scope).await?.ok_or(AppError::NotFound)?;
    let rank = company_years::current_rank(db, scope).await?;
    Ok(HashMap::from([(scope.company_id(), (c.name, rank))]))
}

/// Views of inquiries read through a scope (or by staff): company (from `companies`, which holds
/// every row's), counts for `viewer`, the assignee, and the wait in service hours.
pub(crate) async fn views(
    db: &DatabaseConnection,
    rows: Vec<inquiry::Model>,
    companies: &CompanyLabels,
    viewer: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<InquiryView>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let counts = q::counts(db, &ids, viewer).await?;
    let calendar = BusinessCalendar::default();
    let mut people: HashMap<Uuid, Option<InquiryAssignee>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        // Every caller reads the companies of the rows it passes; a missing one is a bug.
        let (company_name, company_rank) = companies
            .get(&r.company_id)
            .cloned()
            .ok_or_else(|| AppError::Internal(format!("inquiry {} without its company's labels", r.id)))?;
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
