use actix_web::{get, web, HttpResponse};
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

/// Readiness: the database answers.
#[utoipa::path(tag = "health", responses((status = 200, description = "Ready"), (status = 503, description = "Database unreachable")))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    match state.db.ping().await {
        Ok(()) => HttpResponse::Ok().json(json!({ "status": "ready" })),
        Err(e) => {
            tracing::warn!(error = %e, "database not reachable");
            problem_response(&Problem::new(503, ErrorCode::DatabaseUnavailable, "The database is not reachable"))
        }
    }
}
