//! Training menus (not company data: every signed-in user reads them) and bookings, scoped by
//! company.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{training_booking, training_menu};

pub async fn insert_menu(
    db: &impl ConnectionTrait,
    m: training_menu::ActiveModel,
) -> Result<training_menu::Model, DbErr> {
    m.insert(db).await
}

/// A fiscal year's menu, by start.
pub async fn menus(db: &impl ConnectionTrait, fiscal_year: i32) -> Result<Vec<training_menu::Model>, DbErr> {
    training_menu::Entity::find()
        .filter(training_menu::Column::FiscalYear.eq(fiscal_year))
        .order_by_asc(training_menu::Column::StartsAt)
        .all(db)
        .await
}

pub async fn menu(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<training_menu::Model>, DbErr> {
    training_menu::Entity::find_by_id(id).one(db).await
}

/// Serialises bookings of one menu (its seats), inside the caller's transaction, after the
/// company's ledger lock.
pub async fn lock_menu(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    training_menu::Entity::update_many()
        .col_expr(training_menu::Column::CreatedAt, Expr::col(training_menu::Column::CreatedAt))
        .filter(training_menu::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Live (not cancelled) bookings of a menu, across companies: its taken seats.
pub async fn seats_taken(db: &impl ConnectionTrait, menu_id: Uuid) -> Result<u64, DbErr> {
    training_booking::Entity::find()
        .filter(training_booking::Column::MenuId.eq(menu_id))
        .filter(training_booking::Column::CancelledAt.is_null())
        .count(db)
        .await
}

/// The company's live bookings of a fiscal year.
pub async fn bookings(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    fiscal_year: i32,
) -> Result<Vec<training_booking::Model>, DbErr> {
    training_booking::Entity::find()
        .filter(training_booking::Column::CompanyId.eq(scope.company_id()))
        .filter(training_booking::Column::FiscalYear.eq(fiscal_year))
        .filter(training_booking::Column::CancelledAt.is_null())
        .all(db)
        .await
}

pub async fn booking(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
) -> Result<Option<training_booking::Model>, DbErr> {
    training_booking::Entity::find_by_id(id)
        .filter(training_booking::Column::CompanyId.eq(scope.company_id()))
        .one(db)
        .await
}

pub struct NewBooking {
    pub menu_id: Uuid,
    pub fiscal_year: i32,
    pub free: bool,
    pub application_id: Option<Uuid>,
    pub booked_by: Uuid,
}

pub async fn book(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    b: NewBooking,
    now: DateTimeUtc,
) -> Result<training_booking::Model, DbErr> {
    training_booking::ActiveModel {
        id: Set(Uuid::new_v4()),
        menu_id: Set(b.menu_id),
        company_id: Set(scope.company_id()),
        fiscal_year: Set(b.fiscal_year),
        free_booking: Set(b.free),
        application_id: Set(b.application_id),
        booked_by: Set(b.booked_by),
        created_at: Set(now),
        cancelled_at: Set(None),
    }
    .insert(db)
    .await
}

pub async fn cancel(db: &impl ConnectionTrait, scope: CompanyScope, id: Uuid, now: DateTimeUtc) -> Result<bool, DbErr> {
    let res = training_booking::Entity::update_many()
        .col_expr(training_booking::Column::CancelledAt, Expr::value(now))
        .filter(training_booking::Column::Id.eq(id))
        .filter(training_booking::Column::CompanyId.eq(scope.company_id()))
        .filter(training_booking::Column::CancelledAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The booking an aws-training application paid for ends with it (cancelled or rejected).
pub async fn cancel_for_application(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    application_id: Uuid,
    now: DateTimeUtc,
) -> Result<u64, DbErr> {
    let res = training_booking::Entity::update_many()
        .col_expr(training_booking::Column::CancelledAt, Expr::value(now))
        .filter(training_booking::Column::CompanyId.eq(scope.company_id()))
        .filter(training_booking::Column::ApplicationId.eq(application_id))
        .filter(training_booking::Column::CancelledAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
