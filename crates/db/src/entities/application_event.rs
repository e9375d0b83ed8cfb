use portal_domain::services::ApplicationState;
use sea_orm::entity::prelude::*;

/// One step of an application's timeline: who moved it from where to where, when (R4.6).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub application_id: Uuid,
    /// 1 for `submitted`, then one more per change: the timeline's order, whatever the clock did.
    pub step: i32,
    pub from_state: Option<ApplicationState>,
    pub to_state: ApplicationState,
    pub actor_id: Option<Uuid>,
    pub actor_label: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
