//! The scheduled reads of the AWS tools (R7.8, R7.9): every account with a registered role is read
//! once a day at its own minute (`aws_roles::refresh_slot_before`), so pages show data no older than a
//! day without anyone pressing "read now". Runs inside `portal serve` where `PORTAL_SCHEDULER` is on;
//! if several replicas run it, a claim per account (one conditional UPDATE) lets only one of them
//! call AWS for it.

use chrono::{DateTime, Duration, Utc};
use portal_aws::TaLanguage;
use portal_db::queries::aws_tools as store;
use portal_domain::aws_roles::refresh_due;
use portal_domain::aws_tools::AwsTool;
use sea_orm::DatabaseConnection;
use serde::Serialize;
use tokio::sync::watch;

use crate::aws_tools::{self as tools, SharedAws};
use crate::clock::SharedClock;
use crate::error::AppError;
use crate::{aws_cost, trusted_advisor};

/// How long a replica's claim on an account lasts; a claim also counts as that day's attempt, so a
/// failing account is tried again at its next slot, not every sweep.
const CLAIM: i64 = 60;
/// How often the job looks for accounts whose slot has come.
const EVERY_MINUTES: i64 = 10;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Refreshed {
    /// Accounts read (each tool its contract allows).
    pub read: u32,
    /// Accounts whose read failed (logged; tried again at the next slot).
    pub failed: u32,
    /// Due accounts another replica had claimed.
    pub claimed_elsewhere: u32,
}

pub async fn sweep(db: &DatabaseConnection, aws: &SharedAws, now: DateTime<Utc>) -> Result<Refreshed, AppError> {
    let mut done = Refreshed::default();
    for (scope, role) in store::all_roles(db).await? {
        let id = role.aws_account_id;
        let read = store::snapshot(db, scope, id, trusted_advisor::SUMMARIES, "").await?.map(|s| s.fetched_at);
        let cost = store::snapshot(db, scope, id, aws_cost::COST, "").await?.map(|s| s.fetched_at);
        let claimed = role.refresh_claimed_until.map(|t| t - Duration::minutes(CLAIM));
        let since = [Some(role.updated_at), read, cost, claimed].into_iter().flatten().max().unwrap_or(role.updated_at);
        if !refresh_due(id, since, now) {
            continue;
        }
        if !store::claim_refresh(db, id, now, now + Duration::minutes(CLAIM)).await? {
            done.claimed_elsewhere += 1;
            continue;
        }
        let mut ok = true;
        if tools::allowed(db, scope, AwsTool::TrustedAdvisor).await? {
            if let Err(e) = trusted_advisor::fetch(db, aws, scope, id, TaLanguage::Ja, now).await {
                tracing::warn!(aws_account = %id, error = %e, "scheduled Trusted Advisor read failed");
                ok = false;
            }
        }
        if tools::allowed(db, scope, AwsTool::CostEstimate).await? {
            if let Err(e) = aws_cost::fetch(db, aws, scope, id, now).await {
                tracing::warn!(aws_account = %id, error = %e, "scheduled cost read failed");
                ok = false;
            }
        }
        if ok {
            done.read += 1;
        } else {
            done.failed += 1;
        }
    }
    Ok(done)
}

/// Sweeps now and every ten minutes; each result is published for tests and probes.
pub fn spawn(db: DatabaseConnection, aws: SharedAws, clock: SharedClock) -> watch::Receiver<Option<Refreshed>> {
    let (tx, rx) = watch::channel(None);
    tokio::spawn(async move {
        loop {
            match sweep(&db, &aws, clock.now()).await {
                Ok(r) => {
                    if r != Refreshed::default() {
                        tracing::info!(?r, "scheduled AWS tool reads");
                    }
                    tx.send_replace(Some(r));
                }
                Err(e) => tracing::error!(error = %e, "scheduled AWS tool reads failed"),
            }
            clock.sleep_until(clock.now() + Duration::minutes(EVERY_MINUTES)).await;
        }
    });
    rx
}
