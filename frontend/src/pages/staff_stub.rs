//! The customers' bundle has no staff screens (issue 8: customers never download them). A staff
//! member who reaches a staff path inside it (after signing in on `/login`, or by a staff link)
//! gets the page again from the server, which answers `/admin/…` with the staff bundle; the refresh
//! cookie carries the session across. A customer gets the not-found page here, without the reload.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api;
use crate::components::Loading;
use crate::pages::NotFound;
use crate::session::use_session;

#[component]
pub fn StaffApp() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let me = LocalResource::new(move || async move { api::me(session).await.ok() });
    move || match me.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Some(me)) if me.role.is_staff() => {
            let target = crate::reload::address(&location.pathname.get_untracked(), &location.search.get_untracked());
            // Only our own staff area; and once only (a build without the staff bundle).
            if !target.starts_with("/admin") || crate::reload::arrived_for(&target) {
                return view! { <NotFound/> }.into_any();
            }
            crate::reload::reload_to(&target, crate::components::user_has_interacted());
            view! { <Loading/> }.into_any()
        }
        Some(_) => view! { <NotFound/> }.into_any(),
    }
}
