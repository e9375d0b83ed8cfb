//! One module per route. The staff screens are compiled only into the staff bundle (feature
//! `staff`); the customers' bundle routes those paths to [`staff_stub`]. The sign-in pages are in
//! the sign-in bundle (feature `signin`) and the staff bundle; the customers' bundle routes them,
//! and the sign-in bundle every page but them, to [`reload_stub`] (see [`crate::reload`]).

#[cfg(feature = "staff")]
mod admin_applications;
#[cfg(feature = "staff")]
mod admin_audit;
#[cfg(feature = "staff")]
mod admin_aws_tools;
#[cfg(feature = "staff")]
mod admin_companies;
#[cfg(feature = "staff")]
mod admin_inquiries;
#[cfg(feature = "staff")]
mod admin_optimization;
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
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod api_tokens;
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod aws_tools;
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod company;
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod company_users;
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod home;
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod inquiries;
#[cfg(any(feature = "staff", feature = "signin"))]
mod login;
#[cfg(any(feature = "staff", feature = "signin"))]
mod mfa_enroll;
#[cfg(any(feature = "staff", feature = "signin"))]
mod mfa_verify;
mod not_found;
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod optimization;
#[cfg(any(feature = "staff", feature = "signin"))]
mod password;
#[cfg(not(feature = "staff"))]
mod reload_stub;
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod services;
#[cfg(not(feature = "staff"))]
mod staff_stub;
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod trainings;

#[cfg(feature = "staff")]
pub use admin_applications::{AdminApplicationPage, AdminApplicationsPage};
#[cfg(feature = "staff")]
pub use admin_audit::AdminAuditPage;
#[cfg(feature = "staff")]
pub use admin_aws_tools::{AdminAwsToolsPage, AdminToolSettingsPage};
#[cfg(feature = "staff")]
pub use admin_companies::{AdminCompaniesPage, CompanyDetailPage, OnboardPage};
#[cfg(feature = "staff")]
pub use admin_inquiries::{AdminInquiriesPage, AdminInquiryPage};
#[cfg(feature = "staff")]
pub use admin_optimization::AdminOptimizationPage;
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
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use api_tokens::ApiTokensPage;
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use aws_tools::{AwsAccountsPage, AwsToolsPage};
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use company::{CompanyPage, CompanyTicketsPage};
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use company_users::CompanyUsersPage;
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use home::HomePage;
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use inquiries::{InquiriesPage, InquiryPage, NewInquiryPage};
#[cfg(any(feature = "staff", feature = "signin"))]
pub use login::LoginPage;
#[cfg(any(feature = "staff", feature = "signin"))]
pub use mfa_enroll::MfaEnrollPage;
#[cfg(any(feature = "staff", feature = "signin"))]
pub use mfa_verify::MfaVerifyPage;
pub use not_found::NotFound;
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use optimization::OptimizationPage;
#[cfg(any(feature = "staff", feature = "signin"))]
pub use password::PasswordPage;
#[cfg(all(feature = "signin", not(feature = "staff")))]
pub use reload_stub::ReloadStub as OptimizationPage;
#[cfg(all(feature = "signin", not(feature = "staff")))]
pub use reload_stub::{ReloadStub as AwsAccountsPage, ReloadStub as AwsToolsPage};
#[cfg(all(feature = "signin", not(feature = "staff")))]
pub use reload_stub::{ReloadStub as ApiTokensPage, ReloadStub as CompanyUsersPage};
#[cfg(all(feature = "signin", not(feature = "staff")))]
pub use reload_stub::{ReloadStub as InquiriesPage, ReloadStub as InquiryPage, ReloadStub as NewInquiryPage};
#[cfg(not(any(feature = "staff", feature = "signin")))]
pub use reload_stub::{
    ReloadStub as LoginPage, ReloadStub as MfaEnrollPage, ReloadStub as MfaVerifyPage, ReloadStub as PasswordPage,
};
#[cfg(all(feature = "signin", not(feature = "staff")))]
pub use reload_stub::{
    ReloadStub as ApplicationPage, ReloadStub as ApplicationsPage, ReloadStub as ApplyPage, ReloadStub as CompanyPage,
    ReloadStub as CompanyTicketsPage, ReloadStub as HomePage, ReloadStub as ServicesPage, ReloadStub as TrainingsPage,
};
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use services::{ApplicationPage, ApplicationsPage, ApplyPage, ServicesPage};
#[cfg(not(feature = "staff"))]
pub use staff_stub::StaffApp as AdminOptimizationPage;
#[cfg(not(feature = "staff"))]
pub use staff_stub::{StaffApp as AdminAwsToolsPage, StaffApp as AdminToolSettingsPage};
#[cfg(not(feature = "staff"))]
pub use staff_stub::{StaffApp as AdminInquiriesPage, StaffApp as AdminInquiryPage};
#[cfg(not(feature = "staff"))]
pub use staff_stub::{StaffApp as AdminServicesPage, StaffApp as AdminTrainingsPage};
#[cfg(not(feature = "staff"))]
pub use staff_stub::{
    StaffApp as AdminAuditPage, StaffApp as AdminCompaniesPage, StaffApp as CompanyDetailPage, StaffApp as OnboardPage,
    StaffApp as AdminApplicationPage, StaffApp as AdminApplicationsPage, StaffApp as AdminThresholdsPage,
    StaffApp as AdminTransactionsPage, StaffApp as AdminUsersPage,
};
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use trainings::TrainingsPage;
