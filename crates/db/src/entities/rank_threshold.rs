use sea_orm::entity::prelude::*;

/// One version of the volume thresholds (R2.3); the highest version is in force.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rank_thresholds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i32,
    pub platinum: i64,
    pub gold: i64,
    pub silver: i64,
    pub bronze: i64,
    pub changed_by: Option<Uuid>,
    pub changed_at: DateTimeUtc,
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
