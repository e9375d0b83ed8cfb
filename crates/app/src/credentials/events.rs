//! Security events (ASVS 5.0 V16.3.1): every sign-in success and failure, wrong second factor,
//! lock, logout, refresh-token reuse, password change and MFA enrolment goes to the audit log with
//! the user, the client's address and browser, and to the log. Never a password, code or token.

use chrono::{DateTime, Utc};
use portal_db::entities::user;
use portal_db::queries::audit::{self, Actor, Client};
use portal_domain::audit::AuditAction;
use portal_domain::auth::{RecentSignIn, RecentSignIns};
use sea_orm::ConnectionTrait;

use crate::error::AppError;

/// How many sign-ins the home page lists.
pub const RECENT_SIGN_INS: u64 = 10;

pub async fn record(
    db: &impl ConnectionTrait,
    user: &user::Model,
    action: AuditAction,
    client: &Client,
    detail: Option<serde_json::Value>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor { id: Some(user.id), label: user.email.clone() };
    audit::record_security_event(db, &actor, action, user.id, user.company_id, client, detail, now).await?;
    tracing::info!(
        event = action.as_str(),
        user.id = %user.id,
        client.address = %client.address,
        client.user_agent = client.user_agent.as_deref().unwrap_or(""),
        "security event"
    );
    Ok(())
}

/// The user's latest successful sign-ins, newest first.
pub async fn recent_sign_ins(db: &impl ConnectionTrait, user_id: uuid::Uuid) -> Result<RecentSignIns, AppError> {
    let rows = audit::latest_of_user(db, user_id, AuditAction::AuthSignIn, RECENT_SIGN_INS).await?;
    let items = rows
        .into_iter()
        .map(|r| RecentSignIn {
            at: r.at,
            client_address: r.client_address.unwrap_or_default(),
            browser: portal_domain::user_agent::describe(r.user_agent.as_deref()),
            user_agent: r.user_agent,
        })
        .collect();
    Ok(RecentSignIns { items })
}
