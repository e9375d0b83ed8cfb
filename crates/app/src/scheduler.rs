//! The yearly rollover inside `portal serve` (R2.5): at start-up for the fiscal year under way
//! (catching up if the server was down on April 1), then at every April 1 00:00 JST. A run that
//! fails, or leaves any company behind, is retried with backoff (1, 2, 4 … 60 minutes) until every
//! company of the year is rolled over. Several replicas may all do this: the rollover is idempotent
//! and serialised per company.

use chrono::{DateTime, Duration, Utc};
use portal_db::queries::audit::Actor;
use portal_domain::fiscal::FiscalYear;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

use crate::clock::SharedClock;
use crate::rollover;

/// What the scheduler did last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchedulerRun {
    pub fiscal_year: i32,
    pub at: DateTime<Utc>,
    /// Every company of the year is rolled over.
    pub complete: bool,
    /// Companies that failed in this run (0 when the run as a whole failed).
    pub failed: u32,
    /// When the scheduler will run next.
    pub next_at: DateTime<Utc>,
}

#[derive(Clone)]
pub struct SchedulerHandle {
    pub runs: watch::Receiver<Option<SchedulerRun>>,
}

/// Wait before retry number `attempt` (1-based): doubling from one minute, at most an hour.
pub fn retry_delay(attempt: u32) -> Duration {
    Duration::minutes(1i64 << attempt.saturating_sub(1).min(6)).min(Duration::hours(1))
}

pub fn spawn(db: DatabaseConnection, clock: SharedClock) -> SchedulerHandle {
    let (tx, rx) = watch::channel(None);
    tokio::spawn(async move {
        let mut attempt = 0u32;
        loop {
            let now = clock.now();
            let fy = FiscalYear::containing(now);
            let (complete, failed) = match rollover::run(&db, fy, &Actor::system(), now).await {
                Ok(r) => {
                    if r.unchanged < r.companies {
                        tracing::info!(fiscal_year = fy.0, ?r, "scheduled rollover ran");
                    }
                    // A company onboarded while the run was under way is caught by the retry.
                    let left = match rollover::pending(&db, fy).await {
                        Ok(left) => left,
                        Err(e) => {
                            tracing::error!(fiscal_year = fy.0, error = %e, "could not count companies left to roll over");
                            u64::MAX
                        }
                    };
                    (r.failed == 0 && left == 0, r.failed)
                }
                Err(e) => {
                    tracing::error!(fiscal_year = fy.0, error = %e, "scheduled rollover failed");
                    (false, 0)
                }
            };
            let next_at = if complete {
                attempt = 0;
                // From the year that ran, not from the clock after the run: a run that starts
                // before midnight on March 31 and ends after it must not skip the new year.
                fy.next_start()
            } else {
                attempt += 1;
                let at = clock.now() + retry_delay(attempt);
                tracing::warn!(fiscal_year = fy.0, attempt, retry_at = %at, "rollover incomplete; will retry");
                at
            };
            tracing::info!(at = %next_at, "next rollover scheduled");
            tx.send_replace(Some(SchedulerRun { fiscal_year: fy.0, at: now, complete, failed, next_at }));
            clock.sleep_until(next_at).await;
        }
    });
    SchedulerHandle { runs: rx }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_5_retries_back_off_from_a_minute_to_an_hour() {
        let minutes: Vec<i64> = (1..=9).map(|a| retry_delay(a).num_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
