use actix_web::{get, web, HttpRequest};
use portal_db::queries::companies;
use portal_domain::company::{CompanyListItem, CompanyPage};
use portal_domain::{ErrorCode, Rank};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::extractors::{Query, Staff};
use crate::routes::{page_links, Paged, Paging};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct CompanyFilter {
    /// Only this rank (the one in force), e.g. `GOLD`; empty for all.
    #[param(value_type = Option<Rank>)]
    pub rank: Option<String>,
    /// Search in name and code.
    pub q: Option<String>,
}

/// List companies (staff)
///
/// Sorted by the rank in force, PLATINUM first, then by name (R6.5); paginated.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(CompanyFilter, Paging),
    responses(
        (status = 200, description = "A page of companies", body = CompanyPage),
        (status = 422, description = "Unknown rank or bad paging", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/companies")]
pub async fn list_companies(
    state: web::Data<AppState>,
    _staff: Staff,
    filter: Query<CompanyFilter>,
    paging: Query<Paging>,
    req: HttpRequest,
) -> Result<Paged<CompanyPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let rank = match filter.rank.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Some(Rank::parse(r).ok_or_else(|| {
            ApiError::field("rank", ErrorCode::InvalidRank, "one of PLATINUM, GOLD, SILVER, BRONZE, REGULAR")
        })?),
        None => None,
    };
    let (rows, total) = companies::list_for_staff(&state.db, rank, filter.q.as_deref(), page, per_page).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(CompanyListItem {
                rank: r.rank(),
                ticket_balance: r.balance.unwrap_or(0) as i32,
                id: r.id,
                code: r.code,
                name: r.name,
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()?;
    let links = page_links(&req, page, per_page, total);
    Ok(Paged(CompanyPage { items, total, page, per_page, links }))
}
