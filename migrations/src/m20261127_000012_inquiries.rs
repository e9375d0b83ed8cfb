//! Inquiries about cloudpack+ (R7.7, issue 10): the inquiry, its thread with staff, per-user read
//! markers, and files (kept in the attachment store under a key of ids, like application files).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Inquiries {
    Table,
    Id,
    CompanyId,
    Category,
    Subject,
    State,
    OpenedBy,
    OpenedByLabel,
    AssigneeId,
    WaitingSince,
    LastMessageAt,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum InquiryMessages {
    Table,
    Id,
    InquiryId,
    CompanyId,
    AuthorId,
    AuthorLabel,
    FromStaff,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InquiryReads {
    Table,
    InquiryId,
    UserId,
    LastReadAt,
}

#[derive(DeriveIden)]
enum InquiryAttachments {
    Table,
    Id,
    InquiryId,
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
enum Companies {
    Table,
    Id,
}

fn to(
    name: &str,
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    table: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(table, col).on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Inquiries::Table)
                .col(pk_uuid(Inquiries::Id))
                .col(uuid(Inquiries::CompanyId))
                .col(string(Inquiries::Category))
                .col(string(Inquiries::Subject))
                .col(string(Inquiries::State))
                .col(uuid(Inquiries::OpenedBy))
                .col(string(Inquiries::OpenedByLabel))
                .col(uuid_null(Inquiries::AssigneeId))
                .col(timestamp_with_time_zone_null(Inquiries::WaitingSince))
                .col(timestamp_with_time_zone(Inquiries::LastMessageAt))
                .col(timestamp_with_time_zone_null(Inquiries::ClosedAt))
                .col(timestamp_with_time_zone(Inquiries::CreatedAt))
                .col(timestamp_with_time_zone(Inquiries::UpdatedAt))
                .foreign_key(&mut to(
                    "fk_inquiries_company",
                    (Inquiries::Table, Inquiries::CompanyId),
                    Companies::Table,
                    Companies::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_inquiries_company")
                .table(Inquiries::Table)
                .col(Inquiries::CompanyId)
                .col(Inquiries::LastMessageAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_inquiries_state").table(Inquiries::Table).col(Inquiries::State).to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(InquiryMessages::Table)
                .col(pk_uuid(InquiryMessages::Id))
                .col(uuid(InquiryMessages::InquiryId))
                .col(uuid(InquiryMessages::CompanyId))
                .col(uuid(InquiryMessages::AuthorId))
                .col(string(InquiryMessages::AuthorLabel))
                .col(boolean(InquiryMessages::FromStaff))
                .col(text(InquiryMessages::Body))
                .col(timestamp_with_time_zone(InquiryMessages::CreatedAt))
                .foreign_key(&mut to(
                    "fk_inquiry_messages_inquiry",
                    (InquiryMessages::Table, InquiryMessages::InquiryId),
                    Inquiries::Table,
                    Inquiries::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_inquiry_messages_inquiry")
                .table(InquiryMessages::Table)
                .col(InquiryMessages::InquiryId)
                .col(InquiryMessages::CreatedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(InquiryReads::Table)
                .col(uuid(InquiryReads::InquiryId))
                .col(uuid(InquiryReads::UserId))
                .col(timestamp_with_time_zone(InquiryReads::LastReadAt))
                .primary_key(Index::create().col(InquiryReads::InquiryId).col(InquiryReads::UserId))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(InquiryAttachments::Table)
                .col(pk_uuid(InquiryAttachments::Id))
                .col(uuid(InquiryAttachments::InquiryId))
                .col(uuid(InquiryAttachments::CompanyId))
                .col(uuid(InquiryAttachments::MessageId))
                .col(string(InquiryAttachments::FileName))
                .col(string(InquiryAttachments::ContentType))
                .col(big_integer(InquiryAttachments::SizeBytes))
                .col(string(InquiryAttachments::ObjectKey))
                .col(uuid(InquiryAttachments::UploadedBy))
                .col(timestamp_with_time_zone(InquiryAttachments::CreatedAt))
                .foreign_key(&mut to(
                    "fk_inquiry_attachments_message",
                    (InquiryAttachments::Table, InquiryAttachments::MessageId),
                    InquiryMessages::Table,
                    InquiryMessages::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_inquiry_attachments_inquiry")
                .table(InquiryAttachments::Table)
                .col(InquiryAttachments::InquiryId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(InquiryAttachments::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(InquiryReads::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(InquiryMessages::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Inquiries::Table).to_owned()).await
    }
}
