//! Counters of one running application for `/metrics` (Prometheus text format). Reading them runs
//! no SQL, so `bench/read.sh` can divide statements by requests; each application counts only the
//! statements sent through its own connection handle (tests run several side by side).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{get, web, HttpResponse};

use crate::state::AppState;

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
        m.http_requests(),
        m.sql_statements(),
    );
    HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(body)
}

/// Counts every request this application answers.
pub async fn count_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if let Some(state) = req.app_data::<web::Data<AppState>>() {
        state.metrics.http_request();
    }
    next.call(req).await
}
