//! Small building blocks shared by the pages.

mod access;
mod admin_only;
mod application;
mod application_work;
#[cfg(any(feature = "staff", not(feature = "signin")))]
mod aws_accounts;
mod company_facts;
mod confirm_dialog;
mod dialog;
mod error;
mod focus;
mod form;
mod layout;
mod loader;
mod nav;
mod page_meta;
mod pager;
mod rank_badge;
mod recovery_codes;
mod spinner;
mod table_scroll;
mod thread;
mod ticket_history;

pub use access::{AdminPage, NoPermissionPage, NotFoundPage, StaffOnly};
pub use admin_only::AdminOnly;
pub use application::{application_name, ApplicationTerms, StateBadge, Timeline};
pub use application_work::{ChecklistView, ReportChannelFacts, SlotsView};
#[cfg(any(feature = "staff", not(feature = "signin")))]
pub use aws_accounts::AwsAccountsTable;
pub use company_facts::CompanyFacts;
pub use confirm_dialog::ConfirmDialog;
pub use dialog::Dialog;
pub use error::ErrorMessage;
pub use focus::{document, focus_after_render};
pub use form::{Check, Checks, ErrorSummary, Field, FormState, SubmitButton};
pub use layout::Shell;
pub use loader::load_latest;
#[cfg_attr(feature = "staff", allow(unused_imports))]
pub use page_meta::user_has_interacted;
pub use pager::Pager;
pub use rank_badge::RankBadge;
pub use recovery_codes::RecoveryCodes;
pub use spinner::{Loading, Restoring};
pub use table_scroll::TableScroll;
pub use thread::Thread;
pub use ticket_history::{TicketHistory, TICKETS_PER_PAGE};
