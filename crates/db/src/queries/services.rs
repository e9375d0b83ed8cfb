//! The option-service catalogue (R4.1). Not company data: every signed-in user reads it.

use portal_domain::services::ApplicationState;
use portal_domain::Rank;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::entities::{application, option_service};

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<option_service::Model>, DbErr> {
    option_service::Entity::find()
        .order_by_asc(option_service::Column::Category)
        .order_by_desc(option_service::Column::TicketCost)
        .order_by_asc(option_service::Column::Code)
        .all(db)
        .await
}

pub async fn find(db: &impl ConnectionTrait, code: &str) -> Result<Option<option_service::Model>, DbErr> {
    option_service::Entity::find_by_id(code.to_owned()).one(db).await
}

/// Serialises applications for a service with a yearly capacity, inside the caller's
/// transaction (taken after the company's ledger lock, always in that order).
pub async fn lock(db: &impl ConnectionTrait, code: &str) -> Result<(), DbErr> {
    option_service::Entity::update_many()
        .col_expr(option_service::Column::UpdatedAt, Expr::col(option_service::Column::UpdatedAt))
        .filter(option_service::Column::Code.eq(code))
        .exec(db)
        .await
        .map(|_| ())
}

/// Applications of `code` in `fiscal_year` that hold a place of its capacity (all companies: the
/// partner's capacity is shared; cancelled and rejected ones gave theirs back).
pub async fn used_capacity(db: &impl ConnectionTrait, code: &str, fiscal_year: i32) -> Result<u64, DbErr> {
    application::Entity::find()
        .filter(application::Column::ServiceCode.eq(code))
        .filter(application::Column::FiscalYear.eq(fiscal_year))
        .filter(application::Column::State.is_not_in([ApplicationState::Cancelled, ApplicationState::Rejected]))
        .count(db)
        .await
}

pub async fn save(db: &impl ConnectionTrait, row: option_service::ActiveModel) -> Result<option_service::Model, DbErr> {
    sea_orm::ActiveModelTrait::update(row, db).await
}

/// `GOLD,PLATINUM` → the ranks; an unknown name is an error, never skipped.
pub fn ranks(m: &option_service::Model) -> Result<Vec<Rank>, DbErr> {
    m.ranks
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Rank::parse(s).ok_or_else(|| DbErr::Custom(format!("option service {}: unknown rank {s:?}", m.code))))
        .collect()
}

pub fn ranks_text(ranks: &[Rank]) -> String {
    ranks.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")
}
