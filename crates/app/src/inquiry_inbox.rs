//! The staff's side of inquiries (R7.7): one inbox across companies, ordered by rank and then
//! the wait in service hours, with filters and search; assignment to a CSM or an admin.

use chrono::{DateTime, Utc};
use portal_db::entities::user;
use portal_db::queries::audit::Actor;
use portal_db::queries::inquiries::{self as q, InboxFilter};
use portal_db::queries::users;
use portal_domain::audit::AuditAction;
use portal_domain::inquiries::{self as rules, InquiryPage, InquiryState, InquiryView};
use portal_domain::ErrorCode;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::error::AppError;
use crate::inquiries::{find, get, record, staff_scope, views, CompanyLabels};

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
    // The database orders and pages (the rank joined in), so a page reads only its own rows.
    let (rows, total) = q::inbox(db, &filter, page, per_page).await?;
    let mut companies = CompanyLabels::new();
    let rows = rows
        .into_iter()
        .map(|r| {
            companies.entry(r.inquiry.company_id).or_insert((r.company_name, r.company_rank));
            r.inquiry
        })
        .collect();
    let items = views(db, rows, &companies, viewer, now).await?;
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
