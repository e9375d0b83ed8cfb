//! Cloud optimization support (R6), the company's side of it: whether its rank has the service,
//! its CSM (assigned by an admin: dedicated for PLATINUM, shared for GOLD and SILVER), and the
//! engagement a CSM opens with a kickoff message and meeting times the customer picks from. A
//! company that falls below SILVER at the yearly rollover has its open engagement closed with a
//! note ([`close_below_silver`]); its history stays readable. Proposals: [`crate::optimization_proposals`].

use chrono::{DateTime, Utc};
use portal_db::entities::{optimization_message, user};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::optimization::{self as q, Assignment};
use portal_db::queries::{companies, users, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::business_days::BusinessCalendar;
use portal_domain::inquiries::parse_body;
use portal_domain::optimization::{
    self as rules, AssignCsmRequest, CsmView, EngagementDetail, EngagementState, EngagementView, OpenEngagementRequest,
    Refused, UNLOCKS_AT,
};
use portal_domain::rank::CsmKind;
use portal_domain::services::{MessageView, SlotView};
use portal_domain::{ErrorCode, Rank, Role};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::error::AppError;

pub(crate) fn refused(r: Refused) -> AppError {
    AppError::ConflictDetail { code: r.code, detail: r.detail }
}

/// The company's rank in its current fiscal year (REGULAR before its first rollover).
pub(crate) async fn rank_of(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<Rank, AppError> {
    let row = companies::overview_row(db, scope).await?.ok_or(AppError::NotFound)?;
    Ok(row.rank.unwrap_or(Rank::Regular))
}

/// 409 `service_not_for_rank` naming the rank that unlocks the service.
pub(crate) fn require_available(rank: Rank) -> Result<(), AppError> {
    if rules::available(rank) {
        return Ok(());
    }
    Err(AppError::ConflictDetail {
        code: ErrorCode::ServiceNotForRank,
        detail: format!("cloud optimization unlocks at {UNLOCKS_AT}; the company is {rank} this fiscal year"),
    })
}

pub(crate) fn message_view(m: optimization_message::Model) -> MessageView {
    MessageView {
        id: m.id,
        at: m.created_at,
        author: m.author_label,
        from_staff: m.from_staff,
        body: m.body,
        attachments: Vec::new(),
    }
}

pub(crate) async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: AuditAction,
    (target_type, target_id): (&str, Uuid),
    scope: CompanyScope,
    (before, after): (Option<serde_json::Value>, serde_json::Value),
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let r = audit::Record {
        action,
        target_type,
        target_id: target_id.to_string(),
        company_id: Some(scope.company_id()),
        before,
        after: Some(after),
    };
    Ok(audit::record(db, actor, r, now).await?)
}

/// Cloud optimization for one company; `for_staff` adds why a CSM was given a second dedicated company.
pub async fn view(db: &impl ConnectionTrait, scope: CompanyScope, for_staff: bool) -> Result<EngagementView, AppError> {
    let rank = rank_of(db, scope).await?;
    let csm = q::csm_of(db, scope).await?.map(|(a, u)| CsmView {
        id: u.id,
        name: u.display_name,
        email: u.email,
        kind: if a.dedicated { CsmKind::Dedicated } else { CsmKind::Shared },
        override_reason: a.override_reason.filter(|_| for_staff),
    });
    let engagement = match q::latest_engagement(db, scope).await? {
        None => None,
        Some(e) => {
            let slots = q::slots(db, scope, e.id)
                .await?
                .into_iter()
                .map(|s| SlotView {
                    id: s.id,
                    starts_at: s.starts_at,
                    ends_at: s.ends_at,
                    picked: s.picked_at.is_some(),
                })
                .collect();
            let messages = q::messages(db, scope, e.id).await?.into_iter().map(message_view).collect();
            Some(EngagementDetail {
                id: e.id,
                state: e.state,
                opened_at: e.opened_at,
                closed_at: e.closed_at,
                close_note: e.close_note,
                slots,
                messages,
            })
        }
    };
    Ok(EngagementView { available: rules::available(rank), rank, unlocks_at: UNLOCKS_AT, csm, engagement })
}

/// An admin assigns the company's CSM: dedicated for PLATINUM, shared for GOLD and SILVER. A CSM
/// who is already the dedicated CSM of another company takes a second one only with an
/// `override_reason` (409 `csm_already_dedicated` otherwise).
pub async fn assign_csm(
    db: &DatabaseConnection,
    scope: CompanyScope,
    admin: &user::Model,
    actor: &Actor,
    req: &AssignCsmRequest,
    now: DateTime<Utc>,
) -> Result<EngagementView, AppError> {
    let reason = match req.override_reason.as_deref().map(str::trim) {
        None => None,
        Some("") => {
            return Err(AppError::field("override_reason", ErrorCode::Required, "give the reason or leave it out"))
        }
        Some(r) if r.chars().count() > 500 => {
            return Err(AppError::field("override_reason", ErrorCode::TooLong, "at most 500 characters"))
        }
        Some(r) => Some(parse_body("override_reason", r)?),
    };
    let csm = users::find(db, req.csm_id).await?;
    let csm = csm
        .filter(|u| u.role == Role::Csm && u.deleted_at.is_none() && u.disabled_at.is_none())
        .ok_or_else(|| AppError::field("csm_id", ErrorCode::Invalid, "not an active CSM"))?;
    let txn = db.begin().await?;
    q::lock_csm(&txn, csm.id).await?;
    let rank = rank_of(&txn, scope).await?;
    require_available(rank)?;
    let kind = rules::csm_kind(rank);
    let elsewhere = q::dedicated_elsewhere(&txn, csm.id, scope).await?;
    rules::check_dedicated(kind, elsewhere, reason.as_deref()).map_err(refused)?;
    let before = q::csm_of(&txn, scope).await?.map(|(a, u)| json!({ "csm": u.id, "dedicated": a.dedicated }));
    let dedicated = kind == CsmKind::Dedicated;
    // The reason is kept only where it allowed something.
    let override_reason = reason.as_deref().filter(|_| dedicated && elsewhere > 0);
    let a = Assignment { csm_id: csm.id, dedicated, override_reason, assigned_by: admin.id };
    q::assign_csm(&txn, scope, a, now).await?;
    let after = json!({ "csm": csm.id, "dedicated": dedicated, "override_reason": override_reason });
    let target = ("company", scope.company_id());
    record(&txn, actor, AuditAction::CsmAssign, target, scope, (before, after), now).await?;
    txn.commit().await?;
    view(db, scope, true).await
}

fn no_open_engagement() -> AppError {
    AppError::ConflictDetail {
        code: ErrorCode::InvalidTransition,
        detail: "there is no open engagement; the CSM opens one with a kickoff".into(),
    }
}

/// The CSM opens the engagement with a kickoff message and 1–5 meeting times inside service
/// hours (R6.2). One engagement is open at a time (409 `invalid_transition`).
pub async fn open(
    db: &DatabaseConnection,
    scope: CompanyScope,
    staff: &user::Model,
    actor: &Actor,
    req: &OpenEngagementRequest,
    now: DateTime<Utc>,
) -> Result<EngagementView, AppError> {
    let kickoff = parse_body("kickoff", &req.kickoff);
    let slots = rules::check_slots(&BusinessCalendar::default(), &req.slots, now);
    let kickoff = match (kickoff, slots) {
        (Ok(k), Ok(())) => k,
        (k, s) => return Err(AppError::Invalid(k.err().into_iter().chain(s.err().unwrap_or_default()).collect())),
    };
    require_available(rank_of(db, scope).await?)?;
    let txn = db.begin().await?;
    if q::latest_engagement(&txn, scope).await?.is_some_and(|e| e.state == EngagementState::Open) {
        return Err(AppError::ConflictDetail {
            code: ErrorCode::InvalidTransition,
            detail: "the engagement is open already".into(),
        });
    }
    let e = q::insert_engagement(&txn, scope, staff.id, now).await?;
    for s in &req.slots {
        q::add_slot(&txn, scope, e.id, s.starts_at, s.ends_at).await?;
    }
    q::post(&txn, scope, e.id, staff, kickoff, now).await?;
    let after = json!({ "state": e.state, "slots": req.slots.len() });
    record(&txn, actor, AuditAction::OptimizationOpen, ("engagement", e.id), scope, (None, after), now).await?;
    txn.commit().await?;
    view(db, scope, staff.role.is_staff()).await
}

/// Either side writes in the open engagement.
pub async fn post(
    db: &DatabaseConnection,
    scope: CompanyScope,
    author: &user::Model,
    actor: &Actor,
    body: &str,
    now: DateTime<Utc>,
) -> Result<MessageView, AppError> {
    let e = q::latest_engagement(db, scope).await?.filter(|e| e.state == EngagementState::Open);
    let e = e.ok_or_else(no_open_engagement)?;
    let body = parse_body("body", body)?;
    let txn = db.begin().await?;
    let m = q::post(&txn, scope, e.id, author, body, now).await?;
    let after = json!({ "message": m.id });
    record(&txn, actor, AuditAction::OptimizationMessage, ("engagement", e.id), scope, (None, after), now).await?;
    txn.commit().await?;
    Ok(message_view(m))
}

/// The customer picks one of the kickoff times; the others lapse.
pub async fn pick_slot(
    db: &DatabaseConnection,
    scope: CompanyScope,
    slot_id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<EngagementView, AppError> {
    let e = q::latest_engagement(db, scope).await?.ok_or(AppError::NotFound)?;
    let slots = q::slots(db, scope, e.id).await?;
    slots.iter().find(|s| s.id == slot_id).ok_or(AppError::NotFound)?;
    let taken = || AppError::ConflictDetail {
        code: ErrorCode::InvalidTransition,
        detail: "a kickoff time was already chosen".into(),
    };
    if e.state != EngagementState::Open {
        return Err(no_open_engagement());
    }
    if slots.iter().any(|s| s.picked_at.is_some()) {
        return Err(taken());
    }
    let txn = db.begin().await?;
    if !q::pick(&txn, scope, slot_id, now).await?
        || q::slots(&txn, scope, e.id).await?.iter().filter(|s| s.picked_at.is_some()).count() > 1
    {
        txn.rollback().await?;
        return Err(taken());
    }
    let after = json!({ "slot": slot_id });
    record(&txn, actor, AuditAction::OptimizationSlotPick, ("engagement", e.id), scope, (None, after), now).await?;
    txn.commit().await?;
    view(db, scope, false).await
}

/// Inside the transaction that set their rank (the yearly rollover, or an admin's override of the
/// year under way): the open engagements of companies whose new rank is below SILVER are closed
/// with a note saying `when` and why; proposals and history stay readable.
pub async fn close_below_silver(
    txn: &impl ConnectionTrait,
    ranked: &[(CompanyScope, Rank)],
    when: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for (scope, rank) in ranked.iter().filter(|(_, r)| !rules::available(*r)) {
        let note = format!("closed {when}: the rank is {rank}, and cloud optimization is for {UNLOCKS_AT} and above");
        for e in q::close_open(txn, &[*scope], &note, now).await? {
            let after = json!({ "state": EngagementState::Closed, "note": note });
            let before = Some(json!({ "state": e.state }));
            record(txn, actor, AuditAction::OptimizationClose, ("engagement", e.id), *scope, (before, after), now)
                .await?;
        }
    }
    Ok(())
}
