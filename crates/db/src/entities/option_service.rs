use portal_domain::services::{ServiceCategory, ServiceScope, ServiceStatus};
use sea_orm::entity::prelude::*;

/// One option service of the catalogue (R4.1), edited by admins.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "option_services")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    #[sea_orm(column_type = "Text")]
    pub description_ja: String,
    #[sea_orm(column_type = "Text")]
    pub description_en: String,
    pub category: ServiceCategory,
    pub scope: ServiceScope,
    pub ticket_cost: i32,
    pub customer_cancellable: bool,
    pub min_lead_business_days: i32,
    pub yearly_capacity: Option<i32>,
    /// Ranks that may buy it, comma-separated (`GOLD,PLATINUM`).
    pub ranks: String,
    pub status: ServiceStatus,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
