//! Ticket history (R3.4): every ledger entry with its running balance, newest first, and as CSV.

use actix_web::{get, web, HttpRequest, HttpResponse};
use portal_db::queries::ledger;
use portal_domain::company::{LedgerEntryView, LedgerPage};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Customer, Query};
use crate::routes::{page_links, Paged, Paging};
use crate::state::AppState;
use portal_app::views as company_view;

/// Your ticket history
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative", "member"])),
    params(Paging),
    responses(
        (status = 200, description = "A page of ledger entries, newest first", body = LedgerPage),
        (status = 422, description = "Bad paging parameters", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/tickets")]
pub async fn list_tickets(
    state: web::Data<AppState>,
    customer: Customer,
    paging: Query<Paging>,
    req: HttpRequest,
) -> Result<Paged<LedgerPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let (items, total) = ledger::page(&state.db, customer.scope, page, per_page).await?;
    let links = page_links(&req, page, per_page, total);
    Ok(Paged(LedgerPage { items: company_view::ledger_entries(items)?, total, page, per_page, links }))
}

/// One entry of your ticket history
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Ledger entry id")),
    responses(
        (status = 200, description = "The entry", body = LedgerEntryView),
        (status = 404, description = "Not your company's entry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/tickets/{id}")]
pub async fn get_ticket(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<LedgerEntryView>, ApiError> {
    let e = ledger::entry(&state.db, customer.scope, *id).await?.ok_or(ApiError::NotFound)?;
    Ok(web::Json(company_view::ledger_entry(e)?))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CsvLang {
    Ja,
    En,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CsvQuery {
    /// Header and kind labels: `ja` (default) or `en`.
    #[param(inline)]
    pub lang: Option<CsvLang>,
}

/// Your ticket history as CSV
///
/// UTF-8 with a byte-order mark (so spreadsheet software detects it), oldest first, times in JST.
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative", "member"])),
    params(CsvQuery),
    responses((status = 200, description = "CSV file", content_type = "text/csv", body = String))
)]
#[get("/company/tickets.csv")]
pub async fn download_tickets_csv(
    state: web::Data<AppState>,
    customer: Customer,
    q: Query<CsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let ja = q.lang != Some(CsvLang::En);
    let out = portal_app::exports::tickets_csv(ledger::all(&state.db, customer.scope).await?, ja)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", "attachment; filename=\"tickets.csv\""))
        .body(out))
}
