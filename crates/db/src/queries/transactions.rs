//! Monthly transaction volumes (R2.4).

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{transaction, transaction_import};

pub async fn insert_import(
    db: &impl ConnectionTrait,
    by: Option<Uuid>,
    filename: &str,
    rows: i32,
    now: DateTimeUtc,
) -> Result<transaction_import::Model, DbErr> {
    transaction_import::ActiveModel {
        id: Set(Uuid::new_v4()),
        imported_by: Set(by),
        filename: Set(filename.to_owned()),
        row_count: Set(rows),
        replaced_rows: Set(0),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn set_replaced(db: &impl ConnectionTrait, import_id: Uuid, replaced: i32) -> Result<(), DbErr> {
    transaction_import::ActiveModel { id: Set(import_id), replaced_rows: Set(replaced), ..Default::default() }
        .update(db)
        .await
        .map(|_| ())
}

/// One company-month of an import.
#[derive(Debug, Clone, Copy)]
pub struct MonthVolume {
    pub scope: CompanyScope,
    pub year: i32,
    pub month: i32,
    pub amount_yen: i64,
}

/// The stored amounts of these companies: (company id, year, month) → yen.
pub async fn amounts_of(
    db: &impl ConnectionTrait,
    scopes: &[CompanyScope],
) -> Result<HashMap<(Uuid, i32, i32), i64>, DbErr> {
    let mut out = HashMap::new();
    let ids: Vec<Uuid> = scopes.iter().map(|s| s.company_id()).collect();
    for chunk in ids.chunks(500) {
        let rows: Vec<(Uuid, i32, i32, i64)> = transaction::Entity::find()
            .select_only()
            .column(transaction::Column::CompanyId)
            .column(transaction::Column::Year)
            .column(transaction::Column::Month)
            .column(transaction::Column::AmountYen)
            .filter(transaction::Column::CompanyId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(c, y, m, a)| ((c, y, m), a)));
    }
    Ok(out)
}

/// Inserts or replaces company-months in batches (one statement per 1,000 rows, well under both
/// databases' limits on bound parameters).
pub async fn upsert_many(
    db: &impl ConnectionTrait,
    rows: &[MonthVolume],
    import_id: Uuid,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(1000) {
        let models = chunk.iter().map(|r| transaction::ActiveModel {
            id: Set(Uuid::new_v4()),
            company_id: Set(r.scope.company_id()),
            year: Set(r.year),
            month: Set(r.month),
            amount_yen: Set(r.amount_yen),
            import_id: Set(import_id),
            updated_at: Set(now),
        });
        let on_conflict = OnConflict::columns([
            transaction::Column::CompanyId,
            transaction::Column::Year,
            transaction::Column::Month,
        ])
        .update_columns([transaction::Column::AmountYen, transaction::Column::ImportId, transaction::Column::UpdatedAt])
        .to_owned();
        transaction::Entity::insert_many(models).on_conflict(on_conflict).exec(db).await?;
    }
    Ok(())
}

/// Sum of one company's calendar year (R2.2).
pub async fn volume(db: &impl ConnectionTrait, scope: CompanyScope, year: i32) -> Result<i64, DbErr> {
    #[derive(FromQueryResult)]
    struct Sum {
        total: Option<i64>,
    }
    let s = transaction::Entity::find()
        .select_only()
        // PostgreSQL sums BIGINT into NUMERIC; yen totals fit in BIGINT.
        .column_as(Expr::col(transaction::Column::AmountYen).sum().cast_as(Alias::new("BIGINT")), "total")
        .filter(transaction::Column::CompanyId.eq(scope.company_id()))
        .filter(transaction::Column::Year.eq(year))
        .into_model::<Sum>()
        .one(db)
        .await?;
    Ok(s.and_then(|s| s.total).unwrap_or(0))
}

/// Sums of one calendar year for many companies (R2.2); a company without rows is absent.
pub async fn volumes_many(
    db: &impl ConnectionTrait,
    scopes: &[CompanyScope],
    year: i32,
) -> Result<HashMap<Uuid, i64>, DbErr> {
    let ids: Vec<Uuid> = scopes.iter().map(|s| s.company_id()).collect();
    let rows: Vec<(Uuid, Option<i64>)> = transaction::Entity::find()
        .select_only()
        .column(transaction::Column::CompanyId)
        .column_as(Expr::col(transaction::Column::AmountYen).sum().cast_as(Alias::new("BIGINT")), "total")
        .filter(transaction::Column::CompanyId.is_in(ids))
        .filter(transaction::Column::Year.eq(year))
        .group_by(transaction::Column::CompanyId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(c, t)| (c, t.unwrap_or(0))).collect())
}
