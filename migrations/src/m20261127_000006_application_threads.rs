//! Each application's contact thread (R4.7) with per-user read markers, and the meeting slots
//! staff propose and the customer picks (issue 9).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApplicationMessages {
    Table,
    Id,
    ApplicationId,
    CompanyId,
    AuthorId,
    AuthorLabel,
    FromStaff,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApplicationReads {
    Table,
    ApplicationId,
    UserId,
    LastReadAt,
}

#[derive(DeriveIden)]
enum MeetingSlots {
    Table,
    Id,
    ApplicationId,
    StartsAt,
    EndsAt,
    ProposedBy,
    PickedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

fn to_application(from: (impl IntoIden + 'static, impl IntoIden + 'static), name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(Applications::Table, Applications::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ApplicationMessages::Table)
                .col(pk_uuid(ApplicationMessages::Id))
                .col(uuid(ApplicationMessages::ApplicationId))
                .col(uuid(ApplicationMessages::CompanyId))
                .col(uuid(ApplicationMessages::AuthorId))
                .col(string(ApplicationMessages::AuthorLabel))
                .col(boolean(ApplicationMessages::FromStaff))
                .col(text(ApplicationMessages::Body))
                .col(timestamp_with_time_zone(ApplicationMessages::CreatedAt))
                .foreign_key(&mut to_application(
                    (ApplicationMessages::Table, ApplicationMessages::ApplicationId),
                    "fk_application_messages_application",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_application_messages_application")
                .table(ApplicationMessages::Table)
                .col(ApplicationMessages::ApplicationId)
                .col(ApplicationMessages::CreatedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ApplicationReads::Table)
                .col(uuid(ApplicationReads::ApplicationId))
                .col(uuid(ApplicationReads::UserId))
                .col(timestamp_with_time_zone(ApplicationReads::LastReadAt))
                .primary_key(Index::create().col(ApplicationReads::ApplicationId).col(ApplicationReads::UserId))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingSlots::Table)
                .col(pk_uuid(MeetingSlots::Id))
                .col(uuid(MeetingSlots::ApplicationId))
                .col(timestamp_with_time_zone(MeetingSlots::StartsAt))
                .col(timestamp_with_time_zone(MeetingSlots::EndsAt))
                .col(uuid(MeetingSlots::ProposedBy))
                .col(timestamp_with_time_zone_null(MeetingSlots::PickedAt))
                .col(timestamp_with_time_zone(MeetingSlots::CreatedAt))
                .foreign_key(&mut to_application(
                    (MeetingSlots::Table, MeetingSlots::ApplicationId),
                    "fk_meeting_slots_application",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_meeting_slots_application")
                .table(MeetingSlots::Table)
                .col(MeetingSlots::ApplicationId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(MeetingSlots::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ApplicationReads::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ApplicationMessages::Table).to_owned()).await
    }
}
