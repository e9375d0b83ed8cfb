//! Versioned rank thresholds (R2.3): a change inserts a new version; the highest is in force.

use portal_domain::rank::Thresholds;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, QueryOrder, Set};
use uuid::Uuid;

use super::DateTimeUtc;
use crate::entities::rank_threshold;

pub fn to_domain(m: &rank_threshold::Model) -> Thresholds {
    Thresholds { platinum: m.platinum, gold: m.gold, silver: m.silver, bronze: m.bronze }
}

pub async fn current(db: &impl ConnectionTrait) -> Result<Option<rank_threshold::Model>, DbErr> {
    rank_threshold::Entity::find().order_by_desc(rank_threshold::Column::Version).one(db).await
}

/// One version (the one that decided a company's rank).
pub async fn find(db: &impl ConnectionTrait, version: i32) -> Result<Option<rank_threshold::Model>, DbErr> {
    rank_threshold::Entity::find_by_id(version).one(db).await
}

pub async fn history(db: &impl ConnectionTrait) -> Result<Vec<rank_threshold::Model>, DbErr> {
    rank_threshold::Entity::find().order_by_desc(rank_threshold::Column::Version).all(db).await
}

/// A new version after `previous` (the primary key refuses a concurrent change with the same number).
pub async fn insert(
    db: &impl ConnectionTrait,
    previous: i32,
    t: Thresholds,
    by: Uuid,
    note: &str,
    now: DateTimeUtc,
) -> Result<rank_threshold::Model, DbErr> {
    rank_threshold::ActiveModel {
        version: Set(previous + 1),
        platinum: Set(t.platinum),
        gold: Set(t.gold),
        silver: Set(t.silver),
        bronze: Set(t.bronze),
        changed_by: Set(Some(by)),
        changed_at: Set(now),
        note: Set(note.to_owned()),
    }
    .insert(db)
    .await
}
