//! Secrets people and clients hold, how they are stored, and the sign-in throttle.

pub mod passwords;
pub mod secrets;
pub mod throttle;
