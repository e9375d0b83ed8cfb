use actix_web::{post, web, HttpResponse};
use portal_db::queries::sessions;

use crate::error::ApiError;
use crate::extractors::AnyStage;
use crate::state::AppState;

/// Sign out
///
/// Revokes this session: its access token and refresh tokens stop working at once.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, caller: AnyStage) -> Result<HttpResponse, ApiError> {
    sessions::revoke(&state.db, caller.session.id, "logout", state.now()).await?;
    tracing::info!(user.id = %caller.user.id, "signed out");
    Ok(HttpResponse::NoContent().finish())
}
