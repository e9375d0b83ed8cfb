//! Cloud optimization (R6): CSM assignments, engagements with their kickoff times and messages,
//! proposals and their comments. A customer reaches them only through the company's
//! `CompanyScope`; staff get the scope of one proposal from [`proposal_scope_for_staff`].

use chrono::NaiveDate;
use portal_domain::optimization::{EngagementState, MeasurementUnit, NewProposal, Priority, ProposalStatus};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{
    csm_assignment, optimization_engagement as engagement, optimization_message as message,
    optimization_proposal as proposal, optimization_slot as slot, user,
};

/// The company's CSM and the assignment.
pub async fn csm_of(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
) -> Result<Option<(csm_assignment::Model, user::Model)>, DbErr> {
    let Some(a) = csm_assignment::Entity::find_by_id(scope.company_id()).one(db).await? else {
        return Ok(None);
    };
    Ok(user::Entity::find_by_id(a.csm_id).one(db).await?.map(|u| (a, u)))
}

/// Takes the CSM's row lock (a no-op update) for the rest of the transaction, so two assignments
/// of one CSM are decided one after the other and the dedicated rule is not raced past.
pub async fn lock_csm(db: &impl ConnectionTrait, csm_id: Uuid) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::Email, Expr::col(user::Column::Email))
        .filter(user::Column::Id.eq(csm_id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Companies other than `except` whose dedicated CSM `csm_id` is.
pub async fn dedicated_elsewhere(db: &impl ConnectionTrait, csm_id: Uuid, except: CompanyScope) -> Result<u64, DbErr> {
    csm_assignment::Entity::find()
        .filter(csm_assignment::Column::CsmId.eq(csm_id))
        .filter(csm_assignment::Column::Dedicated.eq(true))
        .filter(csm_assignment::Column::CompanyId.ne(except.company_id()))
        .count(db)
        .await
}

pub struct Assignment<'a> {
    pub csm_id: Uuid,
    pub dedicated: bool,
    pub override_reason: Option<&'a str>,
    pub assigned_by: Uuid,
}

/// Sets (or replaces) the company's CSM.
pub async fn assign_csm(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    a: Assignment<'_>,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    csm_assignment::Entity::delete_by_id(scope.company_id()).exec(db).await?;
    csm_assignment::ActiveModel {
        company_id: Set(scope.company_id()),
        csm_id: Set(a.csm_id),
        dedicated: Set(a.dedicated),
        override_reason: Set(a.override_reason.map(str::to_owned)),
        assigned_by: Set(a.assigned_by),
        assigned_at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The company's latest engagement (open or closed).
pub async fn latest_engagement(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
) -> Result<Option<engagement::Model>, DbErr> {
    engagement::Entity::find()
        .filter(engagement::Column::CompanyId.eq(scope.company_id()))
        .order_by_desc(engagement::Column::OpenedAt)
        .order_by_desc(engagement::Column::Id)
        .one(db)
        .await
}

pub async fn insert_engagement(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    opened_by: Uuid,
    now: DateTimeUtc,
) -> Result<engagement::Model, DbErr> {
    engagement::ActiveModel {
        id: Set(Uuid::new_v4()),
        company_id: Set(scope.company_id()),
        state: Set(EngagementState::Open),
        opened_by: Set(opened_by),
        opened_at: Set(now),
        closed_at: Set(None),
        close_note: Set(None),
    }
    .insert(db)
    .await
}

/// Closes the open engagements of `scopes` with `note`; returns those it closed.
pub async fn close_open(
    db: &impl ConnectionTrait,
    scopes: &[CompanyScope],
    note: &str,
    now: DateTimeUtc,
) -> Result<Vec<engagement::Model>, DbErr> {
    if scopes.is_empty() {
        return Ok(Vec::new());
    }
    let ids = scopes.iter().map(|s| s.company_id());
    let open = engagement::Entity::find()
        .filter(engagement::Column::CompanyId.is_in(ids))
        .filter(engagement::Column::State.eq(EngagementState::Open))
        .all(db)
        .await?;
    if open.is_empty() {
        return Ok(open);
    }
    engagement::Entity::update_many()
        .col_expr(engagement::Column::State, Expr::value(EngagementState::Closed))
        .col_expr(engagement::Column::ClosedAt, Expr::value(Some(now)))
        .col_expr(engagement::Column::CloseNote, Expr::value(Some(note.to_owned())))
        .filter(engagement::Column::Id.is_in(open.iter().map(|e| e.id)))
        .filter(engagement::Column::State.eq(EngagementState::Open))
        .exec(db)
        .await?;
    Ok(open)
}

pub async fn add_slot(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    engagement_id: Uuid,
    starts_at: DateTimeUtc,
    ends_at: DateTimeUtc,
) -> Result<(), DbErr> {
    slot::ActiveModel {
        id: Set(Uuid::new_v4()),
        engagement_id: Set(engagement_id),
        company_id: Set(scope.company_id()),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        picked_at: Set(None),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Earliest first.
pub async fn slots(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    engagement_id: Uuid,
) -> Result<Vec<slot::Model>, DbErr> {
    slot::Entity::find()
        .filter(slot::Column::CompanyId.eq(scope.company_id()))
        .filter(slot::Column::EngagementId.eq(engagement_id))
        .order_by_asc(slot::Column::StartsAt)
        .order_by_asc(slot::Column::Id)
        .all(db)
        .await
}

/// Marks a slot picked unless it was already; false when another pick won.
pub async fn pick(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    slot_id: Uuid,
    now: DateTimeUtc,
) -> Result<bool, DbErr> {
    let res = slot::Entity::update_many()
        .col_expr(slot::Column::PickedAt, Expr::value(Some(now)))
        .filter(slot::Column::Id.eq(slot_id))
        .filter(slot::Column::CompanyId.eq(scope.company_id()))
        .filter(slot::Column::PickedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A message in the thread `thread_id` (an engagement or a proposal).
pub async fn post(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    thread_id: Uuid,
    author: &user::Model,
    body: String,
    now: DateTimeUtc,
) -> Result<message::Model, DbErr> {
    message::ActiveModel {
        id: Set(Uuid::new_v4()),
        thread_id: Set(thread_id),
        company_id: Set(scope.company_id()),
        author_id: Set(author.id),
        author_label: Set(author.email.clone()),
        from_staff: Set(author.role.is_staff()),
        body: Set(body),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// Oldest first.
pub async fn messages(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    thread_id: Uuid,
) -> Result<Vec<message::Model>, DbErr> {
    message::Entity::find()
        .filter(message::Column::CompanyId.eq(scope.company_id()))
        .filter(message::Column::ThreadId.eq(thread_id))
        .order_by_asc(message::Column::CreatedAt)
        .order_by_asc(message::Column::Id)
        .all(db)
        .await
}

pub async fn insert_proposal(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    p: NewProposal,
    by: &user::Model,
    now: DateTimeUtc,
) -> Result<proposal::Model, DbErr> {
    proposal::ActiveModel {
        id: Set(Uuid::new_v4()),
        company_id: Set(scope.company_id()),
        title: Set(p.title),
        category: Set(p.category),
        findings: Set(p.findings),
        expected_effect: Set(p.expected_effect),
        expected_saving_yen: Set(p.expected_saving_yen_per_month),
        estimated_effort: Set(p.estimated_effort),
        priority: Set(p.priority),
        work_order: Set(p.work_order),
        status: Set(ProposalStatus::Proposed),
        proposed_by: Set(by.id),
        proposed_by_label: Set(by.email.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        measured_baseline: Set(None),
        measured_result: Set(None),
        measured_unit: Set(None),
        measured_on: Set(None),
        measured_note: Set(None),
        monthly_saving_yen: Set(None),
    }
    .insert(db)
    .await
}

pub async fn proposal(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
) -> Result<Option<proposal::Model>, DbErr> {
    proposal::Entity::find_by_id(id).filter(proposal::Column::CompanyId.eq(scope.company_id())).one(db).await
}

/// The scope of one proposal, for a staff member (None for anyone else or an unknown id).
pub async fn proposal_scope_for_staff(
    db: &impl ConnectionTrait,
    staff: &user::Model,
    id: Uuid,
) -> Result<Option<CompanyScope>, DbErr> {
    if !staff.role.is_staff() {
        return Ok(None);
    }
    Ok(proposal::Entity::find_by_id(id).one(db).await?.and_then(|p| CompanyScope::for_staff(staff, p.company_id)))
}

/// Newest first.
pub async fn proposals(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<Vec<proposal::Model>, DbErr> {
    proposal::Entity::find()
        .filter(proposal::Column::CompanyId.eq(scope.company_id()))
        .order_by_desc(proposal::Column::CreatedAt)
        .order_by_desc(proposal::Column::Id)
        .all(db)
        .await
}

/// Moves a proposal from `from` to `to` (only if it is still at `from`), optionally with a new priority.
pub async fn set_status(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
    (from, to): (ProposalStatus, ProposalStatus),
    priority: Option<Priority>,
    now: DateTimeUtc,
) -> Result<bool, DbErr> {
    let mut u = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value(to))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now));
    if let Some(p) = priority {
        u = u.col_expr(proposal::Column::Priority, Expr::value(p));
    }
    let res = u
        .filter(proposal::Column::Id.eq(id))
        .filter(proposal::Column::CompanyId.eq(scope.company_id()))
        .filter(proposal::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub struct Measurement<'a> {
    pub baseline: f64,
    pub result: f64,
    pub unit: MeasurementUnit,
    pub measured_on: NaiveDate,
    pub note: &'a str,
    pub monthly_saving_yen: Option<i64>,
}

/// Records the effect of a done proposal (replacing an earlier measurement).
pub async fn measure(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
    m: Measurement<'_>,
    now: DateTimeUtc,
) -> Result<bool, DbErr> {
    let res = proposal::Entity::update_many()
        .col_expr(proposal::Column::MeasuredBaseline, Expr::value(Some(m.baseline)))
        .col_expr(proposal::Column::MeasuredResult, Expr::value(Some(m.result)))
        .col_expr(proposal::Column::MeasuredUnit, Expr::value(Some(m.unit)))
        .col_expr(proposal::Column::MeasuredOn, Expr::value(Some(m.measured_on)))
        .col_expr(proposal::Column::MeasuredNote, Expr::value(Some(m.note.to_owned())))
        .col_expr(proposal::Column::MonthlySavingYen, Expr::value(m.monthly_saving_yen))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now))
        .filter(proposal::Column::Id.eq(id))
        .filter(proposal::Column::CompanyId.eq(scope.company_id()))
        .filter(proposal::Column::Status.eq(ProposalStatus::Done))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
