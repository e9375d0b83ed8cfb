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

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;

/// Runs `fut` once and holds its answer (`None` while it runs). Lighter than a resource: these
/// pages load once per visit, and every resource type costs the customers' bundle its own code.
fn load_once<T: Send + Sync + 'static>(
    fut: impl Future<Output = Result<T, ApiError>> + 'static,
) -> RwSignal<Option<Result<T, ApiError>>> {
    let data = RwSignal::new(None);
    leptos::task::spawn_local(async move { data.set(Some(fut.await)) });
    data
}
