//! Counters of one running application for `/metrics` (Prometheus text format). Reading them runs
//! no SQL, so `bench/read.sh` can divide statements by requests; each application counts only the
//! statements sent through its own connection handle (tests run several side by side).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use actix_web::{get, web, HttpResponse};
use sea_orm::DatabaseConnection;

use crate::state::AppState;

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
}

/// Counters of this process
///
/// `portal_http_requests_total` (this request included) and `portal_sql_statements_total` since
/// start. For the operator's network: it shows counts, nothing about anyone.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain", body = String))
)]
#[get("/metrics")]
pub async fn get_metrics(state: web::Data<AppState>) -> HttpResponse {
    let m = &state.metrics;
    let body = format!(
        "# HELP portal_http_requests_total HTTP requests answered by this process.\n\
         # TYPE portal_http_requests_total counter\n\
         portal_http_requests_total {}\n\
         # HELP portal_sql_statements_total SQL statements sent to the database by this process.\n\
         # TYPE portal_sql_statements_total counter\n\
         portal_sql_statements_total {}\n",
        m.http_requests.load(Ordering::Relaxed),
        m.sql_statements(),
    );
    HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(body)
}
