use actix_web::{post, web, HttpRequest, HttpResponse};
use portal_db::queries::{sessions, users};
use portal_domain::audit::AuditAction;

use crate::auth::{events, secrets, session_flow};
use crate::error::ApiError;
use crate::extractors::{AnyStage, ClientInfo};
use crate::state::AppState;

/// Sign out
///
/// Revokes this session: its access token and refresh tokens stop working at once, and the
/// refresh cookie is deleted. Browsers may sign out with the refresh cookie alone (no bearer), from
/// the portal's own `Origin`.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "`origin_not_allowed`: a cookie sign-out from another site", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    caller: Option<AnyStage>,
) -> Result<HttpResponse, ApiError> {
    let now = state.now();
    let (session_id, user) = match caller {
        Some(c) => (c.session.id, c.user),
        None => {
            let token = session_flow::cookie_token(&req, &state.settings)?.ok_or(ApiError::Unauthorized)?;
            let token = sessions::find_refresh_token(&state.db, &secrets::sha256_hex(token.trim()))
                .await?
                .ok_or(ApiError::Unauthorized)?;
            let session = sessions::find(&state.db, token.session_id).await?.ok_or(ApiError::Unauthorized)?;
            let user = users::find(&state.db, session.user_id).await?.ok_or(ApiError::Unauthorized)?;
            (session.id, user)
        }
    };
    sessions::revoke(&state.db, session_id, "logout", now).await?;
    events::record(&state.db, &user, AuditAction::AuthLogout, &client.audit(), None, now).await?;
    tracing::info!(user.id = %user.id, "signed out");
    let mut res = HttpResponse::NoContent().finish();
    session_flow::clear_cookies(&state.settings, &mut res);
    Ok(res)
}
