//! Inquiries about cloudpack+ (R7.7), the customer's side: every user of the company opens,
//! reads, writes, closes and reopens the company's inquiries.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use portal_app::{inquiries, inquiry_threads};
use portal_domain::inquiries::{InquiryPage, InquiryState, InquiryView, OpenInquiryRequest};
use portal_domain::services::{MessageList, MessageView, PostMessageRequest};
use portal_domain::ErrorCode;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Customer, JsonBody, Query};
use crate::routes::attachments::{claimed_type, file_response, read_limited, UploadParams};
use crate::routes::{page_links, Paged, Paging};
use crate::state::AppState;

/// `state` as a query parameter: empty means any.
pub(crate) fn parse_state(s: Option<&str>) -> Result<Option<InquiryState>, ApiError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => InquiryState::parse(s)
            .map(Some)
            .ok_or_else(|| ApiError::field("state", ErrorCode::Invalid, format!("{s:?} is not an inquiry state"))),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListFilter {
    /// Only this state; empty for every one.
    #[param(value_type = Option<InquiryState>)]
    pub state: Option<String>,
    /// `activity` (latest message first, the default) or `created` (newest inquiry first).
    #[param(value_type = Option<String>, pattern = "^(activity|created)?$")]
    pub sort: Option<String>,
}

/// Open an inquiry about cloudpack+
///
/// Any user of the company. Only cloudpack+ matters are taken here (tickets, option services,
/// trainings, cloud optimization, the portal): requests about the cloudpack services themselves —
/// operations and maintenance of your AWS environment — go to Backlog or cloudpack support as
/// before, and contracts and quotes to sales (§4.5.3). The question becomes the thread's first
/// message; send files afterwards to the inquiry's `attachments`. Our staff are told by e-mail.
#[utoipa::path(
    tag = "inquiries",
    security(("bearer" = ["representative", "member"])),
    request_body = OpenInquiryRequest,
    responses(
        (status = 201, description = "Opened; it waits for our answer", body = InquiryView),
        (status = 422, description = "A field is missing or too long; `errors` names it", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/inquiries")]
pub async fn open_inquiry(
    state: web::Data<AppState>,
    customer: Customer,
    body: JsonBody<OpenInquiryRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let actor = customer.actor();
    let v =
        inquiries::open(&state.db, &state.notices, customer.scope, &customer.caller.user, &actor, &body, state.now())
            .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Your company's inquiries
///
/// Every user of the company sees all of them, latest activity first; `unread` counts the
/// messages the caller has not read.
#[utoipa::path(
    tag = "inquiries",
    security(("bearer" = ["representative", "member"])),
    params(ListFilter, Paging),
    responses((status = 200, description = "A page of inquiries", body = InquiryPage))
)]
#[get("/company/inquiries")]
pub async fn list_inquiries(
    state: web::Data<AppState>,
    customer: Customer,
    filter: Query<ListFilter>,
    paging: Query<Paging>,
    req: HttpRequest,
) -> Result<Paged<InquiryPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let wanted = parse_state(filter.state.as_deref())?;
    let order = inquiries::parse_order(filter.sort.as_deref())?;
    let user = customer.caller.user.id;
    let mut found =
        inquiries::list(&state.db, customer.scope, user, wanted, order, page, per_page, state.now()).await?;
    found.links = page_links(&req, page, per_page, found.total);
    Ok(Paged(found))
}

/// One of your company's inquiries
#[utoipa::path(
    tag = "inquiries",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    responses(
        (status = 200, description = "The inquiry", body = InquiryView),
        (status = 404, description = "Not your company's inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/inquiries/{id}")]
pub async fn get_inquiry(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<InquiryView>, ApiError> {
    Ok(web::Json(inquiries::get(&state.db, customer.scope, *id, customer.caller.user.id, state.now()).await?))
}

/// An inquiry's thread
///
/// Oldest first, with its files; reading marks it read for the caller.
#[utoipa::path(
    tag = "inquiries",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    responses(
        (status = 200, description = "The thread", body = MessageList),
        (status = 404, description = "Not your company's inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/inquiries/{id}/messages")]
pub async fn list_inquiry_messages(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<MessageList>, ApiError> {
    Ok(web::Json(inquiry_threads::messages(&state.db, customer.scope, *id, &customer.caller.user, state.now()).await?))
}

/// Write to an inquiry
///
/// The inquiry waits for our answer again (`open`); staff are told by e-mail. A closed inquiry
/// takes no messages (409 `invalid_transition`): reopen it first.
#[utoipa::path(
    tag = "inquiries",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    request_body = PostMessageRequest,
    responses(
        (status = 201, description = "Posted", body = MessageView),
        (status = 404, description = "Not your company's inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: the inquiry is closed", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/inquiries/{id}/messages")]
pub async fn post_inquiry_message(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
    body: JsonBody<PostMessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let actor = customer.actor();
    let m = inquiry_threads::post(
        &state.db,
        &state.notices,
        customer.scope,
        *id,
        &customer.caller.user,
        &actor,
        &body.body,
        state.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(m))
}

/// Close an inquiry
///
/// Either side may close; the customer may reopen it within 14 days.
#[utoipa::path(
    tag = "inquiries",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    responses(
        (status = 200, description = "Closed", body = InquiryView),
        (status = 404, description = "Not your company's inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: already closed", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/inquiries/{id}/close")]
pub async fn close_inquiry(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<InquiryView>, ApiError> {
    let actor = customer.actor();
    Ok(web::Json(inquiries::close(&state.db, customer.scope, *id, &customer.caller.user, &actor, state.now()).await?))
}

/// Reopen a closed inquiry
///
/// Within 14 days of its closing; it waits for our answer again. Later, 409
/// `reopen_period_over`: open a new inquiry instead.
#[utoipa::path(
    tag = "inquiries",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Inquiry id")),
    responses(
        (status = 200, description = "Open again", body = InquiryView),
        (status = 404, description = "Not your company's inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition` (not closed) or `reopen_period_over`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/inquiries/{id}/reopen")]
pub async fn reopen_inquiry(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<InquiryView>, ApiError> {
    let actor = customer.actor();
    Ok(web::Json(inquiries::reopen(&state.db, customer.scope, *id, &customer.caller.user, &actor, state.now()).await?))
}

/// Send a file in an inquiry
///
/// The body is the file, with its own `Content-Type`: PDF, PNG, JPEG, plain text, CSV, ZIP or an
/// Office document, at most 10 MiB; its bytes must be of the type it claims
/// (`attachment_type_mismatch`). The file becomes a message of the thread.
#[utoipa::path(
    tag = "inquiries",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Inquiry id"), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file. Send it with its own Content-Type (application/pdf, image/png, text/csv …); application/octet-stream itself is not accepted"),
    responses(
        (status = 201, description = "Sent", body = MessageView),
        (status = 404, description = "Not your company's inquiry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: the inquiry is closed", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over 10 MiB", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A type not accepted, or bytes that are not of the claimed type", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/inquiries/{id}/attachments")]
pub async fn upload_inquiry_attachment(
    state: web::Data<AppState>,
    req: HttpRequest,
    customer: Customer,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let params = Query::<UploadParams>::parse(req.query_string())?;
    let bytes = read_limited(payload).await?;
    let actor = customer.actor();
    let m = inquiry_threads::upload(
        &state.db,
        &state.attachments,
        &state.notices,
        customer.scope,
        *id,
        &customer.caller.user,
        &actor,
        &params.file_name,
        &claimed_type(&req),
        bytes,
        state.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(m))
}

/// Download a file of an inquiry
#[utoipa::path(
    tag = "inquiries",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Inquiry id"), ("attachment_id" = Uuid, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment", content_type = "application/octet-stream"),
        (status = 404, description = "Not your company's file", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/inquiries/{id}/attachments/{attachment_id}")]
pub async fn download_inquiry_attachment(
    state: web::Data<AppState>,
    customer: Customer,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, attachment_id) = path.into_inner();
    let (a, bytes) =
        inquiry_threads::download(&state.db, &state.attachments, customer.scope, id, attachment_id).await?;
    Ok(file_response(a, bytes))
}
