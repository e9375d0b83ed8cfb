use actix_web::{post, web, HttpRequest, HttpResponse};
use portal_db::queries::{sessions, users};
use portal_domain::audit::AuditAction;
use portal_domain::auth::{AuthResponse, LoginRequest, SessionStage};
use portal_domain::email::Email;
use portal_domain::ErrorCode;
use sea_orm::TransactionTrait;
use serde_json::json;

use crate::auth::{events, passwords, session_flow, throttle};
use crate::error::ApiError;
use crate::extractors::ClientInfo;
use crate::routes::required;
use crate::state::AppState;

/// Sign in with e-mail and password
///
/// Starts a session at the first stage the user still has to pass: `change_password` after a
/// temporary password, `enroll_mfa` until TOTP is set up, else `verify_mfa`. Wrong passwords are
/// counted per account and address, per address, and per account across all addresses: the
/// first two slow down and then lock that address; the last slows down only addresses that have
/// already failed, so the owner can always sign in from elsewhere (429 with `retry_after`). A
/// temporary password works for 72 hours (`temporary_password_expired` after).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    params(("X-Refresh-Token-Transport" = Option<String>, Header, description = "`cookie`: later refresh tokens travel in an HttpOnly cookie, not the body (browsers)")),
    responses(
        (status = 200, description = "Password accepted; `next` names the next step", body = AuthResponse),
        (status = 401, description = "Wrong e-mail or password (`invalid_credentials`), an expired temporary password (`temporary_password_expired`), or a disabled account (`account_disabled`)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or malformed field", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "`login_throttled` or `account_locked`; see `retry_after`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let email_raw = required("email", &body.email)?;
    let email =
        Email::parse(email_raw).map_err(|e| ApiError::field("email", ErrorCode::InvalidEmail, e.to_string()))?;
    if body.password.is_empty() {
        return Err(ApiError::field("password", ErrorCode::Required, "password is required"));
    }
    let now = state.now();
    let keys = throttle::PasswordKeys::new(email.as_str(), &client.throttle_key());
    throttle::check_password(&state.db, &keys, now).await?;

    let user = users::find_by_email(&state.db, email.as_str()).await?;
    let ok = passwords::verify_blocking(body.password.clone(), user.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match (user, ok) {
        (Some(user), true) => user,
        (known, _) => return Err(failed(&state, known, &keys, &client).await?),
    };
    // R7.4: a representative disabled this account (the right password is needed to learn it).
    if user.disabled_at.is_some() {
        let detail = Some(json!({ "reason": "account_disabled" }));
        events::record(&state.db, &user, AuditAction::AuthSignInFailed, &client.audit(), detail, now).await?;
        return Err(ApiError::AccountDisabled);
    }
    if user.must_change_password && user.temp_password_expires_at.is_some_and(|until| until <= now) {
        let detail = Some(json!({ "reason": "temporary_password_expired" }));
        events::record(&state.db, &user, AuditAction::AuthSignInFailed, &client.audit(), detail, now).await?;
        return Err(ApiError::TemporaryPasswordExpired);
    }

    let stage = SessionStage::after_password(user.must_change_password, user.totp_secret.is_some());
    let txn = state.db.begin().await?;
    throttle::password_succeeded(&txn, &keys).await?;
    let session = sessions::create(&txn, user.id, stage, now).await?;
    let res = session_flow::respond(&txn, &state, user.id, session.id, stage, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %user.id, stage = stage.as_str(), "password accepted");
    Ok(session_flow::reply(&state.settings, session_flow::Transport::of(&req), res))
}

/// Counts a wrong password and records it. Failures for addresses that are nobody's account only
/// reach the log: the audit log is about people, and must not grow with an attacker's guesses.
async fn failed(
    state: &AppState,
    known: Option<portal_db::entities::user::Model>,
    keys: &throttle::PasswordKeys,
    client: &ClientInfo,
) -> Result<ApiError, ApiError> {
    let now = state.now();
    let counted = throttle::password_failed(&state.db, keys, now).await?;
    match known {
        Some(user) => {
            let detail = Some(json!({ "reason": "wrong_password" }));
            events::record(&state.db, &user, AuditAction::AuthSignInFailed, &client.audit(), detail, now).await?;
            if counted.locked {
                events::record(&state.db, &user, AuditAction::AuthLocked, &client.audit(), None, now).await?;
            }
        }
        None => tracing::info!(client.address = %client.address, "sign-in failed for an unknown e-mail address"),
    }
    Ok(ApiError::InvalidCredentials)
}
