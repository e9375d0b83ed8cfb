//! What staff do to customer accounts (R7.5: staff, never self-service, reset lost credentials).

use chrono::{DateTime, Utc};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::{recovery_codes, sessions, users};
use portal_domain::audit::AuditAction;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::credentials::{passwords, secrets, throttle};
use crate::error::AppError;

/// Issues a new temporary password (returned once, to be handed over), removes TOTP and recovery
/// codes, ends every session and lifts any sign-in lock. Staff accounts are reset with the CLI.
pub async fn reset_customer_credentials(
    db: &DatabaseConnection,
    user_id: Uuid,
    actor: &Actor,
    temp_password_until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    // A deleted user (R7.4) keeps its row for the history, but has no credentials to reset.
    let target = users::find(db, user_id).await?.filter(|u| u.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    if target.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let temporary_password = secrets::temporary_password();
    let hash = passwords::hash_blocking(temporary_password.clone()).await?;
    let txn = db.begin().await?;
    users::reset_credentials(&txn, target.id, hash, temp_password_until, now).await?;
    recovery_codes::delete_all(&txn, target.id).await?;
    sessions::revoke_all_for_user(&txn, target.id, "staff_reset", now).await?;
    throttle::lift_all_for(&txn, &target.email, target.id).await?;
    let record = audit::Record {
        action: AuditAction::UserResetCredentials,
        target_type: "user",
        target_id: target.id.to_string(),
        company_id: target.company_id,
        before: Some(json!({ "mfa_enabled": target.totp_secret.is_some() })),
        after: Some(json!({ "mfa_enabled": false, "must_change_password": true })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %target.id, staff.id = ?actor.id, "credentials reset by staff");
    Ok(temporary_password)
}
