//! Cloud optimization support (R6, issue 10): each company's CSM, the engagement a CSM opens with a
//! kickoff (its meeting times and one message list), and the proposals with their measured effect.
//! Comments on a proposal share the message table, keyed by the proposal's id.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CsmAssignments {
    Table,
    CompanyId,
    CsmId,
    Dedicated,
    OverrideReason,
    AssignedBy,
    AssignedAt,
}

#[derive(DeriveIden)]
enum OptimizationEngagements {
    Table,
    Id,
    CompanyId,
    State,
    OpenedBy,
    OpenedAt,
    ClosedAt,
    CloseNote,
}

#[derive(DeriveIden)]
enum OptimizationSlots {
    Table,
    Id,
    EngagementId,
    CompanyId,
    StartsAt,
    EndsAt,
    PickedAt,
}

#[derive(DeriveIden)]
enum OptimizationMessages {
    Table,
    Id,
    /// The engagement's id for its conversation, a proposal's id for the comments on it.
    ThreadId,
    CompanyId,
    AuthorId,
    AuthorLabel,
    FromStaff,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OptimizationProposals {
    Table,
    Id,
    CompanyId,
    Title,
    Category,
    Findings,
    ExpectedEffect,
    ExpectedSavingYen,
    EstimatedEffort,
    Priority,
    WorkOrder,
    Status,
    ProposedBy,
    ProposedByLabel,
    CreatedAt,
    UpdatedAt,
    MeasuredBaseline,
    MeasuredResult,
    MeasuredUnit,
    MeasuredOn,
    MeasuredNote,
    MonthlySavingYen,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CsmAssignments::Table)
                .col(uuid(CsmAssignments::CompanyId).primary_key())
                .col(uuid(CsmAssignments::CsmId))
                .col(boolean(CsmAssignments::Dedicated))
                .col(string_null(CsmAssignments::OverrideReason))
                .col(uuid(CsmAssignments::AssignedBy))
                .col(timestamp_with_time_zone(CsmAssignments::AssignedAt))
                .foreign_key(&mut fk(
                    "fk_csm_assignments_company",
                    (CsmAssignments::Table, CsmAssignments::CompanyId),
                    Companies::Table,
                    Companies::Id,
                ))
                .foreign_key(&mut fk(
                    "fk_csm_assignments_csm",
                    (CsmAssignments::Table, CsmAssignments::CsmId),
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_csm_assignments_csm")
                .table(CsmAssignments::Table)
                .col(CsmAssignments::CsmId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(OptimizationEngagements::Table)
                .col(pk_uuid(OptimizationEngagements::Id))
                .col(uuid(OptimizationEngagements::CompanyId))
                .col(string(OptimizationEngagements::State))
                .col(uuid(OptimizationEngagements::OpenedBy))
                .col(timestamp_with_time_zone(OptimizationEngagements::OpenedAt))
                .col(timestamp_with_time_zone_null(OptimizationEngagements::ClosedAt))
                .col(text_null(OptimizationEngagements::CloseNote))
                .foreign_key(&mut fk(
                    "fk_optimization_engagements_company",
                    (OptimizationEngagements::Table, OptimizationEngagements::CompanyId),
                    Companies::Table,
                    Companies::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_optimization_engagements_company")
                .table(OptimizationEngagements::Table)
                .col(OptimizationEngagements::CompanyId)
                .col(OptimizationEngagements::OpenedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(OptimizationSlots::Table)
                .col(pk_uuid(OptimizationSlots::Id))
                .col(uuid(OptimizationSlots::EngagementId))
                .col(uuid(OptimizationSlots::CompanyId))
                .col(timestamp_with_time_zone(OptimizationSlots::StartsAt))
                .col(timestamp_with_time_zone(OptimizationSlots::EndsAt))
                .col(timestamp_with_time_zone_null(OptimizationSlots::PickedAt))
                .foreign_key(&mut fk(
                    "fk_optimization_slots_engagement",
                    (OptimizationSlots::Table, OptimizationSlots::EngagementId),
                    OptimizationEngagements::Table,
                    OptimizationEngagements::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_optimization_slots_engagement")
                .table(OptimizationSlots::Table)
                .col(OptimizationSlots::EngagementId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(OptimizationMessages::Table)
                .col(pk_uuid(OptimizationMessages::Id))
                .col(uuid(OptimizationMessages::ThreadId))
                .col(uuid(OptimizationMessages::CompanyId))
                .col(uuid(OptimizationMessages::AuthorId))
                .col(string(OptimizationMessages::AuthorLabel))
                .col(boolean(OptimizationMessages::FromStaff))
                .col(text(OptimizationMessages::Body))
                .col(timestamp_with_time_zone(OptimizationMessages::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_optimization_messages_company",
                    (OptimizationMessages::Table, OptimizationMessages::CompanyId),
                    Companies::Table,
                    Companies::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_optimization_messages_thread")
                .table(OptimizationMessages::Table)
                .col(OptimizationMessages::ThreadId)
                .col(OptimizationMessages::CreatedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(OptimizationProposals::Table)
                .col(pk_uuid(OptimizationProposals::Id))
                .col(uuid(OptimizationProposals::CompanyId))
                .col(string(OptimizationProposals::Title))
                .col(string(OptimizationProposals::Category))
                .col(text(OptimizationProposals::Findings))
                .col(text(OptimizationProposals::ExpectedEffect))
                .col(big_integer_null(OptimizationProposals::ExpectedSavingYen))
                .col(string(OptimizationProposals::EstimatedEffort))
                .col(string(OptimizationProposals::Priority))
                .col(string(OptimizationProposals::WorkOrder))
                .col(string(OptimizationProposals::Status))
                .col(uuid(OptimizationProposals::ProposedBy))
                .col(string(OptimizationProposals::ProposedByLabel))
                .col(timestamp_with_time_zone(OptimizationProposals::CreatedAt))
                .col(timestamp_with_time_zone(OptimizationProposals::UpdatedAt))
                .col(double_null(OptimizationProposals::MeasuredBaseline))
                .col(double_null(OptimizationProposals::MeasuredResult))
                .col(string_null(OptimizationProposals::MeasuredUnit))
                .col(date_null(OptimizationProposals::MeasuredOn))
                .col(text_null(OptimizationProposals::MeasuredNote))
                .col(big_integer_null(OptimizationProposals::MonthlySavingYen))
                .foreign_key(&mut fk(
                    "fk_optimization_proposals_company",
                    (OptimizationProposals::Table, OptimizationProposals::CompanyId),
                    Companies::Table,
                    Companies::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_optimization_proposals_company")
                .table(OptimizationProposals::Table)
                .col(OptimizationProposals::CompanyId)
                .col(OptimizationProposals::CreatedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(OptimizationProposals::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(OptimizationMessages::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(OptimizationSlots::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(OptimizationEngagements::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(CsmAssignments::Table).to_owned()).await
    }
}
