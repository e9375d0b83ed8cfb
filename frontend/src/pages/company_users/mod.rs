//! `/company/users` (customers, R7.4): the company's users, searchable and paginated, for every
//! customer user. Representatives add a user (a temporary password is mailed), change a name or
//! role, disable, enable and delete — each after a dialog; the server's 409 `last_representative`
//! is shown in that dialog. Disabling or deleting oneself ends one's own session: the page then
//! signs the browser out. Members see the list and who to ask.

mod dialogs;
mod table;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::auth::Me;
use portal_domain::users::{CompanyUserPage, CompanyUserView};
use portal_domain::Role;

use crate::api::{self, ApiError};
use crate::components::{ErrorMessage, Loading, NoPermissionPage, Pager};
use crate::i18n::{t, use_i18n, CompanyMsg as C, Msg, UserMsg as U};
use crate::session::use_session;
use dialogs::{ActionFlow, AddUserDialog, EditUserDialog};
use table::CompanyUserTable;

const PER_PAGE: u32 = 20;
/// The id of the add button, where the focus goes back when the row that opened a dialog is gone.
const ADD_BUTTON_ID: &str = "add-company-user";

/// What a representative asked for, waiting in its dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum Asking {
    Add,
    Edit(CompanyUserView),
    Disable(CompanyUserView),
    Enable(CompanyUserView),
    Delete(CompanyUserView),
}

#[component]
pub fn CompanyUsersPage() -> impl IntoView {
    let session = use_session();
    let me = LocalResource::new(move || api::me(session));
    move || match me.get() {
        None => view! { <section class="card"><Loading/></section> }.into_any(),
        Some(Ok(me)) if me.role.is_staff() => view! { <NoPermissionPage/> }.into_any(),
        Some(Ok(me)) => view! { <UsersPage me=me/> }.into_any(),
        Some(Err(err)) => {
            view! { <section class="card"><ErrorMessage error=Signal::derive(move || Some(err.clone()))/></section> }
                .into_any()
        }
    }
}

#[component]
fn UsersPage(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // The caller's role can change here (a representative who makes themself a member).
    let my_role = RwSignal::new(me.role);
    let my_id = me.id;
    let is_rep = Signal::derive(move || my_role.get() == Role::Representative);
    let page = RwSignal::new(1u32);
    let search = RwSignal::new(String::new());
    let applied = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let data = RwSignal::new(None::<CompanyUserPage>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let asking = RwSignal::new(None::<Asking>);
    let notice = RwSignal::new(None::<String>);
    // Only the newest request may write its answer: a slow old page must not replace a newer one.
    let latest = StoredValue::new(0u32);

    Effect::new(move |_| {
        let (p, q) = (page.get(), applied.get());
        reload.track();
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        loading.set(true);
        spawn_local(async move {
            let result = api::company_users(session, p, PER_PAGE, &q).await;
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
    // After a change: say what happened, reload the list; a change to oneself may end the session
    // (disabled or deleted: the server has already ended it) or take away the representative's role.
    let on_done = Callback::new(move |(text, changed): (String, Option<CompanyUserView>)| {
        asking.set(None);
        notice.set(Some(text));
        if let Some(u) = changed.filter(|u| u.id == my_id) {
            my_role.set(u.role);
        }
        reload.update(|n| *n += 1);
    });
    let on_self_ended = Callback::new(move |()| session.expire());
    let total = Signal::derive(move || data.with(|d| d.as_ref().map_or(0, |d| d.total)));
    let items = Signal::derive(move || data.with(|d| d.as_ref().map(|d| d.items.clone())));
    let on_ask = Callback::new(move |a: Asking| {
        notice.set(None);
        asking.set(Some(a));
    });

    view! {
        <section class="card card-wide" data-testid="company-users">
            <p class="breadcrumb"><a href="/company">{t(C::NavCompany)}</a></p>
            <div class="title-row">
                <h1>{t(U::UsersTitle)}</h1>
                <Show when=move || is_rep.get()>
                    <div class="title-actions">
                        <button
                            type="button"
                            id=ADD_BUTTON_ID
                            class="btn btn-primary"
                            data-testid="add-user"
                            on:click=move |_| on_ask.run(Asking::Add)
                        >
                            {t(U::AddUser)}
                        </button>
                    </div>
                </Show>
            </div>
            <p class="muted">{t(U::UsersIntro)}</p>
            <Show when=move || !is_rep.get()>
                <p class="alert alert-info" data-testid="only-representatives-users">{t(U::UsersIntroMember)}</p>
            </Show>
            {move || notice.get().map(|n| view! { <p class="alert alert-success" role="status" data-testid="users-notice">{n}</p> })}
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
                    let empty = if applied.with(|q| q.trim().is_empty()) { U::NoCompanyUsers } else { U::NoMatch };
                    view! { <p class="empty" data-testid="users-empty">{t(empty)}</p> }.into_any()
                } else {
                    view! { <CompanyUserTable items=items my_id=my_id actions=is_rep on_ask=on_ask/> }.into_any()
                }
            })}
            <Pager page=page total=total per_page=PER_PAGE busy=loading info=U::UsersPagerInfo.into()/>
        </section>
        {move || asking.get().map(|a| match a {
            Asking::Add => view! {
                <AddUserDialog on_cancel=move || asking.set(None) on_done=on_done/>
            }.into_any(),
            Asking::Edit(user) => view! {
                <EditUserDialog user=user me=my_id on_cancel=move || asking.set(None) on_done=on_done/>
            }.into_any(),
            other => view! {
                <ActionFlow
                    asking=other
                    me=my_id
                    on_cancel=move || asking.set(None)
                    on_done=on_done
                    on_self_ended=on_self_ended
                />
            }.into_any(),
        })}
    }
}

/// The id of a row's button for `what` (`edit`, `disable`, …), where the focus returns after its dialog.
pub fn row_button_id(what: &str, user: &CompanyUserView) -> String {
    format!("user-{what}-{}", user.id)
}
