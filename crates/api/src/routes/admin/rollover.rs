use actix_web::{post, web};
use portal_app::rollover;
use portal_domain::company::{RolloverReport, RolloverRequest};

use crate::error::ApiError;
use crate::extractors::Admin;
use crate::extractors::JsonBody;
use crate::state::AppState;

/// Run the yearly rollover for a fiscal year (admin)
///
/// What runs by itself every April 1 00:00 JST (R2.5, R3.1). Idempotent: a second run changes
/// nothing and reports the companies as unchanged.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    request_body = RolloverRequest,
    responses(
        (status = 200, description = "What the run did", body = RolloverReport),
        (status = 422, description = "A fiscal year other than the one under way (`not_current_fiscal_year`)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/jobs/rollover")]
pub async fn run_rollover(
    state: web::Data<AppState>,
    admin: Admin,
    body: JsonBody<RolloverRequest>,
) -> Result<web::Json<RolloverReport>, ApiError> {
    let body = body.parse().await?;
    Ok(web::Json(rollover::run(&state.db, body.fiscal_year, &admin.0.actor(), state.now()).await?))
}
