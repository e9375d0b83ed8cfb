//! Secrets people and clients hold, how they are stored, and the sign-in throttle.

pub mod events;
pub mod passwords;
pub mod sealing;
pub mod secrets;
pub mod throttle;

/// Until when a temporary password issued at `now` signs in with the default lifetime (72 hours;
/// `PORTAL_TEMP_PASSWORD_HOURS` changes it for the server and the CLI).
pub fn default_temp_password_until(now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    now + chrono::Duration::hours(72)
}
