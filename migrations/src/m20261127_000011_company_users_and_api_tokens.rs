//! Company users (R7.4) and API tokens for integrators (issue 10). Users can be disabled, and are
//! deleted softly (the row stays for the history that names them, its address is freed). E-mail
//! addresses are unique regardless of case. Tokens are stored as SHA-256 of their secret.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    DisabledAt,
    DeletedAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    CompanyId,
    Name,
    Scope,
    TokenHash,
    Prefix,
    CreatedAt,
    ExpiresAt,
    LastUsedAt,
    RevokedAt,
    RevokedReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        m.alter_table(
            Table::alter().table(Users::Table).add_column(timestamp_with_time_zone_null(Users::DisabledAt)).to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter().table(Users::Table).add_column(timestamp_with_time_zone_null(Users::DeletedAt)).to_owned(),
        )
        .await?;
        // Addresses are stored lower-case (`Email::parse`); this keeps them unique even for a row
        // written some other way. Expression indexes read the same on SQLite and PostgreSQL.
        m.get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX ux_users_email_lower ON users (lower(email))")
            .await?;

        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .col(pk_uuid(ApiTokens::Id))
                .col(uuid(ApiTokens::UserId))
                .col(uuid(ApiTokens::CompanyId))
                .col(string(ApiTokens::Name))
                .col(string(ApiTokens::Scope))
                .col(string_uniq(ApiTokens::TokenHash))
                .col(string(ApiTokens::Prefix))
                .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                .col(timestamp_with_time_zone(ApiTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                .col(string_null(ApiTokens::RevokedReason))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_api_tokens_user")
                        .from(ApiTokens::Table, ApiTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_api_tokens_user").table(ApiTokens::Table).col(ApiTokens::UserId).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ApiTokens::Table).to_owned()).await?;
        m.get_connection().execute_unprepared("DROP INDEX ux_users_email_lower").await?;
        m.alter_table(Table::alter().table(Users::Table).drop_column(Users::DeletedAt).to_owned()).await?;
        m.alter_table(Table::alter().table(Users::Table).drop_column(Users::DisabledAt).to_owned()).await
    }
}
