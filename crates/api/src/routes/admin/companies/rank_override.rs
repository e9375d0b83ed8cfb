use actix_web::{post, web};
use portal_app::rank_override;
use portal_app::views as company_view;
use portal_domain::company::{CompanyOverview, RankOverrideRequest};
use portal_domain::fiscal::FiscalYear;
use portal_domain::inputs::RankOverride;

use crate::error::ApiError;
use crate::extractors::Admin;
use crate::extractors::JsonBody;
use crate::state::AppState;
use uuid::Uuid;

/// Override a company's rank for a fiscal year (admin)
///
/// A reason is mandatory (R2.4). For the current year the ticket grant follows at once (e.g.
/// REGULAR → GOLD adds 15 tickets); for next year the rollover will use it.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
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
    admin: Admin,
    id: web::Path<Uuid>,
    body: JsonBody<RankOverrideRequest>,
) -> Result<web::Json<CompanyOverview>, ApiError> {
    let body = body.parse().await?;
    let now = state.now();
    let change = RankOverride::parse(&body, FiscalYear::containing(now))?;
    let scope = admin.0.scope(*id)?;
    rank_override::apply(&state.db, scope, &change, &admin.0.actor(), now).await?;
    Ok(web::Json(company_view::overview(&state.db, scope, now).await?))
}
