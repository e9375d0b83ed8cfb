//! Transaction volumes import (R2.2, R2.4): every row valid or nothing imported. When it changes
//! the previous calendar year of a company whose rank for the year under way was computed (not
//! overridden), that rank is decided again and the tickets settle the way an override does.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::transactions::MonthVolume;
use portal_db::queries::{companies, company_years, ledger, thresholds, transactions, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::company::{ImportReport, RankSource};
use portal_domain::fiscal::FiscalYear;
use portal_domain::ledger::LedgerReason;
use portal_domain::problem::FieldError;
use portal_domain::transactions::TransactionRow;
use portal_domain::ErrorCode;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::error::AppError;
use crate::rank_override::settle_rank_change;

/// A year of 5,000 companies (issue 6 §4.6); beyond it the API answers 413.
pub const MAX_ROWS: usize = 60_000;
/// The audit entry lists this many replaced company-months (and counts them all).
const AUDITED_REPLACEMENTS: usize = 200;

pub async fn import(
    db: &DatabaseConnection,
    rows: &[TransactionRow],
    filename: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ImportReport, AppError> {
    let mut codes: Vec<String> = rows.iter().map(|r| r.company_code.clone()).collect();
    codes.sort();
    codes.dedup();
    let scopes: HashMap<String, CompanyScope> = companies::scopes_by_code(db, codes).await?.into_iter().collect();
    let unknown: Vec<FieldError> = rows
        .iter()
        .filter(|r| !scopes.contains_key(&r.company_code))
        .map(|r| {
            FieldError::new(
                &format!("line {}: company_code", r.line),
                ErrorCode::UnknownCompany,
                format!("no company with code {}", r.company_code),
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(AppError::Invalid(unknown));
    }

    let fy = FiscalYear::containing(now);
    let mut rows_by_scope: Vec<MonthVolume> = rows
        .iter()
        .map(|r| MonthVolume {
            scope: scopes[&r.company_code],
            year: r.year,
            month: r.month as i32,
            amount_yen: r.amount_yen,
        })
        .collect();
    // Companies whose rank-deciding year this import touches, in id order.
    let touched: BTreeMap<Uuid, CompanyScope> =
        rows_by_scope.iter().filter(|v| v.year == fy.volume_year()).map(|v| (v.scope.company_id(), v.scope)).collect();
    let mut involved: Vec<CompanyScope> = scopes.values().copied().collect();
    involved.sort_by_key(|s| s.company_id());

    let txn = db.begin().await?;
    let import = transactions::insert_import(&txn, actor.id, filename, rows.len() as i32, now).await?;
    // Their ledger locks first, in a fixed order: a concurrent override, adjustment or rollover
    // of one of them waits for this import (or this import for it), and two imports never
    // deadlock. Rows are written in a fixed order too, for the same reason.
    for scope in touched.values() {
        ledger::lock(&txn, *scope).await?;
    }
    let stored = transactions::amounts_of(&txn, &involved).await?;
    let mut replaced = Vec::new();
    for (r, v) in rows.iter().zip(&rows_by_scope) {
        if let Some(old) = stored.get(&(v.scope.company_id(), v.year, v.month)) {
            replaced.push(json!({ "company_code": r.company_code, "year_month": format!("{}-{:02}", r.year, r.month), "old": old, "new": r.amount_yen }));
        }
    }
    rows_by_scope.sort_by_key(|v| (v.scope.company_id(), v.year, v.month));
    transactions::upsert_many(&txn, &rows_by_scope, import.id, now).await?;
    transactions::set_replaced(&txn, import.id, replaced.len() as i32).await?;
    let mut ranks_recomputed = 0;
    for scope in touched.into_values() {
        if recompute(&txn, scope, fy, import.id, actor, now).await? {
            ranks_recomputed += 1;
        }
    }
    let record = audit::Record {
        action: AuditAction::TransactionsImport,
        target_type: "transaction_import",
        target_id: import.id.to_string(),
        company_id: None,
        before: None,
        after: Some(
            json!({ "filename": filename, "rows": rows.len(), "companies": scopes.len(), "replaced_count": replaced.len(), "replaced": &replaced[..replaced.len().min(AUDITED_REPLACEMENTS)], "ranks_recomputed": ranks_recomputed }),
        ),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(ImportReport {
        import_id: import.id,
        rows: rows.len() as u32,
        companies: scopes.len() as u32,
        replaced: replaced.len() as u32,
        ranks_recomputed,
    })
}

/// Decides the year's rank again from the stored volume, with the thresholds that decided it
/// (today's for a company onboarded without history); returns whether the rank changed. The
/// caller holds the company's ledger lock.
async fn recompute(
    txn: &impl ConnectionTrait,
    scope: CompanyScope,
    fy: FiscalYear,
    import_id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    // Not rolled over yet: the rollover will decide from the new volume. Overridden: staff decided.
    let Some(row) = company_years::get(txn, scope, fy.0).await?.filter(|y| y.rolled_over_at.is_some()) else {
        return Ok(false);
    };
    if row.source == RankSource::Override {
        return Ok(false);
    }
    let volume = transactions::volume(txn, scope, fy.volume_year()).await?;
    if row.volume_yen == Some(volume) {
        return Ok(false);
    }
    let t = match row.threshold_version {
        Some(v) => thresholds::find(txn, v).await?,
        None => thresholds::current(txn).await?,
    }
    .ok_or_else(|| AppError::internal("no rank thresholds"))?;
    let rank = thresholds::to_domain(&t).rank_for(volume);
    let old = row.rank;
    company_years::set_computed(txn, &row, rank, volume, t.version, now).await?;
    if rank != old {
        let reason = LedgerReason::RankRecomputed { from: old, to: rank };
        settle_rank_change(txn, scope, fy, rank, reason, actor.id, now).await?;
    }
    let record = audit::Record {
        action: AuditAction::CompanyRankRecomputed,
        target_type: "company",
        target_id: scope.company_id().to_string(),
        company_id: Some(scope.company_id()),
        before: Some(json!({ "fiscal_year": fy.0, "rank": old, "source": row.source, "volume_yen": row.volume_yen })),
        after: Some(
            json!({ "fiscal_year": fy.0, "rank": rank, "source": "computed", "volume_yen": volume, "threshold_version": t.version, "reason": "transactions.import", "import_id": import_id }),
        ),
    };
    audit::record(txn, actor, record, now).await?;
    Ok(rank != old)
}
