use portal_domain::auth::SessionStage;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    QueryTrait, Set,
};
use uuid::Uuid;

use super::DateTimeUtc;
use crate::entities::{refresh_token, session, user};

pub async fn create(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    stage: SessionStage,
    now: DateTimeUtc,
) -> Result<session::Model, DbErr> {
    session::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        stage: Set(stage),
        created_at: Set(now),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<session::Model>, DbErr> {
    session::Entity::find_by_id(id).one(db).await
}

/// The session and its user in one statement: the hot path of every authenticated request.
pub async fn find_with_user(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<(session::Model, user::Model)>, DbErr> {
    let found = session::Entity::find_by_id(id).find_also_related(user::Entity).one(db).await?;
    Ok(found.and_then(|(s, u)| u.map(|u| (s, u))))
}

pub async fn set_stage(db: &impl ConnectionTrait, id: Uuid, stage: SessionStage) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::Stage, Expr::value(stage))
        .filter(session::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn revoke(db: &impl ConnectionTrait, id: Uuid, reason: &str, now: DateTimeUtc) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

/// Every live session of a user (password change, staff reset). Returns how many were revoked.
pub async fn revoke_all_for_user(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    reason: &str,
    now: DateTimeUtc,
) -> Result<u64, DbErr> {
    let res = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

pub async fn insert_refresh_token(
    db: &impl ConnectionTrait,
    session_id: Uuid,
    token_hash: String,
    now: DateTimeUtc,
    expires_at: DateTimeUtc,
) -> Result<(), DbErr> {
    refresh_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        session_id: Set(session_id),
        token_hash: Set(token_hash),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn find_refresh_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<refresh_token::Model>, DbErr> {
    refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(token_hash)).one(db).await
}

/// Marks a refresh token rotated. False when it was already rotated (a concurrent or replayed use).
pub async fn mark_refresh_token_used(db: &impl ConnectionTrait, id: Uuid, now: DateTimeUtc) -> Result<bool, DbErr> {
    let res = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Housekeeping: deletes sessions revoked before `now` or started before `started_before` (past the
/// absolute lifetime), with their refresh tokens, and every refresh token past its expiry. Returns
/// (sessions, refresh tokens) deleted.
pub async fn delete_stale(
    db: &impl ConnectionTrait,
    now: DateTimeUtc,
    started_before: DateTimeUtc,
) -> Result<(u64, u64), DbErr> {
    let stale =
        Condition::any().add(session::Column::RevokedAt.lt(now)).add(session::Column::CreatedAt.lt(started_before));
    let stale_ids =
        session::Entity::find().select_only().column(session::Column::Id).filter(stale.clone()).into_query();
    let tokens = refresh_token::Entity::delete_many()
        .filter(
            Condition::any()
                .add(refresh_token::Column::ExpiresAt.lt(now))
                .add(refresh_token::Column::SessionId.in_subquery(stale_ids)),
        )
        .exec(db)
        .await?;
    let sessions = session::Entity::delete_many().filter(stale).exec(db).await?;
    Ok((sessions.rows_affected, tokens.rows_affected))
}
