//! One module per route.

mod admin_users;
mod home;
mod login;
mod mfa_enroll;
mod mfa_verify;
mod not_found;
mod password;

pub use admin_users::AdminUsersPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use mfa_enroll::MfaEnrollPage;
pub use mfa_verify::MfaVerifyPage;
pub use not_found::NotFound;
pub use password::PasswordPage;
