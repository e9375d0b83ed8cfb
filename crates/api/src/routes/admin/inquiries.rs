//! Inquiries (R7.7), the staff's side: one inbox across companies, the thread, answers, files,
//! closing and assignment.

use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use portal_app::inquiries;
use portal_app::inquiry_inbox::{self as staff_inbox, Inbox};
use portal_app::inquiry_threads;
use portal_domain::inquiries::{AssignInquiryRequest, InquiryCategory, InquiryPage, InquiryState, InquiryView};
use portal_domain::services::{MessageList, MessageView, PostMessageRequest};
use portal_domain::ErrorCode;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{JsonBody, Query, Staff};
use crate::routes::attachments::{claimed_type, file_response, read_limited, UploadParams};
use crate::routes::company::inquiries::parse_state;
use crate::routes::{page_links, Paged, Paging};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct InboxFilter {
    /// Only this state; empty for every inquiry not closed.
    #[param(value_type = Option<InquiryState>)]
    pub state: Option<String>,
    /// Only this category.
    #[param(value_type = Option<InquiryCategory>)]
    pub category: Option<String>,
    /// Only inquiries assigned to this CSM or admin.
    pub assignee: Option<Uuid>,
    /// Only this company's.
    pub company: Option<Uuid>,
    /// Words in the subject or in any message, without regard to case.
    #[param(max_length = 200)]
    pub q: Option<String>,
}

/// The staff inbox of inquiries
///
/// Across companies: PLATINUM first, then down the ranks; within a rank the inquiries waiting
/// for us (`open`), longest wait first, then the answered ones by latest activity.
/// `waiting_since` is the customer's first message after our last answer, and
/// `waiting_service_minutes` counts the wait in service hours (weekdays 10:00–19:00 JST on
/// business days).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(InboxFilter, Paging),
    responses((status = 200, description = "A page of the inbox", body = InquiryPage))
)]
#[get("/admin/inquiries")]
pub async fn inquiry_inbox(
    state: web::Data<AppState>,
    staff: Staff,
    filter: Query<InboxFilter>,
    paging: Query<Paging>,
    req: HttpRequest,
) -> Result<Paged<InquiryPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let wanted = parse_state(filter.state.as_deref())?;
    let category = match filter.category.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(c) => Some(InquiryCategory::parse(c).ok_or_else(|| {
            ApiError::field("category", ErrorCode::Invalid, format!("{c:?} is not an inquiry category"))
        })?),
    };
    // Control characters are never in what is searched (and PostgreSQL refuses NUL in a pattern).
    let q: Option<String> = filter.q.as_deref().map(|q| q.chars().filter(|c| !c.is_control()).collect());
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(ApiError::field("q", ErrorCode::TooLong, "at most 200 characters"));
    }
    let q = q.as_deref();
    let f = Inbox { state: wanted, category, assignee: filter.assignee, company: filter.company, q };
    let mut found = staff_inbox::inbox(&state.db, staff.0.user.id, f, page, per_page, state.now()).await?;
    found.links = page_links(&req, page, per_page, found.total);
    Ok(Paged(found))
}

/// One inquiry (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    responses(
        (status = 200, description = "The inquiry", body = InquiryView),
        (status = 404, description = "No such inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/inquiries/{id}")]
pub async fn get_inquiry_for_staff(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<InquiryView>, ApiError> {
    let scope = inquiries::staff_scope(&state.db, &staff.0.user, *id).await?;
    Ok(web::Json(inquiries::get(&state.db, scope, *id, staff.0.user.id, state.now()).await?))
}

/// An inquiry's thread (staff)
///
/// Oldest first, with its files; reading marks it read for the caller.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    responses(
        (status = 200, description = "The thread", body = MessageList),
        (status = 404, description = "No such inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/inquiries/{id}/messages")]
pub async fn staff_inquiry_messages(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<MessageList>, ApiError> {
    let scope = inquiries::staff_scope(&state.db, &staff.0.user, *id).await?;
    Ok(web::Json(inquiry_threads::messages(&state.db, scope, *id, &staff.0.user, state.now()).await?))
}

/// Answer an inquiry (staff)
///
/// The inquiry becomes `answered`; the company's users are told by e-mail. A closed inquiry
/// takes no messages (409 `invalid_transition`).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    request_body = PostMessageRequest,
    responses(
        (status = 201, description = "Posted", body = MessageView),
        (status = 404, description = "No such inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: the inquiry is closed", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/inquiries/{id}/messages")]
pub async fn answer_inquiry(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<PostMessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let scope = inquiries::staff_scope(&state.db, &staff.0.user, *id).await?;
    let actor = staff.actor();
    let m =
        inquiry_threads::post(&state.db, &state.notices, scope, *id, &staff.0.user, &actor, &body.body, state.now())
            .await?;
    Ok(HttpResponse::Created().json(m))
}

/// Close an inquiry (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    responses(
        (status = 200, description = "Closed; the customer may reopen it within 14 days", body = InquiryView),
        (status = 404, description = "No such inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: already closed", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/inquiries/{id}/close")]
pub async fn staff_close_inquiry(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<InquiryView>, ApiError> {
    let scope = inquiries::staff_scope(&state.db, &staff.0.user, *id).await?;
    let actor = staff.actor();
    Ok(web::Json(inquiries::close(&state.db, scope, *id, &staff.0.user, &actor, state.now()).await?))
}

/// Assign an inquiry (staff)
///
/// To an active CSM or admin, or to nobody with `null`. Customers' messages are mailed to the
/// assignee (to every CSM and admin while nobody is assigned).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    request_body = AssignInquiryRequest,
    responses(
        (status = 200, description = "Assigned", body = InquiryView),
        (status = 404, description = "No such inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`assignee_id` is not an active CSM or admin", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/inquiries/{id}/assignee")]
pub async fn assign_inquiry(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<AssignInquiryRequest>,
) -> Result<web::Json<InquiryView>, ApiError> {
    let body = body.parse().await?;
    Ok(web::Json(staff_inbox::assign(&state.db, &staff.0.user, *id, body.assignee_id, state.now()).await?))
}

/// Send a file in an inquiry (staff)
///
/// As for customers; the company's users are told by e-mail.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Inquiry id"), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file. Send it with its own Content-Type (application/pdf, image/png, text/csv …); application/octet-stream itself is not accepted"),
    responses(
        (status = 201, description = "Sent", body = MessageView),
        (status = 404, description = "No such inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: the inquiry is closed", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over 10 MiB", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A type not accepted, or bytes that are not of the claimed type", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/inquiries/{id}/attachments")]
pub async fn staff_upload_inquiry_attachment(
    state: web::Data<AppState>,
    req: HttpRequest,
    staff: Staff,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let params = Query::<UploadParams>::parse(req.query_string())?;
    let scope = inquiries::staff_scope(&state.db, &staff.0.user, *id).await?;
    let bytes = read_limited(payload).await?;
    let actor = staff.actor();
    let m = inquiry_threads::upload(
        &state.db,
        &state.attachments,
        &state.notices,
        scope,
        *id,
        &staff.0.user,
        &actor,
        &params.file_name,
        &claimed_type(&req),
        bytes,
        state.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(m))
}

/// Download a file of an inquiry (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Inquiry id"), ("attachment_id" = Uuid, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment", content_type = "application/octet-stream"),
        (status = 404, description = "No such file", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/inquiries/{id}/attachments/{attachment_id}")]
pub async fn staff_download_inquiry_attachment(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, attachment_id) = path.into_inner();
    let scope = inquiries::staff_scope(&state.db, &staff.0.user, id).await?;
    let (a, bytes) = inquiry_threads::download(&state.db, &state.attachments, scope, id, attachment_id).await?;
    Ok(file_response(a, bytes))
}
