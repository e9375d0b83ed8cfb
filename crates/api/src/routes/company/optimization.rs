//! Cloud optimization support (R6), the customer's side: the company's engagement and CSM, the
//! kickoff time, proposals (the representative agrees or declines), comments and the history.
//! A company below SILVER reads `GET /company/optimization` with `available: false` and
//! `unlocks_at`; what would act refuses with 409 `service_not_for_rank`.

use actix_web::{get, post, web, HttpResponse};
use portal_app::{optimization, optimization_proposals as proposals};
use portal_domain::optimization::{
    AgreeRequest, CommentRequest, EngagementView, HistoryView, ProposalAction, ProposalList, ProposalView,
};
use portal_domain::services::{MessageList, MessageView, PostMessageRequest};
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Customer, JsonBody};
use crate::state::AppState;

/// Your company's cloud optimization
///
/// Whether the rank of this fiscal year has the service (SILVER and above; below, `available` is
/// false and `unlocks_at` names the rank that opens it), your CSM (name and e-mail; dedicated for
/// PLATINUM, shared for GOLD and SILVER), and the engagement: kickoff times, messages, and whether
/// it is open or was closed (with a note saying why).
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative", "member"])),
    responses((status = 200, description = "The service for your company", body = EngagementView))
)]
#[get("/company/optimization")]
pub async fn get_optimization(
    state: web::Data<AppState>,
    customer: Customer,
) -> Result<web::Json<EngagementView>, ApiError> {
    Ok(web::Json(optimization::view(&state.db, customer.scope, false).await?))
}

/// Write to your CSM in the engagement
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative", "member"])),
    request_body = PostMessageRequest,
    responses(
        (status = 201, description = "Posted", body = MessageView),
        (status = 409, description = "`invalid_transition`: no open engagement", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/optimization/messages")]
pub async fn post_optimization_message(
    state: web::Data<AppState>,
    customer: Customer,
    body: JsonBody<PostMessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let user = &customer.caller.user;
    let m = optimization::post(&state.db, customer.scope, user, &customer.actor(), &body.body, state.now()).await?;
    Ok(HttpResponse::Created().json(m))
}

/// Pick the kickoff time
///
/// One of the times your CSM proposed; the others lapse.
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Slot id")),
    responses(
        (status = 200, description = "Picked", body = EngagementView),
        (status = 404, description = "Not a time of your company's engagement", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: a time was already chosen, or the engagement is closed", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/optimization/slots/{id}/pick")]
pub async fn pick_optimization_slot(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<EngagementView>, ApiError> {
    Ok(web::Json(optimization::pick_slot(&state.db, customer.scope, *id, &customer.actor(), state.now()).await?))
}

/// Your company's proposals
///
/// Newest first, whatever the rank is now.
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative", "member"])),
    responses((status = 200, description = "The proposals", body = ProposalList))
)]
#[get("/company/optimization/proposals")]
pub async fn list_proposals(
    state: web::Data<AppState>,
    customer: Customer,
) -> Result<web::Json<ProposalList>, ApiError> {
    Ok(web::Json(proposals::list(&state.db, customer.scope).await?))
}

/// One of your company's proposals
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    responses(
        (status = 200, description = "The proposal", body = ProposalView),
        (status = 404, description = "Not your company's proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/optimization/proposals/{id}")]
pub async fn get_proposal(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<ProposalView>, ApiError> {
    Ok(web::Json(proposals::get(&state.db, customer.scope, *id).await?))
}

/// Agree to a proposal
///
/// Representatives only. The priority is agreed with you: send `priority` to change the CSM's.
/// Only a `proposed` proposal is agreed (409 `invalid_transition` naming its status).
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    request_body = AgreeRequest,
    responses(
        (status = 200, description = "Agreed", body = ProposalView),
        (status = 404, description = "Not your company's proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: the status does not allow it", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/optimization/proposals/{id}/agree")]
pub async fn agree_proposal(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
    body: JsonBody<AgreeRequest>,
) -> Result<web::Json<ProposalView>, ApiError> {
    customer.representative()?;
    let body = body.parse().await?;
    let action = (ProposalAction::Agree, body.priority);
    let v =
        proposals::transition(&state.db, customer.scope, *id, action, false, &customer.actor(), state.now()).await?;
    Ok(web::Json(v))
}

/// Decline a proposal
///
/// Representatives only; while it is `proposed` or `agreed` (before the work starts).
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    responses(
        (status = 200, description = "Declined", body = ProposalView),
        (status = 404, description = "Not your company's proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: the status does not allow it", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/optimization/proposals/{id}/decline")]
pub async fn decline_proposal(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<ProposalView>, ApiError> {
    customer.representative()?;
    let action = (ProposalAction::Decline, None);
    let v =
        proposals::transition(&state.db, customer.scope, *id, action, false, &customer.actor(), state.now()).await?;
    Ok(web::Json(v))
}

/// Comments on a proposal
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    responses(
        (status = 200, description = "Oldest first", body = MessageList),
        (status = 404, description = "Not your company's proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/optimization/proposals/{id}/comments")]
pub async fn list_proposal_comments(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<MessageList>, ApiError> {
    Ok(web::Json(proposals::comments(&state.db, customer.scope, *id).await?))
}

/// Comment on a proposal
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    request_body = CommentRequest,
    responses(
        (status = 201, description = "Posted", body = MessageView),
        (status = 404, description = "Not your company's proposal", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`body` is empty or too long", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/optimization/proposals/{id}/comments")]
pub async fn comment_on_proposal(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
    body: JsonBody<CommentRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let user = &customer.caller.user;
    let m =
        proposals::comment(&state.db, customer.scope, *id, user, &customer.actor(), &body.body, state.now()).await?;
    Ok(HttpResponse::Created().json(m))
}

/// Your company's improvement history
///
/// Proposals by status and the measured monthly savings (yen) per fiscal year, for a chart and a
/// table (R6.3); readable whatever the rank is now.
#[utoipa::path(
    tag = "optimization",
    security(("bearer" = ["representative", "member"])),
    responses((status = 200, description = "The history", body = HistoryView))
)]
#[get("/company/optimization/history")]
pub async fn get_optimization_history(
    state: web::Data<AppState>,
    customer: Customer,
) -> Result<web::Json<HistoryView>, ApiError> {
    Ok(web::Json(proposals::history(&state.db, customer.scope).await?))
}
