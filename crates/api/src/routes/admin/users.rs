//! Staff views of users (R7.5: staff, never self-service, reset lost credentials).

use actix_web::{get, post, web, HttpRequest};
use portal_app::staff;
use portal_db::queries::users;
use portal_domain::admin::{AdminUser, AdminUserPage};
use portal_domain::auth::CredentialResetResponse;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Query, Staff};
use crate::routes::{page_links, Paged, Paging};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct UserSearch {
    /// Search in e-mail, name and company name.
    pub q: Option<String>,
}

/// List users (staff)
///
/// Customers grouped by company name, then staff; searchable and paginated.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(UserSearch, Paging),
    responses(
        (status = 200, description = "A page of users", body = AdminUserPage),
        (status = 403, description = "Not staff", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad paging parameters", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    _staff: Staff,
    query: Query<UserSearch>,
    paging: Query<Paging>,
    req: HttpRequest,
) -> Result<Paged<AdminUserPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let found = users::list_for_staff(&state.db, query.q.as_deref(), page, per_page).await?;
    let items = found
        .items
        .into_iter()
        .map(|(u, c)| {
            Ok(AdminUser {
                id: u.id,
                role: u.role,
                email: u.email,
                display_name: u.display_name,
                company_name: c.map(|c| c.name),
                mfa_enabled: u.totp_secret.is_some(),
                must_change_password: u.must_change_password,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let links = page_links(&req, page, per_page, found.total);
    Ok(Paged(AdminUserPage { items, total: found.total, page, per_page, links }))
}

/// Reset a customer's password and MFA (staff)
///
/// Issues a new temporary password (returned once, to be handed over; it signs in until
/// `expires_at`, 72 hours by default), removes TOTP and recovery
/// codes, ends every session and lifts any sign-in lock. The user must set a new password and enrol
/// MFA again (R7.5). Staff accounts are reset with the `portal admin` command instead.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "Credentials reset", body = CredentialResetResponse),
        (status = 403, description = "Not staff, or the target is staff", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/users/{id}/credentials/reset")]
pub async fn reset_user_credentials(
    state: web::Data<AppState>,
    caller: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<CredentialResetResponse>, ApiError> {
    let now = state.now();
    let expires_at = state.settings.temp_password_until(now);
    let temporary_password =
        staff::reset_customer_credentials(&state.db, *id, &caller.actor(), expires_at, now).await?;
    Ok(web::Json(CredentialResetResponse { user_id: *id, temporary_password, expires_at }))
}
