//! One test binary (linking is the slow part here); one module per area.

mod helpers;

mod admin_users;
mod api_tokens;
mod applications;
mod attachments;
mod aws_tools;
mod company_users;
mod errors;
mod imports;
mod inquiries;
mod ledger;
mod mfa;
mod onboarding;
mod openapi;
mod optimization;
mod paging;
mod password_change;
mod ranks;
mod roles;
mod rollover;
mod sessions;
mod sign_in_hardening;
mod smtp;
mod static_assets;
mod tenancy;
mod tenancy_walk;
mod throttle;
mod trainings;
mod year_edges;
