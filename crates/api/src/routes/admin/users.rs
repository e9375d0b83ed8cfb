//! Staff views of users (R7.5: staff, never self-service, reset lost credentials).

use actix_web::{get, post, web};
use chrono::Utc;
use portal_db::queries::{audit, recovery_codes, sessions, users};
use portal_domain::admin::{AdminUser, AdminUserPage};
use portal_domain::auth::CredentialResetResponse;
use portal_domain::Role;
use sea_orm::TransactionTrait;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::{passwords, secrets, throttle};
use crate::error::ApiError;
use crate::extractors::Staff;
use crate::routes::Paging;
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
    security(("bearer" = [])),
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
    query: web::Query<UserSearch>,
    paging: web::Query<Paging>,
) -> Result<web::Json<AdminUserPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let found = users::list_for_staff(&state.db, query.q.as_deref(), page, per_page).await?;
    let items = found
        .items
        .into_iter()
        .map(|(u, c)| AdminUser {
            id: u.id,
            role: Role::parse(&u.role).unwrap_or(Role::Member),
            email: u.email,
            display_name: u.display_name,
            company_name: c.map(|c| c.name),
            mfa_enabled: u.totp_secret.is_some(),
            must_change_password: u.must_change_password,
        })
        .collect();
    Ok(web::Json(AdminUserPage { items, total: found.total, page, per_page }))
}

/// Reset a customer's password and MFA (staff)
///
/// Issues a new temporary password (returned once, to be handed over), removes TOTP and recovery
/// codes, ends every session and lifts any sign-in lock. The user must set a new password and enrol
/// MFA again (R7.5). Staff accounts are reset with the `portal admin` command instead.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
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
    Staff(staff): Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<CredentialResetResponse>, ApiError> {
    let target = users::find(&state.db, *id).await?.ok_or(ApiError::NotFound)?;
    if Role::parse(&target.role).is_none_or(Role::is_staff) {
        return Err(ApiError::Forbidden);
    }
    let temporary_password = secrets::temporary_password();
    let hash = passwords::hash_blocking(temporary_password.clone()).await?;
    let now = Utc::now();
    let txn = state.db.begin().await?;
    users::reset_credentials(&txn, target.id, hash, now).await?;
    recovery_codes::delete_all(&txn, target.id).await?;
    sessions::revoke_all_for_user(&txn, target.id, "staff_reset", now).await?;
    throttle::clear(&txn, &throttle::account_key(&target.email)).await?;
    let record = audit::Record {
        action: "user.reset_credentials",
        target_type: "user",
        target_id: target.id.to_string(),
        company_id: target.company_id,
        before: Some(json!({ "mfa_enabled": target.totp_secret.is_some() })),
        after: Some(json!({ "mfa_enabled": false, "must_change_password": true })),
    };
    let actor = audit::Actor { id: Some(staff.user.id), label: staff.user.email.clone() };
    audit::record(&txn, &actor, record, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %target.id, staff.id = %staff.user.id, "credentials reset by staff");
    Ok(web::Json(CredentialResetResponse { user_id: target.id, temporary_password }))
}
