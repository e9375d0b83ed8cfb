//! Where an application's work report goes (R4.8), decided when it is made, and the
//! account-diagnosis checklist (R4.5).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    ReportChannel,
    ReportChannelReason,
}

#[derive(DeriveIden)]
enum ApplicationChecklist {
    Table,
    ApplicationId,
    Item,
    DoneAt,
    DoneBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        m.alter_table(
            Table::alter()
                .table(Applications::Table)
                .add_column(string(Applications::ReportChannel).default("portal"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Applications::Table)
                .add_column(string(Applications::ReportChannelReason).default("no_aws_account"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ApplicationChecklist::Table)
                .col(uuid(ApplicationChecklist::ApplicationId))
                .col(string(ApplicationChecklist::Item))
                .col(timestamp_with_time_zone(ApplicationChecklist::DoneAt))
                .col(string(ApplicationChecklist::DoneBy))
                .primary_key(Index::create().col(ApplicationChecklist::ApplicationId).col(ApplicationChecklist::Item))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_application_checklist_application")
                        .from(ApplicationChecklist::Table, ApplicationChecklist::ApplicationId)
                        .to(Applications::Table, Applications::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ApplicationChecklist::Table).to_owned()).await?;
        m.alter_table(
            Table::alter().table(Applications::Table).drop_column(Applications::ReportChannelReason).to_owned(),
        )
        .await?;
        m.alter_table(Table::alter().table(Applications::Table).drop_column(Applications::ReportChannel).to_owned())
            .await
    }
}
