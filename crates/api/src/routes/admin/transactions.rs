//! Transaction volumes import (R2.4): all rows valid or nothing imported.

use actix_web::{post, web, HttpRequest};
use futures_util::StreamExt;
use portal_app::imports;
use portal_domain::company::ImportReport;
use portal_domain::problem::{FieldError, Problem};
use portal_domain::transactions::{parse_csv, RowError};
use portal_domain::ErrorCode;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::extractors::{Admin, Query};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportQuery {
    /// Name of the uploaded file, kept with the import record.
    pub filename: Option<String>,
}

fn row_error(e: RowError) -> FieldError {
    FieldError::new(&format!("line {}: {}", e.line, e.field), e.code, e.message)
}

/// Import monthly transaction volumes (admin)
///
/// Body: CSV `company_code,year_month,amount_yen` (e.g. `ACME,2025-04,1200000`). Every row is
/// checked; any invalid row rejects the whole file with a per-row error list (`errors[].field` is
/// `line N: column`). A company-month imported again is replaced, and the import records how many.
/// At most 60,000 rows (a year of 5,000 companies) and 8 MiB per file. When the previous calendar
/// year of a company changes, its computed rank for the year under way is decided again (and its
/// tickets follow), which is why only admins import.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "Imported", body = ImportReport),
        (status = 413, description = "More than 60,000 rows or 8 MiB (`payload_too_large`)", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not text/csv", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid rows; nothing was imported", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/transactions/import")]
pub async fn import_transactions(
    state: web::Data<AppState>,
    admin: Admin,
    req: HttpRequest,
    q: Query<ImportQuery>,
    mut body: web::Payload,
) -> Result<web::Json<ImportReport>, ApiError> {
    let ct = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !(ct.starts_with("text/csv") || ct.starts_with("text/plain")) {
        return Err(ApiError::UnsupportedMediaType("send the file as text/csv"));
    }
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| ApiError::Malformed(e.to_string()))?;
        if bytes.len() + chunk.len() > MAX_IMPORT_BYTES {
            return Err(too_large(format!("the file is larger than {} MiB", MAX_IMPORT_BYTES >> 20)));
        }
        bytes.extend_from_slice(&chunk);
    }
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| ApiError::field("body", ErrorCode::NotUtf8, "the file must be UTF-8"))?;
    let rows = parse_csv(text).map_err(|errs| ApiError::Validation(errs.into_iter().map(row_error).collect()))?;
    if rows.len() > imports::MAX_ROWS {
        return Err(too_large(format!(
            "{} rows; at most {} (5,000 companies × 12 months) per file: split the file",
            rows.len(),
            imports::MAX_ROWS
        )));
    }
    let filename = q.filename.as_deref().map(str::trim).filter(|f| !f.is_empty()).unwrap_or("upload.csv");
    let filename: String = filename.chars().take(200).collect();
    Ok(web::Json(imports::import(&state.db, &rows, &filename, &admin.0.actor(), state.now()).await?))
}

/// The file holds a year of 5,000 companies at most (60,000 rows); its bytes are bounded too, so
/// a huge upload is refused before it is parsed.
const MAX_IMPORT_BYTES: usize = 8 << 20;

fn too_large(detail: String) -> ApiError {
    ApiError::Problem(Box::new(
        Problem::new(413, ErrorCode::PayloadTooLarge, "The file is too large").with_detail(detail),
    ))
}
