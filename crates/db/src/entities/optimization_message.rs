use sea_orm::entity::prelude::*;

/// A message of an engagement (`thread_id` = the engagement) or a comment on a proposal
/// (`thread_id` = the proposal).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "optimization_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub thread_id: Uuid,
    pub company_id: Uuid,
    pub author_id: Uuid,
    pub author_label: String,
    pub from_staff: bool,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
