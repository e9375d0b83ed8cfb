use portal_app::mail::Notices;
use portal_app::SharedClock;
use sea_orm::DatabaseConnection;

use crate::auth::tokens::JwtKeys;
use crate::settings::ApiSettings;

/// Shared by every worker; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub jwt: JwtKeys,
    pub sealer: portal_app::credentials::sealing::Sealer,
    pub settings: ApiSettings,
    pub notices: Notices,
    pub clock: SharedClock,
    pub metrics: std::sync::Arc<crate::counters::Metrics>,
    /// Reports for accounts under a maintenance contract (R4.8); `None` when not configured.
    pub backlog: Option<std::sync::Arc<dyn portal_app::backlog::Backlog>>,
    pub attachments: portal_app::attachments::AttachmentStore,
    /// Every AWS call of the tools; `NoAwsAccess` when the operator configured none.
    pub aws: portal_app::aws_tools::SharedAws,
}

impl AppState {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
