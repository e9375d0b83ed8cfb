use sea_orm::entity::prelude::*;

/// A company's rank for one fiscal year, and how it was decided.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "company_years")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub company_id: Uuid,
    pub fiscal_year: i32,
    pub rank: portal_domain::Rank,
    pub rank_order: i32,
    pub source: portal_domain::company::RankSource,
    pub volume_yen: Option<i64>,
    pub threshold_version: Option<i32>,
    pub reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub free_trainings_used: i32,
    pub rolled_over_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::company::Entity", from = "Column::CompanyId", to = "super::company::Column::Id")]
    Company,
}

impl Related<super::company::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Company.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
