use actix_web::{post, web, HttpRequest, HttpResponse};
use portal_db::queries::{recovery_codes, users};
use portal_domain::audit::AuditAction;
use portal_domain::auth::{MfaConfirmRequest, MfaConfirmResponse, MfaEnrollment, SessionStage};
use portal_domain::totp::{self, TotpError};
use sea_orm::TransactionTrait;

use crate::auth::{events, secrets, session_flow};
use crate::error::ApiError;
use crate::extractors::{AnyStage, ClientInfo, JsonBody};
use crate::state::AppState;

const RECOVERY_CODES: usize = 10;

/// Start TOTP enrolment
///
/// MFA is mandatory (R7.3): a session in the `enroll_mfa` stage can do nothing else. Returns a new
/// secret as text, `otpauth://` URI and QR code (SVG). Calling again replaces the pending secret.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A pending secret; confirm it with a first code", body = MfaEnrollment),
        (status = 403, description = "Another sign-in step comes first", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/mfa/enroll")]
pub async fn enroll_mfa(state: web::Data<AppState>, caller: AnyStage) -> Result<web::Json<MfaEnrollment>, ApiError> {
    caller.require(&[SessionStage::EnrollMfa])?;
    let secret = secrets::totp_secret();
    let uri =
        totp::otpauth_uri(&secret, &state.settings.totp_issuer, &caller.user.email).map_err(ApiError::internal)?;
    let qr = qrcode::QrCode::new(uri.as_bytes()).map_err(ApiError::internal)?;
    let qr_svg = qr.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
    let sealed = state.sealer.seal(caller.user.id, &secret)?;
    users::set_pending_totp(&state.db, caller.user.id, &sealed, state.now()).await?;
    Ok(web::Json(MfaEnrollment { secret, otpauth_uri: uri, qr_svg }))
}

/// Confirm TOTP enrolment
///
/// The first code from the authenticator proves the secret was stored. Returns ten one-time
/// recovery codes (shown only now) and raises the session to `full`.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = MfaConfirmRequest,
    params(("X-Refresh-Token-Transport" = Option<String>, Header, description = "`cookie`: the refresh token is set as an HttpOnly cookie instead of returned")),
    responses(
        (status = 200, description = "MFA enabled", body = MfaConfirmResponse),
        (status = 401, description = "`mfa_code_invalid`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`mfa_not_pending`: start the enrolment first", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/mfa/enroll/confirm")]
pub async fn confirm_mfa_enrollment(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    caller: AnyStage,
    body: JsonBody<MfaConfirmRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    caller.require(&[SessionStage::EnrollMfa])?;
    let user = &caller.user;
    let sealed = user.totp_pending_secret.as_deref().ok_or(ApiError::MfaNotPending)?;
    let pending = state.sealer.open(user.id, sealed)?;
    let now = state.now();
    let last = user.totp_last_step.map(|s| s as u64);
    let step = totp::verify(&pending, &body.code, now.timestamp() as u64, last).map_err(|e| match e {
        TotpError::Replayed => ApiError::MfaCodeReplayed,
        TotpError::WrongCode => ApiError::MfaCodeInvalid,
        TotpError::BadSecret => ApiError::internal(e),
    })?;

    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| secrets::recovery_code()).collect();
    let hashes = codes.iter().map(|c| secrets::sha256_hex(&secrets::normalise_recovery_code(c))).collect();
    let txn = state.db.begin().await?;
    users::activate_totp(&txn, user.id, sealed, step as i64, now).await?;
    recovery_codes::replace(&txn, user.id, hashes).await?;
    let mut session = session_flow::advance(&txn, &state, user.id, caller.session.id, SessionStage::Full, now).await?;
    events::record(&txn, user, AuditAction::AuthMfaEnrolled, &client.audit(), None, now).await?;
    events::record(&txn, user, AuditAction::AuthSignIn, &client.audit(), None, now).await?;
    txn.commit().await?;
    // The refresh token goes where the client asked, as for every other sign-in step.
    let mut out = HttpResponse::Ok();
    if session_flow::Transport::of(&req) == session_flow::Transport::Cookie {
        if let Some(token) = session.refresh_token.take() {
            for c in session_flow::refresh_cookies(&state.settings, token) {
                out.cookie(c);
            }
        }
    }
    Ok(out.json(MfaConfirmResponse { recovery_codes: codes, session }))
}
