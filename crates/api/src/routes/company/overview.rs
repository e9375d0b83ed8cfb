use actix_web::{get, web};
use portal_domain::company::CompanyOverview;

use crate::error::ApiError;
use crate::extractors::Customer;
use crate::state::AppState;
use portal_app::views as company_view;

/// Your company
///
/// Rank and its benefits for the fiscal year, ticket balance with its expiry, free trainings left
/// and linked AWS accounts (R7.6).
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative", "member"])),
    responses(
        (status = 200, description = "The caller's company", body = CompanyOverview),
        (status = 403, description = "Staff have no company of their own", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company")]
pub async fn get_company(
    state: web::Data<AppState>,
    customer: Customer,
) -> Result<web::Json<CompanyOverview>, ApiError> {
    Ok(web::Json(company_view::overview(&state.db, customer.scope, state.now()).await?))
}
