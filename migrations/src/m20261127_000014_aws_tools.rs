//! AWS tools (R7.8, R7.9, issue 11): each company's ExternalId, the IAM role registered per linked
//! account with the outcome of its last connection test, what the portal last read from AWS per
//! account (Trusted Advisor, estimated cost: pages load from here, reads from AWS are explicit), and
//! which contract types may use each tool.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CompanyAwsIdentities {
    Table,
    CompanyId,
    ExternalId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AwsAccountRoles {
    Table,
    AwsAccountId,
    CompanyId,
    RoleArn,
    TaProvider,
    CheckedAt,
    CheckOk,
    CheckIdentityArn,
    CheckErrorCode,
    CheckMessage,
    /// A replica's claim on the scheduled read of this account, until then.
    RefreshClaimedUntil,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AwsToolSnapshots {
    Table,
    AwsAccountId,
    CompanyId,
    /// `ta_checks`, `ta_summaries`, `ta_result`, `cost`.
    Kind,
    /// The language of a check list, the check id of a result, empty otherwise.
    Key,
    Payload,
    FetchedAt,
}

/// A Trusted Advisor check attached to a cloud-optimization proposal as its evidence (R6.4), with
/// its flagged resources as they were when attached.
#[derive(DeriveIden)]
enum ProposalEvidence {
    Table,
    Id,
    ProposalId,
    CompanyId,
    AwsAccountId,
    CheckId,
    Payload,
    AttachedBy,
    AttachedAt,
}

#[derive(DeriveIden)]
enum OptimizationProposals {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ToolSettings {
    Table,
    Tool,
    ContractTypes,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AwsAccounts {
    Table,
    Id,
}

fn fk(
    name: &str,
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    table: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(table, col).on_delete(ForeignKeyAction::Restrict).to_owned()
}

/// Every contract type that runs AWS accounts the operator holds; the CDN-only plan does not.
const DEFAULT_CONTRACTS: &str = "billing_agency,billing_agency_adv,flat_rate,dedicated_connection";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CompanyAwsIdentities::Table)
                .col(uuid(CompanyAwsIdentities::CompanyId).primary_key())
                .col(string_uniq(CompanyAwsIdentities::ExternalId))
                .col(timestamp_with_time_zone(CompanyAwsIdentities::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_company_aws_identities_company",
                    (CompanyAwsIdentities::Table, CompanyAwsIdentities::CompanyId),
                    Companies::Table,
                    Companies::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AwsAccountRoles::Table)
                .col(uuid(AwsAccountRoles::AwsAccountId).primary_key())
                .col(uuid(AwsAccountRoles::CompanyId))
                .col(string(AwsAccountRoles::RoleArn))
                .col(string(AwsAccountRoles::TaProvider))
                .col(timestamp_with_time_zone_null(AwsAccountRoles::CheckedAt))
                .col(boolean_null(AwsAccountRoles::CheckOk))
                .col(string_null(AwsAccountRoles::CheckIdentityArn))
                .col(string_null(AwsAccountRoles::CheckErrorCode))
                .col(text_null(AwsAccountRoles::CheckMessage))
                .col(timestamp_with_time_zone_null(AwsAccountRoles::RefreshClaimedUntil))
                .col(timestamp_with_time_zone(AwsAccountRoles::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_aws_account_roles_account",
                    (AwsAccountRoles::Table, AwsAccountRoles::AwsAccountId),
                    AwsAccounts::Table,
                    AwsAccounts::Id,
                ))
                .foreign_key(&mut fk(
                    "fk_aws_account_roles_company",
                    (AwsAccountRoles::Table, AwsAccountRoles::CompanyId),
                    Companies::Table,
                    Companies::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AwsToolSnapshots::Table)
                .col(uuid(AwsToolSnapshots::AwsAccountId))
                .col(uuid(AwsToolSnapshots::CompanyId))
                .col(string(AwsToolSnapshots::Kind))
                .col(string(AwsToolSnapshots::Key))
                .col(text(AwsToolSnapshots::Payload))
                .col(timestamp_with_time_zone(AwsToolSnapshots::FetchedAt))
                .primary_key(
                    Index::create()
                        .col(AwsToolSnapshots::AwsAccountId)
                        .col(AwsToolSnapshots::Kind)
                        .col(AwsToolSnapshots::Key),
                )
                .foreign_key(&mut fk(
                    "fk_aws_tool_snapshots_account",
                    (AwsToolSnapshots::Table, AwsToolSnapshots::AwsAccountId),
                    AwsAccounts::Table,
                    AwsAccounts::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ToolSettings::Table)
                .col(string(ToolSettings::Tool).primary_key())
                .col(string(ToolSettings::ContractTypes))
                .col(timestamp_with_time_zone_null(ToolSettings::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProposalEvidence::Table)
                .col(pk_uuid(ProposalEvidence::Id))
                .col(uuid(ProposalEvidence::ProposalId))
                .col(uuid(ProposalEvidence::CompanyId))
                .col(uuid(ProposalEvidence::AwsAccountId))
                .col(string(ProposalEvidence::CheckId))
                .col(text(ProposalEvidence::Payload))
                .col(string(ProposalEvidence::AttachedBy))
                .col(timestamp_with_time_zone(ProposalEvidence::AttachedAt))
                .foreign_key(&mut fk(
                    "fk_proposal_evidence_proposal",
                    (ProposalEvidence::Table, ProposalEvidence::ProposalId),
                    OptimizationProposals::Table,
                    OptimizationProposals::Id,
                ))
                .foreign_key(&mut fk(
                    "fk_proposal_evidence_account",
                    (ProposalEvidence::Table, ProposalEvidence::AwsAccountId),
                    AwsAccounts::Table,
                    AwsAccounts::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_proposal_evidence_proposal")
                .table(ProposalEvidence::Table)
                .col(ProposalEvidence::ProposalId)
                .to_owned(),
        )
        .await?;
        for tool in ["trusted_advisor", "cost_estimate"] {
            let insert = Query::insert()
                .into_table(ToolSettings::Table)
                .columns([ToolSettings::Tool, ToolSettings::ContractTypes])
                .values_panic([tool.into(), DEFAULT_CONTRACTS.into()])
                .to_owned();
            m.exec_stmt(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ProposalEvidence::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ToolSettings::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(AwsToolSnapshots::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(AwsAccountRoles::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(CompanyAwsIdentities::Table).to_owned()).await
    }
}
