//! Domain rules and wire types of cloudpack+ PORTAL.
//!
//! Nothing here performs I/O: the API crate parses, authorizes and persists; this crate decides.
//! The frontend depends on this crate (without the `server` feature) so both ends share one contract.

pub mod admin;
pub mod api_tokens;
pub mod audit;
pub mod auth;
pub mod aws;
pub mod aws_roles;
pub mod aws_tools;
pub mod business_days;
pub mod client_address;
pub mod codes;
pub mod company;
pub mod eligibility;
pub mod email;
pub mod fiscal;
pub mod inputs;
pub mod inquiries;
pub mod ledger;
pub mod optimization;
pub mod paging;
pub mod password;
pub mod problem;
pub mod rank;
pub mod role;
pub mod services;
pub mod throttle;
#[cfg(feature = "server")]
pub mod totp;
pub mod trainings;
pub mod transactions;
pub mod user_agent;
pub mod users;

pub use codes::ErrorCode;
pub use rank::Rank;
pub use role::Role;
