use sea_orm::entity::prelude::*;

/// A Trusted Advisor check attached to a proposal as its evidence, as it was then (JSON of
/// `portal_domain::aws_tools::TaCheckView`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposal_evidence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub company_id: Uuid,
    pub aws_account_id: Uuid,
    pub check_id: String,
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    /// E-mail of the staff member who attached it.
    pub attached_by: String,
    pub attached_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
