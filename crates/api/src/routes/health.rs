use actix_web::{get, web, HttpResponse};
use portal_domain::fiscal::FiscalYear;
use portal_domain::problem::Problem;
use portal_domain::ErrorCode;
use serde_json::json;

use crate::error::problem_response;
use crate::state::AppState;

/// Liveness: the process answers.
#[utoipa::path(tag = "health", responses((status = 200, description = "Alive")))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// Readiness: the database answers; says too whether the yearly rollover is overdue
///
/// `rollover.pending_companies` counts companies not yet rolled over into the fiscal year under
/// way; `rollover.overdue` is true when any is left 15 minutes after April 1 00:00 JST (the
/// scheduler retries with backoff; staff should look at the audit log's `rollover.failed`). An
/// overdue rollover does not make the replica unready: it still serves.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "Ready"), (status = 503, description = "Database unreachable"))
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    if let Err(e) = state.db.ping().await {
        tracing::warn!(error = %e, "database not reachable");
        return problem_response(&Problem::new(503, ErrorCode::DatabaseUnavailable, "The database is not reachable"));
    }
    let now = state.now();
    let fy = FiscalYear::containing(now);
    match portal_app::rollover::pending(&state.db, fy).await {
        Ok(pending) => {
            let overdue = pending > 0 && now > fy.start() + chrono::Duration::minutes(15);
            if overdue {
                tracing::warn!(fiscal_year = fy.0, pending, "the yearly rollover is overdue");
            }
            HttpResponse::Ok().json(json!({
                "status": "ready",
                "rollover": { "fiscal_year": fy.0, "pending_companies": pending, "overdue": overdue },
            }))
        }
        Err(e) => {
            tracing::warn!(error = %e, "rollover state unknown");
            HttpResponse::Ok().json(json!({ "status": "ready" }))
        }
    }
}
