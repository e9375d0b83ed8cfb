//! `/admin/users` (staff): a searchable, paginated list of users with a credential reset per
//! customer user.

mod reset;
mod table;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::admin::{AdminUser, AdminUserPage};

use crate::api::{self, ApiError};
use crate::components::{ErrorMessage, Loading, Pager, StaffOnly};
use crate::i18n::{t, use_i18n, Msg};
use crate::session::use_session;
use reset::ResetFlow;
use table::UserTable;

const PER_PAGE: u32 = 20;

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    view! { <StaffOnly><UsersPage/></StaffOnly> }
}

#[component]
fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let page = RwSignal::new(1u32);
    let search = RwSignal::new(String::new());
    let applied = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let data = RwSignal::new(None::<AdminUserPage>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let target = RwSignal::new(None::<AdminUser>);
    // Only the newest request may write its answer: a slow old page must not replace a newer one.
    let latest = StoredValue::new(0u32);

    Effect::new(move |_| {
        let (p, q) = (page.get(), applied.get());
        reload.track();
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        loading.set(true);
        spawn_local(async move {
            let result = api::admin_users(session, p, PER_PAGE, &q).await;
            if latest.try_get_value() != Some(mine) {
                return;
            }
            loading.set(false);
            match result {
                Ok(d) => {
                    data.set(Some(d));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        page.set(1);
        applied.set(search.get_untracked());
    };
    let total = Signal::derive(move || data.with(|d| d.as_ref().map_or(0, |d| d.total)));
    let items = Signal::derive(move || data.with(|d| d.as_ref().map(|d| d.items.clone())));

    view! {
        <section class="card card-wide">
            <p class="breadcrumb"><a href="/">{t(Msg::Home)}</a></p>
            <h1>{t(Msg::AdminUsersTitle)}</h1>
            <form class="search" role="search" on:submit=on_search>
                <input
                    type="search"
                    name="q"
                    data-testid="user-search"
                    placeholder=move || i18n.t(Msg::SearchPlaceholder)
                    aria-label=move || i18n.t(Msg::SearchPlaceholder)
                    bind:value=search
                />
                <button type="submit" class="btn" data-testid="user-search-submit">{t(Msg::Search)}</button>
            </form>
            <ErrorMessage error=error/>
            <Show when=move || loading.get()>
                <Loading/>
            </Show>
            {move || items.get().map(|items| {
                if items.is_empty() {
                    view! { <p class="empty" data-testid="users-empty">{t(Msg::NoUsers)}</p> }.into_any()
                } else {
                    view! { <UserTable items=items on_reset=move |u| target.set(Some(u))/> }.into_any()
                }
            })}
            <Pager page=page total=total per_page=PER_PAGE busy=loading/>
        </section>
        <ResetFlow target=target on_done=move || reload.update(|n| *n += 1)/>
    }
}
