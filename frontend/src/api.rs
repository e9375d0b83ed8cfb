//! Every HTTP call of the SPA. Errors arrive as `application/problem+json` and are decoded into the
//! shared [`Problem`]; pages branch on its stable `code`, never on the text.
//!
//! Authenticated calls go through [`authed`]: an expired access token is refreshed once and the call
//! retried; a dead session is dropped, which sends the router back to `/login`.

use gloo_net::http::{Method, RequestBuilder, Response};
use portal_domain::admin::AdminUserPage;
use portal_domain::auth::{
    AuthResponse, ChangePasswordRequest, CredentialResetResponse, LoginRequest, Me, MfaConfirmRequest,
    MfaConfirmResponse, MfaEnrollment, MfaVerifyRequest, RefreshRequest, SessionStage,
};
use portal_domain::problem::{FieldError, Problem};
use portal_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;
use wasm_bindgen::JsValue;

use crate::session::Session;

mod company;
mod staff;

pub use company::*;
pub use staff::*;

const BASE: &str = "/api/v1";

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem(Problem),
    /// No answer at all (offline, server down, CORS, aborted).
    Network,
    /// An answer that is neither the expected body nor a problem document.
    Unexpected(u16),
}

impl ApiError {
    /// The problem's code, if there is a problem and this build knows its code.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Problem(p) => p.error_code(),
            _ => None,
        }
    }

    fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::Unexpected(s) => Some(*s),
            ApiError::Network => None,
        }
    }

    /// The per-field errors for `field` (empty when there are none).
    pub fn field_errors(&self, field: &str) -> Vec<FieldError> {
        match self {
            ApiError::Problem(p) => p.errors.iter().filter(|e| e.field == field).cloned().collect(),
            _ => Vec::new(),
        }
    }
}

// ---- endpoints ----------------------------------------------------------------------------------

pub async fn login(email: &str, password: &str) -> Result<AuthResponse, ApiError> {
    let body = LoginRequest { email: email.trim().to_owned(), password: password.to_owned() };
    let resp = send(Method::POST, "/auth/login", &[], Some(&json(&body)?), None).await?;
    decode(resp).await
}

pub async fn change_password(session: Session, current: &str, new: &str) -> Result<AuthResponse, ApiError> {
    let body = ChangePasswordRequest { current_password: current.to_owned(), new_password: new.to_owned() };
    decode(authed(session, Method::POST, "/auth/password", &[], Some(json(&body)?)).await?).await
}

pub async fn mfa_enroll(session: Session) -> Result<MfaEnrollment, ApiError> {
    decode(authed(session, Method::POST, "/auth/mfa/enroll", &[], None).await?).await
}

pub async fn mfa_confirm(session: Session, code: &str) -> Result<MfaConfirmResponse, ApiError> {
    let body = MfaConfirmRequest { code: code.trim().to_owned() };
    decode(authed(session, Method::POST, "/auth/mfa/enroll/confirm", &[], Some(json(&body)?)).await?).await
}

pub async fn mfa_verify(session: Session, body: MfaVerifyRequest) -> Result<AuthResponse, ApiError> {
    decode(authed(session, Method::POST, "/auth/mfa/verify", &[], Some(json(&body)?)).await?).await
}

pub async fn refresh(refresh_token: &str) -> Result<AuthResponse, ApiError> {
    let body = RefreshRequest { refresh_token: refresh_token.to_owned() };
    let resp = send(Method::POST, "/auth/refresh", &[], Some(&json(&body)?), None).await?;
    decode(resp).await
}

/// Ends the session on the server; the local session is dropped whatever the answer.
pub async fn logout(session: Session) {
    // A failure here (expired token, network) must not keep the user signed in locally.
    let _ = authed(session, Method::POST, "/auth/logout", &[], None).await;
    session.clear();
}

pub async fn me(session: Session) -> Result<Me, ApiError> {
    decode(authed(session, Method::GET, "/me", &[], None).await?).await
}

pub async fn admin_users(session: Session, page: u32, per_page: u32, q: &str) -> Result<AdminUserPage, ApiError> {
    let query = [("page", page.to_string()), ("per_page", per_page.to_string()), ("q", q.trim().to_owned())];
    decode(authed(session, Method::GET, "/admin/users", &query, None).await?).await
}

pub async fn reset_credentials(session: Session, user_id: Uuid) -> Result<CredentialResetResponse, ApiError> {
    let path = format!("/admin/users/{user_id}/credentials/reset");
    decode(authed(session, Method::POST, &path, &[], None).await?).await
}

// ---- plumbing -----------------------------------------------------------------------------------

/// A request body with its media type. Held as a JS value so that a `File` can be sent as is (the
/// browser streams it) as well as text; either can be sent twice when a refresh forces a retry.
#[derive(Debug, Clone)]
struct Body {
    content_type: &'static str,
    value: JsValue,
}

fn json<T: Serialize>(body: &T) -> Result<Body, ApiError> {
    let text = serde_json::to_string(body).map_err(|_| ApiError::Unexpected(0))?;
    Ok(Body { content_type: "application/json", value: JsValue::from_str(&text) })
}

/// Query pairs with empty values left out (the API reads an empty filter as a filter).
fn query_of(pairs: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    pairs.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (*k, v.trim().to_owned())).collect()
}

async fn send(
    method: Method,
    path: &str,
    query: &[(&str, String)],
    body: Option<&Body>,
    bearer: Option<&str>,
) -> Result<Response, ApiError> {
    let mut req = RequestBuilder::new(&format!("{BASE}{path}"))
        .method(method)
        .header("Accept", "application/json, application/problem+json");
    if !query.is_empty() {
        req = req.query(query.iter().map(|(k, v)| (*k, v.as_str())));
    }
    if let Some(token) = bearer {
        req = req.header("Authorization", &format!("Bearer {token}"));
    }
    let sent = match body {
        Some(body) => {
            req.header("Content-Type", body.content_type)
                .body(body.value.clone())
                .map_err(|_| ApiError::Network)?
                .send()
                .await
        }
        None => req.send().await,
    };
    sent.map_err(|_| ApiError::Network)
}

/// Sends with the session's access token; on `token_expired` refreshes once and retries.
async fn authed(
    session: Session,
    method: Method,
    path: &str,
    query: &[(&str, String)],
    body: Option<Body>,
) -> Result<Response, ApiError> {
    let Some(tokens) = session.tokens_untracked() else {
        return Err(ApiError::Problem(Problem::new(401, ErrorCode::Unauthorized, "Unauthorized")));
    };
    let resp = send(method.clone(), path, query, body.as_ref(), Some(&tokens.access_token)).await?;
    if resp.status() != 401 {
        return check(session, resp).await;
    }
    let err = problem_of(resp).await;
    if err.code() != Some(ErrorCode::TokenExpired) {
        react(session, &err);
        return Err(err);
    }

    // Another call may already have refreshed while this one was in flight: then reuse its token
    // rather than spend the (single-use) refresh token a second time.
    let current = session.tokens_untracked();
    let fresh_access = match current {
        Some(t) if t.access_token != tokens.access_token => t.access_token,
        Some(t) => {
            let Some(refresh_token) = t.refresh_token else {
                react(session, &err);
                return Err(err);
            };
            match refresh(&refresh_token).await {
                Ok(auth) => {
                    session.apply(&auth);
                    auth.access_token
                }
                Err(refresh_err) => {
                    session.clear();
                    return Err(refresh_err);
                }
            }
        }
        None => return Err(err),
    };
    let retried = send(method, path, query, body.as_ref(), Some(&fresh_access)).await?;
    check(session, retried).await
}

/// Passes a success through; turns a failure into an error, following what it says about the session.
async fn check(session: Session, resp: Response) -> Result<Response, ApiError> {
    if resp.ok() {
        return Ok(resp);
    }
    let err = problem_of(resp).await;
    react(session, &err);
    Err(err)
}

/// Errors that say the session is gone or must take another step move the session accordingly; the
/// route guards then show the right page.
fn react(session: Session, err: &ApiError) {
    match err.code() {
        Some(
            ErrorCode::Unauthorized
            | ErrorCode::TokenExpired
            | ErrorCode::RefreshTokenInvalid
            | ErrorCode::RefreshTokenReused,
        ) if err.status() == Some(401) => session.clear(),
        Some(ErrorCode::PasswordChangeRequired) => session.set_stage(SessionStage::ChangePassword),
        Some(ErrorCode::MfaEnrollmentRequired) => session.set_stage(SessionStage::EnrollMfa),
        Some(ErrorCode::MfaVerificationRequired) => session.set_stage(SessionStage::VerifyMfa),
        _ => {}
    }
}

async fn problem_of(resp: Response) -> ApiError {
    let status = resp.status();
    match resp.json::<Problem>().await {
        Ok(p) => ApiError::Problem(p),
        Err(_) => ApiError::Unexpected(status),
    }
}

async fn decode<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    if !resp.ok() {
        return Err(problem_of(resp).await);
    }
    let status = resp.status();
    resp.json::<T>().await.map_err(|_| ApiError::Unexpected(status))
}
