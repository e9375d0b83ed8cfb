//! Issuing the `AuthResponse` of each sign-in step, and where the refresh token travels.
//!
//! Integrators get the refresh token in the body and send it back in the body. The SPA asks for
//! the cookie transport (`X-Refresh-Token-Transport: cookie`): the refresh token then never reaches
//! JavaScript. It is an `HttpOnly`, `SameSite=Strict` cookie (`Secure` and `__Secure-` on https)
//! sent only to the refresh and logout paths (ASVS 5.0 V3.3.1–V3.3.4), and requests that use it
//! must carry the portal's own `Origin` (V3.5.2).

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use portal_db::queries::sessions;
use portal_domain::auth::{AuthResponse, SessionStage};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::{secrets, tokens};
use crate::error::ApiError;
use crate::settings::ApiSettings;
use crate::state::AppState;

pub const TRANSPORT_HEADER: &str = "x-refresh-token-transport";
const REFRESH_PATH: &str = "/api/v1/auth/refresh";
const LOGOUT_PATH: &str = "/api/v1/auth/logout";

/// Where the refresh token goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Body,
    Cookie,
}

impl Transport {
    pub fn of(req: &HttpRequest) -> Transport {
        let cookie = req
            .headers()
            .get(TRANSPORT_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("cookie"));
        if cookie {
            Transport::Cookie
        } else {
            Transport::Body
        }
    }
}

pub fn cookie_name(settings: &ApiSettings) -> &'static str {
    if settings.is_https() {
        "__Secure-portal_refresh"
    } else {
        "portal_refresh"
    }
}

fn cookie(settings: &ApiSettings, path: &'static str, value: String, max_age: time::Duration) -> Cookie<'static> {
    Cookie::build(cookie_name(settings), value)
        .path(path)
        .http_only(true)
        .secure(settings.is_https())
        .same_site(SameSite::Strict)
        .max_age(max_age)
        .finish()
}

/// The two cookies that carry `token` (one per path it is sent to).
pub fn refresh_cookies(settings: &ApiSettings, token: String) -> [Cookie<'static>; 2] {
    let age = time::Duration::seconds(settings.refresh_ttl.as_secs() as i64);
    [cookie(settings, REFRESH_PATH, token.clone(), age), cookie(settings, LOGOUT_PATH, token, age)]
}

/// The answer of a sign-in step: JSON, with the refresh token moved into the cookie when asked.
pub fn reply(settings: &ApiSettings, transport: Transport, mut res: AuthResponse) -> HttpResponse {
    let mut out = HttpResponse::Ok();
    if transport == Transport::Cookie {
        if let Some(token) = res.refresh_token.take() {
            for c in refresh_cookies(settings, token) {
                out.cookie(c);
            }
        }
    }
    out.json(res)
}

/// Adds the headers that delete both refresh cookies.
pub fn clear_cookies(settings: &ApiSettings, res: &mut HttpResponse) {
    for path in [REFRESH_PATH, LOGOUT_PATH] {
        let mut c = cookie(settings, path, String::new(), time::Duration::ZERO);
        c.make_removal();
        let _ = res.add_cookie(&c);
    }
}

/// The refresh token from the cookie, after checking that the request comes from the portal's own
/// pages: its `Origin` is the public origin, or the origin of the host it was sent to.
pub fn cookie_token(req: &HttpRequest, settings: &ApiSettings) -> Result<Option<String>, ApiError> {
    let Some(c) = req.cookie(cookie_name(settings)) else { return Ok(None) };
    let origin = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()).ok_or(ApiError::OriginNotAllowed)?;
    let own_host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let authority = origin.split_once("://").map(|(_, a)| a).unwrap_or_default();
    if origin != settings.public_origin() && (own_host.is_empty() || authority != own_host) {
        return Err(ApiError::OriginNotAllowed);
    }
    Ok(Some(c.value().to_owned()).filter(|v| !v.is_empty()))
}

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
