use portal_domain::services::ApplicationState;
use sea_orm::entity::prelude::*;

/// An application for an option service, with the terms it was made under (R4.3, R4.6).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub company_id: Uuid,
    pub service_code: String,
    pub state: ApplicationState,
    pub ticket_cost: i32,
    /// Whether the customer may cancel it while submitted, as the service said on the day.
    pub cancellable: bool,
    /// The ledger bucket the tickets came from; a refund goes back there.
    pub fiscal_year: i32,
    pub aws_account_id: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub preferred_schedule: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
    /// JSON of `portal_domain::services::HearingSheet`.
    #[sea_orm(column_type = "Text", nullable)]
    pub hearing_sheet: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub idempotency_key: Option<String>,
    /// SHA-256 of the request a key was first used with: the same key with another body is refused.
    pub request_hash: Option<String>,
    /// Decided when the application is made (R4.8).
    pub report_channel: portal_domain::services::ReportChannel,
    pub report_channel_reason: portal_domain::services::ReportChannelReason,
    /// The CSM working it, when staff assigned one.
    pub assigned_csm_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
