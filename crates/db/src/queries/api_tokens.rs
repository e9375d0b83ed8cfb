//! Personal API tokens. A token belongs to one user; every query but the lookup by hash (which is
//! how a request authenticates) names that user, so nobody reaches another user's tokens.

use portal_domain::api_tokens::TokenScope;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{api_token, user};

pub struct NewToken<'a> {
    pub user_id: Uuid,
    pub name: &'a str,
    pub scope: TokenScope,
    pub token_hash: String,
    pub prefix: String,
    pub expires_at: DateTimeUtc,
}

/// `scope` is the owner's company, kept on the row for the audit log and staff views.
pub async fn insert(
    db: &impl ConnectionTrait,
    company: CompanyScope,
    new: NewToken<'_>,
    now: DateTimeUtc,
) -> Result<api_token::Model, DbErr> {
    api_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(new.user_id),
        company_id: Set(company.company_id()),
        name: Set(new.name.to_owned()),
        scope: Set(new.scope),
        token_hash: Set(new.token_hash),
        prefix: Set(new.prefix),
        created_at: Set(now),
        expires_at: Set(new.expires_at),
        last_used_at: Set(None),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(db)
    .await
}

/// The user's tokens that are not revoked, newest first (expired ones stay listed until revoked,
/// so their owner sees why an integration stopped).
pub async fn list_for_user(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<api_token::Model>, DbErr> {
    api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .order_by_desc(api_token::Column::CreatedAt)
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await
}

/// One of the user's live (not revoked) tokens.
pub async fn find_for_user(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<api_token::Model>, DbErr> {
    api_token::Entity::find_by_id(id)
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await
}

/// The token with this hash and its user, in one statement (every token request's hot path).
pub async fn find_by_hash_with_user(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(api_token::Model, user::Model)>, DbErr> {
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash))
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    Ok(found.and_then(|(t, u)| u.map(|u| (t, u))))
}

pub async fn touch(db: &impl ConnectionTrait, id: Uuid, now: DateTimeUtc) -> Result<(), DbErr> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Revokes one of the user's tokens; false when it was not theirs or already revoked.
pub async fn revoke(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    id: Uuid,
    reason: &str,
    now: DateTimeUtc,
) -> Result<bool, DbErr> {
    let res = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .col_expr(api_token::Column::RevokedReason, Expr::value(reason))
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Every live token of a user (disabled or deleted). Returns how many were revoked.
pub async fn revoke_all_for_user(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    reason: &str,
    now: DateTimeUtc,
) -> Result<u64, DbErr> {
    let res = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .col_expr(api_token::Column::RevokedReason, Expr::value(reason))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
