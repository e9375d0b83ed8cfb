//! Companies' contracts, AWS accounts, transaction volumes, rank thresholds, ranks per fiscal year,
//! the ticket ledger and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
    ContractTypes,
    PublicBody,
    Partner,
    ViaThirdParty,
    LedgerSeq,
}

#[derive(DeriveIden)]
enum AwsAccounts {
    Table,
    Id,
    CompanyId,
    AccountId,
    DisplayName,
    RootHeldByUs,
    UnderMaintenance,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TransactionImports {
    Table,
    Id,
    ImportedBy,
    Filename,
    RowCount,
    ReplacedRows,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Transactions {
    Table,
    Id,
    CompanyId,
    Year,
    Month,
    AmountYen,
    ImportId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RankThresholds {
    Table,
    Version,
    Platinum,
    Gold,
    Silver,
    Bronze,
    ChangedBy,
    ChangedAt,
    Note,
}

#[derive(DeriveIden)]
enum CompanyYears {
    Table,
    Id,
    CompanyId,
    FiscalYear,
    Rank,
    RankOrder,
    Source,
    VolumeYen,
    ThresholdVersion,
    Reason,
    DecidedBy,
    FreeTrainingsUsed,
    RolledOverAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TicketLedger {
    Table,
    Id,
    CompanyId,
    Seq,
    Kind,
    Amount,
    BalanceAfter,
    FiscalYear,
    ExpiresAt,
    Reason,
    ActorId,
    IdempotencyKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorLabel,
    Action,
    TargetType,
    TargetId,
    CompanyId,
    Before,
    After,
}

fn fk(
    name: &str,
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            string(Companies::ContractTypes).default("").to_owned(),
            boolean(Companies::PublicBody).default(false).to_owned(),
            boolean(Companies::Partner).default(false).to_owned(),
            boolean(Companies::ViaThirdParty).default(false).to_owned(),
            big_integer(Companies::LedgerSeq).default(0).to_owned(),
        ] {
            m.alter_table(Table::alter().table(Companies::Table).add_column(col).to_owned()).await?;
        }

        m.create_table(
            Table::create()
                .table(AwsAccounts::Table)
                .col(pk_uuid(AwsAccounts::Id))
                .col(uuid(AwsAccounts::CompanyId))
                .col(string_len_uniq(AwsAccounts::AccountId, 12))
                .col(string(AwsAccounts::DisplayName))
                .col(boolean(AwsAccounts::RootHeldByUs))
                .col(boolean(AwsAccounts::UnderMaintenance))
                .col(timestamp_with_time_zone(AwsAccounts::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_aws_accounts_company",
                    (AwsAccounts::Table, AwsAccounts::CompanyId),
                    (Companies::Table, Companies::Id),
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TransactionImports::Table)
                .col(pk_uuid(TransactionImports::Id))
                .col(uuid_null(TransactionImports::ImportedBy))
                .col(string(TransactionImports::Filename))
                .col(integer(TransactionImports::RowCount))
                .col(integer(TransactionImports::ReplacedRows))
                .col(timestamp_with_time_zone(TransactionImports::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Transactions::Table)
                .col(pk_uuid(Transactions::Id))
                .col(uuid(Transactions::CompanyId))
                .col(integer(Transactions::Year))
                .col(integer(Transactions::Month))
                .col(big_integer(Transactions::AmountYen))
                .col(uuid(Transactions::ImportId))
                .col(timestamp_with_time_zone(Transactions::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_transactions_company",
                    (Transactions::Table, Transactions::CompanyId),
                    (Companies::Table, Companies::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_transactions_import",
                    (Transactions::Table, Transactions::ImportId),
                    (TransactionImports::Table, TransactionImports::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_transactions_company_month")
                .table(Transactions::Table)
                .col(Transactions::CompanyId)
                .col(Transactions::Year)
                .col(Transactions::Month)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RankThresholds::Table)
                .col(integer(RankThresholds::Version).primary_key())
                .col(big_integer(RankThresholds::Platinum))
                .col(big_integer(RankThresholds::Gold))
                .col(big_integer(RankThresholds::Silver))
                .col(big_integer(RankThresholds::Bronze))
                .col(uuid_null(RankThresholds::ChangedBy))
                .col(timestamp_with_time_zone(RankThresholds::ChangedAt))
                .col(string(RankThresholds::Note))
                .to_owned(),
        )
        .await?;
        // The seeded example of R2.3, as version 1.
        let seed = Query::insert()
            .into_table(RankThresholds::Table)
            .columns([
                RankThresholds::Version,
                RankThresholds::Platinum,
                RankThresholds::Gold,
                RankThresholds::Silver,
                RankThresholds::Bronze,
                RankThresholds::ChangedAt,
                RankThresholds::Note,
            ])
            .values_panic([
                1.into(),
                60_000_000i64.into(),
                12_000_000i64.into(),
                3_600_000i64.into(),
                600_000i64.into(),
                Expr::current_timestamp(),
                "initial example thresholds (R2.3)".into(),
            ])
            .to_owned();
        m.exec_stmt(seed).await?;

        m.create_table(
            Table::create()
                .table(CompanyYears::Table)
                .col(pk_uuid(CompanyYears::Id))
                .col(uuid(CompanyYears::CompanyId))
                .col(integer(CompanyYears::FiscalYear))
                .col(string(CompanyYears::Rank))
                // PLATINUM = 0 … REGULAR = 4: staff lists sort by rank, highest first (R6.5).
                .col(integer(CompanyYears::RankOrder))
                .col(string(CompanyYears::Source))
                .col(big_integer_null(CompanyYears::VolumeYen))
                .col(integer_null(CompanyYears::ThresholdVersion))
                .col(string_null(CompanyYears::Reason))
                .col(uuid_null(CompanyYears::DecidedBy))
                .col(integer(CompanyYears::FreeTrainingsUsed).default(0))
                // Set when the year's grant was made (rollover or onboarding); an override before that
                // only records the rank the rollover will use.
                .col(timestamp_with_time_zone_null(CompanyYears::RolledOverAt))
                .col(timestamp_with_time_zone(CompanyYears::CreatedAt))
                .col(timestamp_with_time_zone(CompanyYears::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_company_years_company",
                    (CompanyYears::Table, CompanyYears::CompanyId),
                    (Companies::Table, Companies::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_company_years")
                .table(CompanyYears::Table)
                .col(CompanyYears::CompanyId)
                .col(CompanyYears::FiscalYear)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TicketLedger::Table)
                .col(pk_uuid(TicketLedger::Id))
                .col(uuid(TicketLedger::CompanyId))
                .col(big_integer(TicketLedger::Seq))
                .col(string(TicketLedger::Kind))
                .col(integer(TicketLedger::Amount))
                .col(integer(TicketLedger::BalanceAfter))
                .col(integer(TicketLedger::FiscalYear))
                .col(timestamp_with_time_zone_null(TicketLedger::ExpiresAt))
                .col(string(TicketLedger::Reason))
                .col(uuid_null(TicketLedger::ActorId))
                .col(string_null(TicketLedger::IdempotencyKey).unique_key())
                .col(timestamp_with_time_zone(TicketLedger::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_ticket_ledger_company",
                    (TicketLedger::Table, TicketLedger::CompanyId),
                    (Companies::Table, Companies::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_ticket_ledger_seq")
                .table(TicketLedger::Table)
                .col(TicketLedger::CompanyId)
                .col(TicketLedger::Seq)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk_uuid(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(uuid_null(AuditLog::ActorId))
                .col(string(AuditLog::ActorLabel))
                .col(string(AuditLog::Action))
                .col(string(AuditLog::TargetType))
                .col(string(AuditLog::TargetId))
                .col(uuid_null(AuditLog::CompanyId))
                .col(text_null(AuditLog::Before))
                .col(text_null(AuditLog::After))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_audit_at").table(AuditLog::Table).col(AuditLog::At).to_owned()).await?;
        m.create_index(
            Index::create().name("ix_audit_company").table(AuditLog::Table).col(AuditLog::CompanyId).to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditLog::Table.into_iden(),
            TicketLedger::Table.into_iden(),
            CompanyYears::Table.into_iden(),
            RankThresholds::Table.into_iden(),
            Transactions::Table.into_iden(),
            TransactionImports::Table.into_iden(),
            AwsAccounts::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for col in [
            Companies::ContractTypes,
            Companies::PublicBody,
            Companies::Partner,
            Companies::ViaThirdParty,
            Companies::LedgerSeq,
        ] {
            m.alter_table(Table::alter().table(Companies::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
