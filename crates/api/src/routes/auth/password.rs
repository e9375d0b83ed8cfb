use actix_web::{post, web, HttpRequest, HttpResponse};
use portal_db::queries::{sessions, users};
use portal_domain::audit::AuditAction;
use portal_domain::auth::{AuthResponse, ChangePasswordRequest, SessionStage};
use portal_domain::password::check_new_password;
use sea_orm::TransactionTrait;
use serde_json::json;

use crate::auth::{events, passwords, session_flow, throttle};
use crate::error::ApiError;
use crate::extractors::{AnyStage, ClientInfo, JsonBody};
use crate::state::AppState;

/// Change the password
///
/// Required right after signing in with a temporary password (R7.2); also available to fully
/// signed-in users. Every session of the user is revoked; the answer carries a new session at the
/// next stage (`enroll_mfa` when MFA is not set up yet, `full` for a user who was fully signed in).
/// The new password must not be one of the 19,640 most common passwords nor contain the e-mail
/// address.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    params(("X-Refresh-Token-Transport" = Option<String>, Header, description = "`cookie`: the refresh token is set as an HttpOnly cookie instead of returned")),
    responses(
        (status = 200, description = "Password changed; a new session", body = AuthResponse),
        (status = 401, description = "Wrong current password (`invalid_credentials`)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Another sign-in step comes first", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The new password breaks a rule (field `new_password`)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong current passwords", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    caller: AnyStage,
    body: JsonBody<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    caller.require(&[SessionStage::ChangePassword, SessionStage::Full])?;
    let now = state.now();
    let user = &caller.user;
    let keys = throttle::PasswordKeys::new(&user.email, &client.throttle_key());
    throttle::check_password(&state.db, &keys, now).await?;
    if !passwords::verify_blocking(body.current_password.clone(), Some(user.password_hash.clone())).await? {
        let counted = throttle::password_failed(&state.db, &keys, now).await?;
        let detail = Some(json!({ "reason": "wrong_current_password" }));
        events::record(&state.db, user, AuditAction::AuthSignInFailed, &client.audit(), detail, now).await?;
        if counted.locked {
            events::record(&state.db, user, AuditAction::AuthLocked, &client.audit(), None, now).await?;
        }
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
    users::set_password(&txn, user.id, hash, now).await?;
    let revoked = sessions::revoke_all_for_user(&txn, user.id, "password_changed", now).await?;
    let session = sessions::create(&txn, user.id, next, now).await?;
    let res = session_flow::respond(&txn, &state, user.id, session.id, next, now).await?;
    let detail = Some(json!({ "sessions_revoked": revoked, "was_temporary": user.must_change_password }));
    events::record(&txn, user, AuditAction::AuthPasswordChanged, &client.audit(), detail, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %user.id, sessions.revoked = revoked, "password changed");
    Ok(session_flow::reply(&state.settings, session_flow::Transport::of(&req), res))
}
