use actix_web::{get, post, web, HttpResponse};
use chrono::Utc;
use portal_db::queries::audit;
use portal_db::queries::ledger::{self, Posting};
use portal_domain::company::{LedgerPage, TicketAdjustmentRequest};
use portal_domain::ledger::EntryKind;
use sea_orm::TransactionTrait;
use serde_json::json;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::Staff;
use crate::routes::{post_error, reason, Paging};
use crate::services::company_view;
use crate::state::AppState;

const MAX_ADJUSTMENT: i32 = 1000;

/// Adjust a company's tickets (staff)
///
/// Adds (positive) or removes (negative) tickets with a mandatory reason; the balance never goes
/// below zero (`insufficient_tickets`, 409), even under concurrent changes (R3.2).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
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
    staff: Staff,
    id: web::Path<Uuid>,
    body: web::Json<TicketAdjustmentRequest>,
) -> Result<HttpResponse, ApiError> {
    if body.amount == 0 || body.amount.unsigned_abs() > MAX_ADJUSTMENT.unsigned_abs() {
        return Err(ApiError::field(
            "amount",
            "out_of_range",
            format!("a non-zero number between -{MAX_ADJUSTMENT} and {MAX_ADJUSTMENT}"),
        ));
    }
    let reason = reason(&body.reason)?;
    let scope = staff.scope(*id);
    let now = Utc::now();
    let txn = state.db.begin().await?;
    // Lock first: on SQLite the first statement must be the write.
    ledger::lock(&txn, scope).await.map_err(post_error)?;
    let fy = company_view::live_year(&txn, scope, now).await?;
    let posting = Posting {
        kind: EntryKind::Adjust,
        amount: body.amount,
        fiscal_year: fy.0,
        expires_at: (body.amount > 0).then(|| fy.end()),
        reason: format!("手動調整: {reason}"),
        actor_id: staff.actor().id,
        idempotency_key: None,
    };
    let entry = ledger::post(&txn, scope, posting, now).await.map_err(post_error)?;
    let record = audit::Record {
        action: "tickets.adjust",
        target_type: "company",
        target_id: scope.company_id().to_string(),
        company_id: Some(scope.company_id()),
        before: Some(json!({ "balance": entry.balance_after - entry.amount })),
        after: Some(json!({ "balance": entry.balance_after, "amount": entry.amount, "reason": reason })),
    };
    audit::record(&txn, &staff.actor(), record, now).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(company_view::ledger_entry(entry)))
}

/// A company's ticket history (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Company id"), Paging),
    responses((status = 200, description = "A page of ledger entries, newest first", body = LedgerPage))
)]
#[get("/admin/companies/{id}/tickets")]
pub async fn list_company_tickets(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    paging: web::Query<Paging>,
) -> Result<web::Json<LedgerPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let (items, total) = ledger::page(&state.db, staff.scope(*id), page, per_page).await?;
    Ok(web::Json(LedgerPage {
        items: items.into_iter().map(company_view::ledger_entry).collect(),
        total,
        page,
        per_page,
    }))
}
