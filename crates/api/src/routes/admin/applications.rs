//! Applications, the staff's side (R4.6, R6.5).

use actix_web::{get, post, put, web};
use portal_app::{application_threads, applications};
use portal_domain::services::{
    ApplicationQueue, ApplicationState, ApplicationView, AssignRequest, ChecklistItem, ChecklistUpdate, MessageList,
    MessageView, PostMessageRequest, ProposeSlotsRequest, ReportRequest, ServiceUpdate, ServiceView, TransitionRequest,
};
use portal_domain::ErrorCode;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Admin, JsonBody, Query, Staff};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct QueueFilter {
    /// Only this state; empty for every open one.
    #[param(value_type = Option<ApplicationState>)]
    pub state: Option<String>,
    /// Only this service code.
    pub service: Option<String>,
    /// Only applications assigned to this CSM.
    pub csm: Option<Uuid>,
}

/// The staff queue of open applications
///
/// Every open application across companies, PLATINUM companies first, then the oldest (R6.5).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(QueueFilter),
    responses((status = 200, description = "Open applications", body = ApplicationQueue))
)]
#[get("/admin/applications")]
pub async fn queue(
    state: web::Data<AppState>,
    staff: Staff,
    filter: Query<QueueFilter>,
) -> Result<web::Json<ApplicationQueue>, ApiError> {
    let wanted = match filter.state.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(ApplicationState::parse(s).ok_or_else(|| {
            ApiError::field("state", ErrorCode::Invalid, format!("{s:?} is not an application state"))
        })?),
    };
    let service = filter.service.as_deref().map(str::trim).filter(|s| !s.is_empty());
    Ok(web::Json(ApplicationQueue {
        items: applications::staff_queue(&state.db, staff.0.user.id, wanted, service, filter.csm).await?,
    }))
}

/// One application (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, description = "The application", body = ApplicationView),
        (status = 404, description = "No such application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/applications/{id}")]
pub async fn get_application_for_staff(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    let scope = portal_db::queries::applications::scope_for_staff(&state.db, &staff.0.user, *id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(web::Json(applications::get(&state.db, scope, *id, staff.0.user.id).await?))
}

/// Move an application on (staff)
///
/// `accept`, `schedule`, `start`, `report`, `complete`, or `reject` (with a `note` saying why;
/// until work starts). Reject gives the tickets back into the year they came from; if that year
/// has ended, they lapse with it at once. An action the current state does not allow is 409
/// `invalid_transition` naming the state.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id")),
    request_body = TransitionRequest,
    responses(
        (status = 200, description = "The application in its new state", body = ApplicationView),
        (status = 404, description = "No such application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/applications/{id}/transitions")]
pub async fn transition(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<TransitionRequest>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    let body = body.parse().await?;
    Ok(web::Json(applications::transition(&state.db, &staff.0.user, *id, &body, state.now()).await?))
}

/// Change an option service (admins)
///
/// Cost, ranks that may buy it, capacity, cancellability, lead time, names, and status (`active`,
/// `paused`, `ended`). Applications already made keep the terms they were made under. Audited.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(("code" = String, Path, description = "Service code, e.g. `web-vuln-lite`")),
    request_body = ServiceUpdate,
    responses(
        (status = 200, description = "The service as it is now", body = ServiceView),
        (status = 404, description = "No such service", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/services/{code}")]
pub async fn update_service(
    state: web::Data<AppState>,
    admin: Admin,
    code: web::Path<String>,
    body: JsonBody<ServiceUpdate>,
) -> Result<web::Json<ServiceView>, ApiError> {
    let body = body.parse().await?;
    let actor = admin.0.actor();
    Ok(web::Json(applications::update_service(&state.db, &code, &body, &actor, state.now()).await?))
}

/// An application's thread (staff)
///
/// The messages between the company's users and staff, oldest first (R4.7); reading marks them read.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, description = "The thread", body = MessageList),
        (status = 404, description = "No such application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/applications/{id}/messages")]
pub async fn staff_messages(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<MessageList>, ApiError> {
    let scope = portal_db::queries::applications::scope_for_staff(&state.db, &staff.0.user, *id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(web::Json(application_threads::messages(&state.db, scope, *id, &staff.0.user, state.now()).await?))
}

/// Write to an application's thread (staff)
///
/// The company's users are told by e-mail.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id")),
    request_body = PostMessageRequest,
    responses(
        (status = 201, description = "Posted", body = MessageView),
        (status = 404, description = "No such application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/applications/{id}/messages")]
pub async fn staff_post_message(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<PostMessageRequest>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let body = body.parse().await?;
    let scope = portal_db::queries::applications::scope_for_staff(&state.db, &staff.0.user, *id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let m = application_threads::post(&state.db, &state.notices, scope, *id, &staff.0.user, &body.body, state.now())
        .await?;
    Ok(actix_web::HttpResponse::Created().json(m))
}

/// Propose meeting times (staff)
///
/// 1–5 times for an accepted application, each inside service hours (weekdays 10:00–19:00 JST on
/// business days, the Japanese holidays and the year-end closure excluded). The customer picks one.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id")),
    request_body = ProposeSlotsRequest,
    responses(
        (status = 200, description = "The application with its proposed times", body = ApplicationView),
        (status = 404, description = "No such application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: not accepted", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/applications/{id}/slots")]
pub async fn propose_slots(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<ProposeSlotsRequest>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    let body = body.parse().await?;
    Ok(web::Json(application_threads::propose_slots(&state.db, &staff.0.user, *id, &body.slots, state.now()).await?))
}

/// Deliver the work report (staff)
///
/// For an application `in_progress`: on the customer's Backlog issue when the application's
/// channel is Backlog (its AWS account is under a maintenance contract and the portal has Backlog
/// configured; send `backlog_issue_key`), otherwise in the portal thread (R4.8). The application
/// becomes `reported`. A Backlog that refuses the comment (502 `backlog_failed`, its reason in
/// `detail`) changes nothing.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id")),
    request_body = ReportRequest,
    responses(
        (status = 200, description = "Reported", body = ApplicationView),
        (status = 404, description = "No such application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 502, description = "`backlog_failed`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/applications/{id}/report")]
pub async fn deliver_report(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<ReportRequest>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    let body = body.parse().await?;
    let backlog = state.backlog.as_deref();
    Ok(web::Json(applications::report(&state.db, backlog, &staff.0.user, *id, &body, state.now()).await?))
}

/// Tick a step of an account-diagnosis checklist (staff)
///
/// diagnosis role created → Config/Security Hub enabled → report delivered → role deleted (R4.5);
/// the customer sees it on the application.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id"), ("item" = ChecklistItem, Path, description = "The step")),
    request_body = ChecklistUpdate,
    responses(
        (status = 200, description = "The application with its checklist", body = ApplicationView),
        (status = 404, description = "No such application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an account-diagnosis application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/applications/{id}/checklist/{item}")]
pub async fn set_checklist_item(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(Uuid, String)>,
    body: JsonBody<ChecklistUpdate>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    let (id, item) = path.into_inner();
    let item = ChecklistItem::parse(&item).ok_or(ApiError::NotFound)?;
    let body = body.parse().await?;
    Ok(web::Json(applications::set_checklist_item(&state.db, &staff.0.user, id, item, body.done, state.now()).await?))
}

/// Assign an application to a CSM (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "Assigned", body = ApplicationView),
        (status = 404, description = "No such application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`csm_id` is not a CSM", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/applications/{id}/assignee")]
pub async fn assign(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<AssignRequest>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    let body = body.parse().await?;
    Ok(web::Json(applications::assign(&state.db, &staff.0.user, *id, body.csm_id, state.now()).await?))
}
