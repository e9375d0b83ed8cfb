use actix_web::{post, web};
use portal_db::queries::sessions;
use portal_domain::auth::{AuthResponse, RefreshRequest, SessionStage};
use sea_orm::TransactionTrait;

use crate::auth::{secrets, session_flow};
use crate::error::ApiError;
use crate::state::AppState;

/// Rotate the refresh token
///
/// Returns a new access token and a new refresh token; the one sent is used up. Sending a used
/// refresh token again revokes the whole session (it was probably stolen).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = AuthResponse),
        (status = 401, description = "`refresh_token_invalid` or `refresh_token_reused`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh_session(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<web::Json<AuthResponse>, ApiError> {
    let now = state.now();
    let hash = secrets::sha256_hex(body.refresh_token.trim());
    let token = sessions::find_refresh_token(&state.db, &hash).await?.ok_or(ApiError::RefreshTokenInvalid)?;
    let session = sessions::find(&state.db, token.session_id).await?.ok_or(ApiError::RefreshTokenInvalid)?;
    if session.revoked_at.is_some() || token.expires_at <= now {
        return Err(ApiError::RefreshTokenInvalid);
    }

    let txn = state.db.begin().await?;
    if token.used_at.is_some() || !sessions::mark_refresh_token_used(&txn, token.id, now).await? {
        sessions::revoke(&txn, session.id, "refresh_token_reuse", now).await?;
        txn.commit().await?;
        tracing::warn!(user.id = %session.user_id, session.id = %session.id, "refresh token reused; session revoked");
        return Err(ApiError::RefreshTokenReused);
    }
    let res = session_flow::respond(&txn, &state, session.user_id, session.id, SessionStage::Full, now).await?;
    txn.commit().await?;
    Ok(web::Json(res))
}
