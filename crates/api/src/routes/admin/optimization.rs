//! Cloud optimization support (R6), the staff's side: an admin assigns each company's CSM; a CSM
//! (or admin) opens the engagement with a kickoff, records proposals, moves agreed ones on,
//! records their measured effect and comments.

use actix_web::{get, post, put, web, HttpResponse};
use portal_app::{optimization, optimization_proposals as proposals};
use portal_domain::optimization::{
    AssignCsmRequest, CommentRequest, EngagementView, HistoryView, MeasurementRequest, OpenEngagementRequest,
    ProposalList, ProposalRequest, ProposalTransitionRequest, ProposalView,
};
use portal_domain::services::{MessageList, MessageView, PostMessageRequest};
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Admin, JsonBody, Staff};
use crate::state::AppState;

/// Assign a company's CSM (admin)
///
/// Dedicated for PLATINUM, shared for GOLD and SILVER, by the company's rank this fiscal year. A
/// CSM who is already another company's dedicated CSM takes a second one only with
/// `override_reason` (409 `csm_already_dedicated` otherwise). Below SILVER: 409 `service_not_for_rank`.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = AssignCsmRequest,
    responses(
        (status = 200, description = "Assigned", body = EngagementView),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`csm_already_dedicated` or `service_not_for_rank`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`csm_id` is not an active CSM", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/companies/{id}/csm")]
pub async fn assign_csm(
    state: web::Data<AppState>,
    admin: Admin,
    id: web::Path<Uuid>,
    body: JsonBody<AssignCsmRequest>,
) -> Result<web::Json<EngagementView>, ApiError> {
    let body = body.parse().await?;
    let staff = &admin.0;
    let scope = staff.scope(*id)?;
    let v = optimization::assign_csm(&state.db, scope, &staff.0.user, &staff.actor(), &body, state.now()).await?;
    Ok(web::Json(v))
}

/// A company's cloud optimization (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id")),
    responses(
        (status = 200, description = "The engagement and CSM", body = EngagementView),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/companies/{id}/optimization")]
pub async fn get_company_optimization(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<EngagementView>, ApiError> {
    Ok(web::Json(optimization::view(&state.db, staff.scope(*id)?, true).await?))
}

/// Open the engagement with a kickoff (staff)
///
/// A kickoff message and 1–5 meeting times inside service hours (weekdays 10:00–19:00 JST on
/// business days); the customer picks one. One engagement is open at a time.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = OpenEngagementRequest,
    responses(
        (status = 201, description = "Opened", body = EngagementView),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`service_not_for_rank` (below SILVER) or `invalid_transition` (already open)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong; `errors` names it", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/companies/{id}/optimization")]
pub async fn open_engagement(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<OpenEngagementRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let scope = staff.scope(*id)?;
    let v = optimization::open(&state.db, scope, &staff.0.user, &staff.actor(), &body, state.now()).await?;
    Ok(HttpResponse::Created().json(v))
}

/// Write to the company in the engagement (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = PostMessageRequest,
    responses(
        (status = 201, description = "Posted", body = MessageView),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: no open engagement", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/companies/{id}/optimization/messages")]
pub async fn staff_post_optimization_message(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<PostMessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let scope = staff.scope(*id)?;
    let m = optimization::post(&state.db, scope, &staff.0.user, &staff.actor(), &body.body, state.now()).await?;
    Ok(HttpResponse::Created().json(m))
}

/// A company's proposals (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id")),
    responses((status = 200, description = "Newest first", body = ProposalList))
)]
#[get("/admin/companies/{id}/optimization/proposals")]
pub async fn staff_list_proposals(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<ProposalList>, ApiError> {
    Ok(web::Json(proposals::list(&state.db, staff.scope(*id)?).await?))
}

/// Record a proposal (staff)
///
/// Title, category, findings, expected effect (and a yen-per-month figure when there is one),
/// estimated effort, priority and whether the work falls under the maintenance contract or needs
/// a separate quote (R6.4). It starts `proposed`; the company's representative agrees or declines.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = ProposalRequest,
    responses(
        (status = 201, description = "Recorded", body = ProposalView),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`service_not_for_rank`: below SILVER", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong; `errors` names it", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/companies/{id}/optimization/proposals")]
pub async fn create_proposal(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<ProposalRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let scope = staff.scope(*id)?;
    let v = proposals::create(&state.db, scope, &staff.0.user, &staff.actor(), &body, state.now()).await?;
    Ok(HttpResponse::Created().json(v))
}

/// A company's improvement history (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id")),
    responses(
        (status = 200, description = "Proposals by status and measured monthly savings per fiscal year", body = HistoryView),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/companies/{id}/optimization/history")]
pub async fn staff_optimization_history(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<HistoryView>, ApiError> {
    Ok(web::Json(proposals::history(&state.db, staff.scope(*id)?).await?))
}

/// One proposal (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    responses(
        (status = 200, description = "The proposal", body = ProposalView),
        (status = 404, description = "No such proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/optimization/proposals/{id}")]
pub async fn staff_get_proposal(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<ProposalView>, ApiError> {
    let scope = proposals::staff_scope(&state.db, &staff.0.user, *id).await?;
    Ok(web::Json(proposals::get(&state.db, scope, *id).await?))
}

/// Move a proposal on (staff)
///
/// `start` an agreed proposal, `complete` one in progress; the customer's `agree` and `decline`
/// are 422 here. An illegal move is 409 `invalid_transition` naming the status.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    request_body = ProposalTransitionRequest,
    responses(
        (status = 200, description = "Moved", body = ProposalView),
        (status = 404, description = "No such proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`action` is the customer's", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/optimization/proposals/{id}/transitions")]
pub async fn transition_proposal(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<ProposalTransitionRequest>,
) -> Result<web::Json<ProposalView>, ApiError> {
    let body = body.parse().await?;
    let scope = proposals::staff_scope(&state.db, &staff.0.user, *id).await?;
    let v =
        proposals::transition(&state.db, scope, *id, (body.action, None), true, &staff.actor(), state.now()).await?;
    Ok(web::Json(v))
}

/// Record the measured effect (staff)
///
/// After completion (§3.1.3): baseline, result, unit, date and note. In `yen_per_month`,
/// `baseline - result` is the monthly saving the history sums. Recording again replaces it.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    request_body = MeasurementRequest,
    responses(
        (status = 200, description = "Recorded", body = ProposalView),
        (status = 404, description = "No such proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: the proposal is not done", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong; `errors` names it", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/optimization/proposals/{id}/measurement")]
pub async fn measure_proposal(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<MeasurementRequest>,
) -> Result<web::Json<ProposalView>, ApiError> {
    let body = body.parse().await?;
    let scope = proposals::staff_scope(&state.db, &staff.0.user, *id).await?;
    Ok(web::Json(proposals::measure(&state.db, scope, *id, &staff.actor(), &body, state.now()).await?))
}

/// Comments on a proposal (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    responses(
        (status = 200, description = "Oldest first", body = MessageList),
        (status = 404, description = "No such proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/optimization/proposals/{id}/comments")]
pub async fn staff_proposal_comments(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<MessageList>, ApiError> {
    let scope = proposals::staff_scope(&state.db, &staff.0.user, *id).await?;
    Ok(web::Json(proposals::comments(&state.db, scope, *id).await?))
}

/// Comment on a proposal (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    request_body = CommentRequest,
    responses(
        (status = 201, description = "Posted", body = MessageView),
        (status = 404, description = "No such proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`body` is empty or too long", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/optimization/proposals/{id}/comments")]
pub async fn staff_comment_on_proposal(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<CommentRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let scope = proposals::staff_scope(&state.db, &staff.0.user, *id).await?;
    let m = proposals::comment(&state.db, scope, *id, &staff.0.user, &staff.actor(), &body.body, state.now()).await?;
    Ok(HttpResponse::Created().json(m))
}
