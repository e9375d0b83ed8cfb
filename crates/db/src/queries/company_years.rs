//! A company's rank per fiscal year.

use std::collections::HashMap;

use portal_domain::company::RankSource;
use portal_domain::Rank;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::company_year;

pub async fn get(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    fy: i32,
) -> Result<Option<company_year::Model>, DbErr> {
    company_year::Entity::find()
        .filter(company_year::Column::CompanyId.eq(scope.company_id()))
        .filter(company_year::Column::FiscalYear.eq(fy))
        .one(db)
        .await
}

/// The latest year whose grant was made: its bucket is the live one.
pub async fn latest_rolled(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
) -> Result<Option<company_year::Model>, DbErr> {
    company_year::Entity::find()
        .filter(company_year::Column::CompanyId.eq(scope.company_id()))
        .filter(company_year::Column::RolledOverAt.is_not_null())
        .order_by_desc(company_year::Column::FiscalYear)
        .one(db)
        .await
}

/// The company's rank now: the latest rolled year's, REGULAR before its first rollover.
pub async fn current_rank(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<Rank, DbErr> {
    Ok(latest_rolled(db, scope).await?.map_or(Rank::Regular, |y| y.rank))
}

pub struct NewYear {
    pub fiscal_year: i32,
    pub rank: Rank,
    pub source: RankSource,
    pub volume_yen: Option<i64>,
    pub threshold_version: Option<i32>,
    pub reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub rolled_over_at: Option<DateTimeUtc>,
}

fn new_row(scope: CompanyScope, y: NewYear, now: DateTimeUtc) -> company_year::ActiveModel {
    company_year::ActiveModel {
        id: Set(Uuid::new_v4()),
        company_id: Set(scope.company_id()),
        fiscal_year: Set(y.fiscal_year),
        rank: Set(y.rank),
        rank_order: Set(y.rank.sort_key() as i32),
        source: Set(y.source),
        volume_yen: Set(y.volume_yen),
        threshold_version: Set(y.threshold_version),
        reason: Set(y.reason),
        decided_by: Set(y.decided_by),
        free_trainings_used: Set(0),
        rolled_over_at: Set(y.rolled_over_at),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

pub async fn insert(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    y: NewYear,
    now: DateTimeUtc,
) -> Result<company_year::Model, DbErr> {
    new_row(scope, y, now).insert(db).await
}

pub async fn set_override(
    db: &impl ConnectionTrait,
    row: &company_year::Model,
    rank: Rank,
    reason: &str,
    by: Uuid,
    now: DateTimeUtc,
) -> Result<company_year::Model, DbErr> {
    company_year::ActiveModel {
        id: Set(row.id),
        rank: Set(rank),
        rank_order: Set(rank.sort_key() as i32),
        source: Set(RankSource::Override),
        reason: Set(Some(reason.to_owned())),
        decided_by: Set(Some(by)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
}

/// Records the year's rank as decided by the rollover and marks the grant as made.
pub async fn mark_rolled(
    db: &impl ConnectionTrait,
    row: &company_year::Model,
    volume_yen: Option<i64>,
    threshold_version: Option<i32>,
    now: DateTimeUtc,
) -> Result<company_year::Model, DbErr> {
    company_year::ActiveModel {
        id: Set(row.id),
        volume_yen: Set(volume_yen.or(row.volume_yen)),
        threshold_version: Set(threshold_version.or(row.threshold_version)),
        rolled_over_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
}

/// Records a rank decided from volume again (history that arrived after the year started).
pub async fn set_computed(
    db: &impl ConnectionTrait,
    row: &company_year::Model,
    rank: Rank,
    volume_yen: i64,
    threshold_version: i32,
    now: DateTimeUtc,
) -> Result<company_year::Model, DbErr> {
    company_year::ActiveModel {
        id: Set(row.id),
        rank: Set(rank),
        rank_order: Set(rank.sort_key() as i32),
        source: Set(RankSource::Computed),
        volume_yen: Set(Some(volume_yen)),
        threshold_version: Set(Some(threshold_version)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
}

/// The rows of one fiscal year for many companies, by company.
pub async fn for_year_many(
    db: &impl ConnectionTrait,
    scopes: &[CompanyScope],
    fy: i32,
) -> Result<HashMap<Uuid, company_year::Model>, DbErr> {
    let ids: Vec<Uuid> = scopes.iter().map(|s| s.company_id()).collect();
    let rows = company_year::Entity::find()
        .filter(company_year::Column::CompanyId.is_in(ids))
        .filter(company_year::Column::FiscalYear.eq(fy))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.company_id, r)).collect())
}

pub async fn insert_many(
    db: &impl ConnectionTrait,
    years: Vec<(CompanyScope, NewYear)>,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    let rows: Vec<company_year::ActiveModel> = years.into_iter().map(|(scope, y)| new_row(scope, y, now)).collect();
    for chunk in rows.chunks(1000) {
        company_year::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}
