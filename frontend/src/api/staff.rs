//! Staff operations on companies (R1.4, R2.3–R2.5, R3.2, R7.2): onboarding, lists, rank overrides,
//! ticket adjustments, transaction import, thresholds, rollover and the audit log.

use gloo_net::http::Method;
use portal_domain::company::{
    AuditPage, AwsAccountView, CompanyDetail, CompanyOverview, CompanyPage, ImportReport, LedgerEntryView, LedgerPage,
    LinkAwsAccountRequest, OnboardCompanyRequest, OnboardCompanyResponse, RankOverrideRequest, RolloverReport,
    RolloverRequest, ThresholdsVersion, TicketAdjustmentRequest, UpdateThresholdsRequest,
};
use portal_domain::fiscal::FiscalYear;
use portal_domain::Rank;
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::{authed, decode, json, query_of, ApiError, Body};
use crate::session::Session;

fn paging(page: u32, per_page: u32) -> [(&'static str, String); 2] {
    [("page", page.to_string()), ("per_page", per_page.to_string())]
}

pub async fn onboard_company(
    session: Session,
    req: &OnboardCompanyRequest,
) -> Result<OnboardCompanyResponse, ApiError> {
    decode(authed(session, Method::POST, "/admin/companies", &[], Some(json(req)?)).await?).await
}

/// PLATINUM first, then by name.
pub async fn admin_companies(
    session: Session,
    rank: Option<Rank>,
    q: String,
    page: u32,
    per_page: u32,
) -> Result<CompanyPage, ApiError> {
    let [p, pp] = paging(page, per_page);
    let query = query_of(&[("rank", rank.map(|r| r.as_str().to_owned()).unwrap_or_default()), ("q", q), p, pp]);
    decode(authed(session, Method::GET, "/admin/companies", &query, None).await?).await
}

pub async fn admin_company(session: Session, id: Uuid) -> Result<CompanyDetail, ApiError> {
    decode(authed(session, Method::GET, &format!("/admin/companies/{id}"), &[], None).await?).await
}

pub async fn link_aws_account(
    session: Session,
    company: Uuid,
    req: &LinkAwsAccountRequest,
) -> Result<AwsAccountView, ApiError> {
    let path = format!("/admin/companies/{company}/aws-accounts");
    decode(authed(session, Method::POST, &path, &[], Some(json(req)?)).await?).await
}

pub async fn override_rank(
    session: Session,
    company: Uuid,
    fiscal_year: FiscalYear,
    rank: Rank,
    reason: &str,
) -> Result<CompanyOverview, ApiError> {
    let body = RankOverrideRequest { fiscal_year, rank, reason: reason.trim().to_owned() };
    let path = format!("/admin/companies/{company}/rank-override");
    decode(authed(session, Method::POST, &path, &[], Some(json(&body)?)).await?).await
}

pub async fn adjust_tickets(
    session: Session,
    company: Uuid,
    amount: i32,
    reason: &str,
) -> Result<LedgerEntryView, ApiError> {
    let body = TicketAdjustmentRequest { amount, reason: reason.trim().to_owned() };
    let path = format!("/admin/companies/{company}/ticket-adjustments");
    decode(authed(session, Method::POST, &path, &[], Some(json(&body)?)).await?).await
}

pub async fn admin_company_tickets(
    session: Session,
    company: Uuid,
    page: u32,
    per_page: u32,
) -> Result<LedgerPage, ApiError> {
    let path = format!("/admin/companies/{company}/tickets");
    decode(authed(session, Method::GET, &path, &paging(page, per_page), None).await?).await
}

/// What to import: a chosen file (sent as is, the browser streams it) or pasted text.
pub enum CsvSource {
    File(web_sys::File),
    Text(String),
}

/// All rows or none: a 422 `validation_failed` lists every bad row as `line N: column`.
pub async fn import_transactions(session: Session, source: CsvSource) -> Result<ImportReport, ApiError> {
    let (filename, value) = match source {
        CsvSource::File(f) => (f.name(), JsValue::from(f)),
        CsvSource::Text(t) => ("pasted.csv".to_owned(), JsValue::from_str(&t)),
    };
    let body = Body { content_type: "text/csv".into(), value };
    let query = [("filename", filename)];
    decode(authed(session, Method::POST, "/admin/transactions/import", &query, Some(body)).await?).await
}

/// Newest first.
pub async fn thresholds(session: Session) -> Result<Vec<ThresholdsVersion>, ApiError> {
    decode(authed(session, Method::GET, "/admin/rank-thresholds", &[], None).await?).await
}

pub async fn update_thresholds(session: Session, req: &UpdateThresholdsRequest) -> Result<ThresholdsVersion, ApiError> {
    decode(authed(session, Method::PUT, "/admin/rank-thresholds", &[], Some(json(req)?)).await?).await
}

pub async fn rollover(session: Session, fiscal_year: FiscalYear) -> Result<RolloverReport, ApiError> {
    let body = RolloverRequest { fiscal_year };
    decode(authed(session, Method::POST, "/admin/jobs/rollover", &[], Some(json(&body)?)).await?).await
}

/// Newest first; `action` and `company_id` filter when given.
pub async fn audit(
    session: Session,
    action: String,
    company_id: Option<Uuid>,
    page: u32,
    per_page: u32,
) -> Result<AuditPage, ApiError> {
    let [p, pp] = paging(page, per_page);
    let company = company_id.map(|c| c.to_string()).unwrap_or_default();
    let query = query_of(&[("action", action), ("company_id", company), p, pp]);
    decode(authed(session, Method::GET, "/admin/audit", &query, None).await?).await
}
