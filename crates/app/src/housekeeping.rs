//! The daily sweep (issue 7; ASVS 5.0 V7.4.1, V14.2.7): sessions that were revoked or outlived
//! their absolute lifetime, refresh tokens past expiry, and sign-in counters whose window has
//! passed are deleted, so no table grows with failed attempts for random e-mail addresses. Runs
//! inside `portal serve` where `PORTAL_SCHEDULER` is on (one replica, like the rollover); every
//! statement is idempotent, so two replicas doing it at once only repeat each other.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use portal_db::queries::sessions;
use sea_orm::DatabaseConnection;
use serde::Serialize;
use tokio::sync::watch;

use crate::clock::SharedClock;
use crate::credentials::throttle;
use crate::error::AppError;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Swept {
    pub sessions: u64,
    pub refresh_tokens: u64,
    pub throttle_counters: u64,
}

pub async fn sweep(db: &DatabaseConnection, now: DateTime<Utc>, session_max_age: Duration) -> Result<Swept, AppError> {
    let (sessions, refresh_tokens) = sessions::delete_stale(db, now, now - session_max_age).await?;
    let throttle_counters = throttle::delete_stale(db, now).await?;
    Ok(Swept { sessions, refresh_tokens, throttle_counters })
}

/// 03:00 JST, after `after`: a quiet hour for Japanese customers.
pub fn next_run_after(after: DateTime<Utc>) -> DateTime<Utc> {
    let jst = portal_domain::fiscal::jst();
    let local = after.with_timezone(&jst);
    let at = NaiveTime::from_hms_opt(3, 0, 0).unwrap_or_default();
    let today = local.date_naive().and_time(at).and_local_timezone(jst).single().map(|t| t.with_timezone(&Utc));
    match today {
        Some(t) if t > after => t,
        Some(t) => t + Duration::days(1),
        None => after + Duration::days(1),
    }
}

/// Sweeps now, then daily; each result is published for tests and probes.
pub fn spawn(db: DatabaseConnection, clock: SharedClock, session_max_age: Duration) -> watch::Receiver<Option<Swept>> {
    let (tx, rx) = watch::channel(None);
    tokio::spawn(async move {
        loop {
            let now = clock.now();
            match sweep(&db, now, session_max_age).await {
                Ok(swept) => {
                    tracing::info!(?swept, "housekeeping swept");
                    tx.send_replace(Some(swept));
                }
                Err(e) => tracing::error!(error = %e, "housekeeping failed; next run tomorrow"),
            }
            clock.sleep_until(next_run_after(clock.now())).await;
        }
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_at_three_in_the_morning_japan_time() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // 2026-11-27 17:00 UTC is 02:00 JST on the 28th: the run is an hour later.
        assert_eq!(next_run_after(t("2026-11-27T17:00:00Z")), t("2026-11-27T18:00:00Z"));
        // Exactly at 03:00 JST: the next one is tomorrow.
        assert_eq!(next_run_after(t("2026-11-27T18:00:00Z")), t("2026-11-28T18:00:00Z"));
        assert_eq!(next_run_after(t("2026-11-27T08:00:00Z")), t("2026-11-27T18:00:00Z"));
    }
}
