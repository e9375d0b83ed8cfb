//! Transaction volumes import (R2.4): all rows valid or nothing imported.

use std::collections::{HashMap, HashSet};

use actix_web::{post, web, HttpRequest};
use chrono::Utc;
use portal_db::queries::{audit, companies, transactions};
use portal_domain::company::ImportReport;
use portal_domain::problem::FieldError;
use portal_domain::transactions::{parse_csv, RowError};
use sea_orm::TransactionTrait;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::extractors::Staff;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportQuery {
    /// Name of the uploaded file, kept with the import record.
    pub filename: Option<String>,
}

fn row_error(e: RowError) -> FieldError {
    FieldError { field: format!("line {}: {}", e.line, e.field), code: e.code, message: e.message }
}

/// Import monthly transaction volumes (staff)
///
/// Body: CSV `company_code,year_month,amount_yen` (e.g. `ACME,2025-04,1200000`). Every row is
/// checked; any invalid row rejects the whole file with a per-row error list (`errors[].field` is
/// `line N: column`). A company-month imported again is replaced, and the import records how many.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "Imported", body = ImportReport),
        (status = 415, description = "Not text/csv", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid rows; nothing was imported", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/transactions/import")]
pub async fn import_transactions(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    q: web::Query<ImportQuery>,
    body: web::Bytes,
) -> Result<web::Json<ImportReport>, ApiError> {
    let ct = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !(ct.starts_with("text/csv") || ct.starts_with("text/plain")) {
        return Err(ApiError::UnsupportedMediaType("send the file as text/csv"));
    }
    let text = std::str::from_utf8(&body).map_err(|_| ApiError::field("body", "not_utf8", "the file must be UTF-8"))?;
    let rows = parse_csv(text).map_err(|errs| ApiError::Validation(errs.into_iter().map(row_error).collect()))?;

    let codes: Vec<String> = rows.iter().map(|r| r.company_code.clone()).collect::<HashSet<_>>().into_iter().collect();
    let ids: HashMap<String, uuid::Uuid> = companies::ids_by_code(&state.db, codes).await?.into_iter().collect();
    let unknown: Vec<FieldError> = rows
        .iter()
        .filter(|r| !ids.contains_key(&r.company_code))
        .map(|r| FieldError {
            field: format!("line {}: company_code", r.line),
            code: "unknown_company".into(),
            message: format!("no company with code {}", r.company_code),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::Validation(unknown));
    }

    let filename = q.filename.as_deref().map(str::trim).filter(|f| !f.is_empty()).unwrap_or("upload.csv");
    let filename: String = filename.chars().take(200).collect();
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let import = transactions::insert_import(&txn, staff.actor().id, &filename, rows.len() as i32, now).await?;
    let mut replaced = Vec::new();
    for r in &rows {
        let company = ids[&r.company_code];
        if let Some(old) =
            transactions::upsert(&txn, company, r.year, r.month as i32, r.amount_yen, import.id, now).await?
        {
            replaced.push(json!({ "company_code": r.company_code, "year_month": format!("{}-{:02}", r.year, r.month), "old": old, "new": r.amount_yen }));
        }
    }
    transactions::set_replaced(&txn, import.id, replaced.len() as i32).await?;
    let record = audit::Record {
        action: "transactions.import",
        target_type: "transaction_import",
        target_id: import.id.to_string(),
        company_id: None,
        before: None,
        after: Some(json!({ "filename": filename, "rows": rows.len(), "companies": ids.len(), "replaced": replaced })),
    };
    audit::record(&txn, &staff.actor(), record, now).await?;
    txn.commit().await?;
    Ok(web::Json(ImportReport {
        import_id: import.id,
        rows: rows.len() as u32,
        companies: ids.len() as u32,
        replaced: replaced.len() as u32,
    }))
}
