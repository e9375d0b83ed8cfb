use sea_orm::entity::prelude::*;

/// What the portal last read from AWS for one account, as JSON of `portal_domain::aws_tools` types.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "aws_tool_snapshots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub aws_account_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub company_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub fetched_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
