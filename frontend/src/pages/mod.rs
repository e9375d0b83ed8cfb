//! One module per route.

mod admin_audit;
mod admin_companies;
mod admin_thresholds;
mod admin_transactions;
mod admin_users;
mod company;
mod home;
mod login;
mod mfa_enroll;
mod mfa_verify;
mod not_found;
mod password;

pub use admin_audit::AdminAuditPage;
pub use admin_companies::{AdminCompaniesPage, CompanyDetailPage, OnboardPage};
pub use admin_thresholds::AdminThresholdsPage;
pub use admin_transactions::AdminTransactionsPage;
pub use admin_users::AdminUsersPage;
pub use company::{CompanyPage, CompanyTicketsPage};
pub use home::HomePage;
pub use login::LoginPage;
pub use mfa_enroll::MfaEnrollPage;
pub use mfa_verify::MfaVerifyPage;
pub use not_found::NotFound;
pub use password::PasswordPage;
