//! The counters behind `/metrics`; each application counts only the statements sent through its
//! own connection handle (tests run several side by side).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use sea_orm::DatabaseConnection;

#[derive(Debug, Default)]
pub struct Metrics {
    sql_statements: AtomicU64,
    http_requests: AtomicU64,
}

impl Metrics {
    /// Counts every statement sent through `db` (this clone of the connection handle).
    pub fn instrument(db: &mut DatabaseConnection) -> Arc<Metrics> {
        let shared = Arc::new(Metrics::default());
        let counter = shared.clone();
        db.set_metric_callback(move |_| {
            counter.sql_statements.fetch_add(1, Ordering::Relaxed);
        });
        shared
    }

    pub fn http_request(&self) {
        self.http_requests.fetch_add(1, Ordering::Relaxed);
    }

    pub fn sql_statements(&self) -> u64 {
        self.sql_statements.load(Ordering::Relaxed)
    }

    pub fn http_requests(&self) -> u64 {
        self.http_requests.load(Ordering::Relaxed)
    }
}
