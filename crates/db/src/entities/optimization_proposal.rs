use portal_domain::optimization::{MeasurementUnit, Priority, ProposalCategory, ProposalStatus, WorkOrder};
use sea_orm::entity::prelude::*;

/// A CSM's improvement proposal to a company (R6.2), with its measured effect once done.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "optimization_proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub company_id: Uuid,
    pub title: String,
    pub category: ProposalCategory,
    pub findings: String,
    pub expected_effect: String,
    pub expected_saving_yen: Option<i64>,
    pub estimated_effort: String,
    pub priority: Priority,
    pub work_order: WorkOrder,
    pub status: ProposalStatus,
    pub proposed_by: Uuid,
    pub proposed_by_label: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub measured_baseline: Option<f64>,
    pub measured_result: Option<f64>,
    pub measured_unit: Option<MeasurementUnit>,
    pub measured_on: Option<Date>,
    pub measured_note: Option<String>,
    /// `baseline - result` when measured in yen per month.
    pub monthly_saving_yen: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
