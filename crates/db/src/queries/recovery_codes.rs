use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

use super::DateTimeUtc;
use crate::entities::recovery_code;

/// Replaces a user's recovery codes by new ones (given as hashes).
pub async fn replace(db: &impl ConnectionTrait, user_id: Uuid, hashes: Vec<String>) -> Result<(), DbErr> {
    delete_all(db, user_id).await?;
    let rows = hashes.into_iter().map(|h| recovery_code::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        code_hash: Set(h),
        used_at: Set(None),
    });
    recovery_code::Entity::insert_many(rows).exec(db).await.map(|_| ())
}

pub async fn delete_all(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), DbErr> {
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(db).await.map(|_| ())
}

/// Uses up the unused code with this hash. False when there is none (wrong or already used).
pub async fn consume(db: &impl ConnectionTrait, user_id: Uuid, hash: &str, now: DateTimeUtc) -> Result<bool, DbErr> {
    let res = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(hash))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn count_unused(db: &impl ConnectionTrait, user_id: Uuid) -> Result<u64, DbErr> {
    recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await
}
