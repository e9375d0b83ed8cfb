//! Issuing the `AuthResponse` of each sign-in step.

use chrono::{DateTime, Utc};
use portal_db::queries::sessions;
use portal_domain::auth::{AuthResponse, SessionStage};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::{secrets, tokens};
use crate::error::ApiError;
use crate::state::AppState;

/// Access token for `stage`; a full session also gets a new refresh token in its family.
pub async fn respond(
    db: &impl ConnectionTrait,
    state: &AppState,
    user_id: Uuid,
    session_id: Uuid,
    stage: SessionStage,
    now: DateTime<Utc>,
) -> Result<AuthResponse, ApiError> {
    let ttl = state.settings.access_ttl;
    let access_token = tokens::issue(&state.jwt, user_id, session_id, stage, now.timestamp(), ttl)?;
    let refresh_token = if stage == SessionStage::Full {
        let token = secrets::opaque_token();
        let expires = now + chrono::Duration::from_std(state.settings.refresh_ttl).map_err(ApiError::internal)?;
        sessions::insert_refresh_token(db, session_id, secrets::sha256_hex(&token), now, expires).await?;
        Some(token)
    } else {
        None
    };
    Ok(AuthResponse {
        next: stage,
        access_token,
        token_type: "Bearer".into(),
        expires_in: ttl.as_secs() as i64,
        refresh_token,
    })
}

/// Moves a live session to `stage` and answers for it.
pub async fn advance(
    db: &impl ConnectionTrait,
    state: &AppState,
    user_id: Uuid,
    session_id: Uuid,
    stage: SessionStage,
    now: DateTime<Utc>,
) -> Result<AuthResponse, ApiError> {
    sessions::set_stage(db, session_id, stage).await?;
    respond(db, state, user_id, session_id, stage, now).await
}
