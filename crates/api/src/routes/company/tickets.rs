//! Ticket history (R3.4): every ledger entry with its running balance, newest first, and as CSV.

use actix_web::{get, web, HttpResponse};
use portal_db::queries::ledger;
use portal_domain::company::{LedgerEntryView, LedgerPage};
use portal_domain::fiscal::format_jst;
use portal_domain::ledger::EntryKind;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::Customer;
use crate::routes::Paging;
use crate::services::company_view;
use crate::state::AppState;

/// Your ticket history
#[utoipa::path(
    tag = "company",
    security(("bearer" = [])),
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
    paging: web::Query<Paging>,
) -> Result<web::Json<LedgerPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let (items, total) = ledger::page(&state.db, customer.scope, page, per_page).await?;
    Ok(web::Json(LedgerPage {
        items: items.into_iter().map(company_view::ledger_entry).collect(),
        total,
        page,
        per_page,
    }))
}

/// One entry of your ticket history
#[utoipa::path(
    tag = "company",
    security(("bearer" = [])),
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
    Ok(web::Json(company_view::ledger_entry(e)))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CsvQuery {
    /// Header and kind labels: `ja` (default) or `en`.
    pub lang: Option<String>,
}

fn kind_label(kind: EntryKind, ja: bool) -> &'static str {
    match (kind, ja) {
        (EntryKind::Grant, true) => "付与",
        (EntryKind::Consume, true) => "利用",
        (EntryKind::Refund, true) => "返却",
        (EntryKind::Expire, true) => "失効",
        (EntryKind::Adjust, true) => "調整",
        (k, false) => k.as_str(),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Your ticket history as CSV
///
/// UTF-8 with a byte-order mark (so spreadsheet software detects it), oldest first, times in JST.
#[utoipa::path(
    tag = "company",
    security(("bearer" = [])),
    params(CsvQuery),
    responses((status = 200, description = "CSV file", content_type = "text/csv", body = String))
)]
#[get("/company/tickets.csv")]
pub async fn download_tickets_csv(
    state: web::Data<AppState>,
    customer: Customer,
    q: web::Query<CsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let ja = q.lang.as_deref() != Some("en");
    let entries = ledger::all(&state.db, customer.scope).await?;
    let mut out = String::from("\u{feff}");
    out.push_str(if ja {
        "番号,日時(JST),種別,数量,残高,年度,有効期限(JST),内容\r\n"
    } else {
        "seq,time_jst,kind,amount,balance,fiscal_year,expires_at_jst,reason\r\n"
    });
    for e in entries {
        let kind = EntryKind::parse(&e.kind).unwrap_or(EntryKind::Adjust);
        let expires = e.expires_at.map(format_jst).unwrap_or_default();
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\r\n",
            e.seq,
            format_jst(e.created_at),
            kind_label(kind, ja),
            e.amount,
            e.balance_after,
            e.fiscal_year,
            expires,
            csv_field(&e.reason)
        ));
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", "attachment; filename=\"tickets.csv\""))
        .body(out))
}
