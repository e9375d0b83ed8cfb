//! Monthly transaction volumes (R2.4).

use sea_orm::sea_query::{Alias, Expr, ExprTrait};
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

/// Inserts or replaces one company-month. Returns the amount it replaced, if any.
pub async fn upsert(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    year: i32,
    month: i32,
    amount_yen: i64,
    import_id: Uuid,
    now: DateTimeUtc,
) -> Result<Option<i64>, DbErr> {
    let existing = transaction::Entity::find()
        .filter(transaction::Column::CompanyId.eq(scope.company_id()))
        .filter(transaction::Column::Year.eq(year))
        .filter(transaction::Column::Month.eq(month))
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let old = row.amount_yen;
            transaction::ActiveModel {
                id: Set(row.id),
                amount_yen: Set(amount_yen),
                import_id: Set(import_id),
                updated_at: Set(now),
                ..Default::default()
            }
            .update(db)
            .await?;
            Ok(Some(old))
        }
        None => {
            transaction::ActiveModel {
                id: Set(Uuid::new_v4()),
                company_id: Set(scope.company_id()),
                year: Set(year),
                month: Set(month),
                amount_yen: Set(amount_yen),
                import_id: Set(import_id),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
            Ok(None)
        }
    }
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
