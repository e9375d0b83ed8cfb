//! Ledger reasons as a kind and its parameters (issue 6 §3), so the history is put into words in
//! the reader's language. Entries written before keep their text as a `note`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TicketLedger {
    Table,
    ReasonKind,
    ReasonParams,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        m.alter_table(
            Table::alter()
                .table(TicketLedger::Table)
                .add_column(string(TicketLedger::ReasonKind).default("note"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter().table(TicketLedger::Table).add_column(text_null(TicketLedger::ReasonParams)).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(TicketLedger::Table).drop_column(TicketLedger::ReasonParams).to_owned())
            .await?;
        m.alter_table(Table::alter().table(TicketLedger::Table).drop_column(TicketLedger::ReasonKind).to_owned()).await
    }
}
