//! The append-only audit log.

use portal_domain::audit::AuditAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use super::DateTimeUtc;
use crate::entities::audit_log;

/// Who did it: a user (by id and e-mail) or a job.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: Option<Uuid>,
    pub label: String,
}

impl Actor {
    pub fn system() -> Actor {
        Actor { id: None, label: "system".into() }
    }
}

pub struct Record<'a> {
    pub action: AuditAction,
    pub target_type: &'a str,
    pub target_id: String,
    pub company_id: Option<Uuid>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

fn row(actor: &Actor, r: Record<'_>, now: DateTimeUtc) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        id: Set(Uuid::new_v4()),
        at: Set(now),
        actor_id: Set(actor.id),
        actor_label: Set(actor.label.clone()),
        action: Set(r.action),
        target_type: Set(r.target_type.to_owned()),
        target_id: Set(r.target_id),
        company_id: Set(r.company_id),
        client_address: Set(None),
        user_agent: Set(None),
        before: Set(r.before.map(|v| v.to_string())),
        after: Set(r.after.map(|v| v.to_string())),
    }
}

pub async fn record(db: &impl ConnectionTrait, actor: &Actor, r: Record<'_>, now: DateTimeUtc) -> Result<(), DbErr> {
    row(actor, r, now).insert(db).await.map(|_| ())
}

/// Where a security event came from.
#[derive(Debug, Clone)]
pub struct Client {
    pub address: String,
    pub user_agent: Option<String>,
}

/// A sign-in or credential event about `user_id` (ASVS V16.3.1): who, from where, with which
/// browser. `detail` never holds a password, code or token.
#[allow(clippy::too_many_arguments)]
pub async fn record_security_event(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: AuditAction,
    user_id: Uuid,
    company_id: Option<Uuid>,
    client: &Client,
    detail: Option<serde_json::Value>,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    let mut row = row(
        actor,
        Record { action, target_type: "user", target_id: user_id.to_string(), company_id, before: None, after: detail },
        now,
    );
    row.client_address = Set(Some(client.address.clone()));
    row.user_agent = Set(client.user_agent.clone());
    row.insert(db).await.map(|_| ())
}

/// A request made with an API token: the token is the target, with the method and path, and the
/// client as for security events.
pub async fn record_token_use(
    db: &impl ConnectionTrait,
    actor: &Actor,
    token_id: Uuid,
    company_id: Option<Uuid>,
    client: &Client,
    detail: serde_json::Value,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    let r = Record {
        action: AuditAction::ApiTokenUse,
        target_type: "api_token",
        target_id: token_id.to_string(),
        company_id,
        before: None,
        after: Some(detail),
    };
    let mut row = row(actor, r, now);
    row.client_address = Set(Some(client.address.clone()));
    row.user_agent = Set(client.user_agent.clone());
    row.insert(db).await.map(|_| ())
}

/// The user's own latest events of `action`, newest first.
pub async fn latest_of_user(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    action: AuditAction,
    limit: u64,
) -> Result<Vec<audit_log::Model>, DbErr> {
    audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(user_id))
        .filter(audit_log::Column::Action.eq(action))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

#[derive(Debug, Default)]
pub struct Filter {
    pub action: Option<AuditAction>,
    /// Only sign-in and credential events.
    pub security_only: bool,
    pub company_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
}

/// Newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    f: &Filter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<audit_log::Model>, u64), DbErr> {
    let mut q = audit_log::Entity::find();
    if let Some(a) = &f.action {
        q = q.filter(audit_log::Column::Action.eq(*a));
    }
    if f.security_only {
        let actions: Vec<AuditAction> = AuditAction::ALL.into_iter().filter(|a| a.is_security_event()).collect();
        q = q.filter(audit_log::Column::Action.is_in(actions));
    }
    if let Some(c) = f.company_id {
        q = q.filter(audit_log::Column::CompanyId.eq(c));
    }
    if let Some(u) = f.actor_id {
        q = q.filter(audit_log::Column::ActorId.eq(u));
    }
    let total = q.clone().count(db).await?;
    let items = q
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((items, total))
}

/// Many records in one statement (a job's per-company entries).
pub async fn record_many(
    db: &impl ConnectionTrait,
    actor: &Actor,
    records: Vec<Record<'_>>,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    let rows: Vec<audit_log::ActiveModel> = records.into_iter().map(|r| row(actor, r, now)).collect();
    for chunk in rows.chunks(1000) {
        audit_log::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}
