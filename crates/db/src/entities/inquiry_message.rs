use sea_orm::entity::prelude::*;

/// One message of an inquiry's thread (R7.7); the first is the question itself.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub inquiry_id: Uuid,
    pub company_id: Uuid,
    pub author_id: Uuid,
    pub author_label: String,
    pub from_staff: bool,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
