use actix_web::{get, post, web, HttpRequest, HttpResponse};
use portal_app::tickets;
use portal_db::queries::ledger;
use portal_domain::company::{LedgerPage, TicketAdjustmentRequest};
use portal_domain::inputs::TicketAdjustment;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Admin, JsonBody, Query, Staff};
use crate::routes::{page_links, Paged, Paging};
use crate::state::AppState;
use portal_app::views as company_view;

/// Adjust a company's tickets (admin)
///
/// Adds (positive) or removes (negative) tickets with a mandatory reason; the balance never goes
/// below zero (`insufficient_tickets`, 409), even under concurrent changes (R3.2).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = TicketAdjustmentRequest,
    responses(
        (status = 201, description = "The new ledger entry", body = portal_domain::company::LedgerEntryView),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`insufficient_tickets`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Zero or too large amount, missing reason", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/companies/{id}/ticket-adjustments")]
pub async fn adjust_tickets(
    state: web::Data<AppState>,
    admin: Admin,
    id: web::Path<Uuid>,
    body: JsonBody<TicketAdjustmentRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let adjustment = TicketAdjustment::parse(&body)?;
    let entry = tickets::adjust(&state.db, admin.0.scope(*id)?, &adjustment, &admin.0.actor(), state.now()).await?;
    Ok(HttpResponse::Created().json(entry))
}

/// A company's ticket history (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id"), Paging),
    responses((status = 200, description = "A page of ledger entries, newest first", body = LedgerPage))
)]
#[get("/admin/companies/{id}/tickets")]
pub async fn list_company_tickets(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    paging: Query<Paging>,
    req: HttpRequest,
) -> Result<Paged<LedgerPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let (items, total) = ledger::page(&state.db, staff.scope(*id)?, page, per_page).await?;
    let links = page_links(&req, page, per_page, total);
    Ok(Paged(LedgerPage { items: company_view::ledger_entries(items)?, total, page, per_page, links }))
}
