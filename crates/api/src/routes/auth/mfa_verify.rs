use actix_web::{post, web, HttpRequest};
use portal_db::queries::{recovery_codes, users};
use portal_domain::auth::{AuthResponse, MfaVerifyRequest, SessionStage};
use portal_domain::totp::{self, TotpError};
use portal_domain::ErrorCode;
use sea_orm::TransactionTrait;

use crate::auth::{secrets, session_flow, throttle};
use crate::error::ApiError;
use crate::extractors::JsonBody;
use crate::extractors::{client_address, AnyStage};
use crate::state::AppState;

/// Enter the TOTP code (or a recovery code)
///
/// Completes sign-in for a user with MFA. A code is accepted once: a replayed code, even within its
/// 30 seconds, is refused (`mfa_code_replayed`). Wrong codes count towards the sign-in lock.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = MfaVerifyRequest,
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
    caller: AnyStage,
    body: JsonBody<MfaVerifyRequest>,
) -> Result<web::Json<AuthResponse>, ApiError> {
    let body = body.parse().await?;
    caller.require(&[SessionStage::VerifyMfa])?;
    let user = &caller.user;
    let secret = user.totp_secret.as_deref().ok_or_else(|| ApiError::internal("verify stage without secret"))?;
    let now = state.now();
    let keys =
        [throttle::account_key(&user.email), throttle::address_key(&client_address(&req, state.settings.trust_proxy))];
    throttle::check(&state.db, &keys, now).await?;

    let code = body.code.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let recovery = body.recovery_code.as_deref().map(secrets::normalise_recovery_code).filter(|c| !c.is_empty());
    let txn = state.db.begin().await?;
    let outcome = match (code, recovery) {
        (Some(code), None) => {
            match totp::verify(secret, code, now.timestamp() as u64, user.totp_last_step.map(|s| s as u64)) {
                Ok(step) if users::claim_totp_step(&txn, user.id, step as i64).await? => Ok(()),
                Ok(_) | Err(TotpError::Replayed) => Err(ApiError::MfaCodeReplayed),
                Err(TotpError::WrongCode) => Err(ApiError::MfaCodeInvalid),
                Err(e @ TotpError::BadSecret) => return Err(ApiError::internal(e)),
            }
        }
        (None, Some(rc)) => {
            if recovery_codes::consume(&txn, user.id, &secrets::sha256_hex(&rc), now).await? {
                tracing::info!(user.id = %user.id, "recovery code used");
                Ok(())
            } else {
                Err(ApiError::MfaCodeInvalid)
            }
        }
        (None, None) => return Err(ApiError::field("code", ErrorCode::Required, "send code or recovery_code")),
        (Some(_), Some(_)) => {
            return Err(ApiError::field(
                "recovery_code",
                ErrorCode::Ambiguous,
                "send only one of code and recovery_code",
            ))
        }
    };
    match outcome {
        Ok(()) => {
            throttle::clear(&txn, &keys[0]).await?;
            let res = session_flow::advance(&txn, &state, user.id, caller.session.id, SessionStage::Full, now).await?;
            txn.commit().await?;
            Ok(web::Json(res))
        }
        Err(e) => {
            txn.rollback().await?;
            throttle::record_failure(&state.db, &keys, now).await?;
            Err(e)
        }
    }
}
