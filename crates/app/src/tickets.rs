//! Staff adjustments of a company's tickets (R3.2): a mandatory reason, never below zero, even
//! under concurrent changes (the ledger lock serialises writers of one company).

use chrono::{DateTime, Utc};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::ledger::{self, Posting};
use portal_db::queries::CompanyScope;
use portal_domain::audit::AuditAction;
use portal_domain::company::LedgerEntryView;
use portal_domain::inputs::TicketAdjustment;
use portal_domain::ledger::{EntryKind, LedgerReason};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;

use crate::error::AppError;
use crate::{rollover, views};

pub async fn adjust(
    db: &DatabaseConnection,
    scope: CompanyScope,
    adjustment: &TicketAdjustment,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<LedgerEntryView, AppError> {
    let txn = db.begin().await?;
    // Lock first: on SQLite the first statement must be the write.
    ledger::lock(&txn, scope).await?;
    // An adjustment after April 1 00:00 JST belongs to the new year, even before the scheduled
    // rollover reached this company: roll it over first.
    rollover::ensure_rolled(&txn, scope, &Actor::system(), now).await?;
    let fy = views::live_year(&txn, scope, now).await?;
    let amount = adjustment.amount;
    let posting = Posting {
        kind: EntryKind::Adjust,
        amount,
        fiscal_year: fy.0,
        expires_at: (amount > 0).then(|| fy.end()),
        reason: LedgerReason::Adjustment { note: adjustment.reason.as_str().to_owned() },
        actor_id: actor.id,
        idempotency_key: None,
    };
    let entry = ledger::post(&txn, scope, posting, now).await?;
    let record = audit::Record {
        action: AuditAction::TicketsAdjust,
        target_type: "company",
        target_id: scope.company_id().to_string(),
        company_id: Some(scope.company_id()),
        before: Some(json!({ "balance": entry.balance_after - entry.amount })),
        after: Some(
            json!({ "balance": entry.balance_after, "amount": entry.amount, "reason": adjustment.reason.as_str() }),
        ),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    views::ledger_entry(entry)
}
