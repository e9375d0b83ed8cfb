use actix_web::{get, web};
use portal_domain::company::CompanyDetail;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::Staff;
use crate::state::AppState;
use portal_app::views as company_view;

/// One company (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id")),
    responses(
        (status = 200, description = "The company", body = CompanyDetail),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/companies/{id}")]
pub async fn get_company_detail(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<CompanyDetail>, ApiError> {
    let scope = staff.scope(*id)?;
    Ok(web::Json(company_view::company_detail(&state.db, scope, state.now()).await?))
}
