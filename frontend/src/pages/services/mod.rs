//! The customers' option services (R4): `/services` (the catalogue and the balance),
//! `/services/:code/apply` (representatives), `/applications` and `/applications/:id`.

mod apply;
mod catalogue;
mod detail;
mod list;

pub use apply::ApplyPage;
pub use catalogue::ServicesPage;
pub use detail::ApplicationPage;
#[cfg(feature = "staff")]
pub use list::ApplicationTable;
pub use list::ApplicationsPage;
