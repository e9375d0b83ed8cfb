use sea_orm::entity::prelude::*;

/// Which contract types may use a tool (R7.8), comma-separated like `companies.contract_types`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tool_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tool: String,
    pub contract_types: String,
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
