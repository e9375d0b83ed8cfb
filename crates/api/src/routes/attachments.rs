//! Files in application threads (R4.7), for both sides: upload into the thread, download as an
//! attachment. Every read goes through the application's company scope.

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use portal_app::attachments::{self, MAX_BYTES};
use portal_db::queries::CompanyScope;
use portal_domain::services::{AttachmentView, MessageView};
use portal_domain::ErrorCode;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Customer, Query, Staff};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// The file's name, shown in the thread and offered when downloading.
    pub file_name: String,
}

/// The body, read up to the limit: a larger one is 413 before it is all in memory.
pub(crate) async fn read_limited(mut payload: web::Payload) -> Result<web::Bytes, ApiError> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::Malformed(e.to_string()))?;
        if body.len() + chunk.len() > MAX_BYTES {
            return Err(ApiError::Problem(Box::new(portal_domain::problem::Problem::new(
                413,
                ErrorCode::PayloadTooLarge,
                "Files are at most 10 MiB",
            ))));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

pub(crate) fn claimed_type(req: &HttpRequest) -> String {
    req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

/// `attachment`, with the name as sent (RFC 6266: an ASCII fallback and the UTF-8 name).
fn disposition(name: &str) -> String {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

pub(crate) fn file_response(a: AttachmentView, bytes: web::Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, a.content_type))
        .insert_header((header::CONTENT_DISPOSITION, disposition(&a.file_name)))
        .body(bytes)
}

async fn upload(
    state: &AppState,
    req: &HttpRequest,
    scope: CompanyScope,
    id: Uuid,
    author: &portal_db::entities::user::Model,
    file_name: &str,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = read_limited(payload).await?;
    let m: MessageView = attachments::upload(
        &state.db,
        &state.attachments,
        &state.notices,
        scope,
        id,
        author,
        file_name,
        &claimed_type(req),
        bytes,
        state.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(m))
}

/// Send a file in an application's thread
///
/// The body is the file, with its own `Content-Type`: PDF, PNG, JPEG, plain text, CSV, ZIP or an
/// Office document, at most 10 MiB. A file whose bytes are not of the type it claims is refused
/// (`attachment_type_mismatch`). The file becomes a message of the thread.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Application id"), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file. Send it with its own Content-Type (application/pdf, image/png, text/csv …); application/octet-stream itself is not accepted"),
    responses(
        (status = 201, description = "Sent", body = MessageView),
        (status = 404, description = "Not your company's application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over 10 MiB", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A type not accepted, or bytes that are not of the claimed type", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/company/applications/{id}/attachments")]
pub async fn customer_upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    customer: Customer,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    // Read after the caller is authorised: a caller without the role gets 403, not a query error.
    let params = Query::<UploadParams>::parse(req.query_string())?;
    upload(&state, &req, customer.scope, *id, &customer.caller.user, &params.file_name, payload).await
}

/// Download a file of an application's thread
#[utoipa::path(
    tag = "applications",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Application id"), ("attachment_id" = Uuid, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment", content_type = "application/octet-stream"),
        (status = 404, description = "Not your company's file", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/applications/{id}/attachments/{attachment_id}")]
pub async fn customer_download(
    state: web::Data<AppState>,
    customer: Customer,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, attachment_id) = path.into_inner();
    let (a, bytes) = attachments::download(&state.db, &state.attachments, customer.scope, id, attachment_id).await?;
    Ok(file_response(a, bytes))
}

/// Send a file in an application's thread (staff)
///
/// As for customers; the company's users are told by e-mail. Staff send reports this way.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id"), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file. Send it with its own Content-Type (application/pdf, image/png, text/csv …); application/octet-stream itself is not accepted"),
    responses(
        (status = 201, description = "Sent", body = MessageView),
        (status = 404, description = "No such application", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over 10 MiB", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A type not accepted, or bytes that are not of the claimed type", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/applications/{id}/attachments")]
pub async fn staff_upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    staff: Staff,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let params = Query::<UploadParams>::parse(req.query_string())?;
    let scope = portal_db::queries::applications::scope_for_staff(&state.db, &staff.0.user, *id)
        .await?
        .ok_or(ApiError::NotFound)?;
    upload(&state, &req, scope, *id, &staff.0.user, &params.file_name, payload).await
}

/// Download a file of an application's thread (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Application id"), ("attachment_id" = Uuid, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment", content_type = "application/octet-stream"),
        (status = 404, description = "No such file", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/applications/{id}/attachments/{attachment_id}")]
pub async fn staff_download(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, attachment_id) = path.into_inner();
    let scope = portal_db::queries::applications::scope_for_staff(&state.db, &staff.0.user, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (a, bytes) = attachments::download(&state.db, &state.attachments, scope, id, attachment_id).await?;
    Ok(file_response(a, bytes))
}
