use sea_orm::DatabaseConnection;

use crate::auth::tokens::JwtKeys;
use crate::mail::Mailer;
use crate::settings::ApiSettings;

/// Shared by every worker; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub jwt: JwtKeys,
    pub settings: ApiSettings,
    pub mailer: Mailer,
}
