//! The company's users (R7.4) and the caller's own API tokens (issue 10).

use gloo_net::http::Method;
use portal_domain::api_tokens::{ApiTokenCreated, ApiTokenView, CreateApiTokenRequest};
use portal_domain::users::{
    CompanyUserCreated, CompanyUserPage, CompanyUserView, CreateCompanyUserRequest, UpdateCompanyUserRequest,
};
use uuid::Uuid;

use super::{authed, decode, json, query_of, ApiError};
use crate::session::Session;

/// Representatives first, then by name; `q` searches name and e-mail.
pub async fn company_users(session: Session, page: u32, per_page: u32, q: &str) -> Result<CompanyUserPage, ApiError> {
    let query = query_of(&[("page", page.to_string()), ("per_page", per_page.to_string()), ("q", q.to_owned())]);
    decode(authed(session, Method::GET, "/company/users", &query, None).await?).await
}

pub async fn create_company_user(
    session: Session,
    req: &CreateCompanyUserRequest,
) -> Result<CompanyUserCreated, ApiError> {
    decode(authed(session, Method::POST, "/company/users", &[], Some(json(req)?)).await?).await
}

pub async fn update_company_user(
    session: Session,
    id: Uuid,
    req: &UpdateCompanyUserRequest,
) -> Result<CompanyUserView, ApiError> {
    let path = format!("/company/users/{id}");
    decode(authed(session, Method::PATCH, &path, &[], Some(json(req)?)).await?).await
}

/// Disables (`true`) or enables a user; disabling ends their sessions and API tokens.
pub async fn set_company_user_disabled(
    session: Session,
    id: Uuid,
    disabled: bool,
) -> Result<CompanyUserView, ApiError> {
    let path = format!("/company/users/{id}/{}", if disabled { "disable" } else { "enable" });
    decode(authed(session, Method::POST, &path, &[], None).await?).await
}

pub async fn delete_company_user(session: Session, id: Uuid) -> Result<(), ApiError> {
    let path = format!("/company/users/{id}");
    authed(session, Method::DELETE, &path, &[], None).await.map(|_| ())
}

pub async fn api_tokens(session: Session) -> Result<Vec<ApiTokenView>, ApiError> {
    decode(authed(session, Method::GET, "/me/api-tokens", &[], None).await?).await
}

/// The answer carries the secret: the only time it is seen.
pub async fn create_api_token(session: Session, req: &CreateApiTokenRequest) -> Result<ApiTokenCreated, ApiError> {
    decode(authed(session, Method::POST, "/me/api-tokens", &[], Some(json(req)?)).await?).await
}

pub async fn revoke_api_token(session: Session, id: Uuid) -> Result<(), ApiError> {
    let path = format!("/me/api-tokens/{id}");
    authed(session, Method::DELETE, &path, &[], None).await.map(|_| ())
}
