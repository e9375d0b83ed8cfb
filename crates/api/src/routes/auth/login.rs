use actix_web::{post, web, HttpRequest};
use portal_db::queries::{sessions, users};
use portal_domain::auth::{AuthResponse, LoginRequest, SessionStage};
use portal_domain::email::Email;
use portal_domain::ErrorCode;
use sea_orm::TransactionTrait;

use crate::auth::{passwords, session_flow, throttle};
use crate::error::ApiError;
use crate::extractors::client_address;
use crate::routes::required;
use crate::state::AppState;

/// Sign in with e-mail and password
///
/// Starts a session at the first stage the user still has to pass: `change_password` after a
/// temporary password, `enroll_mfa` until TOTP is set up, else `verify_mfa`. Repeated failures per
/// account or per address are slowed down, then locked (429).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Password accepted; `next` names the next step", body = AuthResponse),
        (status = 401, description = "Wrong e-mail or password (`invalid_credentials`)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or malformed field", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "`login_throttled` or `account_locked`; see `retry_after`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<web::Json<AuthResponse>, ApiError> {
    let email_raw = required("email", &body.email)?;
    let email =
        Email::parse(email_raw).map_err(|e| ApiError::field("email", ErrorCode::InvalidEmail, e.to_string()))?;
    if body.password.is_empty() {
        return Err(ApiError::field("password", ErrorCode::Required, "password is required"));
    }
    let now = state.now();
    let keys = [
        throttle::account_key(email.as_str()),
        throttle::address_key(&client_address(&req, state.settings.trust_proxy)),
    ];
    throttle::check(&state.db, &keys, now).await?;

    let user = users::find_by_email(&state.db, email.as_str()).await?;
    let ok = passwords::verify_blocking(body.password.clone(), user.as_ref().map(|u| u.password_hash.clone())).await?;
    let Some(user) = user.filter(|_| ok) else {
        throttle::record_failure(&state.db, &keys, now).await?;
        return Err(ApiError::InvalidCredentials);
    };

    let stage = SessionStage::after_password(user.must_change_password, user.totp_secret.is_some());
    let txn = state.db.begin().await?;
    throttle::clear(&txn, &keys[0]).await?;
    let session = sessions::create(&txn, user.id, stage, now).await?;
    let res = session_flow::respond(&txn, &state, user.id, session.id, stage, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %user.id, stage = stage.as_str(), "signed in");
    Ok(web::Json(res))
}
