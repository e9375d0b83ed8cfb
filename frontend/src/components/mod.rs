//! Small building blocks shared by the pages.

mod confirm_dialog;
mod error;
mod layout;
mod pager;
mod recovery_codes;
mod spinner;

pub use confirm_dialog::ConfirmDialog;
pub use error::{ErrorMessage, FieldErrors};
pub use layout::Shell;
pub use pager::Pager;
pub use recovery_codes::RecoveryCodes;
pub use spinner::{Loading, SubmitButton};
