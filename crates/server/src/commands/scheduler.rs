//! The yearly rollover inside `portal serve` (R2.5): once at start-up for the current fiscal year
//! (catching up if the server was down on April 1), then at every April 1 00:00 JST. Several
//! replicas may all do this: the rollover is idempotent and serialized per company.

use chrono::Utc;
use portal_api::services::rollover;
use portal_db::queries::audit::Actor;
use portal_domain::fiscal::{next_rollover_after, FiscalYear};
use sea_orm::DatabaseConnection;

pub fn spawn(db: DatabaseConnection) {
    tokio::spawn(async move {
        let mut due = FiscalYear::containing(Utc::now());
        loop {
            match rollover::run(&db, due, &Actor::system(), Utc::now()).await {
                Ok(r) if r.unchanged < r.companies => tracing::info!(fiscal_year = due.0, ?r, "scheduled rollover ran"),
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(fiscal_year = due.0, error = %e, "scheduled rollover failed; will retry at the next start or April 1")
                }
            }
            let next = next_rollover_after(Utc::now());
            let wait = (next - Utc::now()).to_std().unwrap_or_default();
            tracing::info!(at = %next, "next rollover scheduled");
            tokio::time::sleep(wait).await;
            due = FiscalYear::containing(next);
        }
    });
}
