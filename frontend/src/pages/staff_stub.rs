//! The customers' bundle has no staff screens (issue 8: customers never download them). A staff
//! path reached inside it (a staff member signs in on `/login`, or follows a staff link) is loaded
//! again from the server, which answers `/admin/…` with the staff bundle; the refresh cookie carries
//! the session across.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::Loading;

#[component]
pub fn StaffApp() -> impl IntoView {
    let location = use_location();
    let target = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
    // Only paths of our own staff area: never a URL that leaves the portal.
    if target.starts_with("/admin") {
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(&target);
        }
    }
    view! { <Loading/> }
}
