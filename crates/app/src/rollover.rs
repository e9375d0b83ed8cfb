//! The yearly rollover (R2.5, R3.1): for fiscal year N, decide each company's rank from calendar
//! year N-1 (or keep the staff override), expire what is left of older grants, grant the new rank's
//! tickets (expiring at the end of N) and start a fresh free-training count.
//!
//! Idempotent and safe on several replicas: each company is rolled in its own transaction under the
//! company's ledger lock, and re-checked under that lock; ledger rows carry idempotency keys.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use portal_db::entities::rank_threshold;
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::ledger::{self, Posting};
use portal_db::queries::{companies, company_years, thresholds, transactions, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::company::{RankSource, RolloverFailure, RolloverReport};
use portal_domain::fiscal::FiscalYear;
use portal_domain::inputs::rollover_target;
use portal_domain::ledger::{EntryKind, LedgerReason};
use portal_domain::Rank;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::error::AppError;

/// Companies rolled over in one transaction: a handful of statements for the whole chunk, so the
/// cost per company stays flat however many companies there are.
const CHUNK: usize = 250;

pub enum Outcome {
    Unchanged,
    Rolled { rank_set: bool, granted: bool, expirations: u32 },
}

/// Rolls every company over into `fy`, which must be the fiscal year under way
/// (`portal_domain::inputs::rollover_target`). One company's failure does not stop the others:
/// it is logged, audited and named in the report, and a later run retries it.
pub async fn run(
    db: &DatabaseConnection,
    fy: FiscalYear,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<RolloverReport, AppError> {
    let fy = rollover_target(fy, FiscalYear::containing(now))?;
    let t = thresholds::current(db).await?.ok_or_else(|| AppError::internal("no rank thresholds"))?;
    let mut report = RolloverReport { fiscal_year: fy.0, ..Default::default() };
    let scopes = companies::all_scopes(db).await?;
    for chunk in scopes.chunks(CHUNK) {
        report.companies += chunk.len() as u32;
        let outcomes = match roll_chunk(db, chunk, fy, &t, actor, now).await {
            Ok(outcomes) => outcomes,
            // One company's failure must not hold back the others: redo this chunk one company
            // at a time, so the failure is isolated and named.
            Err(e) => {
                tracing::warn!(fiscal_year = fy.0, error = %e, "a rollover chunk failed; rolling its companies one by one");
                let mut each = Vec::with_capacity(chunk.len());
                for &scope in chunk {
                    each.push((scope, roll_company(db, scope, fy, &t, actor, now).await));
                }
                each
            }
        };
        for (scope, outcome) in outcomes {
            match outcome {
                Ok(Outcome::Unchanged) => report.unchanged += 1,
                Ok(Outcome::Rolled { rank_set, granted, expirations }) => {
                    report.ranks_set += u32::from(rank_set);
                    report.grants += u32::from(granted);
                    report.expirations += expirations;
                }
                Err(e) => {
                    tracing::error!(company.id = %scope.company_id(), fiscal_year = fy.0, error = %e, "rollover failed for a company");
                    report.failed += 1;
                    report
                        .failed_companies
                        .push(RolloverFailure { company_id: scope.company_id(), error: e.to_string() });
                }
            }
        }
    }
    if !report.failed_companies.is_empty() {
        let record = audit::Record {
            action: AuditAction::RolloverFailed,
            target_type: "fiscal_year",
            target_id: fy.0.to_string(),
            company_id: None,
            before: None,
            after: Some(json!({ "failed": report.failed_companies })),
        };
        if let Err(e) = audit::record(db, actor, record, now).await {
            tracing::error!(error = %e, "could not audit the failed companies of a rollover");
        }
    }
    tracing::info!(
        fiscal_year = fy.0,
        companies = report.companies,
        grants = report.grants,
        unchanged = report.unchanged,
        failed = report.failed,
        "rollover done"
    );
    Ok(report)
}

/// Companies not yet rolled over into `fy`.
pub async fn pending(db: &impl ConnectionTrait, fy: FiscalYear) -> Result<u64, AppError> {
    Ok(companies::count_not_rolled(db, fy.0).await?)
}

async fn roll_company(
    db: &DatabaseConnection,
    scope: CompanyScope,
    fy: FiscalYear,
    t: &rank_threshold::Model,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    if company_years::get(db, scope, fy.0).await?.is_some_and(|y| y.rolled_over_at.is_some()) {
        return Ok(Outcome::Unchanged);
    }
    let outcome = roll_chunk(db, &[scope], fy, t, actor, now).await?.pop().map(|(_, o)| o);
    outcome.unwrap_or(Ok(Outcome::Unchanged))
}

/// Rolls one company into the year under way if that has not happened yet, inside the caller's
/// transaction, which must hold the company's ledger lock. Staff writes in the window between
/// April 1 00:00 JST and the scheduled run call this first, so nothing lands in a closed year.
pub async fn ensure_rolled(
    txn: &impl ConnectionTrait,
    scope: CompanyScope,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let fy = FiscalYear::containing(now);
    if company_years::get(txn, scope, fy.0).await?.is_some_and(|y| y.rolled_over_at.is_some()) {
        return Ok(());
    }
    let t = thresholds::current(txn).await?.ok_or_else(|| AppError::internal("no rank thresholds"))?;
    roll_locked_many(txn, &[scope], fy, &t, actor, now).await.map(|_| ())
}

type Outcomes = Vec<(CompanyScope, Result<Outcome, AppError>)>;

/// Rolls a chunk of companies over in one transaction.
async fn roll_chunk(
    db: &DatabaseConnection,
    chunk: &[CompanyScope],
    fy: FiscalYear,
    t: &rank_threshold::Model,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Outcomes, AppError> {
    let txn = db.begin().await?;
    let outcomes = roll_locked_many(&txn, chunk, fy, t, actor, now).await?;
    txn.commit().await?;
    Ok(outcomes)
}

/// The one way companies are rolled over, inside the caller's transaction: their ledger locks at
/// once (in id order; again if the caller holds them already), every read in bulk, the decisions
/// in memory (each ledger entry checked by the domain rule), every write in bulk. A company
/// already rolled over into `fy` is left as it is.
async fn roll_locked_many(
    txn: &impl ConnectionTrait,
    chunk: &[CompanyScope],
    fy: FiscalYear,
    t: &rank_threshold::Model,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Outcomes, AppError> {
    let seqs = ledger::lock_many(txn, chunk).await?;
    let years = company_years::for_year_many(txn, chunk, fy.0).await?;
    let rolled = |s: &CompanyScope| years.get(&s.company_id()).is_some_and(|y| y.rolled_over_at.is_some());
    let todo: Vec<CompanyScope> = chunk.iter().copied().filter(|s| !rolled(s)).collect();
    if todo.is_empty() {
        return Ok(chunk.iter().map(|&s| (s, Ok(Outcome::Unchanged))).collect());
    }
    let volumes = transactions::volumes_many(txn, &todo, fy.volume_year()).await?;
    let buckets = ledger::buckets_many(txn, &todo).await?;
    let balances: HashMap<Uuid, i32> =
        buckets.iter().map(|(id, b)| (*id, b.iter().map(|(_, remaining)| remaining).sum())).collect();
    let thresholds = thresholds::to_domain(t);

    let mut postings = Vec::new();
    let mut new_years = Vec::new();
    let mut marks = Vec::new();
    let mut records = Vec::new();
    let mut ranked = Vec::new();
    let mut outcomes = Vec::with_capacity(chunk.len());
    for &scope in chunk {
        if rolled(&scope) {
            outcomes.push((scope, Ok(Outcome::Unchanged)));
            continue;
        }
        let id = scope.company_id();
        let volume = volumes.get(&id).copied().unwrap_or(0);
        let existing = years.get(&id);
        // An override recorded ahead of the year keeps its rank.
        let (rank, source) = match existing {
            Some(row) => (row.rank, row.source),
            None => (thresholds.rank_for(volume), RankSource::Computed),
        };
        let key = format!("rollover:{}:{}", fy.0, id);
        let mut expirations = 0;
        for &(bucket, remaining) in buckets.get(&id).map(Vec::as_slice).unwrap_or_default() {
            if bucket < fy.0 && remaining > 0 {
                postings.push((scope, expiry(bucket, remaining, Some(&key))));
                expirations += 1;
            }
        }
        let tickets = rank.benefits().tickets;
        if tickets > 0 {
            postings.push((scope, grant(fy, rank, tickets, &key)));
        }
        match existing {
            Some(row) => marks.push((row.clone(), volume)),
            None => new_years.push((
                scope,
                company_years::NewYear {
                    fiscal_year: fy.0,
                    rank,
                    source,
                    volume_yen: Some(volume),
                    threshold_version: Some(t.version),
                    reason: None,
                    decided_by: None,
                    rolled_over_at: Some(now),
                },
            )),
        }
        records.push(rollover_record(scope, fy, rank, source, volume, tickets, expirations));
        ranked.push((scope, rank));
        outcomes.push((scope, Ok(Outcome::Rolled { rank_set: existing.is_none(), granted: tickets > 0, expirations })));
    }
    ledger::post_many(txn, &seqs, &balances, postings, now).await?;
    company_years::insert_many(txn, new_years, now).await?;
    for (row, volume) in marks {
        company_years::mark_rolled(txn, &row, Some(volume), Some(t.version), now).await?;
    }
    audit::record_many(txn, actor, records, now).await?;
    // Below SILVER, cloud optimization ends with the year (R6.1); its history stays readable.
    let when = format!("at the rollover into fiscal year {}", fy.0);
    crate::optimization::close_below_silver(txn, &ranked, &when, actor, now).await?;
    Ok(outcomes)
}

fn expiry(bucket: i32, remaining: i32, key_prefix: Option<&str>) -> Posting {
    Posting {
        kind: EntryKind::Expire,
        amount: -remaining,
        fiscal_year: bucket,
        expires_at: None,
        reason: LedgerReason::Expiry { fiscal_year: FiscalYear(bucket) },
        actor_id: None,
        idempotency_key: key_prefix.map(|k| format!("{k}:expire:{bucket}")),
    }
}

fn grant(fy: FiscalYear, rank: Rank, tickets: i32, key_prefix: &str) -> Posting {
    Posting {
        kind: EntryKind::Grant,
        amount: tickets,
        fiscal_year: fy.0,
        expires_at: Some(fy.end()),
        reason: LedgerReason::RankGrant { fiscal_year: fy, rank },
        actor_id: None,
        idempotency_key: Some(format!("{key_prefix}:grant")),
    }
}

fn rollover_record(
    scope: CompanyScope,
    fy: FiscalYear,
    rank: Rank,
    source: RankSource,
    volume: i64,
    tickets: i32,
    expirations: u32,
) -> audit::Record<'static> {
    audit::Record {
        action: AuditAction::Rollover,
        target_type: "company",
        target_id: scope.company_id().to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(
            json!({ "fiscal_year": fy.0, "rank": rank, "source": source, "volume_yen": volume, "tickets_granted": tickets, "expirations": expirations }),
        ),
    }
}
