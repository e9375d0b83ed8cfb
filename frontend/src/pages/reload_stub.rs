//! A page that another bundle carries: see [`crate::reload`]. Shows a loading indicator while the
//! browser fetches the page from the server again, or "not found" when that already happened and
//! the page still is not here.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::{user_has_interacted, Loading};
use crate::pages::NotFound;
use crate::reload::{address, arrived_for, reload_to};
use crate::session::use_session;

#[component]
pub fn ReloadStub() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let path = location.pathname.get_untracked();
    let mut target = address(&path, &location.search.get_untracked());
    // The sign-in page says why the visitor is back there; that note is this bundle's memory.
    if path == "/login" && session.ended() {
        target.push(if target.contains('?') { '&' } else { '?' });
        target.push_str("ended=1");
    }
    if arrived_for(&target) {
        return view! { <NotFound/> }.into_any();
    }
    reload_to(&target, user_has_interacted());
    view! { <Loading/> }.into_any()
}
