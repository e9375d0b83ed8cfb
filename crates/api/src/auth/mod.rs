//! Credentials and tokens: password hashing, JWT access tokens, refresh tokens, sign-in throttle.

pub mod passwords;
pub mod secrets;
pub mod session_flow;
pub mod throttle;
pub mod tokens;
