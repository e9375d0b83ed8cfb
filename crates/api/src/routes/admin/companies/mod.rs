//! Staff operations on customer companies (R1, R2.4, R3.2, R7.2).

pub mod aws_accounts;
pub mod detail;
pub mod list;
pub mod onboard;
pub mod rank_override;
pub mod tickets;
