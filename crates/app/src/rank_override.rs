//! Staff override of a company's rank for one fiscal year (R2.4). For the year under way the
//! tickets follow the new rank at once (`portal_domain::ledger::rank_change_posting`); a future
//! year's override waits for its rollover.

use chrono::{DateTime, Utc};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::ledger::{self, Posting};
use portal_db::queries::{company_years, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::company::RankSource;
use portal_domain::fiscal::FiscalYear;
use portal_domain::inputs::RankOverride;
use portal_domain::ledger::{rank_change_posting, EntryKind, LedgerReason};
use portal_domain::Rank;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::error::AppError;
use crate::rollover;

pub async fn apply(
    db: &DatabaseConnection,
    scope: CompanyScope,
    change: &RankOverride,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    ledger::lock(&txn, scope).await?;
    apply_locked(&txn, scope, change, actor, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The override inside the caller's transaction, which holds the company's ledger lock.
pub async fn apply_locked(
    txn: &impl ConnectionTrait,
    scope: CompanyScope,
    change: &RankOverride,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let by = actor.id.ok_or_else(|| AppError::internal("override without a user"))?;
    let fy = change.fiscal_year;
    let current = FiscalYear::containing(now);
    let reason = change.reason.as_str();
    if fy == current {
        // Inside the window after April 1 00:00 JST the company's new year starts here.
        rollover::ensure_rolled(txn, scope, actor, now).await?;
    }
    let before = company_years::get(txn, scope, fy.0).await?;
    match &before {
        Some(row) => company_years::set_override(txn, row, change.rank, reason, by, now).await?,
        None => {
            let new = company_years::NewYear {
                fiscal_year: fy.0,
                rank: change.rank,
                source: RankSource::Override,
                volume_yen: None,
                threshold_version: None,
                reason: Some(reason.to_owned()),
                decided_by: Some(by),
                rolled_over_at: None,
            };
            company_years::insert(txn, scope, new, now).await?
        }
    };
    if fy == current {
        let why = LedgerReason::RankOverride { rank: change.rank, note: reason.to_owned() };
        settle_rank_change(txn, scope, fy, change.rank, why, Some(by), now).await?;
        let when = format!("when the rank of fiscal year {} was overridden", fy.0);
        crate::optimization::close_below_silver(txn, &[(scope, change.rank)], &when, actor, now).await?;
    }
    let record = audit::Record {
        action: AuditAction::CompanyRankOverride,
        target_type: "company",
        target_id: scope.company_id().to_string(),
        company_id: Some(scope.company_id()),
        before: before.map(|b| json!({ "fiscal_year": fy.0, "rank": b.rank, "source": b.source })),
        after: Some(json!({ "fiscal_year": fy.0, "rank": change.rank, "source": "override", "reason": reason })),
    };
    audit::record(txn, actor, record, now).await?;
    Ok(())
}

/// Brings the tickets of the year under way in line with `rank` (an override, or a rank recomputed
/// after late history arrived). The caller holds the ledger lock.
pub(crate) async fn settle_rank_change(
    txn: &impl ConnectionTrait,
    scope: CompanyScope,
    fy: FiscalYear,
    rank: Rank,
    reason: LedgerReason,
    actor_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let granted_net = ledger::rank_granted_net(txn, scope, fy.0).await?;
    let bucket = ledger::bucket_balance(txn, scope, fy.0).await?;
    if let Some((kind, amount)) = rank_change_posting(rank.benefits().tickets, granted_net, bucket) {
        let p = Posting {
            kind,
            amount,
            fiscal_year: fy.0,
            expires_at: (kind == EntryKind::Grant).then(|| fy.end()),
            reason,
            actor_id,
            idempotency_key: None,
        };
        ledger::post(txn, scope, p, now).await?;
    }
    Ok(())
}
