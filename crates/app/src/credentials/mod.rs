//! Secrets people and clients hold, how they are stored, and the sign-in throttle.

pub mod events;
pub mod passwords;
pub mod sealing;
pub mod secrets;
pub mod throttle;

/// How long a temporary password signs in unless configured otherwise (`PORTAL_TEMP_PASSWORD_HOURS`).
pub const DEFAULT_TEMP_PASSWORD_TTL: std::time::Duration = std::time::Duration::from_secs(72 * 3600);

/// Until when a temporary password issued at `now` with the default lifetime signs in.
pub fn default_temp_password_until(now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    now + chrono::Duration::hours(72)
}
