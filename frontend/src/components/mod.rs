//! Small building blocks shared by the pages.

mod admin_only;
mod aws_accounts;
mod company_facts;
mod confirm_dialog;
mod error;
mod layout;
mod loader;
mod nav;
mod pager;
mod rank_badge;
mod recovery_codes;
mod spinner;
mod ticket_history;

pub use admin_only::AdminOnly;
pub use aws_accounts::AwsAccountsTable;
pub use company_facts::CompanyFacts;
pub use confirm_dialog::ConfirmDialog;
pub use error::{ErrorMessage, FieldErrors};
pub use layout::Shell;
pub use loader::load_latest;
pub use pager::Pager;
pub use rank_badge::RankBadge;
pub use recovery_codes::RecoveryCodes;
pub use spinner::{Loading, Restoring, SubmitButton};
pub use ticket_history::{TicketHistory, TICKETS_PER_PAGE};
