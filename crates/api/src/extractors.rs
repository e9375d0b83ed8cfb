//! Who is calling. Handlers take one of these; a handler that needs a full session cannot be
//! written with a weaker extractor by accident, because only `Caller`/`Staff` carry a `Full` stage.
//!
//! Two credentials travel as `Authorization: Bearer`: a session's JWT access token, and a
//! personal API token (`cpp_…`, see `portal_app::api_tokens`). `Caller` and `Customer` accept both
//! (a token stands for a full session of its user, narrowed to reading for a `read` token); the
//! sign-in steps (`AnyStage`) and the operations that manage credentials (`FullSession`: API
//! tokens themselves) want a session and answer a token with 403 `session_required`. Staff hold
//! no tokens, so `Staff`/`Admin` answer a live one with 403 `forbidden`.

use std::future::Future;
use std::pin::Pin;

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use portal_db::entities::{api_token, session, user};
use portal_db::queries::sessions;
use portal_domain::api_tokens::is_api_token;
use portal_domain::auth::SessionStage;
use portal_domain::{ErrorCode, Role};
use uuid::Uuid;

use crate::auth::tokens;
use crate::error::ApiError;
use crate::state::AppState;

/// A live session at any stage (sign-in steps, logout).
#[derive(Debug, Clone)]
pub struct AnyStage {
    pub user: user::Model,
    pub session: session::Model,
    pub stage: SessionStage,
    pub role: Role,
}

impl AnyStage {
    pub fn require(&self, allowed: &[SessionStage]) -> Result<(), ApiError> {
        if allowed.contains(&self.stage) {
            Ok(())
        } else {
            Err(ApiError::StageRequired(self.stage))
        }
    }
}

/// How a fully signed-in caller proved who they are.
#[derive(Debug, Clone)]
pub enum Credential {
    Session(session::Model),
    ApiToken(api_token::Model),
}

/// A fully signed-in user: a full session, or a live API token of a customer user. `role` is the
/// user's current role, whichever the credential.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: user::Model,
    pub role: Role,
    pub credential: Credential,
}

impl Principal {
    /// Who the audit log names: the user, and the token when one was used.
    pub fn actor(&self) -> portal_db::queries::audit::Actor {
        match &self.credential {
            Credential::ApiToken(t) => portal_app::api_tokens::actor(&self.user, t),
            Credential::Session(_) => {
                portal_db::queries::audit::Actor { id: Some(self.user.id), label: self.user.email.clone() }
            }
        }
    }
}

/// A fully signed-in user (password set, MFA passed), by session or API token.
#[derive(Debug, Clone)]
pub struct Caller(pub Principal);

/// A full session, never an API token: for managing credentials (API tokens themselves).
#[derive(Debug, Clone)]
pub struct FullSession(pub AnyStage);

/// A fully signed-in staff member (csm or admin).
#[derive(Debug, Clone)]
pub struct Staff(pub AnyStage);

/// A fully signed-in admin: thresholds, the rollover, rank overrides, ticket adjustments and staff
/// accounts are theirs alone; a csm gets 403.
#[derive(Debug, Clone)]
pub struct Admin(pub Staff);

fn bearer(req: &HttpRequest) -> Option<String> {
    let v = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned())
}

fn app_state(req: &HttpRequest) -> Result<&web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>().ok_or_else(|| ApiError::internal("state missing"))
}

async fn load(req: HttpRequest) -> Result<AnyStage, ApiError> {
    let state = app_state(&req)?;
    let token = bearer(&req).ok_or(ApiError::Unauthorized)?;
    if is_api_token(&token) {
        return Err(ApiError::SessionRequired);
    }
    let claims = tokens::verify(&state.jwt, &token, state.now().timestamp())?;
    let (session, user) = sessions::find_with_user(&state.db, claims.sid).await?.ok_or(ApiError::Unauthorized)?;
    let stage = session.stage;
    // A token of an earlier stage of this session, or of a revoked session, is dead.
    if session.revoked_at.is_some() || session.user_id != claims.sub || stage != claims.stage {
        return Err(ApiError::Unauthorized);
    }
    // Disabling and deleting revoke the sessions too; this holds even if a row was changed by hand.
    if user.disabled_at.is_some() || user.deleted_at.is_some() {
        return Err(ApiError::Unauthorized);
    }
    // ASVS V7.3.2: a session ends at its absolute lifetime however often it was refreshed.
    let max_age = chrono::Duration::from_std(state.settings.session_max_age).map_err(ApiError::internal)?;
    if session.created_at + max_age <= state.now() {
        return Err(ApiError::SessionExpired);
    }
    let role = user.role;
    Ok(AnyStage { user, session, stage, role })
}

/// A live session that finished sign-in.
async fn load_full(req: HttpRequest) -> Result<AnyStage, ApiError> {
    let s = load(req).await?;
    s.require(&[SessionStage::Full])?;
    Ok(s)
}

/// An API token's user, after the token was checked for this request (and its use recorded).
async fn load_token(req: &HttpRequest, secret: &str) -> Result<Principal, ApiError> {
    use portal_app::api_tokens::{self, Call, Refusal};
    let state = app_state(req)?;
    let method = req.method();
    let call = Call {
        method: method.as_str(),
        path: req.path(),
        writes: !(method == actix_web::http::Method::GET || method == actix_web::http::Method::HEAD),
        client: ClientInfo::of(req, state.settings.trusted_proxy_hops).audit(),
    };
    match api_tokens::authenticate(&state.db, secret, call, state.now()).await? {
        Ok((token, user)) => Ok(Principal { role: user.role, user, credential: Credential::ApiToken(token) }),
        Err(Refusal::Invalid) => Err(ApiError::Unauthorized),
        Err(Refusal::ReadOnly) => Err(ApiError::TokenScopeInsufficient),
    }
}

/// A full session or an API token.
async fn load_principal(req: HttpRequest) -> Result<Principal, ApiError> {
    match bearer(&req) {
        Some(secret) if is_api_token(&secret) => load_token(&req, &secret).await,
        _ => {
            let s = load_full(req).await?;
            Ok(Principal { user: s.user, role: s.role, credential: Credential::Session(s.session) })
        }
    }
}

type Fut<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

impl FromRequest for AnyStage {
    type Error = ApiError;
    type Future = Fut<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(load(req.clone()))
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Fut<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(Caller(load_principal(req).await?)) })
    }
}

impl FromRequest for FullSession {
    type Error = ApiError;
    type Future = Fut<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(FullSession(load_full(req).await?)) })
    }
}

/// A full session whose role passes `allowed`, else 403 `forbidden`.
async fn load_role(req: HttpRequest, allowed: fn(Role) -> bool) -> Result<AnyStage, ApiError> {
    if let Some(secret) = bearer(&req).filter(|b| is_api_token(b)) {
        // Only customers hold tokens: a live one is a role refusal, a dead one a 401.
        load_token(&req, &secret).await?;
        return Err(ApiError::Forbidden);
    }
    let s = load_full(req).await?;
    if allowed(s.role) {
        Ok(s)
    } else {
        Err(ApiError::Forbidden)
    }
}

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = Fut<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(Staff(load_role(req, Role::is_staff).await?)) })
    }
}

impl FromRequest for Admin {
    type Error = ApiError;
    type Future = Fut<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(Admin(Staff(load_role(req, |r| r == Role::Admin).await?))) })
    }
}

/// Where a request came from: the address (see `portal_domain::client_address` for how proxies are
/// trusted), the key it is throttled under, and the browser.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub address: std::net::IpAddr,
    pub user_agent: Option<String>,
}

impl ClientInfo {
    pub fn of(req: &HttpRequest, trusted_proxy_hops: usize) -> ClientInfo {
        let forwarded: Vec<&str> = req.headers().get_all("x-forwarded-for").filter_map(|v| v.to_str().ok()).collect();
        let peer = req.peer_addr().map(|a| a.ip());
        let address = portal_domain::client_address::resolve(peer, &forwarded, trusted_proxy_hops)
            .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
        let user_agent = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(512).collect::<String>());
        ClientInfo { address, user_agent }
    }

    pub fn throttle_key(&self) -> String {
        portal_domain::client_address::throttle_key(self.address)
    }

    /// As the audit log stores it.
    pub fn audit(&self) -> portal_db::queries::audit::Client {
        portal_db::queries::audit::Client { address: self.address.to_string(), user_agent: self.user_agent.clone() }
    }
}

impl FromRequest for ClientInfo {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let hops = req.app_data::<web::Data<AppState>>().map(|s| s.settings.trusted_proxy_hops).unwrap_or(0);
        std::future::ready(Ok(ClientInfo::of(req, hops)))
    }
}

/// A JSON body read only when the handler asks, after the caller was authorised: a caller without
/// the role gets 403, never a validation answer that describes the operation's body.
pub struct JsonBody<T> {
    req: HttpRequest,
    payload: Payload,
    _body: std::marker::PhantomData<T>,
}

/// Same as the application-wide `JsonConfig`.
pub const JSON_LIMIT: usize = 64 * 1024;

impl<T: serde::de::DeserializeOwned> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        std::future::ready(Ok(JsonBody { req: req.clone(), payload: payload.take(), _body: std::marker::PhantomData }))
    }
}

impl<T: serde::de::DeserializeOwned + serde::Serialize> JsonBody<T> {
    /// Syntax, size and media type as `web::Json` checks them; then the shape, with a value that
    /// does not fit named by its path (`role` for `{"role": "admin"}`, where serde's own message
    /// names only the value).
    pub async fn parse(mut self) -> Result<T, ApiError> {
        let value = web::JsonBody::<serde_json::Value>::new(&self.req, &mut self.payload, None, true)
            .limit(JSON_LIMIT)
            .await
            .map_err(|e| ApiError::Problem(Box::new(crate::error::json_problem(&e))))?;
        let parsed: T = serde_path_to_error::deserialize(value).map_err(|e| {
            ApiError::Problem(Box::new(crate::error::body_problem(&e.path().to_string(), &e.inner().to_string())))
        })?;
        // Looked for in what was read, not in the body: a field the request type does not have is
        // ignored, whatever it holds.
        let read = serde_json::to_value(&parsed).map_err(ApiError::internal)?;
        if let Some(field) = nul_in(&read, "") {
            return Err(ApiError::field(&field, ErrorCode::Invalid, "text may not contain the NUL character"));
        }
        Ok(parsed)
    }
}

/// The path (`slots[0].note`) of a string holding U+0000, which PostgreSQL cannot store in text:
/// refused for every body here, rather than failing as a 500 in whichever query meets it first.
fn nul_in(value: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) if s.contains('\0') => Some(if path.is_empty() { ".".into() } else { path.into() }),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| nul_in(v, &format!("{path}[{i}]"))),
        Value::Object(fields) => {
            fields.iter().find_map(|(k, v)| nul_in(v, &if path.is_empty() { k.clone() } else { format!("{path}.{k}") }))
        }
        _ => None,
    }
}

/// The query string as `T`, like `web::Query`, except that a value that does not parse names its
/// parameter: serde_urlencoded says "invalid digit found in string" for `page=abc` without saying
/// where, so the deserializer is wrapped to track the field it was reading.
#[derive(Debug, Clone)]
pub struct Query<T>(pub T);

impl<T> std::ops::Deref for Query<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::de::DeserializeOwned> Query<T> {
    pub fn parse(query: &str) -> Result<T, ApiError> {
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de).map_err(|e| {
            ApiError::Problem(Box::new(crate::error::query_problem(&e.path().to_string(), &e.inner().to_string())))
        })
    }
}

impl<T: serde::de::DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Query::parse(req.query_string()).map(Query))
    }
}

/// A fully signed-in customer and the only company whose data they may touch. Every customer
/// route reads company data through `scope`, so a foreign id simply is not found.
#[derive(Debug, Clone)]
pub struct Customer {
    pub caller: Principal,
    pub scope: portal_db::queries::CompanyScope,
}

impl FromRequest for Customer {
    type Error = ApiError;
    type Future = Fut<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let s = load_principal(req).await?;
            let scope = portal_db::queries::CompanyScope::of_customer(&s.user).ok_or(ApiError::Forbidden)?;
            Ok(Customer { scope, caller: s })
        })
    }
}

impl Staff {
    /// Staff may act on any company; the scope still goes through the same queries.
    pub fn scope(&self, company_id: Uuid) -> Result<portal_db::queries::CompanyScope, ApiError> {
        portal_db::queries::CompanyScope::for_staff(&self.0.user, company_id).ok_or(ApiError::Forbidden)
    }

    pub fn actor(&self) -> portal_db::queries::audit::Actor {
        portal_db::queries::audit::Actor { id: Some(self.0.user.id), label: self.0.user.email.clone() }
    }
}

impl Customer {
    pub fn actor(&self) -> portal_db::queries::audit::Actor {
        self.caller.actor()
    }

    /// For operations an API token may not call (see `openapi::session_only`).
    pub fn in_session(&self) -> Result<(), ApiError> {
        match self.caller.credential {
            Credential::Session(_) => Ok(()),
            Credential::ApiToken(_) => Err(ApiError::SessionRequired),
        }
    }

    /// Representatives only (R7.4 and the applications), else 403 `forbidden`.
    pub fn representative(&self) -> Result<(), ApiError> {
        if self.caller.role == Role::Representative {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::{ClientInfo, Query};
    use crate::error::ApiError;
    use crate::routes::Paging;

    fn field_error(query: &str) -> (String, String, String) {
        match Query::<Paging>::parse(query) {
            Err(ApiError::Problem(p)) => {
                assert_eq!((p.status, p.code.as_str()), (422, "validation_failed"));
                let e = &p.errors[0];
                (e.field.clone(), e.code.clone(), e.message.clone())
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_query_value_that_does_not_parse_names_its_parameter() {
        let (field, code, message) = field_error("q=x&page=abc");
        assert_eq!((field.as_str(), code.as_str(), message.as_str()), ("page", "invalid", "page has an invalid value"));
        assert_eq!(field_error("page=1&per_page=-1").0, "per_page");
        assert_eq!(field_error("page=1&page=2").0, "page");
        let ok = Query::<Paging>::parse("page=2&per_page=5&other=ignored").unwrap();
        assert_eq!((ok.page, ok.per_page), (Some(2), Some(5)));
    }

    #[test]
    fn the_forwarded_address_counts_only_behind_a_trusted_proxy_and_from_the_right() {
        let peer = "10.0.0.5:41000".parse().unwrap();
        let req = TestRequest::default()
            .peer_addr(peer)
            .insert_header(("x-forwarded-for", "6.6.6.6, 2001:db8::7"))
            .insert_header(("forwarded", "for=7.7.7.7"))
            .to_http_request();
        assert_eq!(ClientInfo::of(&req, 0).address.to_string(), "10.0.0.5");
        assert_eq!(ClientInfo::of(&req, 1).address.to_string(), "2001:db8::7");
        assert_eq!(ClientInfo::of(&req, 1).throttle_key(), "2001:db8::/64");
        assert_eq!(ClientInfo::of(&req, 2).address.to_string(), "6.6.6.6");
        assert_eq!(ClientInfo::of(&req, 3).address.to_string(), "10.0.0.5", "fewer entries than hops: the peer");
        let v6 = TestRequest::default().peer_addr("[2001:db8::9]:5000".parse().unwrap()).to_http_request();
        assert_eq!(ClientInfo::of(&v6, 1).address.to_string(), "2001:db8::9");
    }
}
