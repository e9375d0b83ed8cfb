//! Inquiries about cloudpack+ (R7.7): the company's list, opening one, closing and reopening it;
//! the staff inbox across companies, assignment and closing. The thread itself (messages, files)
//! goes through [`super::threads`] with [`super::ThreadOf::inquiry`].

use gloo_net::http::Method;
#[cfg(feature = "staff")]
use portal_domain::inquiries::AssignInquiryRequest;
use portal_domain::inquiries::{InquiryPage, InquiryView, OpenInquiryRequest};
use uuid::Uuid;

use super::{authed, decode, json, query_of, ApiError};
use crate::session::Session;

/// Latest activity first; `unread` counts what the caller has not read.
pub async fn inquiries(session: Session, page: u32, per_page: u32) -> Result<InquiryPage, ApiError> {
    let query = query_of(&[("page", page.to_string()), ("per_page", per_page.to_string())]);
    decode(authed(session, Method::GET, "/company/inquiries", &query, None).await?).await
}

pub async fn open_inquiry(session: Session, req: &OpenInquiryRequest) -> Result<InquiryView, ApiError> {
    decode(authed(session, Method::POST, "/company/inquiries", &[], Some(json(req)?)).await?).await
}

/// One inquiry from the caller's side (`staff` picks `/admin/…`).
pub async fn inquiry(session: Session, id: Uuid, staff: bool) -> Result<InquiryView, ApiError> {
    let path = if staff { format!("/admin/inquiries/{id}") } else { format!("/company/inquiries/{id}") };
    decode(authed(session, Method::GET, &path, &[], None).await?).await
}

/// Either side closes; 409 `invalid_transition` when it is closed already.
pub async fn close_inquiry(session: Session, id: Uuid, staff: bool) -> Result<InquiryView, ApiError> {
    let side = if staff { "admin" } else { "company" };
    decode(authed(session, Method::POST, &format!("/{side}/inquiries/{id}/close"), &[], None).await?).await
}

/// Within 14 days of closing; later 409 `reopen_period_over`.
pub async fn reopen_inquiry(session: Session, id: Uuid) -> Result<InquiryView, ApiError> {
    decode(authed(session, Method::POST, &format!("/company/inquiries/{id}/reopen"), &[], None).await?).await
}

/// The staff inbox's filters; empty strings are no filter.
#[cfg(feature = "staff")]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InboxFilter {
    pub state: String,
    pub category: String,
    pub assignee: String,
    pub company: String,
    pub q: String,
}

/// PLATINUM first, then down the ranks; within a rank the longest wait first (server order).
#[cfg(feature = "staff")]
pub async fn inquiry_inbox(
    session: Session,
    filter: InboxFilter,
    page: u32,
    per_page: u32,
) -> Result<InquiryPage, ApiError> {
    let query = query_of(&[
        ("state", filter.state),
        ("category", filter.category),
        ("assignee", filter.assignee),
        ("company", filter.company),
        ("q", filter.q),
        ("page", page.to_string()),
        ("per_page", per_page.to_string()),
    ]);
    decode(authed(session, Method::GET, "/admin/inquiries", &query, None).await?).await
}

/// To an active CSM or admin, or to nobody.
#[cfg(feature = "staff")]
pub async fn assign_inquiry(session: Session, id: Uuid, assignee_id: Option<Uuid>) -> Result<InquiryView, ApiError> {
    let body = json(&AssignInquiryRequest { assignee_id })?;
    decode(authed(session, Method::PUT, &format!("/admin/inquiries/{id}/assignee"), &[], Some(body)).await?).await
}
