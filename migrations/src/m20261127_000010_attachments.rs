//! Files in application threads (issue 9; R4.7): reports and hearing sheets. The bytes live in the
//! attachment store (a local folder, or S3) under a key of ids; the row keeps the name to show.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApplicationAttachments {
    Table,
    Id,
    ApplicationId,
    CompanyId,
    MessageId,
    FileName,
    ContentType,
    SizeBytes,
    ObjectKey,
    UploadedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApplicationMessages {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ApplicationAttachments::Table)
                .col(pk_uuid(ApplicationAttachments::Id))
                .col(uuid(ApplicationAttachments::ApplicationId))
                .col(uuid(ApplicationAttachments::CompanyId))
                .col(uuid(ApplicationAttachments::MessageId))
                .col(string(ApplicationAttachments::FileName))
                .col(string(ApplicationAttachments::ContentType))
                .col(big_integer(ApplicationAttachments::SizeBytes))
                .col(string(ApplicationAttachments::ObjectKey))
                .col(uuid(ApplicationAttachments::UploadedBy))
                .col(timestamp_with_time_zone(ApplicationAttachments::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_application_attachments_message")
                        .from(ApplicationAttachments::Table, ApplicationAttachments::MessageId)
                        .to(ApplicationMessages::Table, ApplicationMessages::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_application_attachments_application")
                .table(ApplicationAttachments::Table)
                .col(ApplicationAttachments::ApplicationId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ApplicationAttachments::Table).to_owned()).await
    }
}
