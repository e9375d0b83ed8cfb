use actix_web::{post, web, HttpRequest, HttpResponse};
use portal_db::queries::{sessions, users};
use portal_domain::audit::AuditAction;
use portal_domain::auth::{AuthResponse, RefreshRequest, SessionStage};
use sea_orm::TransactionTrait;

use crate::auth::{events, secrets, session_flow};
use crate::error::ApiError;
use crate::extractors::ClientInfo;
use crate::state::AppState;

/// Rotate the refresh token
///
/// Returns a new access token and a new refresh token; the one sent is used up. Sending a used
/// refresh token again revokes the whole session (it was probably stolen). A session ends 30 days
/// after sign-in however often it is refreshed (`session_expired`).
///
/// Integrators send `{"refresh_token": …}`. Browsers send no body (or `{}`, `null`): the token comes from the
/// HttpOnly cookie set by the sign-in steps (see `X-Refresh-Token-Transport`), the request must
/// carry the portal's own `Origin` (403 `origin_not_allowed`), and the new token is set the same way.
#[utoipa::path(
    tag = "auth",
    request_body(content = Option<RefreshRequest>, description = "Absent when the refresh token is in the cookie"),
    responses(
        (status = 200, description = "New tokens", body = AuthResponse),
        (status = 401, description = "`refresh_token_invalid`, `refresh_token_reused` or `session_expired`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "`origin_not_allowed`: a cookie refresh from another site", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh_session(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    // No body, `null`, or a JSON object without `refresh_token` (`{}`): the browser's cookie.
    let from_cookie = body.iter().all(u8::is_ascii_whitespace)
        || serde_json::from_slice::<serde_json::Value>(&body)
            .is_ok_and(|v| v.is_null() || v.as_object().is_some_and(|o| !o.contains_key("refresh_token")));
    let (presented, transport) = if from_cookie {
        let token = session_flow::cookie_token(&req, &state.settings)?.ok_or(ApiError::RefreshTokenInvalid)?;
        (token, session_flow::Transport::Cookie)
    } else {
        let parsed: RefreshRequest = serde_json::from_slice(&body).map_err(|e| ApiError::Malformed(e.to_string()))?;
        (parsed.refresh_token, session_flow::Transport::of(&req))
    };
    let now = state.now();
    let hash = secrets::sha256_hex(presented.trim());
    let token = sessions::find_refresh_token(&state.db, &hash).await?.ok_or(ApiError::RefreshTokenInvalid)?;
    let session = sessions::find(&state.db, token.session_id).await?.ok_or(ApiError::RefreshTokenInvalid)?;
    if session.revoked_at.is_some() || token.expires_at <= now {
        return Err(ApiError::RefreshTokenInvalid);
    }
    let max_age = chrono::Duration::from_std(state.settings.session_max_age).map_err(ApiError::internal)?;
    if session.created_at + max_age <= now {
        sessions::revoke(&state.db, session.id, "absolute_lifetime", now).await?;
        return Err(ApiError::SessionExpired);
    }

    let txn = state.db.begin().await?;
    if token.used_at.is_some() || !sessions::mark_refresh_token_used(&txn, token.id, now).await? {
        sessions::revoke(&txn, session.id, "refresh_token_reuse", now).await?;
        if let Some(user) = users::find(&txn, session.user_id).await? {
            events::record(&txn, &user, AuditAction::AuthRefreshReuse, &client.audit(), None, now).await?;
        }
        txn.commit().await?;
        tracing::warn!(user.id = %session.user_id, session.id = %session.id, "refresh token reused; session revoked");
        return Err(ApiError::RefreshTokenReused);
    }
    let res = session_flow::respond(&txn, &state, session.user_id, session.id, SessionStage::Full, now).await?;
    txn.commit().await?;
    Ok(session_flow::reply(&state.settings, transport, res))
}
