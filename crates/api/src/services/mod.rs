//! Operations shared by handlers, the CLI and the scheduler. Each takes the connection (or
//! transaction) it runs in; the caller owns the transaction boundary.

pub mod company_view;
pub mod onboarding;
pub mod rank_override;
pub mod rollover;
