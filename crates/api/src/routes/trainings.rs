//! Trainings (R5): the year's menu, bookings (free, or with tickets as aws-training), and the
//! admins' menu editing.

use actix_web::{get, post, web, HttpResponse};
use portal_app::trainings;
use portal_db::queries::CompanyScope;
use portal_domain::trainings::{BookTrainingRequest, BookingView, NewTrainingMenu, TrainingList, TrainingMenuView};
use portal_domain::Role;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Admin, Caller, Customer, JsonBody};
use crate::state::AppState;

/// The trainings of the year
///
/// The menu of the fiscal year in force. For a customer, each training says which route the
/// portal offers now (free while the rank's free trainings last, then tickets, R5.2) or why it
/// cannot be booked; `free_left` is what the company has left this year.
#[utoipa::path(
    tag = "trainings",
    security(("bearer" = [])),
    responses((status = 200, description = "The menu", body = TrainingList))
)]
#[get("/trainings")]
pub async fn list_trainings(
    state: web::Data<AppState>,
    Caller(caller): Caller,
) -> Result<web::Json<TrainingList>, ApiError> {
    let scope = CompanyScope::of_customer(&caller.user);
    Ok(web::Json(trainings::list(&state.db, scope, state.now()).await?))
}

/// Book a training (representatives)
///
/// `free`: one of the rank's free trainings of the year (BRONZE and above; 409
/// `free_trainings_used_up` once they are used, naming the ticket route). `tickets`: the option
/// service aws-training with the training's tickets (an application is made and the tickets
/// spent). One booking per training and company (`already_booked`); hands-on seats are limited
/// (`training_full`).
#[utoipa::path(
    tag = "trainings",
    security(("bearer" = ["representative"])),
    params(("id" = Uuid, Path, description = "Training id")),
    request_body = BookTrainingRequest,
    responses(
        (status = 201, description = "Booked", body = BookingView),
        (status = 404, description = "No such training this year", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Cannot be booked; `code` says why", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/trainings/{id}/bookings")]
pub async fn book_training(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
    body: JsonBody<BookTrainingRequest>,
) -> Result<HttpResponse, ApiError> {
    if customer.caller.role != Role::Representative {
        return Err(ApiError::Forbidden);
    }
    let body = body.parse().await?;
    let b = trainings::book(&state.db, customer.scope, &customer.caller.user, *id, body.route, state.now()).await?;
    Ok(HttpResponse::Created().json(b))
}

/// Cancel a free booking (representatives)
///
/// Before the training starts; the free training counts again. A booking made with tickets is
/// cancelled through its aws-training application, which refunds them.
#[utoipa::path(
    tag = "trainings",
    security(("bearer" = ["representative"])),
    params(("id" = Uuid, Path, description = "Booking id")),
    responses(
        (status = 200, description = "Cancelled", body = BookingView),
        (status = 404, description = "Not your company's booking", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/training-bookings/{id}/cancel")]
pub async fn cancel_booking(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<BookingView>, ApiError> {
    if customer.caller.role != Role::Representative {
        return Err(ApiError::Forbidden);
    }
    let actor = customer.actor();
    Ok(web::Json(trainings::cancel(&state.db, customer.scope, *id, &actor, state.now()).await?))
}

/// Add a training to a year's menu (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    request_body = NewTrainingMenu,
    responses((status = 201, description = "Added", body = TrainingMenuView))
)]
#[post("/admin/trainings")]
pub async fn create_training(
    state: web::Data<AppState>,
    admin: Admin,
    body: JsonBody<NewTrainingMenu>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let m = trainings::create_menu(&state.db, &body, &admin.0.actor(), state.now()).await?;
    Ok(HttpResponse::Created().json(m))
}
