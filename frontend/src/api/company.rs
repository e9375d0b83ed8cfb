//! The signed-in customer's company (R7.6): overview (with its AWS accounts), ticket history, its CSV.

use gloo_net::http::Method;
use portal_domain::company::{CompanyOverview, LedgerPage};

use super::{authed, decode, ApiError};
use crate::i18n::Lang;
use crate::session::Session;

pub async fn company(session: Session) -> Result<CompanyOverview, ApiError> {
    decode(authed(session, Method::GET, "/company", &[], None).await?).await
}

/// Newest first.
pub async fn company_tickets(session: Session, page: u32, per_page: u32) -> Result<LedgerPage, ApiError> {
    let query = [("page", page.to_string()), ("per_page", per_page.to_string())];
    decode(authed(session, Method::GET, "/company/tickets", &query, None).await?).await
}

/// The whole history as CSV (UTF-8 with BOM), column names in `lang`; the raw bytes, to be saved.
pub async fn company_tickets_csv(session: Session, lang: Lang) -> Result<Vec<u8>, ApiError> {
    let query = [("lang", lang.code().to_owned())];
    let resp = authed(session, Method::GET, "/company/tickets.csv", &query, None).await?;
    let status = resp.status();
    resp.binary().await.map_err(|_| ApiError::Unexpected(status))
}
