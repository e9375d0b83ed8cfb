//! Applications for option services (R4.3, R4.6), scoped by company; and the staff queue across
//! companies.

use portal_domain::services::ApplicationState;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{application, application_check, application_event, user};

pub struct NewApplication {
    pub service_code: String,
    pub ticket_cost: i32,
    pub cancellable: bool,
    pub fiscal_year: i32,
    pub aws_account_id: Option<String>,
    pub preferred_schedule: Option<String>,
    pub notes: Option<String>,
    pub hearing_sheet: Option<String>,
    pub created_by: Uuid,
    pub idempotency_key: Option<String>,
    pub request_hash: Option<String>,
    pub report_channel: portal_domain::services::ReportChannel,
    pub report_channel_reason: portal_domain::services::ReportChannelReason,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    new: NewApplication,
    now: DateTimeUtc,
) -> Result<application::Model, DbErr> {
    application::ActiveModel {
        id: Set(Uuid::new_v4()),
        company_id: Set(scope.company_id()),
        service_code: Set(new.service_code),
        state: Set(ApplicationState::Submitted),
        ticket_cost: Set(new.ticket_cost),
        cancellable: Set(new.cancellable),
        fiscal_year: Set(new.fiscal_year),
        aws_account_id: Set(new.aws_account_id),
        preferred_schedule: Set(new.preferred_schedule),
        notes: Set(new.notes),
        hearing_sheet: Set(new.hearing_sheet),
        created_by: Set(new.created_by),
        created_at: Set(now),
        updated_at: Set(now),
        idempotency_key: Set(new.idempotency_key),
        request_hash: Set(new.request_hash),
        report_channel: Set(new.report_channel),
        report_channel_reason: Set(new.report_channel_reason),
        assigned_csm_id: Set(None),
    }
    .insert(db)
    .await
}

pub async fn find(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id).filter(application::Column::CompanyId.eq(scope.company_id())).one(db).await
}

pub async fn find_by_key(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    key: &str,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::CompanyId.eq(scope.company_id()))
        .filter(application::Column::IdempotencyKey.eq(key))
        .one(db)
        .await
}

/// Newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    page: u64,
    per_page: u64,
) -> Result<(Vec<application::Model>, u64), DbErr> {
    let q = application::Entity::find().filter(application::Column::CompanyId.eq(scope.company_id()));
    let total = q.clone().count(db).await?;
    let items = q
        .order_by_desc(application::Column::CreatedAt)
        .order_by_desc(application::Column::Id)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((items, total))
}

/// Moves the application from `from` to `to` only if it is still in `from`: of two staff members
/// acting at once, one wins and the other is told the state changed.
pub async fn set_state(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
    from: ApplicationState,
    to: ApplicationState,
    now: DateTimeUtc,
) -> Result<bool, DbErr> {
    let res = application::Entity::update_many()
        .col_expr(application::Column::State, Expr::value(to))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::CompanyId.eq(scope.company_id()))
        .filter(application::Column::State.eq(from))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub struct Event<'a> {
    pub application_id: Uuid,
    pub from_state: Option<ApplicationState>,
    pub to_state: ApplicationState,
    pub actor_id: Option<Uuid>,
    pub actor_label: &'a str,
    pub note: Option<String>,
}

/// Appends a step to the timeline. Call it in the transaction that changed the state: changes of
/// one application are serialised by `set_state`, so steps are numbered without gaps.
pub async fn record_event(db: &impl ConnectionTrait, e: Event<'_>, now: DateTimeUtc) -> Result<(), DbErr> {
    let before = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(e.application_id))
        .count(db)
        .await?;
    application_event::ActiveModel {
        id: Set(Uuid::new_v4()),
        application_id: Set(e.application_id),
        step: Set(before as i32 + 1),
        from_state: Set(e.from_state),
        to_state: Set(e.to_state),
        actor_id: Set(e.actor_id),
        actor_label: Set(e.actor_label.to_owned()),
        note: Set(e.note),
        at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The timelines of `ids`, oldest step first. The ids come from scoped reads.
pub async fn events_of(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<application_event::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(ids.iter().copied()))
        .order_by_asc(application_event::Column::ApplicationId)
        .order_by_asc(application_event::Column::Step)
        .all(db)
        .await
}

/// Staff queue: every open application across companies (optionally one state or service);
/// the caller sorts by rank (R6.5).
pub async fn open_for_staff(
    db: &impl ConnectionTrait,
    state: Option<ApplicationState>,
    service: Option<&str>,
    assignee: Option<Uuid>,
) -> Result<Vec<application::Model>, DbErr> {
    let mut q = application::Entity::find().filter(application::Column::State.is_not_in([
        ApplicationState::Completed,
        ApplicationState::Cancelled,
        ApplicationState::Rejected,
    ]));
    if let Some(s) = state {
        q = q.filter(application::Column::State.eq(s));
    }
    if let Some(code) = service {
        q = q.filter(application::Column::ServiceCode.eq(code));
    }
    if let Some(csm) = assignee {
        q = q.filter(application::Column::AssignedCsmId.eq(csm));
    }
    q.order_by_asc(application::Column::CreatedAt).all(db).await
}

/// The company of an application, for a staff member (`None` for anyone else, or no such id).
pub async fn scope_for_staff(
    db: &impl ConnectionTrait,
    staff: &user::Model,
    id: Uuid,
) -> Result<Option<CompanyScope>, DbErr> {
    if !staff.role.is_staff() {
        return Ok(None);
    }
    Ok(application::Entity::find_by_id(id).one(db).await?.and_then(|a| CompanyScope::for_staff(staff, a.company_id)))
}

/// The company of an application row already read through a scoped or staff query.
pub fn scope_of_row(a: &application::Model) -> CompanyScope {
    CompanyScope::new(a.company_id)
}

/// The ticked checklist steps of `ids`.
pub async fn checks_of(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<application_check::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    application_check::Entity::find()
        .filter(application_check::Column::ApplicationId.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// Ticks (or unticks) a step of an application read through its scope.
pub async fn set_check(
    db: &impl ConnectionTrait,
    application_id: Uuid,
    item: portal_domain::services::ChecklistItem,
    done_by: Option<&str>,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    application_check::Entity::delete_many()
        .filter(application_check::Column::ApplicationId.eq(application_id))
        .filter(application_check::Column::Item.eq(item))
        .exec(db)
        .await?;
    if let Some(by) = done_by {
        application_check::ActiveModel {
            application_id: Set(application_id),
            item: Set(item),
            done_at: Set(now),
            done_by: Set(by.to_owned()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn assign(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
    csm: Option<Uuid>,
    now: DateTimeUtc,
) -> Result<bool, DbErr> {
    let res = application::Entity::update_many()
        .col_expr(application::Column::AssignedCsmId, Expr::value(csm))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::CompanyId.eq(scope.company_id()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
