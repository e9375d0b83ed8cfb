//! The option-service catalogue (R4.1).

use actix_web::{get, web};
use portal_app::applications;
use portal_db::queries::CompanyScope;
use portal_domain::services::ServiceList;

use crate::error::ApiError;
use crate::extractors::Caller;
use crate::state::AppState;

/// The option services
///
/// Every service with its terms. For a customer, each also says whether the company may apply now
/// and, if not, why (`unavailable`: rank, paused/ended, capacity, tickets), and the balance after
/// applying: the same reasons the application itself would be refused with.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = [])),
    responses((status = 200, description = "The catalogue", body = ServiceList))
)]
#[get("/services")]
pub async fn list_services(
    state: web::Data<AppState>,
    Caller(caller): Caller,
) -> Result<web::Json<ServiceList>, ApiError> {
    let scope = CompanyScope::of_customer(&caller.user);
    Ok(web::Json(applications::catalogue(&state.db, scope, state.now()).await?))
}
