use actix_web::{post, web};
use chrono::Utc;
use portal_domain::company::{RolloverReport, RolloverRequest};
use portal_domain::fiscal::FiscalYear;

use crate::error::ApiError;
use crate::extractors::Staff;
use crate::services::rollover;
use crate::state::AppState;

/// Run the yearly rollover for a fiscal year (staff)
///
/// What runs by itself every April 1 00:00 JST (R2.5, R3.1). Idempotent: a second run changes
/// nothing and reports the companies as unchanged.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = RolloverRequest,
    responses(
        (status = 200, description = "What the run did", body = RolloverReport),
        (status = 422, description = "A fiscal year that has not started", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/jobs/rollover")]
pub async fn run_rollover(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<RolloverRequest>,
) -> Result<web::Json<RolloverReport>, ApiError> {
    let now = Utc::now();
    let current = FiscalYear::containing(now);
    if body.fiscal_year > current || body.fiscal_year.0 < 2000 {
        return Err(ApiError::field(
            "fiscal_year",
            "out_of_range",
            format!("a fiscal year that has started (at most {})", current.0),
        ));
    }
    Ok(web::Json(rollover::run(&state.db, body.fiscal_year, &staff.actor(), now).await?))
}
