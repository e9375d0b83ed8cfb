use actix_web::{post, web};
use chrono::Utc;
use portal_domain::company::{CompanyOverview, RankOverrideRequest};

use crate::error::ApiError;
use crate::extractors::Staff;
use crate::routes::reason;
use crate::services::{company_view, rank_override};
use crate::state::AppState;
use uuid::Uuid;

/// Override a company's rank for a fiscal year (staff)
///
/// A reason is mandatory (R2.4). For the current year the ticket grant follows at once (e.g.
/// REGULAR → GOLD adds 15 tickets); for next year the rollover will use it.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = RankOverrideRequest,
    responses(
        (status = 200, description = "The company after the override", body = CompanyOverview),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing reason or a past fiscal year", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/companies/{id}/rank-override")]
pub async fn override_rank(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: web::Json<RankOverrideRequest>,
) -> Result<web::Json<CompanyOverview>, ApiError> {
    let reason = reason(&body.reason)?;
    let scope = staff.scope(*id);
    let now = Utc::now();
    rank_override::apply(&state.db, scope, body.fiscal_year, body.rank, &reason, &staff.actor(), now).await?;
    Ok(web::Json(company_view::overview(&state.db, scope, now).await?))
}
