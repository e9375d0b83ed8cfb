use actix_web::{get, web};
use chrono::Utc;
use portal_db::queries::companies;
use portal_domain::company::{CompanyDetail, CompanyUser};
use portal_domain::Role;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::Staff;
use crate::services::company_view;
use crate::state::AppState;

/// One company (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
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
    let scope = staff.scope(*id);
    let c = companies::find(&state.db, scope.company_id()).await?.ok_or(ApiError::NotFound)?;
    let overview = company_view::overview(&state.db, scope, Utc::now()).await?;
    let users = companies::users(&state.db, scope)
        .await?
        .into_iter()
        .map(|u| CompanyUser {
            id: u.id,
            role: Role::parse(&u.role).unwrap_or(Role::Member),
            mfa_enabled: u.totp_secret.is_some(),
            email: u.email,
            display_name: u.display_name,
        })
        .collect();
    Ok(web::Json(CompanyDetail {
        overview,
        contract_types: companies::contract_types(&c),
        flags: companies::flags(&c),
        users,
    }))
}
