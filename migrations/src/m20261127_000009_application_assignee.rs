//! Staff assign an application to a CSM; the queue filters by it (issue 9).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    AssignedCsmId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Applications::Table).add_column(uuid_null(Applications::AssignedCsmId)).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Applications::Table).drop_column(Applications::AssignedCsmId).to_owned())
            .await
    }
}
