//! Cloud optimization proposals (R6.2–R6.4): a CSM records them for a SILVER-or-above company,
//! the company's representative agrees (possibly changing the priority) or declines, the CSM
//! starts and completes the work, then records the measured effect. Either side comments. The
//! history (R6.3) counts proposals by status and sums measured monthly savings per fiscal year.

use chrono::{DateTime, Utc};
use portal_db::entities::{optimization_proposal as proposal, user};
use portal_db::queries::audit::Actor;
use portal_db::queries::optimization::{self as q, Measurement};
use portal_db::queries::CompanyScope;
use portal_domain::audit::AuditAction;
use portal_domain::inquiries::parse_body;
use portal_domain::optimization::{
    self as rules, HistoryView, MeasurementRequest, MeasurementView, Priority, ProposalAction, ProposalList,
    ProposalRequest, ProposalStatus, ProposalView,
};
use portal_domain::services::{MessageList, MessageView};
use portal_domain::ErrorCode;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::error::AppError;
use crate::optimization::{message_view, rank_of, record, refused, require_available};

fn view(p: proposal::Model) -> ProposalView {
    let measurement = match (p.measured_baseline, p.measured_result, p.measured_unit, p.measured_on) {
        (Some(baseline), Some(result), Some(unit), Some(measured_on)) => Some(MeasurementView {
            baseline,
            result,
            unit,
            measured_on,
            note: p.measured_note.unwrap_or_default(),
            monthly_saving_yen: p.monthly_saving_yen,
        }),
        _ => None,
    };
    ProposalView {
        id: p.id,
        title: p.title,
        category: p.category,
        findings: p.findings,
        expected_effect: p.expected_effect,
        expected_saving_yen_per_month: p.expected_saving_yen,
        estimated_effort: p.estimated_effort,
        priority: p.priority,
        work_order: p.work_order,
        status: p.status,
        proposed_by: p.proposed_by_label,
        created_at: p.created_at,
        updated_at: p.updated_at,
        measurement,
    }
}

async fn find(db: &impl ConnectionTrait, scope: CompanyScope, id: Uuid) -> Result<proposal::Model, AppError> {
    q::proposal(db, scope, id).await?.ok_or(AppError::NotFound)
}

fn moved_meanwhile() -> AppError {
    AppError::ConflictDetail {
        code: ErrorCode::InvalidTransition,
        detail: "the proposal changed meanwhile; reload it".into(),
    }
}

/// The scope of a proposal for a staff member, or not found.
pub async fn staff_scope(db: &DatabaseConnection, staff: &user::Model, id: Uuid) -> Result<CompanyScope, AppError> {
    q::proposal_scope_for_staff(db, staff, id).await?.ok_or(AppError::NotFound)
}

/// A CSM records a proposal; it starts `proposed`.
pub async fn create(
    db: &DatabaseConnection,
    scope: CompanyScope,
    staff: &user::Model,
    actor: &Actor,
    req: &ProposalRequest,
    now: DateTime<Utc>,
) -> Result<ProposalView, AppError> {
    let new = req.parse().map_err(AppError::Invalid)?;
    require_available(rank_of(db, scope).await?)?;
    let txn = db.begin().await?;
    let p = q::insert_proposal(&txn, scope, new, staff, now).await?;
    let after = json!({ "title": p.title, "category": p.category, "status": p.status, "work_order": p.work_order });
    record(&txn, actor, AuditAction::ProposalCreate, ("proposal", p.id), scope, (None, after), now).await?;
    txn.commit().await?;
    Ok(view(p))
}

pub async fn list(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<ProposalList, AppError> {
    Ok(ProposalList { items: q::proposals(db, scope).await?.into_iter().map(view).collect() })
}

pub async fn get(db: &impl ConnectionTrait, scope: CompanyScope, id: Uuid) -> Result<ProposalView, AppError> {
    Ok(view(find(db, scope, id).await?))
}

/// Moves a proposal: the customer's `agree` (with an optional new priority) and `decline`, the
/// CSM's `start` and `complete`. An illegal move is 409 `invalid_transition` naming the status.
pub async fn transition(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    (action, priority): (ProposalAction, Option<Priority>),
    by_staff: bool,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ProposalView, AppError> {
    let p = find(db, scope, id).await?;
    if action.by_customer() == by_staff {
        let whose = if by_staff { "the customer agrees or declines" } else { "the CSM starts and completes" };
        return Err(AppError::field("action", ErrorCode::Invalid, format!("{}: {whose}", action.as_str())));
    }
    let to = p.status.after(action).map_err(refused)?;
    let priority = priority.filter(|_| action == ProposalAction::Agree);
    let txn = db.begin().await?;
    if !q::set_status(&txn, scope, id, (p.status, to), priority, now).await? {
        return Err(moved_meanwhile());
    }
    let before = Some(json!({ "status": p.status, "priority": p.priority }));
    let after = json!({ "status": to, "action": action, "priority": priority.unwrap_or(p.priority) });
    record(&txn, actor, AuditAction::ProposalTransition, ("proposal", id), scope, (before, after), now).await?;
    txn.commit().await?;
    get(db, scope, id).await
}

/// The CSM records the measured effect of a done proposal (409 `invalid_transition` before it is
/// done); in yen per month it counts as a monthly saving in the history.
pub async fn measure(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    actor: &Actor,
    req: &MeasurementRequest,
    now: DateTime<Utc>,
) -> Result<ProposalView, AppError> {
    let p = find(db, scope, id).await?;
    req.check().map_err(AppError::Invalid)?;
    if p.status != ProposalStatus::Done {
        return Err(AppError::ConflictDetail {
            code: ErrorCode::InvalidTransition,
            detail: format!("the proposal is {}; its effect is measured once it is done", p.status.as_str()),
        });
    }
    let saving = rules::monthly_saving_yen(req.unit, req.baseline, req.result);
    let note = req.note.trim();
    let m = Measurement {
        baseline: req.baseline,
        result: req.result,
        unit: req.unit,
        measured_on: req.measured_on,
        note,
        monthly_saving_yen: saving,
    };
    let txn = db.begin().await?;
    if !q::measure(&txn, scope, id, m, now).await? {
        return Err(moved_meanwhile());
    }
    let after = json!({
        "baseline": req.baseline, "result": req.result, "unit": req.unit,
        "measured_on": req.measured_on, "monthly_saving_yen": saving,
    });
    record(&txn, actor, AuditAction::ProposalMeasure, ("proposal", id), scope, (None, after), now).await?;
    txn.commit().await?;
    get(db, scope, id).await
}

/// Comments on a proposal, oldest first.
pub async fn comments(db: &impl ConnectionTrait, scope: CompanyScope, id: Uuid) -> Result<MessageList, AppError> {
    find(db, scope, id).await?;
    Ok(MessageList { items: q::messages(db, scope, id).await?.into_iter().map(message_view).collect() })
}

/// Either side comments on a proposal (the proposal is looked up first: another company's is 404).
pub async fn comment(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    author: &user::Model,
    actor: &Actor,
    body: &str,
    now: DateTime<Utc>,
) -> Result<MessageView, AppError> {
    find(db, scope, id).await?;
    let body = parse_body("body", body)?;
    let txn = db.begin().await?;
    let m = q::post(&txn, scope, id, author, body, now).await?;
    let after = json!({ "comment": m.id });
    record(&txn, actor, AuditAction::ProposalComment, ("proposal", id), scope, (None, after), now).await?;
    txn.commit().await?;
    Ok(message_view(m))
}

/// The improvement history (R6.3), whatever the rank is now.
pub async fn history(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<HistoryView, AppError> {
    rank_of(db, scope).await?;
    let rows: Vec<_> = q::proposals(db, scope)
        .await?
        .into_iter()
        .map(|p| (p.status, p.measured_on.map(|on| (on, p.monthly_saving_yen))))
        .collect();
    Ok(rules::history(&rows))
}
