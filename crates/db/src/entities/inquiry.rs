use portal_domain::inquiries::{InquiryCategory, InquiryState};
use sea_orm::entity::prelude::*;

/// An inquiry about cloudpack+ from a company's user (R7.7).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub company_id: Uuid,
    pub category: InquiryCategory,
    pub subject: String,
    pub state: InquiryState,
    pub opened_by: Uuid,
    pub opened_by_label: String,
    /// The CSM (or admin) staff assigned it to.
    pub assignee_id: Option<Uuid>,
    /// While open: since when it waits for us.
    pub waiting_since: Option<DateTimeUtc>,
    pub last_message_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
