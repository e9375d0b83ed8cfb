//! One test binary (linking is the slow part here); one module per area.

mod helpers;

mod admin_users;
mod errors;
mod mfa;
mod openapi;
mod password_change;
mod sessions;
mod throttle;
