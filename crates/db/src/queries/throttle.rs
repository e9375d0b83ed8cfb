//! Failure counters of the sign-in throttle. Counting is one statement (an upsert returning the new
//! count), so parallel failures are never lost and a check taken on the returned count is exact.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::DateTimeUtc;
use crate::entities::auth_throttle::{self, Column, Entity};

pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<auth_throttle::Model>, DbErr> {
    Entity::find_by_id(key.to_owned()).one(db).await
}

/// Counts one failure on `key`, starting a new window when the stored one began before
/// `window_start`. Returns the row as it is after the count.
pub async fn count_failure(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTimeUtc,
    window_start: DateTimeUtc,
) -> Result<auth_throttle::Model, DbErr> {
    let stale = || Expr::col((Entity, Column::FirstFailureAt)).lt(window_start);
    let on_conflict = OnConflict::column(Column::Key)
        .value(Column::Failures, Expr::case(stale(), 1).finally(Expr::col((Entity, Column::Failures)).add(1)))
        .value(Column::FirstFailureAt, Expr::case(stale(), now).finally(Expr::col((Entity, Column::FirstFailureAt))))
        .value(Column::LockedUntil, Expr::case(stale(), Expr::null()).finally(Expr::col((Entity, Column::LockedUntil))))
        .to_owned();
    let row = auth_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(1),
        first_failure_at: Set(now),
        locked_until: Set(None),
    };
    Entity::insert(row).on_conflict(on_conflict).exec_with_returning(db).await
}

/// Takes back one counted attempt that turned out not to be a failure.
pub async fn uncount(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Failures, Expr::col(Column::Failures).sub(1))
        .filter(Column::Key.eq(key))
        .filter(Column::Failures.gt(0))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn set_locked_until(db: &impl ConnectionTrait, key: &str, until: DateTimeUtc) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::LockedUntil, Expr::value(until))
        .filter(Column::Key.eq(key))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    Entity::delete_by_id(key.to_owned()).exec(db).await.map(|_| ())
}

/// Housekeeping: counters whose window began before `window_start` and that hold no lock past
/// `now` count for nothing any more.
pub async fn delete_stale(
    db: &impl ConnectionTrait,
    now: DateTimeUtc,
    window_start: DateTimeUtc,
) -> Result<u64, DbErr> {
    let res = Entity::delete_many()
        .filter(Column::FirstFailureAt.lt(window_start))
        .filter(Condition::any().add(Column::LockedUntil.is_null()).add(Column::LockedUntil.lt(now)))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Every key starting with `prefix` (a LIKE pattern: `_` in an e-mail address may clear a few
/// neighbouring keys too, which only forgives more).
pub async fn clear_prefix(db: &impl ConnectionTrait, prefix: &str) -> Result<u64, DbErr> {
    let res = Entity::delete_many().filter(Column::Key.starts_with(prefix)).exec(db).await?;
    Ok(res.rows_affected)
}
