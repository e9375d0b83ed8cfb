//! Personal API tokens for integrators. A fully signed-in customer user creates them (the HTTP
//! layer makes sure the caller holds a session, not a token); the secret is shown once and only
//! its SHA-256 is kept. A request with a token acts as its user with the user's current role,
//! narrowed to reading for a `read` token; each such request is audited with the token's id, and so
//! is a refused one whose secret is a stored token's (revoked, expired, its user gone).

use chrono::{DateTime, Utc};
use portal_db::entities::{api_token, user};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::{api_tokens, CompanyScope};
use portal_domain::api_tokens::{ApiTokenCreated, ApiTokenView, NewApiToken, PREFIX};
use portal_domain::audit::AuditAction;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::credentials::secrets;
use crate::error::AppError;

pub fn view(t: api_token::Model) -> ApiTokenView {
    ApiTokenView {
        id: t.id,
        name: t.name,
        scope: t.scope,
        prefix: t.prefix,
        created_at: t.created_at,
        expires_at: t.expires_at,
        last_used_at: t.last_used_at,
    }
}

/// `cpp_` and 256 random bits in hex.
fn new_secret() -> String {
    format!("{PREFIX}{}", secrets::opaque_token())
}

pub async fn create(
    db: &DatabaseConnection,
    owner: &user::Model,
    scope: CompanyScope,
    input: &NewApiToken,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ApiTokenCreated, AppError> {
    let secret = new_secret();
    let new = api_tokens::NewToken {
        user_id: owner.id,
        name: &input.name,
        scope: input.scope,
        token_hash: secrets::sha256_hex(&secret),
        prefix: secret.chars().take(PREFIX.len() + 6).collect(),
        expires_at: now + chrono::Duration::days(i64::from(input.days)),
    };
    let txn = db.begin().await?;
    let token = api_tokens::insert(&txn, scope, new, now).await?;
    let record = audit::Record {
        action: AuditAction::ApiTokenCreate,
        target_type: "api_token",
        target_id: token.id.to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(json!({
            "name": token.name, "scope": token.scope.as_str(), "expires_at": token.expires_at, "user_id": owner.id,
        })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %owner.id, token.id = %token.id, "API token created");
    Ok(ApiTokenCreated { token: view(token), secret })
}

pub async fn list(db: &impl ConnectionTrait, owner: &user::Model) -> Result<Vec<ApiTokenView>, AppError> {
    Ok(api_tokens::list_for_user(db, owner.id).await?.into_iter().map(view).collect())
}

/// Revokes one of the owner's tokens; someone else's (or an unknown or revoked one) is not found.
pub async fn revoke(
    db: &DatabaseConnection,
    owner: &user::Model,
    id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let token = api_tokens::find_for_user(&txn, owner.id, id).await?.ok_or(AppError::NotFound)?;
    if !api_tokens::revoke(&txn, owner.id, id, "revoked_by_owner", now).await? {
        return Err(AppError::NotFound);
    }
    let record = audit::Record {
        action: AuditAction::ApiTokenRevoke,
        target_type: "api_token",
        target_id: id.to_string(),
        company_id: Some(token.company_id),
        before: Some(json!({ "name": token.name, "scope": token.scope.as_str() })),
        after: None,
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Why a token does not get through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Unknown, expired or revoked, or its user is disabled, deleted or staff: 401.
    Invalid,
    /// A `read` token on an operation that writes: 403.
    ReadOnly,
}

/// The request being authenticated, as the audit entry records it.
pub struct Call<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// Anything but GET and HEAD.
    pub writes: bool,
    pub client: audit::Client,
}

/// Why a stored token is refused whatever the call, or None while it is live. Checked in this
/// order, so the entry names the first thing an integrator has to fix.
fn dead_because(token: &api_token::Model, owner: &user::Model, now: DateTime<Utc>) -> Option<&'static str> {
    if token.revoked_at.is_some() {
        Some("revoked")
    } else if token.expires_at <= now {
        Some("expired")
    } else if owner.deleted_at.is_some() {
        Some("user_deleted")
    } else if owner.disabled_at.is_some() {
        Some("user_disabled")
    } else if owner.role.is_staff() {
        Some("staff_user")
    } else {
        None
    }
}

/// Checks `secret` for `call` and, once the secret is known to be a stored token's, records the
/// attempt: an `api_token.use` audit entry naming the token, the method, the path and the
/// `outcome` (`allowed`, or `refused` with its `reason`), and a live token's last use. A secret
/// that matches no token records nothing: anyone may send those as often as they like, and each
/// would otherwise cost a row.
pub async fn authenticate(
    db: &DatabaseConnection,
    secret: &str,
    call: Call<'_>,
    now: DateTime<Utc>,
) -> Result<Result<(api_token::Model, user::Model), Refusal>, AppError> {
    let Some((token, owner)) = api_tokens::find_by_hash_with_user(db, &secrets::sha256_hex(secret)).await? else {
        return Ok(Err(Refusal::Invalid));
    };
    let actor = actor(&owner, &token);
    let mut detail = json!({ "method": call.method, "path": call.path, "scope": token.scope.as_str() });
    if let Some(reason) = dead_because(&token, &owner, now) {
        // Whoever holds a revoked or expired secret, or one of a user who is gone, is worth
        // knowing about; the token was not used, so its last use stays as it was.
        detail["outcome"] = json!("refused");
        detail["reason"] = json!(reason);
        audit::record_token_use(db, &actor, token.id, Some(token.company_id), &call.client, detail, now).await?;
        return Ok(Err(Refusal::Invalid));
    }
    let allowed = token.scope.allows(call.writes);
    if allowed {
        detail["outcome"] = json!("allowed");
    } else {
        detail["outcome"] = json!("refused");
        detail["reason"] = json!("token_scope_insufficient");
    }
    let txn = db.begin().await?;
    api_tokens::touch(&txn, token.id, now).await?;
    audit::record_token_use(&txn, &actor, token.id, Some(token.company_id), &call.client, detail, now).await?;
    txn.commit().await?;
    Ok(if allowed { Ok((token, owner)) } else { Err(Refusal::ReadOnly) })
}

/// Who acts when a token calls: its user, labelled with the token so every audit entry of the
/// call names it.
pub fn actor(owner: &user::Model, token: &api_token::Model) -> Actor {
    Actor { id: Some(owner.id), label: format!("{} (API token {})", owner.email, token.id) }
}
