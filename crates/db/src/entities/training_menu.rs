use portal_domain::trainings::TrainingFormat;
use sea_orm::entity::prelude::*;

/// One training of a fiscal year's menu (R5.3), edited by admins.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_menus")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub fiscal_year: i32,
    pub title_ja: String,
    pub title_en: String,
    pub format: TrainingFormat,
    pub starts_at: DateTimeUtc,
    pub duration_minutes: i32,
    pub seat_limit: Option<i32>,
    pub ticket_cost: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
