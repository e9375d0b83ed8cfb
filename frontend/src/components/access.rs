//! Pages for the paths a user cannot see: an unknown path, and a page of another role. Each has an
//! `<h1>` and a way home, and nothing of the page it stands for (no filters, tables or pagers).

use leptos::prelude::*;
use portal_domain::Role;

use super::{ErrorMessage, Loading};
use crate::api;
use crate::i18n::{t, Msg};
use crate::session::use_session;

/// The page named for a path no route takes.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    // Also where a path of a route stands for something that does not exist (a staff path in the
    // customers' bundle, an unknown company): the title says "not found", not the route's name.
    super::page_meta::override_title(Msg::NotFoundTitle);
    view! {
        <section class="card" data-testid="not-found">
            <h1>{t(Msg::NotFoundTitle)}</h1>
            <p>{t(Msg::NotFound)}</p>
            <p><a class="btn" href="/" data-testid="back-home">{t(Msg::BackHome)}</a></p>
        </section>
    }
}

/// In place of a page the signed-in user's role may not see.
#[component]
pub fn NoPermissionPage() -> impl IntoView {
    super::page_meta::override_title(Msg::NoPermissionTitle);
    view! {
        <section class="card" data-testid="no-permission">
            <h1>{t(Msg::NoPermissionTitle)}</h1>
            <p>{t(Msg::NoPermission)}</p>
            <p><a class="btn" href="/" data-testid="back-home">{t(Msg::BackHome)}</a></p>
        </section>
    }
}

/// Shows `children` only to a user whose role `allowed` accepts; anyone else gets the no-permission
/// page (never the page's own frame). Nothing but a loading line until `/me` has answered.
#[component]
pub fn RoleGate(allowed: fn(Role) -> bool, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let me = LocalResource::new(move || api::me(session));
    move || match me.get() {
        None => view! { <section class="card"><Loading/></section> }.into_any(),
        Some(Ok(me)) if allowed(me.role) => children().into_any(),
        Some(Ok(_)) => view! { <NoPermissionPage/> }.into_any(),
        Some(Err(err)) => {
            view! { <section class="card"><ErrorMessage error=Signal::derive(move || Some(err.clone()))/></section> }
                .into_any()
        }
    }
}

/// Staff pages: customers see the no-permission page.
#[component]
pub fn StaffOnly(children: ChildrenFn) -> impl IntoView {
    view! { <RoleGate allowed=Role::is_staff children=children/> }
}

/// Pages only admins may use as a whole (a CSM sees the no-permission page).
#[component]
pub fn AdminPage(children: ChildrenFn) -> impl IntoView {
    view! { <RoleGate allowed=|r| r == Role::Admin children=children/> }
}
