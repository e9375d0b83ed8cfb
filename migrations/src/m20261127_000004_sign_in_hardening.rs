//! Sign-in hardening (issue 7): temporary passwords expire, and security events keep the client's
//! address and browser. Temporary passwords issued before this migration have no expiry recorded
//! and keep working until they are replaced.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    TempPasswordExpiresAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    ActorId,
    Action,
    At,
    ClientAddress,
    UserAgent,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(timestamp_with_time_zone_null(Users::TempPasswordExpiresAt))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter().table(AuditLog::Table).add_column(string_null(AuditLog::ClientAddress)).to_owned(),
        )
        .await?;
        m.alter_table(Table::alter().table(AuditLog::Table).add_column(text_null(AuditLog::UserAgent)).to_owned())
            .await?;
        // "Recent sign-ins" reads one user's events of one action, newest first.
        m.create_index(
            Index::create()
                .name("idx_audit_log_actor_action_at")
                .table(AuditLog::Table)
                .col(AuditLog::ActorId)
                .col(AuditLog::Action)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_audit_log_actor_action_at").table(AuditLog::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(AuditLog::Table).drop_column(AuditLog::UserAgent).to_owned()).await?;
        m.alter_table(Table::alter().table(AuditLog::Table).drop_column(AuditLog::ClientAddress).to_owned()).await?;
        m.alter_table(Table::alter().table(Users::Table).drop_column(Users::TempPasswordExpiresAt).to_owned()).await
    }
}
