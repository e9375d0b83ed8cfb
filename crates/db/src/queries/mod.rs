//! Hand-written queries. Each takes `&impl ConnectionTrait` (a pool or an open transaction).

pub mod companies;
pub mod recovery_codes;
pub mod sessions;
pub mod throttle;
pub mod users;

pub type DateTimeUtc = chrono::DateTime<chrono::Utc>;
