use portal_domain::services::ChecklistItem;
use sea_orm::entity::prelude::*;

/// A ticked step of an account-diagnosis application (R4.5).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_checklist")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub application_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item: ChecklistItem,
    pub done_at: DateTimeUtc,
    pub done_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
