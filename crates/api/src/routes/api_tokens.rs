//! The caller's personal API tokens (issue 10). Managed only from a signed-in session with MFA
//! (`FullSession`): a token cannot mint, list or revoke tokens (403 `session_required`). Staff are
//! offered no tokens (403 `forbidden`).

use actix_web::{delete, get, post, web, HttpResponse};
use portal_app::api_tokens;
use portal_db::queries::CompanyScope;
use portal_domain::api_tokens::{ApiTokenCreated, ApiTokenView, CreateApiTokenRequest, NewApiToken};
use portal_domain::problem::Problem;
use portal_domain::ErrorCode;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{FullSession, JsonBody};
use crate::state::AppState;

/// The company of a customer caller; staff get 403 saying tokens are not theirs to have.
fn customer_scope(caller: &FullSession) -> Result<CompanyScope, ApiError> {
    CompanyScope::of_customer(&caller.0.user).ok_or_else(|| {
        ApiError::Problem(Box::new(
            Problem::new(403, ErrorCode::Forbidden, "You are not allowed to do this")
                .with_detail("API tokens are for customer users; staff accounts are not offered tokens"),
        ))
    })
}

fn actor(caller: &FullSession) -> portal_db::queries::audit::Actor {
    portal_db::queries::audit::Actor { id: Some(caller.0.user.id), label: caller.0.user.email.clone() }
}

/// Your API tokens
///
/// Live tokens (not revoked), newest first, with when each was last used. Secrets are never shown again.
#[utoipa::path(
    tag = "me",
    security(("bearer" = ["representative", "member"])),
    responses((status = 200, description = "Your tokens", body = Vec<ApiTokenView>))
)]
#[get("/me/api-tokens")]
pub async fn list_api_tokens(
    state: web::Data<AppState>,
    caller: FullSession,
) -> Result<web::Json<Vec<ApiTokenView>>, ApiError> {
    customer_scope(&caller)?;
    Ok(web::Json(api_tokens::list(&state.db, &caller.0.user).await?))
}

/// Create an API token
///
/// For integrations: a name, an expiry of 1–365 days and a scope, `read` (GET operations only)
/// or `read-write` (everything your role allows). The answer holds the secret (`cpp_…`) — the only
/// time it is shown; the portal keeps its SHA-256. Send it as `Authorization: Bearer cpp_…`.
#[utoipa::path(
    tag = "me",
    security(("bearer" = ["representative", "member"])),
    request_body = CreateApiTokenRequest,
    responses((status = 201, description = "Created; `secret` is shown this once", body = ApiTokenCreated))
)]
#[post("/me/api-tokens")]
pub async fn create_api_token(
    state: web::Data<AppState>,
    caller: FullSession,
    body: JsonBody<CreateApiTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let scope = customer_scope(&caller)?;
    let input = NewApiToken::parse(&body.parse().await?, caller.0.role)?;
    let created = api_tokens::create(&state.db, &caller.0.user, scope, &input, &actor(&caller), state.now()).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Revoke an API token
///
/// It stops working at once. Another user's token is 404.
#[utoipa::path(
    tag = "me",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "Token id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "Not one of your live tokens", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/api-tokens/{id}")]
pub async fn revoke_api_token(
    state: web::Data<AppState>,
    caller: FullSession,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    customer_scope(&caller)?;
    api_tokens::revoke(&state.db, &caller.0.user, *id, &actor(&caller), state.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}
