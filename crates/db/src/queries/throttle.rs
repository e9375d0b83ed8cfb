use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

use super::DateTimeUtc;
use crate::entities::auth_throttle;

pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<auth_throttle::Model>, DbErr> {
    auth_throttle::Entity::find_by_id(key.to_owned()).one(db).await
}

pub async fn put(
    db: &impl ConnectionTrait,
    key: &str,
    failures: i32,
    first_failure_at: DateTimeUtc,
    locked_until: Option<DateTimeUtc>,
    exists: bool,
) -> Result<(), DbErr> {
    let row = auth_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(failures),
        first_failure_at: Set(first_failure_at),
        locked_until: Set(locked_until),
    };
    if exists {
        row.update(db).await.map(|_| ())
    } else {
        row.insert(db).await.map(|_| ())
    }
}

pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    auth_throttle::Entity::delete_by_id(key.to_owned()).exec(db).await.map(|_| ())
}
