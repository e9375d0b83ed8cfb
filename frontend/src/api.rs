//! Every HTTP call of the SPA. Errors arrive as `application/problem+json` and are decoded into the
//! shared [`Problem`]; pages branch on its stable `code`, never on the text.
//!
//! Authenticated calls go through [`authed`]: an expired access token is refreshed once and the call
//! retried; a dead session is dropped as ended ([`Session::expire`]), which sends the router back to
//! `/login`, where the user is told and from where they return to the page they were on.
//!
//! The refresh token never reaches this code: every `/auth/` call asks for the cookie transport
//! ([`REFRESH_TRANSPORT`]), so the server sets it as an `HttpOnly` cookie scoped to the refresh and
//! logout paths, and `POST /auth/refresh` is sent without a body (the browser adds the cookie).

use gloo_net::http::{Method, RequestBuilder, Response};
use portal_domain::admin::AdminUserPage;
use portal_domain::auth::{
    AuthResponse, ChangePasswordRequest, CredentialResetResponse, LoginRequest, Me, MfaConfirmRequest,
    MfaConfirmResponse, MfaEnrollment, MfaVerifyRequest, RecentSignIns, SessionStage,
};
use portal_domain::problem::{FieldError, Problem};
use portal_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use uuid::Uuid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast as _, JsValue};
use web_sys::js_sys::{Function, Promise, Reflect};

use crate::session::Session;

mod aws_tools;
mod company;
mod inquiries;
mod optimization;
mod services;
mod staff;
mod threads;
mod trainings;
mod users;

pub use aws_tools::*;
pub use company::*;
pub use inquiries::*;
pub use optimization::*;
pub use services::*;
pub use staff::*;
pub use threads::*;
pub use trainings::*;
pub use users::*;

const BASE: &str = "/api/v1";
/// Sent on every `/auth/` call: the refresh token comes back only as an `HttpOnly` cookie.
const REFRESH_TRANSPORT: (&str, &str) = ("X-Refresh-Token-Transport", "cookie");

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

/// A new access token for the session of the refresh cookie (rotated by the server). Not called
/// directly: [`refresh_once`] makes concurrent callers share one request, since a refresh token
/// spent twice counts as reuse and ends the session.
async fn refresh() -> Result<AuthResponse, ApiError> {
    decode(send(Method::POST, "/auth/refresh", &[], None, None).await?).await
}

/// At start-up: the session of the refresh cookie, if there is one. Any failure means signed out.
pub async fn restore(session: Session) {
    match refresh_once().await {
        Ok(auth) => session.apply(&auth),
        // The browser held a session that has now ended: say so on the sign-in page.
        Err(e) if e.code() == Some(ErrorCode::SessionExpired) => session.expire(),
        Err(_) => session.clear(),
    }
}

/// Ends the session on the server (which also clears the refresh cookie); the local session is
/// dropped whatever the answer.
pub async fn logout(session: Session) {
    // A failure here (expired token, network) must not keep the user signed in locally.
    if session.tokens_untracked().is_some() {
        let _ = authed(session, Method::POST, "/auth/logout", &[], None).await;
    } else {
        // The cookie alone names the session.
        let _ = send(Method::POST, "/auth/logout", &[], None, None).await;
    }
    session.clear();
}

pub async fn me(session: Session) -> Result<Me, ApiError> {
    decode(authed(session, Method::GET, "/me", &[], None).await?).await
}

/// The caller's latest successful sign-ins, newest first.
pub async fn my_sign_ins(session: Session) -> Result<RecentSignIns, ApiError> {
    decode(authed(session, Method::GET, "/me/sign-ins", &[], None).await?).await
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
    content_type: std::borrow::Cow<'static, str>,
    value: JsValue,
}

fn json<T: Serialize>(body: &T) -> Result<Body, ApiError> {
    let text = serde_json::to_string(body).map_err(|_| ApiError::Unexpected(0))?;
    Ok(Body { content_type: "application/json".into(), value: JsValue::from_str(&text) })
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
    send_with(method, path, query, body, bearer, None).await
}

/// [`send`] with one more header (e.g. `Idempotency-Key`).
async fn send_with(
    method: Method,
    path: &str,
    query: &[(&str, String)],
    body: Option<&Body>,
    bearer: Option<&str>,
    extra: Option<(&str, &str)>,
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
    if path.starts_with("/auth/") {
        req = req.header(REFRESH_TRANSPORT.0, REFRESH_TRANSPORT.1);
    }
    if let Some((name, value)) = extra {
        req = req.header(name, value);
    }
    let sent = match body {
        Some(body) => {
            req.header("Content-Type", &body.content_type)
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
    authed_full(session, method, path, query, body, None).await
}

/// [`authed`] with one more header, sent again on the retry after a refresh.
async fn authed_with(
    session: Session,
    method: Method,
    path: &str,
    body: Option<Body>,
    header: (&str, &str),
) -> Result<Response, ApiError> {
    authed_full(session, method, path, &[], body, Some(header)).await
}

async fn authed_full(
    session: Session,
    method: Method,
    path: &str,
    query: &[(&str, String)],
    body: Option<Body>,
    extra: Option<(&str, &str)>,
) -> Result<Response, ApiError> {
    let Some(tokens) = session.tokens_untracked() else {
        return Err(ApiError::Problem(Problem::new(401, ErrorCode::Unauthorized, "Unauthorized")));
    };
    let resp = send_with(method.clone(), path, query, body.as_ref(), Some(&tokens.access_token), extra).await?;
    if resp.status() != 401 {
        return check(session, resp).await;
    }
    let err = problem_of(resp).await;
    if err.code() != Some(ErrorCode::TokenExpired) {
        react(session, &err);
        return Err(err);
    }

    // Only a full session has a refresh cookie; before that, the browser may still hold the cookie
    // of an earlier session (another user's, even): never trade it for this one.
    if tokens.stage != SessionStage::Full {
        session.expire();
        return Err(err);
    }

    // Another call may already have refreshed while this one was in flight: then use its token.
    // Calls that find the token expired at the same time share one refresh (`refresh_once`).
    let fresh_access = match session.tokens_untracked() {
        Some(t) if t.access_token != tokens.access_token => t.access_token,
        Some(_) => match refresh_once().await {
            Ok(auth) => {
                session.apply(&auth);
                auth.access_token
            }
            Err(refresh_err) => {
                // The silent refresh failed: the session has ended.
                session.expire();
                return Err(refresh_err);
            }
        },
        None => return Err(err),
    };
    let retried = send_with(method, path, query, body.as_ref(), Some(&fresh_access), extra).await?;
    check(session, retried).await
}

/// One refresh in flight at a time: a caller arriving while one runs waits for its answer. The
/// request runs in its own task, so a caller that goes away (a page left) cannot cancel it for the
/// others.
async fn refresh_once() -> Result<AuthResponse, ApiError> {
    thread_local! {
        static IN_FLIGHT: RefCell<Option<Rc<Flight>>> = const { RefCell::new(None) };
    }
    if let Some(flight) = IN_FLIGHT.with(|f| f.borrow().clone()) {
        return Wait(flight).await;
    }
    let flight = Rc::new(Flight::default());
    IN_FLIGHT.with(|f| *f.borrow_mut() = Some(flight.clone()));
    let leader = flight.clone();
    leptos::task::spawn_local(async move {
        let result = refresh_across_tabs().await;
        IN_FLIGHT.with(|f| *f.borrow_mut() = None);
        leader.finish(result);
    });
    Wait(flight).await
}

/// [`refresh`] under the browser-wide lock `portal.refresh` (Web Locks API): tabs of one browser
/// share the cookie, and two of them refreshing at once (a restored browser session) would spend the
/// same refresh token twice, which the server takes for theft and ends the session. With the lock,
/// the second tab's request leaves after the first has rotated the cookie, and sends the new one.
/// Browsers without the API (or pages outside a secure context) refresh without it.
async fn refresh_across_tabs() -> Result<AuthResponse, ApiError> {
    let Some((locks, request)) = web_locks() else {
        return refresh().await;
    };
    let flight = Rc::new(Flight::default());
    let mut holder = Some(flight.clone());
    // Called with the lock held; the lock is released when the returned promise settles.
    let with_lock = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        Promise::new(&mut |resolve: Function, _reject: Function| {
            let Some(flight) = holder.take() else { return };
            leptos::task::spawn_local(async move {
                flight.finish(refresh().await);
                let _ = resolve.call0(&JsValue::UNDEFINED);
            });
        })
        .into()
    });
    if request.call2(&locks, &JsValue::from_str("portal.refresh"), &with_lock).is_err() {
        return refresh().await;
    }
    Wait(flight).await
}

/// `navigator.locks` and its `request` method, when the browser offers them.
fn web_locks() -> Option<(JsValue, Function)> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).ok().filter(|l| l.is_object())?;
    let request = Reflect::get(&locks, &JsValue::from_str("request")).ok()?.dyn_into::<Function>().ok()?;
    Some((locks, request))
}

/// The shared answer of one refresh and the callers waiting for it.
#[derive(Default)]
struct Flight {
    result: RefCell<Option<Result<AuthResponse, ApiError>>>,
    waiting: RefCell<Vec<Waker>>,
}

impl Flight {
    fn finish(&self, result: Result<AuthResponse, ApiError>) {
        *self.result.borrow_mut() = Some(result);
        for waker in self.waiting.borrow_mut().drain(..) {
            waker.wake();
        }
    }
}

struct Wait(Rc<Flight>);

impl Future for Wait {
    type Output = Result<AuthResponse, ApiError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.0.result.borrow().as_ref() {
            Some(result) => Poll::Ready(result.clone()),
            None => {
                self.0.waiting.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
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
            | ErrorCode::SessionExpired
            | ErrorCode::RefreshTokenInvalid
            | ErrorCode::RefreshTokenReused,
        ) if err.status() == Some(401) => session.expire(),
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
