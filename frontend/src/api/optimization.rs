//! Cloud optimization support (R6): the company's CSM, engagement and proposals, and the history
//! (customers, `/company/optimization…`); staff assign the CSM, open the engagement, record
//! proposals, move them and record the measured effect (`/admin/…optimization…`).

use gloo_net::http::Method;
use portal_domain::optimization::{
    AgreeRequest, CommentRequest, EngagementView, HistoryView, ProposalList, ProposalView,
};
#[cfg(feature = "staff")]
use portal_domain::optimization::{
    AssignCsmRequest, MeasurementRequest, OpenEngagementRequest, ProposalAction, ProposalRequest,
    ProposalTransitionRequest,
};
use portal_domain::services::{MessageList, MessageView, PostMessageRequest};
use uuid::Uuid;

use super::{authed, decode, json, ApiError};
use crate::session::Session;

/// Whose optimization: the caller's company, or (staff) the company `id`.
fn base(company: Option<Uuid>) -> String {
    match company {
        Some(id) => format!("/admin/companies/{id}/optimization"),
        None => "/company/optimization".to_owned(),
    }
}

/// Proposal paths: the company's, or the staff's (by proposal id alone).
fn proposal_path(id: Uuid, staff: bool) -> String {
    if staff {
        format!("/admin/optimization/proposals/{id}")
    } else {
        format!("/company/optimization/proposals/{id}")
    }
}

pub async fn optimization(session: Session, company: Option<Uuid>) -> Result<EngagementView, ApiError> {
    decode(authed(session, Method::GET, &base(company), &[], None).await?).await
}

pub async fn optimization_history(session: Session, company: Option<Uuid>) -> Result<HistoryView, ApiError> {
    decode(authed(session, Method::GET, &format!("{}/history", base(company)), &[], None).await?).await
}

/// Newest first.
pub async fn proposals(session: Session, company: Option<Uuid>) -> Result<ProposalList, ApiError> {
    decode(authed(session, Method::GET, &format!("{}/proposals", base(company)), &[], None).await?).await
}

pub async fn post_engagement_message(
    session: Session,
    company: Option<Uuid>,
    body: &str,
) -> Result<MessageView, ApiError> {
    let req = PostMessageRequest { body: body.trim().to_owned() };
    decode(authed(session, Method::POST, &format!("{}/messages", base(company)), &[], Some(json(&req)?)).await?).await
}

pub async fn pick_engagement_slot(session: Session, slot: Uuid) -> Result<EngagementView, ApiError> {
    let path = format!("/company/optimization/slots/{slot}/pick");
    decode(authed(session, Method::POST, &path, &[], None).await?).await
}

pub async fn agree_proposal(session: Session, id: Uuid) -> Result<ProposalView, ApiError> {
    let path = format!("{}/agree", proposal_path(id, false));
    decode(authed(session, Method::POST, &path, &[], Some(json(&AgreeRequest::default())?)).await?).await
}

pub async fn decline_proposal(session: Session, id: Uuid) -> Result<ProposalView, ApiError> {
    decode(authed(session, Method::POST, &format!("{}/decline", proposal_path(id, false)), &[], None).await?).await
}

/// Oldest first.
pub async fn proposal_comments(session: Session, id: Uuid, staff: bool) -> Result<MessageList, ApiError> {
    decode(authed(session, Method::GET, &format!("{}/comments", proposal_path(id, staff)), &[], None).await?).await
}

pub async fn comment_on_proposal(session: Session, id: Uuid, staff: bool, body: &str) -> Result<MessageView, ApiError> {
    let req = CommentRequest { body: body.trim().to_owned() };
    let path = format!("{}/comments", proposal_path(id, staff));
    decode(authed(session, Method::POST, &path, &[], Some(json(&req)?)).await?).await
}

/// Dedicated for PLATINUM (409 `csm_already_dedicated` without `override_reason` when the CSM has
/// one already), shared for GOLD and SILVER.
#[cfg(feature = "staff")]
pub async fn assign_company_csm(
    session: Session,
    company: Uuid,
    req: &AssignCsmRequest,
) -> Result<EngagementView, ApiError> {
    let path = format!("/admin/companies/{company}/csm");
    decode(authed(session, Method::PUT, &path, &[], Some(json(req)?)).await?).await
}

#[cfg(feature = "staff")]
pub async fn open_engagement(
    session: Session,
    company: Uuid,
    req: &OpenEngagementRequest,
) -> Result<EngagementView, ApiError> {
    decode(authed(session, Method::POST, &base(Some(company)), &[], Some(json(req)?)).await?).await
}

#[cfg(feature = "staff")]
pub async fn create_proposal(session: Session, company: Uuid, req: &ProposalRequest) -> Result<ProposalView, ApiError> {
    let path = format!("{}/proposals", base(Some(company)));
    decode(authed(session, Method::POST, &path, &[], Some(json(req)?)).await?).await
}

#[cfg(feature = "staff")]
pub async fn transition_proposal(session: Session, id: Uuid, action: ProposalAction) -> Result<ProposalView, ApiError> {
    let path = format!("{}/transitions", proposal_path(id, true));
    let req = ProposalTransitionRequest { action };
    decode(authed(session, Method::POST, &path, &[], Some(json(&req)?)).await?).await
}

#[cfg(feature = "staff")]
pub async fn measure_proposal(session: Session, id: Uuid, req: &MeasurementRequest) -> Result<ProposalView, ApiError> {
    let path = format!("{}/measurement", proposal_path(id, true));
    decode(authed(session, Method::PUT, &path, &[], Some(json(req)?)).await?).await
}
