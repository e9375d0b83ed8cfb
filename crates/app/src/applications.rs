//! Applying for option services and working the applications (R3.3, R4.3–R4.6).
//!
//! Applying spends the tickets in the transaction that creates the application, under the
//! company's ledger lock: of any number of concurrent applications exactly as many succeed as the
//! balance pays for. Cancel and reject give the tickets back into the fiscal-year bucket they
//! came from; when that year has already ended, the refund lapses with it at once (decision of
//! issue 9), and both sides see both entries.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use portal_db::entities::{application, option_service, user};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::ledger::{self, Posting};
use portal_db::queries::{applications, aws_accounts, companies, company_years, services, threads, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::fiscal::{jst_date, FiscalYear};
use portal_domain::ledger::{EntryKind, LedgerReason};
use portal_domain::services::{
    availability, may_customer_cancel, ApplicationAction, ApplicationEventView, ApplicationPage, ApplicationState,
    ApplicationView, ApplyRequest, ChecklistItem, ChecklistItemView, HearingSheet, ReportChannel, ReportRequest,
    ServiceList, ServiceScope, ServiceView, SlotView, Terms, TransitionRequest, Unavailable, MAX_ACTIONS,
};
use portal_domain::{ErrorCode, Rank};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::AppError;
use crate::rollover;

const TEXT_LIMIT: usize = 4000;

pub(crate) fn terms(s: &option_service::Model) -> Result<Terms, AppError> {
    Ok(Terms {
        status: s.status,
        ticket_cost: s.ticket_cost,
        ranks: services::ranks(s)?,
        yearly_capacity: s.yearly_capacity.map(|c| c.max(0) as u32),
    })
}

fn service_view(
    s: &option_service::Model,
    unavailable: Option<Unavailable>,
    balance: Option<i32>,
) -> Result<ServiceView, AppError> {
    Ok(ServiceView {
        code: s.code.clone(),
        name_ja: s.name_ja.clone(),
        name_en: s.name_en.clone(),
        description_ja: s.description_ja.clone(),
        description_en: s.description_en.clone(),
        category: s.category,
        scope: s.scope,
        ticket_cost: s.ticket_cost,
        customer_cancellable: s.customer_cancellable,
        min_lead_business_days: s.min_lead_business_days.max(0) as u32,
        yearly_capacity: s.yearly_capacity.map(|c| c.max(0) as u32),
        ranks: services::ranks(s)?,
        status: s.status,
        unavailable,
        balance_after: balance.filter(|_| unavailable.is_none()).map(|b| b - s.ticket_cost),
    })
}

/// The company's rank in force and its live ticket bucket.
pub(crate) async fn rank_and_year(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    now: DateTime<Utc>,
) -> Result<(Rank, FiscalYear), AppError> {
    Ok(match company_years::latest_rolled(db, scope).await? {
        Some(y) => (y.rank, FiscalYear(y.fiscal_year)),
        None => (Rank::Regular, FiscalYear::containing(now)),
    })
}

/// The catalogue; for a customer's company, with whether each service can be applied for now and
/// why not (the same reason the API gives when applying).
pub async fn catalogue(
    db: &DatabaseConnection,
    scope: Option<CompanyScope>,
    now: DateTime<Utc>,
) -> Result<ServiceList, AppError> {
    let all = services::all(db).await?;
    let Some(scope) = scope else {
        let items = all.iter().map(|s| service_view(s, None, None)).collect::<Result<_, _>>()?;
        return Ok(ServiceList { items, balance: None });
    };
    let (rank, fy) = rank_and_year(db, scope, now).await?;
    let balance = ledger::balance(db, scope).await?;
    let mut items = Vec::with_capacity(all.len());
    for s in &all {
        let used = match s.yearly_capacity {
            Some(_) => services::used_capacity(db, &s.code, fy.0).await? as u32,
            None => 0,
        };
        let unavailable = availability(&terms(s)?, rank, balance, used).err();
        items.push(service_view(s, unavailable, Some(balance))?);
    }
    Ok(ServiceList { items, balance: Some(balance) })
}

pub(crate) fn refused(u: Unavailable) -> AppError {
    match u {
        Unavailable::InsufficientTickets { balance, cost } => {
            AppError::InsufficientTickets { balance, requested: cost }
        }
        Unavailable::RankNotAllowed { rank } => {
            AppError::ConflictDetail { code: u.code(), detail: format!("not offered to {} companies", rank.as_str()) }
        }
        Unavailable::Paused => AppError::ConflictDetail { code: u.code(), detail: "the service is paused".into() },
        Unavailable::Ended => AppError::ConflictDetail { code: u.code(), detail: "the service has ended".into() },
        Unavailable::CapacityExhausted => {
            AppError::ConflictDetail { code: u.code(), detail: "this fiscal year's capacity is used up".into() }
        }
    }
}

fn optional_text(field: &str, v: &Option<String>) -> Result<Option<String>, AppError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) if s.chars().count() > TEXT_LIMIT => {
            Err(AppError::field(field, ErrorCode::TooLong, format!("at most {TEXT_LIMIT} characters")))
        }
        other => Ok(other.map(str::to_owned)),
    }
}

/// What a request carries once checked against the service's scope.
struct Checked {
    /// The linked account of a per-account service.
    account: Option<portal_db::entities::aws_account::Model>,
    hearing_sheet: Option<HearingSheet>,
}

/// Checks what the service's scope asks of the request (R4.3, R4.4).
async fn check_request(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    s: &option_service::Model,
    req: &ApplyRequest,
    now: DateTime<Utc>,
) -> Result<Checked, AppError> {
    if s.scope == ServiceScope::AwsAccount {
        let wanted = req.aws_account_id.as_deref().map(str::trim).unwrap_or_default();
        let account =
            aws_accounts::list(db, scope).await?.into_iter().find(|a| a.account_id == wanted).ok_or_else(|| {
                AppError::field(
                    "aws_account_id",
                    ErrorCode::AwsAccountNotLinked,
                    "choose one of the company's linked AWS accounts",
                )
            })?;
        return Ok(Checked { account: Some(account), hearing_sheet: None });
    }
    if s.scope != ServiceScope::Actions {
        return Ok(Checked { account: None, hearing_sheet: None });
    }
    let Some(sheet) = &req.hearing_sheet else {
        return Err(AppError::field("hearing_sheet", ErrorCode::Required, "this service needs the hearing sheet"));
    };
    let mut errors = Vec::new();
    if sheet.target.trim().is_empty() {
        errors.push(portal_domain::problem::FieldError::new(
            "hearing_sheet.target",
            ErrorCode::Required,
            "the target URL or system",
        ));
    }
    if !(1..=MAX_ACTIONS).contains(&sheet.actions) {
        errors.push(portal_domain::problem::FieldError::new(
            "hearing_sheet.actions",
            ErrorCode::TooManyActions,
            "between 1 and 15 actions",
        ));
    }
    if sheet.pre_work.trim().is_empty() {
        errors.push(portal_domain::problem::FieldError::new(
            "hearing_sheet.pre_work",
            ErrorCode::Required,
            "what you will prepare",
        ));
    }
    let lead = s.min_lead_business_days.max(0) as u32;
    let earliest = portal_domain::business_days::BusinessCalendar::default()
        .add_business_days(jst_date(now), lead)
        .map_err(AppError::internal)?;
    if sheet.window_start < earliest {
        errors.push(portal_domain::problem::FieldError::new(
            "hearing_sheet.window_start",
            ErrorCode::LeadTimeTooShort,
            format!("{lead} business days after today: {earliest} or later"),
        ));
    }
    if sheet.window_end < sheet.window_start {
        errors.push(portal_domain::problem::FieldError::new(
            "hearing_sheet.window_end",
            ErrorCode::OutOfRange,
            "after the window's start",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Checked { account: None, hearing_sheet: Some(sheet.clone()) })
}

fn request_hash(req: &ApplyRequest) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(req).unwrap_or_default()))
}

/// Whether an application was made now or found from an earlier try with the same key.
pub struct Applied {
    pub application: ApplicationView,
    pub created: bool,
}

/// A representative applies (R4.3). `idempotency_key` makes a retried POST return the first
/// result instead of applying twice.
pub async fn apply(
    db: &DatabaseConnection,
    scope: CompanyScope,
    applicant: &user::Model,
    req: &ApplyRequest,
    idempotency_key: Option<&str>,
    backlog_configured: bool,
    now: DateTime<Utc>,
) -> Result<Applied, AppError> {
    let key = idempotency_key.map(str::trim).filter(|k| !k.is_empty());
    if key.is_some_and(|k| k.len() > 200) {
        return Err(AppError::field("Idempotency-Key", ErrorCode::TooLong, "at most 200 characters"));
    }
    let hash = request_hash(req);
    if let Some(k) = key {
        if let Some(found) = applications::find_by_key(db, scope, k).await? {
            return earlier(db, found, &hash, applicant.id).await;
        }
    }
    let s = services::find(db, req.service_code.trim())
        .await?
        .ok_or_else(|| AppError::field("service_code", ErrorCode::Invalid, "no such service"))?;
    let preferred_schedule = optional_text("preferred_schedule", &req.preferred_schedule)?;
    let notes = optional_text("notes", &req.notes)?;
    let checked = check_request(db, scope, &s, req, now).await?;
    let under_maintenance = checked.account.as_ref().map(|a| a.under_maintenance);
    let hearing_sheet =
        checked.hearing_sheet.as_ref().map(serde_json::to_string).transpose().map_err(AppError::internal)?;
    let (report_channel, report_channel_reason) =
        portal_domain::services::report_channel(under_maintenance, backlog_configured);

    let txn = db.begin().await?;
    // The ledger lock first (on SQLite the first statement must be the write), then the service's.
    ledger::lock(&txn, scope).await?;
    rollover::ensure_rolled(&txn, scope, &Actor::system(), now).await?;
    if s.yearly_capacity.is_some() {
        services::lock(&txn, &s.code).await?;
    }
    let (rank, fy) = rank_and_year(&txn, scope, now).await?;
    let balance = ledger::balance(&txn, scope).await?;
    let used = match s.yearly_capacity {
        Some(_) => services::used_capacity(&txn, &s.code, fy.0).await? as u32,
        None => 0,
    };
    availability(&terms(&s)?, rank, balance, used).map_err(refused)?;
    let new = applications::NewApplication {
        service_code: s.code.clone(),
        ticket_cost: s.ticket_cost,
        cancellable: s.customer_cancellable,
        fiscal_year: fy.0,
        aws_account_id: checked.account.map(|a| a.account_id),
        preferred_schedule,
        notes,
        hearing_sheet,
        created_by: applicant.id,
        idempotency_key: key.map(str::to_owned),
        request_hash: key.map(|_| hash.clone()),
        report_channel,
        report_channel_reason,
    };
    let app = match applications::insert(&txn, scope, new, now).await {
        Ok(app) => app,
        // The same key, concurrently: the other request made it; answer with that one.
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) && key.is_some() => {
            txn.rollback().await?;
            let found =
                applications::find_by_key(db, scope, key.unwrap_or_default()).await?.ok_or(AppError::NotFound)?;
            return earlier(db, found, &hash, applicant.id).await;
        }
        Err(e) => return Err(e.into()),
    };
    spend_and_record(&txn, scope, applicant, &app, balance, now).await?;
    txn.commit().await?;
    tracing::info!(application.id = %app.id, service = %s.code, "applied");
    Ok(Applied { application: view(db, app, applicant.id).await?, created: true })
}

/// Spends an application's tickets and records it (timeline, audit), inside the caller's
/// transaction, which holds the company's ledger lock and checked the balance.
pub(crate) async fn spend_and_record(
    txn: &impl ConnectionTrait,
    scope: CompanyScope,
    applicant: &user::Model,
    app: &application::Model,
    balance: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if app.ticket_cost > 0 {
        let posting = Posting {
            kind: EntryKind::Consume,
            amount: -app.ticket_cost,
            fiscal_year: app.fiscal_year,
            expires_at: None,
            reason: LedgerReason::Application { service_code: app.service_code.clone(), application_id: app.id },
            actor_id: Some(applicant.id),
            idempotency_key: None,
        };
        ledger::post(txn, scope, posting, now).await?;
    }
    let actor = Actor { id: Some(applicant.id), label: applicant.email.clone() };
    applications::record_event(
        txn,
        applications::Event {
            application_id: app.id,
            from_state: None,
            to_state: ApplicationState::Submitted,
            actor_id: actor.id,
            actor_label: &actor.label,
            note: None,
        },
        now,
    )
    .await?;
    let record = audit::Record {
        action: AuditAction::ApplicationSubmit,
        target_type: "application",
        target_id: app.id.to_string(),
        company_id: Some(scope.company_id()),
        before: Some(json!({ "balance": balance })),
        after: Some(
            json!({ "service": app.service_code, "tickets": app.ticket_cost, "balance": balance - app.ticket_cost }),
        ),
    };
    audit::record(txn, &actor, record, now).await?;
    Ok(())
}

async fn earlier(
    db: &DatabaseConnection,
    found: application::Model,
    hash: &str,
    viewer: Uuid,
) -> Result<Applied, AppError> {
    if found.request_hash.as_deref() != Some(hash) {
        return Err(AppError::field(
            "Idempotency-Key",
            ErrorCode::IdempotencyKeyReused,
            "this key was used for a different application",
        ));
    }
    Ok(Applied { application: view(db, found, viewer).await?, created: false })
}

pub async fn list(
    db: &DatabaseConnection,
    scope: CompanyScope,
    viewer: Uuid,
    page: u64,
    per_page: u64,
) -> Result<ApplicationPage, AppError> {
    let (rows, total) = applications::page(db, scope, page, per_page).await?;
    let items = views(db, rows, viewer).await?;
    Ok(ApplicationPage { items, total, page, per_page, links: Default::default() })
}

/// The application of `scope` with this id, or not found.
pub(crate) async fn find_scoped(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
) -> Result<application::Model, AppError> {
    applications::find(db, scope, id).await?.ok_or(AppError::NotFound)
}

pub async fn get(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    viewer: Uuid,
) -> Result<ApplicationView, AppError> {
    let app = applications::find(db, scope, id).await?.ok_or(AppError::NotFound)?;
    view(db, app, viewer).await
}

/// The customer cancels (R4.4, R4.6): only while submitted, only where the terms allow.
pub async fn cancel(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ApplicationView, AppError> {
    let app = applications::find(db, scope, id).await?.ok_or(AppError::NotFound)?;
    if !app.cancellable {
        return Err(AppError::ConflictDetail {
            code: ErrorCode::InvalidTransition,
            detail: "this service cannot be cancelled once applied for".into(),
        });
    }
    if !may_customer_cancel(app.state, app.cancellable) {
        return Err(AppError::ConflictDetail {
            code: ErrorCode::InvalidTransition,
            detail: format!("the application is {}; only a submitted one can be cancelled", app.state.as_str()),
        });
    }
    move_to(db, scope, app, ApplicationAction::Cancel, None, actor, now).await
}

/// Staff move an application on (R4.6). `cancel` is the customer's, not staff's.
pub async fn transition(
    db: &DatabaseConnection,
    staff: &user::Model,
    id: Uuid,
    req: &TransitionRequest,
    now: DateTime<Utc>,
) -> Result<ApplicationView, AppError> {
    let scope = applications::scope_for_staff(db, staff, id).await?.ok_or(AppError::NotFound)?;
    let app = applications::find(db, scope, id).await?.ok_or(AppError::NotFound)?;
    if req.action == ApplicationAction::Cancel {
        return Err(AppError::field("action", ErrorCode::Invalid, "cancelling is the customer's; staff reject"));
    }
    let note = optional_text("note", &req.note)?;
    if req.action == ApplicationAction::Reject && note.is_none() {
        return Err(AppError::field("note", ErrorCode::Required, "say why the application is rejected"));
    }
    let actor = Actor { id: Some(staff.id), label: staff.email.clone() };
    move_to(db, scope, app, req.action, note, &actor, now).await
}

async fn move_to(
    db: &DatabaseConnection,
    scope: CompanyScope,
    app: application::Model,
    action: ApplicationAction,
    note: Option<String>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ApplicationView, AppError> {
    let illegal = |state: ApplicationState| AppError::ConflictDetail {
        code: ErrorCode::InvalidTransition,
        detail: format!("the application is {}", state.as_str()),
    };
    let next = app.state.after(action).map_err(|e| illegal(e.from))?;
    let txn = db.begin().await?;
    if next.refunds() {
        ledger::lock(&txn, scope).await?;
        // A refund after April 1 00:00 JST lands after the year's rollover, never inside it.
        rollover::ensure_rolled(&txn, scope, &Actor::system(), now).await?;
    }
    if !applications::set_state(&txn, scope, app.id, app.state, next, now).await? {
        // Someone else moved it first: say where it is now.
        txn.rollback().await?;
        let current = applications::find(db, scope, app.id).await?.ok_or(AppError::NotFound)?;
        return Err(illegal(current.state));
    }
    if next.refunds() && app.ticket_cost > 0 {
        refund(&txn, scope, &app, actor, now).await?;
    }
    if next.refunds() {
        // A training booked with tickets ends with its application: the seat is free again.
        portal_db::queries::trainings::cancel_for_application(&txn, scope, app.id, now).await?;
    }
    let after = json!({ "state": next, "note": note });
    record_move(&txn, scope, app.id, (app.state, next), actor, note, after, now).await?;
    txn.commit().await?;
    get(db, scope, app.id, actor.id.unwrap_or_default()).await
}

/// The timeline step and the audit entry of a state change, in the transaction that made it:
/// every way an application moves (actions, a picked meeting time, a delivered report) records
/// the same two things.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_move(
    txn: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
    (from, to): (ApplicationState, ApplicationState),
    actor: &Actor,
    note: Option<String>,
    audit_after: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    applications::record_event(
        txn,
        applications::Event {
            application_id: id,
            from_state: Some(from),
            to_state: to,
            actor_id: actor.id,
            actor_label: &actor.label,
            note,
        },
        now,
    )
    .await?;
    let record = audit::Record {
        action: AuditAction::ApplicationTransition,
        target_type: "application",
        target_id: id.to_string(),
        company_id: Some(scope.company_id()),
        before: Some(json!({ "state": from })),
        after: Some(audit_after),
    };
    audit::record(txn, actor, record, now).await?;
    Ok(())
}

/// Back into the bucket the tickets came from; if that year has ended, they lapse with it.
async fn refund(
    txn: &impl ConnectionTrait,
    scope: CompanyScope,
    app: &application::Model,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let fy = FiscalYear(app.fiscal_year);
    let ended = fy.end() <= now;
    let posting = Posting {
        kind: EntryKind::Refund,
        amount: app.ticket_cost,
        fiscal_year: fy.0,
        expires_at: Some(fy.end()),
        reason: LedgerReason::ApplicationRefund { service_code: app.service_code.clone(), application_id: app.id },
        actor_id: actor.id,
        idempotency_key: Some(format!("refund:{}", app.id)),
    };
    ledger::post(txn, scope, posting, now).await?;
    if ended {
        let lapse = Posting {
            kind: EntryKind::Expire,
            amount: -app.ticket_cost,
            fiscal_year: fy.0,
            expires_at: None,
            reason: LedgerReason::RefundLapsed { fiscal_year: fy, application_id: app.id },
            actor_id: None,
            idempotency_key: Some(format!("refund-lapsed:{}", app.id)),
        };
        ledger::post(txn, scope, lapse, now).await?;
    }
    Ok(())
}

/// The staff queue (R6.5): every open application, PLATINUM first, then the oldest.
pub async fn staff_queue(
    db: &DatabaseConnection,
    viewer: Uuid,
    state: Option<ApplicationState>,
    service: Option<&str>,
    assignee: Option<Uuid>,
) -> Result<Vec<ApplicationView>, AppError> {
    let rows = applications::open_for_staff(db, state, service, assignee).await?;
    let mut items = views(db, rows, viewer).await?;
    items.sort_by_key(|a| (a.company_rank.sort_key(), a.created_at));
    Ok(items)
}

pub(crate) async fn view(
    db: &DatabaseConnection,
    app: application::Model,
    viewer: Uuid,
) -> Result<ApplicationView, AppError> {
    views(db, vec![app], viewer).await?.pop().ok_or(AppError::NotFound)
}

/// Views of applications that come from scoped (or staff) reads, with their timelines and the
/// names of services, companies and people.
async fn views(
    db: &DatabaseConnection,
    rows: Vec<application::Model>,
    viewer: Uuid,
) -> Result<Vec<ApplicationView>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
    let mut timelines: HashMap<Uuid, Vec<ApplicationEventView>> = HashMap::new();
    for e in applications::events_of(db, &ids).await? {
        timelines.entry(e.application_id).or_default().push(ApplicationEventView {
            at: e.at,
            from_state: e.from_state,
            to_state: e.to_state,
            actor: e.actor_label,
            note: e.note,
        });
    }
    let mut slots: HashMap<Uuid, Vec<SlotView>> = HashMap::new();
    for sl in threads::slots_of(db, &ids).await? {
        slots.entry(sl.application_id).or_default().push(SlotView {
            id: sl.id,
            starts_at: sl.starts_at,
            ends_at: sl.ends_at,
            picked: sl.picked_at.is_some(),
        });
    }
    let mut checks: HashMap<Uuid, Vec<portal_db::entities::application_check::Model>> = HashMap::new();
    for c in applications::checks_of(db, &ids).await? {
        checks.entry(c.application_id).or_default().push(c);
    }
    let catalogue: HashMap<String, option_service::Model> =
        services::all(db).await?.into_iter().map(|s| (s.code.clone(), s)).collect();
    let mut companies_seen: HashMap<Uuid, (String, Rank)> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        let scope = applications::scope_of_row(&a);
        let (company_name, company_rank) = match companies_seen.get(&a.company_id) {
            Some(seen) => seen.clone(),
            None => {
                let c = companies::find(db, scope).await?.ok_or(AppError::NotFound)?;
                let rank = company_years::current_rank(db, scope).await?;
                companies_seen.insert(a.company_id, (c.name.clone(), rank));
                (c.name, rank)
            }
        };
        // An application names a service of the catalogue (foreign key): a row that does not is
        // corrupt data, not a service to name by its code.
        let s = catalogue.get(&a.service_code).ok_or_else(|| {
            AppError::internal(format!("application {} names unknown service {}", a.id, a.service_code))
        })?;
        let checklist = checklist(&a.service_code, checks.remove(&a.id).unwrap_or_default());
        let created_by = timelines.get(&a.id).and_then(|t| t.first()).map(|e| e.actor.clone()).unwrap_or_default();
        out.push(ApplicationView {
            id: a.id,
            company_id: a.company_id,
            company_name,
            company_rank,
            service_name_ja: s.name_ja.clone(),
            service_name_en: s.name_en.clone(),
            service_code: a.service_code,
            state: a.state,
            ticket_cost: a.ticket_cost,
            customer_may_cancel: may_customer_cancel(a.state, a.cancellable),
            aws_account_id: a.aws_account_id,
            preferred_schedule: a.preferred_schedule,
            notes: a.notes,
            hearing_sheet: a
                .hearing_sheet
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(AppError::internal)?,
            created_at: a.created_at,
            created_by,
            timeline: timelines.remove(&a.id).unwrap_or_default(),
            slots: slots.remove(&a.id).unwrap_or_default(),
            unread_messages: threads::unread(db, scope, a.id, viewer).await?,
            report_channel: a.report_channel,
            report_channel_reason: a.report_channel_reason,
            checklist,
            assigned_csm: match a.assigned_csm_id {
                Some(id) => portal_db::queries::users::find(db, id).await?.map(|u| u.email),
                None => None,
            },
        });
    }
    Ok(out)
}

/// An admin changes a service's terms (R4.1, R4.2); applications already made keep theirs.
pub async fn update_service(
    db: &DatabaseConnection,
    code: &str,
    u: &portal_domain::services::ServiceUpdate,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ServiceView, AppError> {
    use sea_orm::{IntoActiveModel, Set};
    let before = services::find(db, code).await?.ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let text = |field: &str, v: &Option<String>, errors: &mut Vec<portal_domain::problem::FieldError>| match v
        .as_deref()
        .map(str::trim)
    {
        Some("") => {
            errors.push(portal_domain::problem::FieldError::new(field, ErrorCode::Required, "must not be empty"));
            None
        }
        other => other.map(str::to_owned),
    };
    let name_ja = text("name_ja", &u.name_ja, &mut errors);
    let name_en = text("name_en", &u.name_en, &mut errors);
    let description_ja = text("description_ja", &u.description_ja, &mut errors);
    let description_en = text("description_en", &u.description_en, &mut errors);
    if u.ticket_cost.is_some_and(|c| !(0..=1000).contains(&c)) {
        errors.push(portal_domain::problem::FieldError::new("ticket_cost", ErrorCode::OutOfRange, "0–1000 tickets"));
    }
    if u.min_lead_business_days.is_some_and(|d| d > 250) {
        errors.push(portal_domain::problem::FieldError::new(
            "min_lead_business_days",
            ErrorCode::OutOfRange,
            "0–250 business days",
        ));
    }
    if u.yearly_capacity.is_some_and(|c| c > 100_000) {
        errors.push(portal_domain::problem::FieldError::new(
            "yearly_capacity",
            ErrorCode::OutOfRange,
            "at most 100,000",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut row = before.clone().into_active_model();
    if let Some(v) = name_ja {
        row.name_ja = Set(v);
    }
    if let Some(v) = name_en {
        row.name_en = Set(v);
    }
    if let Some(v) = description_ja {
        row.description_ja = Set(v);
    }
    if let Some(v) = description_en {
        row.description_en = Set(v);
    }
    if let Some(v) = u.ticket_cost {
        row.ticket_cost = Set(v);
    }
    if let Some(v) = u.customer_cancellable {
        row.customer_cancellable = Set(v);
    }
    if let Some(v) = u.min_lead_business_days {
        row.min_lead_business_days = Set(v as i32);
    }
    if u.remove_capacity {
        row.yearly_capacity = Set(None);
    } else if let Some(v) = u.yearly_capacity {
        row.yearly_capacity = Set(Some(v as i32));
    }
    if let Some(ranks) = &u.ranks {
        row.ranks = Set(services::ranks_text(ranks));
    }
    if let Some(v) = u.status {
        row.status = Set(v);
    }
    row.updated_at = Set(now);
    let txn = db.begin().await?;
    let after = services::save(&txn, row).await?;
    let record = audit::Record {
        action: AuditAction::ServiceUpdate,
        target_type: "option_service",
        target_id: code.to_owned(),
        company_id: None,
        before: Some(service_json(&before)),
        after: Some(service_json(&after)),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    service_view(&after, None, None)
}

fn service_json(s: &option_service::Model) -> serde_json::Value {
    json!({
        "ticket_cost": s.ticket_cost, "status": s.status, "ranks": s.ranks, "yearly_capacity": s.yearly_capacity,
        "customer_cancellable": s.customer_cancellable, "min_lead_business_days": s.min_lead_business_days,
        "name_ja": s.name_ja, "name_en": s.name_en,
    })
}

/// account-diagnosis's steps in order, each with whether and by whom it was ticked (R4.5).
fn checklist(service_code: &str, done: Vec<portal_db::entities::application_check::Model>) -> Vec<ChecklistItemView> {
    if service_code != ACCOUNT_DIAGNOSIS {
        return Vec::new();
    }
    ChecklistItem::ALL
        .iter()
        .map(|&item| {
            let d = done.iter().find(|c| c.item == item);
            ChecklistItemView { item, done_at: d.map(|c| c.done_at), done_by: d.map(|c| c.done_by.clone()) }
        })
        .collect()
}

pub(crate) const ACCOUNT_DIAGNOSIS: &str = "account-diagnosis";

/// Staff tick or untick a step of an account-diagnosis application (R4.5).
pub async fn set_checklist_item(
    db: &DatabaseConnection,
    staff: &user::Model,
    id: Uuid,
    item: ChecklistItem,
    done: bool,
    now: DateTime<Utc>,
) -> Result<ApplicationView, AppError> {
    let scope = applications::scope_for_staff(db, staff, id).await?.ok_or(AppError::NotFound)?;
    let app = find_scoped(db, scope, id).await?;
    if app.service_code != ACCOUNT_DIAGNOSIS {
        return Err(AppError::ConflictDetail {
            code: ErrorCode::InvalidTransition,
            detail: "only account-diagnosis applications have a checklist".into(),
        });
    }
    let txn = db.begin().await?;
    applications::set_check(&txn, id, item, done.then_some(staff.email.as_str()), now).await?;
    let record = audit::Record {
        action: AuditAction::ApplicationTransition,
        target_type: "application",
        target_id: id.to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(json!({ "checklist": item, "done": done })),
    };
    audit::record(&txn, &Actor { id: Some(staff.id), label: staff.email.clone() }, record, now).await?;
    txn.commit().await?;
    get(db, scope, id, staff.id).await
}

/// Staff deliver the work report and the application becomes `reported` (R4.8): on the
/// customer's Backlog issue when the application's channel is Backlog (and the portal has
/// Backlog configured now), else in the portal thread. A Backlog that does not take it changes
/// nothing and says why.
pub async fn report(
    db: &DatabaseConnection,
    backlog: Option<&dyn crate::backlog::Backlog>,
    staff: &user::Model,
    id: Uuid,
    req: &ReportRequest,
    now: DateTime<Utc>,
) -> Result<ApplicationView, AppError> {
    let scope = applications::scope_for_staff(db, staff, id).await?.ok_or(AppError::NotFound)?;
    let app = find_scoped(db, scope, id).await?;
    let content = req.content.trim();
    if content.is_empty() {
        return Err(AppError::field("content", ErrorCode::Required, "write the report"));
    }
    app.state.after(ApplicationAction::Report).map_err(|e| AppError::ConflictDetail {
        code: ErrorCode::InvalidTransition,
        detail: format!("the application is {}", e.from.as_str()),
    })?;
    let via_backlog = match (app.report_channel, backlog) {
        (ReportChannel::Backlog, Some(client)) => {
            let key = req.backlog_issue_key.as_deref().map(str::trim).filter(|k| !k.is_empty()).ok_or_else(|| {
                AppError::field("backlog_issue_key", ErrorCode::Required, "the customer's Backlog issue, like PROJ-123")
            })?;
            let comment = client
                .post_comment(key, content)
                .await
                .map_err(|e| AppError::Upstream { code: ErrorCode::BacklogFailed, detail: e.to_string() })?;
            Some((key.to_owned(), comment.id))
        }
        _ => None,
    };
    let body = match &via_backlog {
        Some((key, comment)) => {
            format!("作業報告を Backlog の {key} に投稿しました（コメント {comment}）。\n\n{content}")
        }
        None => content.to_owned(),
    };
    let txn = db.begin().await?;
    if !applications::set_state(&txn, scope, id, app.state, ApplicationState::Reported, now).await? {
        txn.rollback().await?;
        return Err(AppError::ConflictDetail {
            code: ErrorCode::InvalidTransition,
            detail: "the application changed meanwhile".into(),
        });
    }
    threads::post(
        &txn,
        scope,
        threads::NewMessage {
            application_id: id,
            author_id: staff.id,
            author_label: &staff.email,
            from_staff: true,
            body,
        },
        now,
    )
    .await?;
    let note = Some(via_backlog.as_ref().map_or_else(|| "portal".to_owned(), |(key, _)| format!("Backlog {key}")));
    let backlog = via_backlog.as_ref().map(|(k, c)| json!({ "issue": k, "comment": c }));
    let after = json!({ "state": ApplicationState::Reported, "backlog": backlog });
    let actor = Actor { id: Some(staff.id), label: staff.email.clone() };
    record_move(&txn, scope, id, (app.state, ApplicationState::Reported), &actor, note, after, now).await?;
    txn.commit().await?;
    get(db, scope, id, staff.id).await
}

/// Staff assign an application to a CSM, or clear the assignment.
pub async fn assign(
    db: &DatabaseConnection,
    staff: &user::Model,
    id: Uuid,
    csm: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<ApplicationView, AppError> {
    let scope = applications::scope_for_staff(db, staff, id).await?.ok_or(AppError::NotFound)?;
    if let Some(csm_id) = csm {
        let u = portal_db::queries::users::find(db, csm_id).await?;
        if u.is_none_or(|u| u.role != portal_domain::Role::Csm) {
            return Err(AppError::field("csm_id", ErrorCode::Invalid, "not a CSM"));
        }
    }
    let txn = db.begin().await?;
    if !applications::assign(&txn, scope, id, csm, now).await? {
        return Err(AppError::NotFound);
    }
    let record = audit::Record {
        action: AuditAction::ApplicationTransition,
        target_type: "application",
        target_id: id.to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(json!({ "assigned_csm": csm })),
    };
    audit::record(&txn, &Actor { id: Some(staff.id), label: staff.email.clone() }, record, now).await?;
    txn.commit().await?;
    get(db, scope, id, staff.id).await
}
