//! One module per route. The staff screens are compiled only into the staff bundle (feature
//! `staff`); the customers' bundle routes those paths to [`staff_stub`].

#[cfg(feature = "staff")]
mod admin_applications;
#[cfg(feature = "staff")]
mod admin_audit;
#[cfg(feature = "staff")]
mod admin_companies;
#[cfg(feature = "staff")]
mod admin_services;
#[cfg(feature = "staff")]
mod admin_thresholds;
#[cfg(feature = "staff")]
mod admin_trainings;
#[cfg(feature = "staff")]
mod admin_transactions;
#[cfg(feature = "staff")]
mod admin_users;
mod company;
mod home;
mod login;
mod mfa_enroll;
mod mfa_verify;
mod not_found;
mod password;
mod services;
#[cfg(not(feature = "staff"))]
mod staff_stub;
mod trainings;

#[cfg(feature = "staff")]
pub use admin_applications::{AdminApplicationPage, AdminApplicationsPage};
#[cfg(feature = "staff")]
pub use admin_audit::AdminAuditPage;
#[cfg(feature = "staff")]
pub use admin_companies::{AdminCompaniesPage, CompanyDetailPage, OnboardPage};
#[cfg(feature = "staff")]
pub use admin_services::AdminServicesPage;
#[cfg(feature = "staff")]
pub use admin_thresholds::AdminThresholdsPage;
#[cfg(feature = "staff")]
pub use admin_trainings::AdminTrainingsPage;
#[cfg(feature = "staff")]
pub use admin_transactions::AdminTransactionsPage;
#[cfg(feature = "staff")]
pub use admin_users::AdminUsersPage;
pub use company::{CompanyPage, CompanyTicketsPage};
pub use home::HomePage;
pub use login::LoginPage;
pub use mfa_enroll::MfaEnrollPage;
pub use mfa_verify::MfaVerifyPage;
pub use not_found::NotFound;
pub use password::PasswordPage;
pub use services::{ApplicationPage, ApplicationsPage, ApplyPage, ServicesPage};
#[cfg(not(feature = "staff"))]
pub use staff_stub::{StaffApp as AdminServicesPage, StaffApp as AdminTrainingsPage};
#[cfg(not(feature = "staff"))]
pub use staff_stub::{
    StaffApp as AdminAuditPage, StaffApp as AdminCompaniesPage, StaffApp as CompanyDetailPage, StaffApp as OnboardPage,
    StaffApp as AdminApplicationPage, StaffApp as AdminApplicationsPage, StaffApp as AdminThresholdsPage,
    StaffApp as AdminTransactionsPage, StaffApp as AdminUsersPage,
};
pub use trainings::TrainingsPage;
