//! Applications for option services, the customer's side (R4.3–R4.6).

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use portal_app::{application_threads, applications};
use portal_domain::services::{
    ApplicationPage, ApplicationView, ApplyRequest, MessageList, MessageView, PostMessageRequest,
};
use portal_domain::Role;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Customer, JsonBody, Query};
use crate::routes::{page_links, Paged, Paging};
use crate::state::AppState;

fn representative(customer: &Customer) -> Result<(), ApiError> {
    if customer.caller.role == Role::Representative {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Apply for an option service (representatives)
///
/// Spends the service's tickets in the same transaction that records the application (R3.3):
/// a service the rank may not buy (`service_not_for_rank`), a paused or ended one
/// (`service_not_offered`), one whose yearly capacity is used up (`service_capacity_exhausted`) or a
/// cost above the balance (`insufficient_tickets`) is 409. Per-account services need one of the
/// company's linked AWS accounts; web-vuln-lite needs the hearing sheet, with a window starting at
/// least 20 business days out (R4.4). Send an `Idempotency-Key`: a retried request with the same
/// key answers with the first application (200) instead of applying twice.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = ["representative"])),
    request_body = ApplyRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "One per form submission (at most 200 characters)")),
    responses(
        (status = 201, description = "Applied; the tickets are spent", body = ApplicationView),
        (status = 200, description = "The application made earlier with this `Idempotency-Key`", body = ApplicationView),
        (status = 409, description = "Not available now; `code` says why", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/applications")]
pub async fn apply(
    state: web::Data<AppState>,
    customer: Customer,
    req: HttpRequest,
    body: JsonBody<ApplyRequest>,
) -> Result<HttpResponse, ApiError> {
    representative(&customer)?;
    let body = body.parse().await?;
    let key = req.headers().get("idempotency-key").and_then(|v| v.to_str().ok());
    let done = applications::apply(
        &state.db,
        customer.scope,
        &customer.caller.user,
        &body,
        key,
        state.backlog.is_some(),
        state.now(),
    )
    .await?;
    let mut res = if done.created { HttpResponse::Created() } else { HttpResponse::Ok() };
    Ok(res.json(done.application))
}

/// Your company's applications, newest first
#[utoipa::path(
    tag = "applications",
    security(("bearer" = ["representative", "member"])),
    params(Paging),
    responses((status = 200, description = "A page of applications with their timelines", body = ApplicationPage))
)]
#[get("/company/applications")]
pub async fn list_applications(
    state: web::Data<AppState>,
    customer: Customer,
    paging: Query<Paging>,
    req: HttpRequest,
) -> Result<Paged<ApplicationPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let mut found = applications::list(&state.db, customer.scope, customer.caller.user.id, page, per_page).await?;
    found.links = page_links(&req, page, per_page, found.total);
    Ok(Paged(found))
}

/// One of your company's applications, with its timeline
#[utoipa::path(
    tag = "applications",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, description = "The application", body = ApplicationView),
        (status = 404, description = "Not your company's application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/applications/{id}")]
pub async fn get_application(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    Ok(web::Json(applications::get(&state.db, customer.scope, *id, customer.caller.user.id).await?))
}

/// Cancel an application (representatives)
///
/// Only while it is `submitted`, and only where the service allows (web-vuln-lite never, R4.4);
/// the tickets go back (R4.6). Otherwise 409 `invalid_transition` naming the current state.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = ["representative"])),
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, description = "Cancelled; the tickets are back", body = ApplicationView),
        (status = 404, description = "Not your company's application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/applications/{id}/cancel")]
pub async fn cancel_application(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    representative(&customer)?;
    let actor = customer.actor();
    Ok(web::Json(applications::cancel(&state.db, customer.scope, *id, &actor, state.now()).await?))
}

/// An application's thread
///
/// The messages between your company and our staff, oldest first (R4.7); reading marks them read.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, description = "The thread", body = MessageList),
        (status = 404, description = "Not your company's application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/applications/{id}/messages")]
pub async fn list_messages(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<MessageList>, ApiError> {
    Ok(web::Json(
        application_threads::messages(&state.db, customer.scope, *id, &customer.caller.user, state.now()).await?,
    ))
}

/// Write to an application's thread
///
/// Every user of the company may write; the staff working the application are told by e-mail.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Application id")),
    request_body = PostMessageRequest,
    responses(
        (status = 201, description = "Posted", body = MessageView),
        (status = 404, description = "Not your company's application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/applications/{id}/messages")]
pub async fn post_message(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
    body: JsonBody<PostMessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let m = application_threads::post(
        &state.db,
        &state.notices,
        customer.scope,
        *id,
        &customer.caller.user,
        &body.body,
        state.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(m))
}

/// Pick a meeting time
///
/// One of the times staff proposed; the application becomes `scheduled`. Any user of the company may pick.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Application id"), ("slot_id" = Uuid, Path, description = "Proposed time id")),
    responses(
        (status = 200, description = "Scheduled", body = ApplicationView),
        (status = 404, description = "Not your company's application or time", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: a time was already chosen", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/applications/{id}/slots/{slot_id}/pick")]
pub async fn pick_slot(
    state: web::Data<AppState>,
    customer: Customer,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    let (id, slot_id) = path.into_inner();
    Ok(web::Json(
        application_threads::pick_slot(&state.db, customer.scope, id, slot_id, &customer.caller.user, state.now())
            .await?,
    ))
}
