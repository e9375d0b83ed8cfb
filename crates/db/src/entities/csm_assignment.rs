use sea_orm::entity::prelude::*;

/// The CSM an admin assigned to a company (R6.1): dedicated for PLATINUM, shared for GOLD/SILVER.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "csm_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub company_id: Uuid,
    pub csm_id: Uuid,
    /// Dedicated (PLATINUM) rather than shared (GOLD, SILVER).
    pub dedicated: bool,
    /// Why an admin made a CSM the dedicated CSM of a second company.
    pub override_reason: Option<String>,
    pub assigned_by: Uuid,
    pub assigned_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
