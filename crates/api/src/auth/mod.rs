//! Credentials and tokens: JWT access tokens and the answers of each sign-in step. Passwords,
//! secrets and the throttle live in the application layer (`portal_app::credentials`).

pub use portal_app::credentials::{events, passwords, sealing, secrets, throttle};

pub mod session_flow;
pub mod tokens;
