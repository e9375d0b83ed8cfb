//! Option services and applications (R4): the catalogue, applying (with an `Idempotency-Key`),
//! the company's applications and cancelling; the staff queue and transitions (R4.6, R6.5).

use gloo_net::http::Method;
use portal_domain::company::AwsAccountView;
#[cfg(feature = "staff")]
use portal_domain::services::{ApplicationAction, ApplicationQueue, TransitionRequest};
use portal_domain::services::{ApplicationPage, ApplicationView, ApplyRequest, ServiceList};
use uuid::Uuid;

use super::{authed, authed_with, decode, json, ApiError};
use crate::session::Session;

pub async fn services(session: Session) -> Result<ServiceList, ApiError> {
    decode(authed(session, Method::GET, "/services", &[], None).await?).await
}

pub async fn company_aws_accounts(session: Session) -> Result<Vec<AwsAccountView>, ApiError> {
    decode(authed(session, Method::GET, "/company/aws-accounts", &[], None).await?).await
}

/// `key` is the submission's `Idempotency-Key`: a retry with the same key returns the first result.
pub async fn apply(session: Session, req: &ApplyRequest, key: &str) -> Result<ApplicationView, ApiError> {
    let header = ("Idempotency-Key", key);
    decode(authed_with(session, Method::POST, "/company/applications", Some(json(req)?), header).await?).await
}

/// Newest first.
pub async fn applications(session: Session, page: u32, per_page: u32) -> Result<ApplicationPage, ApiError> {
    let query = [("page", page.to_string()), ("per_page", per_page.to_string())];
    decode(authed(session, Method::GET, "/company/applications", &query, None).await?).await
}

pub async fn application(session: Session, id: Uuid) -> Result<ApplicationView, ApiError> {
    decode(authed(session, Method::GET, &format!("/company/applications/{id}"), &[], None).await?).await
}

pub async fn cancel_application(session: Session, id: Uuid) -> Result<ApplicationView, ApiError> {
    decode(authed(session, Method::POST, &format!("/company/applications/{id}/cancel"), &[], None).await?).await
}

/// Open applications, PLATINUM first, then the oldest (server order); `csm` (a user id) keeps those
/// assigned to that CSM.
#[cfg(feature = "staff")]
pub async fn application_queue(
    session: Session,
    state: String,
    service: String,
    csm: String,
) -> Result<ApplicationQueue, ApiError> {
    let query = super::query_of(&[("state", state), ("service", service), ("csm", csm)]);
    decode(authed(session, Method::GET, "/admin/applications", &query, None).await?).await
}

#[cfg(feature = "staff")]
pub async fn admin_application(session: Session, id: Uuid) -> Result<ApplicationView, ApiError> {
    decode(authed(session, Method::GET, &format!("/admin/applications/{id}"), &[], None).await?).await
}

#[cfg(feature = "staff")]
pub async fn transition(
    session: Session,
    id: Uuid,
    action: ApplicationAction,
    note: Option<String>,
) -> Result<ApplicationView, ApiError> {
    let body = TransitionRequest { action, note };
    let path = format!("/admin/applications/{id}/transitions");
    decode(authed(session, Method::POST, &path, &[], Some(json(&body)?)).await?).await
}
