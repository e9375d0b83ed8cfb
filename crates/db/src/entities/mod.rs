pub mod auth_throttle;
pub mod company;
pub mod recovery_code;
pub mod refresh_token;
pub mod session;
pub mod user;
