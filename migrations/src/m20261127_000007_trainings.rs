//! Trainings (issue 9; R5): the admin-edited menu per fiscal year and each company's bookings,
//! free or through an aws-training application.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TrainingMenus {
    Table,
    Id,
    FiscalYear,
    TitleJa,
    TitleEn,
    Format,
    StartsAt,
    DurationMinutes,
    SeatLimit,
    TicketCost,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TrainingBookings {
    Table,
    Id,
    MenuId,
    CompanyId,
    FiscalYear,
    FreeBooking,
    ApplicationId,
    BookedBy,
    CreatedAt,
    CancelledAt,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(TrainingMenus::Table)
                .col(pk_uuid(TrainingMenus::Id))
                .col(integer(TrainingMenus::FiscalYear))
                .col(string(TrainingMenus::TitleJa))
                .col(string(TrainingMenus::TitleEn))
                .col(string(TrainingMenus::Format))
                .col(timestamp_with_time_zone(TrainingMenus::StartsAt))
                .col(integer(TrainingMenus::DurationMinutes))
                .col(integer_null(TrainingMenus::SeatLimit))
                .col(integer(TrainingMenus::TicketCost))
                .col(timestamp_with_time_zone(TrainingMenus::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TrainingBookings::Table)
                .col(pk_uuid(TrainingBookings::Id))
                .col(uuid(TrainingBookings::MenuId))
                .col(uuid(TrainingBookings::CompanyId))
                .col(integer(TrainingBookings::FiscalYear))
                .col(boolean(TrainingBookings::FreeBooking))
                .col(uuid_null(TrainingBookings::ApplicationId))
                .col(uuid(TrainingBookings::BookedBy))
                .col(timestamp_with_time_zone(TrainingBookings::CreatedAt))
                .col(timestamp_with_time_zone_null(TrainingBookings::CancelledAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_training_bookings_menu")
                        .from(TrainingBookings::Table, TrainingBookings::MenuId)
                        .to(TrainingMenus::Table, TrainingMenus::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_training_bookings_company")
                        .from(TrainingBookings::Table, TrainingBookings::CompanyId)
                        .to(Companies::Table, Companies::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_training_bookings_company_year")
                .table(TrainingBookings::Table)
                .col(TrainingBookings::CompanyId)
                .col(TrainingBookings::FiscalYear)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_training_bookings_menu")
                .table(TrainingBookings::Table)
                .col(TrainingBookings::MenuId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(TrainingBookings::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(TrainingMenus::Table).to_owned()).await
    }
}
