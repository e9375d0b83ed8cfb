use actix_web::{post, web, HttpRequest, HttpResponse};
use portal_db::queries::{recovery_codes, users};
use portal_domain::audit::AuditAction;
use portal_domain::auth::{AuthResponse, MfaVerifyRequest, SessionStage};
use portal_domain::totp::{self, TotpError};
use portal_domain::ErrorCode;
use sea_orm::TransactionTrait;
use serde_json::json;

use crate::auth::{events, secrets, session_flow, throttle};
use crate::error::ApiError;
use crate::extractors::{AnyStage, ClientInfo, JsonBody};
use crate::state::AppState;

/// Enter the TOTP code (or a recovery code)
///
/// Completes sign-in for a user with MFA. A code is accepted once: a replayed code, even within its
/// 30 seconds, is refused (`mfa_code_replayed`). Each attempt is counted per user before the code
/// is checked: five wrong codes in 15 minutes lock the second factor (429 `account_locked`) until
/// the window ends; only a right code clears the count, never a right password.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = MfaVerifyRequest,
    params(("X-Refresh-Token-Transport" = Option<String>, Header, description = "`cookie`: the refresh token is set as an HttpOnly cookie instead of returned")),
    responses(
        (status = 200, description = "Signed in; access and refresh tokens", body = AuthResponse),
        (status = 401, description = "`mfa_code_invalid` or `mfa_code_replayed`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Neither or both of `code` and `recovery_code`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after repeated failures", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/mfa/verify")]
pub async fn verify_mfa(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    caller: AnyStage,
    body: JsonBody<MfaVerifyRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    caller.require(&[SessionStage::VerifyMfa])?;
    let user = &caller.user;
    let sealed = user.totp_secret.as_deref().ok_or_else(|| ApiError::internal("verify stage without secret"))?;
    let code = body.code.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let recovery = body.recovery_code.as_deref().map(secrets::normalise_recovery_code).filter(|c| !c.is_empty());
    match (code, recovery.as_deref()) {
        (None, None) => return Err(ApiError::field("code", ErrorCode::Required, "send code or recovery_code")),
        (Some(_), Some(_)) => {
            return Err(ApiError::field(
                "recovery_code",
                ErrorCode::Ambiguous,
                "send only one of code and recovery_code",
            ))
        }
        _ => {}
    }
    let now = state.now();
    let attempt = throttle::second_factor_attempt(&state.db, user.id, now).await?;
    let secret = state.sealer.open(user.id, sealed)?;

    let txn = state.db.begin().await?;
    let outcome = match (code, recovery) {
        (Some(code), _) => {
            match totp::verify(&secret, code, now.timestamp() as u64, user.totp_last_step.map(|s| s as u64)) {
                Ok(step) if users::claim_totp_step(&txn, user.id, step as i64).await? => Ok(()),
                Ok(_) | Err(TotpError::Replayed) => Err(ApiError::MfaCodeReplayed),
                Err(TotpError::WrongCode) => Err(ApiError::MfaCodeInvalid),
                Err(e @ TotpError::BadSecret) => return Err(ApiError::internal(e)),
            }
        }
        (None, rc) => {
            let rc = rc.unwrap_or_default();
            if recovery_codes::consume(&txn, user.id, &secrets::sha256_hex(&rc), now).await? {
                tracing::info!(user.id = %user.id, "recovery code used");
                Ok(())
            } else {
                Err(ApiError::MfaCodeInvalid)
            }
        }
    };
    match outcome {
        Ok(()) => {
            throttle::second_factor_succeeded(&txn, user.id).await?;
            let res = session_flow::advance(&txn, &state, user.id, caller.session.id, SessionStage::Full, now).await?;
            let detail = Some(json!({ "second_factor": if code.is_some() { "totp" } else { "recovery_code" } }));
            events::record(&txn, user, AuditAction::AuthSignIn, &client.audit(), detail, now).await?;
            txn.commit().await?;
            Ok(session_flow::reply(&state.settings, session_flow::Transport::of(&req), res))
        }
        Err(e) => {
            txn.rollback().await?;
            let detail = Some(json!({ "attempt": attempt, "reason": e.problem().code }));
            events::record(&state.db, user, AuditAction::AuthMfaFailed, &client.audit(), detail, now).await?;
            if throttle::second_factor_locked_by(attempt) {
                events::record(&state.db, user, AuditAction::AuthLocked, &client.audit(), None, now).await?;
            }
            Err(e)
        }
    }
}
