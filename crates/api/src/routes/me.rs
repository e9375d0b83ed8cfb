use actix_web::{get, web};
use portal_db::queries::{companies, recovery_codes, CompanyScope};
use portal_domain::auth::{CompanySummary, Me};

use crate::error::ApiError;
use crate::extractors::Caller;
use crate::state::AppState;

/// The signed-in user
///
/// Who you are, your role and your company (absent for staff).
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The current user", body = Me),
        (status = 401, description = "Not signed in", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Sign-in not finished (password change or MFA first)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, Caller(caller): Caller) -> Result<web::Json<Me>, ApiError> {
    let user = &caller.user;
    let company = match CompanyScope::of_customer(user) {
        Some(scope) => {
            companies::find(&state.db, scope).await?.map(|c| CompanySummary { id: c.id, name: c.name, code: c.code })
        }
        None => None,
    };
    let left = recovery_codes::count_unused(&state.db, user.id).await?;
    Ok(web::Json(Me {
        id: user.id,
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        role: caller.role,
        company,
        mfa_enabled: user.totp_secret.is_some(),
        recovery_codes_left: left as u32,
    }))
}

/// My recent sign-ins
///
/// The caller's latest successful sign-ins (up to 10, newest first) with the address and browser,
/// so a sign-in that was not theirs stands out.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recent sign-ins", body = portal_domain::auth::RecentSignIns),
        (status = 401, description = "Not signed in", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Sign-in not finished (password change or MFA first)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/sign-ins")]
pub async fn my_sign_ins(
    state: web::Data<AppState>,
    Caller(caller): Caller,
) -> Result<web::Json<portal_domain::auth::RecentSignIns>, ApiError> {
    Ok(web::Json(crate::auth::events::recent_sign_ins(&state.db, caller.user.id).await?))
}
