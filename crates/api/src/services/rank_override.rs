//! Staff override of a company's rank for one fiscal year (R2.4). For a year already granted, the
//! ticket grant follows the new rank at once: a top-up, or the surplus removed (never below zero).

use chrono::{DateTime, Utc};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::ledger::{self, Posting};
use portal_db::queries::{company_years, CompanyScope};
use portal_domain::fiscal::FiscalYear;
use portal_domain::ledger::EntryKind;
use portal_domain::Rank;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;

use crate::error::ApiError;
use crate::routes::post_error;

pub async fn apply(
    db: &DatabaseConnection,
    scope: CompanyScope,
    fy: FiscalYear,
    rank: Rank,
    reason: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let current = FiscalYear::containing(now);
    if fy < current || fy > current.next() {
        return Err(ApiError::field(
            "fiscal_year",
            "out_of_range",
            format!("only {} or {} can be overridden", current.0, current.next().0),
        ));
    }
    let by = actor.id.ok_or_else(|| ApiError::internal("override without a user"))?;
    let txn = db.begin().await?;
    ledger::lock(&txn, scope).await.map_err(post_error)?;
    let before = company_years::get(&txn, scope, fy.0).await?;
    let row = match &before {
        Some(row) => company_years::set_override(&txn, row, rank, reason, by, now).await?,
        None => {
            let new = company_years::NewYear {
                fiscal_year: fy.0,
                rank,
                source: "override",
                volume_yen: None,
                threshold_version: None,
                reason: Some(reason.to_owned()),
                decided_by: Some(by),
                rolled_over_at: None,
            };
            company_years::insert(&txn, scope, new, now).await?
        }
    };
    // The current year takes effect now; a future year waits for its rollover.
    if fy == current {
        if row.rolled_over_at.is_none() {
            // The year starts here for this company: last year's tickets go first (R3.1).
            super::rollover::expire_older(&txn, scope, fy, None, now).await?;
        }
        let granted = ledger::granted_for(&txn, scope, fy.0).await?;
        let diff = rank.benefits().tickets - granted;
        let text = format!("ランク変更（{}）: {reason}", rank.as_str());
        if diff > 0 {
            let p = Posting {
                kind: EntryKind::Grant,
                amount: diff,
                fiscal_year: fy.0,
                expires_at: Some(fy.end()),
                reason: text,
                actor_id: Some(by),
                idempotency_key: None,
            };
            ledger::post(&txn, scope, p, now).await.map_err(post_error)?;
        } else if diff < 0 {
            let remove = (-diff).min(ledger::bucket_balance(&txn, scope, fy.0).await?);
            if remove > 0 {
                let p = Posting {
                    kind: EntryKind::Adjust,
                    amount: -remove,
                    fiscal_year: fy.0,
                    expires_at: None,
                    reason: text,
                    actor_id: Some(by),
                    idempotency_key: None,
                };
                ledger::post(&txn, scope, p, now).await.map_err(post_error)?;
            }
        }
        if row.rolled_over_at.is_none() {
            company_years::mark_rolled(&txn, &row, None, None, now).await?;
        }
    }
    let record = audit::Record {
        action: "company.rank_override",
        target_type: "company",
        target_id: scope.company_id().to_string(),
        company_id: Some(scope.company_id()),
        before: before.map(|b| json!({ "fiscal_year": fy.0, "rank": b.rank, "source": b.source })),
        after: Some(json!({ "fiscal_year": fy.0, "rank": rank, "source": "override", "reason": reason })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(())
}
