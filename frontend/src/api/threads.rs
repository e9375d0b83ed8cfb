//! An application's contact thread (R4.7) or an inquiry's (R7.7), files and meeting times, for both
//! sides: customers call `/company/{applications,inquiries}/{id}/…`, staff
//! `/admin/{applications,inquiries}/{id}/…` (the same shapes). Staff also
//! propose times, tick the account-diagnosis checklist, deliver the report and assign a CSM.

use gloo_net::http::Method;
use portal_domain::services::{ApplicationView, MessageList, MessageView, PostMessageRequest};
#[cfg(feature = "staff")]
use portal_domain::services::{AssignRequest, ChecklistItem, ChecklistUpdate, ProposeSlotsRequest, ReportRequest};
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::{authed, decode, json, ApiError, Body};
use crate::session::Session;

/// Whose thread: an application's or an inquiry's (R7.7; the same shapes), seen from the
/// customers' side or the staff's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadOf {
    pub id: Uuid,
    pub staff: bool,
    pub inquiry: bool,
}

impl ThreadOf {
    pub fn application(id: Uuid, staff: bool) -> ThreadOf {
        ThreadOf { id, staff, inquiry: false }
    }

    pub fn inquiry(id: Uuid, staff: bool) -> ThreadOf {
        ThreadOf { id, staff, inquiry: true }
    }
}

/// The thread owner's path on the caller's side.
fn base(of: ThreadOf) -> String {
    let side = if of.staff { "admin" } else { "company" };
    let owner = if of.inquiry { "inquiries" } else { "applications" };
    format!("/{side}/{owner}/{}", of.id)
}

/// Oldest first. Reading marks the other side's messages read for the caller.
pub async fn messages(session: Session, of: ThreadOf) -> Result<MessageList, ApiError> {
    decode(authed(session, Method::GET, &format!("{}/messages", base(of)), &[], None).await?).await
}

pub async fn post_message(session: Session, of: ThreadOf, body: &str) -> Result<MessageView, ApiError> {
    let req = PostMessageRequest { body: body.trim().to_owned() };
    let path = format!("{}/messages", base(of));
    decode(authed(session, Method::POST, &path, &[], Some(json(&req)?)).await?).await
}

/// Sends `file` as a thread message: the body is the file itself (the browser streams it) with its
/// own type; the server checks the size, the type and that the bytes are of that type.
pub async fn upload_attachment(session: Session, of: ThreadOf, file: web_sys::File) -> Result<MessageView, ApiError> {
    let claimed = file.type_();
    let content_type = if claimed.is_empty() { "application/octet-stream".to_owned() } else { claimed };
    let query = [("file_name", file.name())];
    let body = Body { content_type: content_type.into(), value: JsValue::from(file) };
    let path = format!("{}/attachments", base(of));
    decode(authed(session, Method::POST, &path, &query, Some(body)).await?).await
}

/// The file's bytes (served as an attachment), to be saved with [`crate::download::save_file`].
pub async fn download_attachment(session: Session, of: ThreadOf, attachment: Uuid) -> Result<Vec<u8>, ApiError> {
    let path = format!("{}/attachments/{attachment}", base(of));
    let resp = authed(session, Method::GET, &path, &[], None).await?;
    let status = resp.status();
    resp.binary().await.map_err(|_| ApiError::Unexpected(status))
}

/// The customer picks one of the proposed times, which schedules the application.
pub async fn pick_slot(session: Session, id: Uuid, slot: Uuid) -> Result<ApplicationView, ApiError> {
    let path = format!("/company/applications/{id}/slots/{slot}/pick");
    decode(authed(session, Method::POST, &path, &[], None).await?).await
}

/// 1–5 times inside service hours; a time outside them is a field error on `slots[i]`.
#[cfg(feature = "staff")]
pub async fn propose_slots(session: Session, id: Uuid, req: &ProposeSlotsRequest) -> Result<ApplicationView, ApiError> {
    let path = format!("/admin/applications/{id}/slots");
    decode(authed(session, Method::POST, &path, &[], Some(json(req)?)).await?).await
}

#[cfg(feature = "staff")]
pub async fn set_checklist(
    session: Session,
    id: Uuid,
    item: ChecklistItem,
    done: bool,
) -> Result<ApplicationView, ApiError> {
    let path = format!("/admin/applications/{id}/checklist/{}", item.as_str());
    decode(authed(session, Method::PUT, &path, &[], Some(json(&ChecklistUpdate { done })?)).await?).await
}

/// Into the portal thread, or onto the customer's Backlog issue (502 `backlog_failed` when Backlog
/// refuses; nothing changes then).
#[cfg(feature = "staff")]
pub async fn post_report(session: Session, id: Uuid, req: &ReportRequest) -> Result<ApplicationView, ApiError> {
    let path = format!("/admin/applications/{id}/report");
    decode(authed(session, Method::POST, &path, &[], Some(json(req)?)).await?).await
}

#[cfg(feature = "staff")]
pub async fn assign_csm(session: Session, id: Uuid, csm_id: Option<Uuid>) -> Result<ApplicationView, ApiError> {
    let path = format!("/admin/applications/{id}/assignee");
    decode(authed(session, Method::PUT, &path, &[], Some(json(&AssignRequest { csm_id })?)).await?).await
}
