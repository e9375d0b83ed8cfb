//! The customer's own company (R7.1, R7.6). Every handler reads through `Customer::scope`.

pub mod applications;
pub mod aws_accounts;
pub mod aws_tools;
pub mod inquiries;
pub mod optimization;
pub mod overview;
pub mod tickets;
pub mod users;
