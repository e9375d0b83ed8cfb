//! Rank thresholds (R2.3): staff-editable, versioned.

use actix_web::{get, put, web};
use portal_app::thresholds;
use portal_domain::company::{ThresholdsVersion, UpdateThresholdsRequest};
use portal_domain::inputs::ThresholdsChange;

use crate::error::ApiError;
use crate::extractors::JsonBody;
use crate::extractors::{Admin, Staff};
use crate::state::AppState;

/// Rank thresholds, newest version first (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    responses((status = 200, description = "Every version; the first is in force", body = Vec<ThresholdsVersion>))
)]
#[get("/admin/rank-thresholds")]
pub async fn list_thresholds(
    state: web::Data<AppState>,
    _staff: Staff,
) -> Result<web::Json<Vec<ThresholdsVersion>>, ApiError> {
    Ok(web::Json(thresholds::history(&state.db).await?))
}

/// Change the rank thresholds (admin)
///
/// Stores a new version (who, when, why); earlier versions stay for the record. Values are yen
/// per calendar year and must descend strictly from PLATINUM to BRONZE.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    request_body = UpdateThresholdsRequest,
    responses(
        (status = 200, description = "The new version", body = ThresholdsVersion),
        (status = 409, description = "Changed concurrently; reload and retry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not strictly descending, not positive, or no note", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/rank-thresholds")]
pub async fn update_thresholds(
    state: web::Data<AppState>,
    admin: Admin,
    body: JsonBody<UpdateThresholdsRequest>,
) -> Result<web::Json<ThresholdsVersion>, ApiError> {
    let body = body.parse().await?;
    let change = ThresholdsChange::parse(&body)?;
    Ok(web::Json(thresholds::change(&state.db, &change, &admin.0.actor(), state.now()).await?))
}
