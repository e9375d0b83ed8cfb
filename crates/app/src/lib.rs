//! The application layer of cloudpack+ PORTAL: one function per use case. Each takes the
//! connection it runs on, the time from the [`clock::Clock`], the actor and inputs already parsed
//! into domain types (`portal_domain::inputs`), opens its own transaction and returns
//! [`error::AppError`]. The HTTP crate, the CLI and the scheduler all call these; none of them
//! talks to the database for a state change itself.

pub mod api_tokens;
pub mod application_threads;
pub mod applications;
pub mod attachments;
pub mod aws_accounts;
pub mod aws_cost;
pub mod aws_refresh;
pub mod aws_roles;
pub mod aws_tools;
pub mod backlog;
pub mod clock;
pub mod company_users;
pub mod credentials;
pub mod error;
pub mod exports;
pub mod housekeeping;
pub mod imports;
pub mod inquiries;
pub mod inquiry_inbox;
pub mod inquiry_notices;
pub mod inquiry_threads;
pub mod mail;
pub mod onboarding;
pub mod optimization;
pub mod optimization_proposals;
pub mod proposal_evidence;
pub mod rank_override;
pub mod rollover;
pub mod scheduler;
pub mod staff;
pub mod thread_notices;
pub mod thresholds;
pub mod tickets;
pub mod tool_settings;
pub mod trainings;
pub mod trusted_advisor;
pub mod views;

pub use clock::{Clock, ManualClock, SharedClock, SystemClock};
pub use error::AppError;
pub use portal_db::queries::audit::Actor;
