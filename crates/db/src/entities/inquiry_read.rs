use sea_orm::entity::prelude::*;

/// Until when a user has read an inquiry's thread (unread markers).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry_reads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub inquiry_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub last_read_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
