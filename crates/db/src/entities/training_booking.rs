use sea_orm::entity::prelude::*;

/// A company's booking of a training: free (R5.1) or through an aws-training application (R5.2).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_bookings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub menu_id: Uuid,
    pub company_id: Uuid,
    pub fiscal_year: i32,
    pub free_booking: bool,
    pub application_id: Option<Uuid>,
    pub booked_by: Uuid,
    pub created_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
