use actix_web::{post, web, HttpRequest};
use portal_db::queries::{sessions, users};
use portal_domain::auth::{AuthResponse, ChangePasswordRequest, SessionStage};
use portal_domain::password::check_new_password;
use sea_orm::TransactionTrait;

use crate::auth::{passwords, session_flow, throttle};
use crate::error::ApiError;
use crate::extractors::JsonBody;
use crate::extractors::{client_address, AnyStage};
use crate::state::AppState;

/// Change the password
///
/// Required right after signing in with a temporary password (R7.2); also available to fully
/// signed-in users. Every session of the user is revoked; the answer carries a new session at the
/// next stage (`enroll_mfa` when MFA is not set up yet, `full` for a user who was fully signed in).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Password changed; a new session", body = AuthResponse),
        (status = 401, description = "Wrong current password (`invalid_credentials`)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Another sign-in step comes first", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The new password breaks a rule (field `new_password`)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: AnyStage,
    body: JsonBody<ChangePasswordRequest>,
) -> Result<web::Json<AuthResponse>, ApiError> {
    let body = body.parse().await?;
    caller.require(&[SessionStage::ChangePassword, SessionStage::Full])?;
    let now = state.now();
    let user = &caller.user;
    let keys =
        [throttle::account_key(&user.email), throttle::address_key(&client_address(&req, state.settings.trust_proxy))];
    throttle::check(&state.db, &keys, now).await?;
    if !passwords::verify_blocking(body.current_password.clone(), Some(user.password_hash.clone())).await? {
        throttle::record_failure(&state.db, &keys, now).await?;
        return Err(ApiError::InvalidCredentials);
    }
    check_new_password(&body.new_password, &body.current_password, &user.email)
        .map_err(|e| ApiError::field("new_password", e.code(), e.to_string()))?;
    let hash = passwords::hash_blocking(body.new_password.clone()).await?;

    let next = match caller.stage {
        SessionStage::Full => SessionStage::Full,
        _ => SessionStage::after_password(false, user.totp_secret.is_some()),
    };
    let txn = state.db.begin().await?;
    users::set_password(&txn, user.id, hash, false, now).await?;
    let revoked = sessions::revoke_all_for_user(&txn, user.id, "password_changed", now).await?;
    let session = sessions::create(&txn, user.id, next, now).await?;
    let res = session_flow::respond(&txn, &state, user.id, session.id, next, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %user.id, sessions.revoked = revoked, "password changed");
    Ok(web::Json(res))
}
