//! The table of the company's users; the action buttons only for representatives.

use leptos::prelude::*;
use portal_domain::users::{CompanyUserView, UserStatus};
use uuid::Uuid;

use super::{row_button_id, Asking};
use crate::components::TableScroll;
use crate::format::jst_date;
use crate::i18n::{t, Msg, UserMsg as U};

#[component]
pub fn CompanyUserTable(
    items: Vec<CompanyUserView>,
    my_id: Uuid,
    #[prop(into)] actions: Signal<bool>,
    on_ask: Callback<Asking>,
) -> impl IntoView {
    view! {
        <TableScroll label=U::UsersTitle>
            <table class="data" data-testid="company-users-table">
                <thead>
                    <tr>
                        <th>{t(U::ColName)}</th>
                        <th>{t(Msg::Email)}</th>
                        <th>{t(Msg::Role)}</th>
                        <th>{t(Msg::ColStatus)}</th>
                        <th>{t(U::ColCreated)}</th>
                        <Show when=move || actions.get()>
                            <th>{t(Msg::ColActions)}</th>
                        </Show>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|u| {
                            let me = u.id == my_id;
                            view! { <UserRow user=u me=me actions=actions on_ask=on_ask/> }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

/// The user's state in one word: disabled, still on the temporary password, without MFA, or active.
fn status(user: &CompanyUserView) -> (Msg, &'static str) {
    match user.status {
        UserStatus::Disabled => (U::StatusDisabled.into(), "disabled"),
        UserStatus::Active if user.must_change_password => (U::StatusPending.into(), "pending"),
        UserStatus::Active if !user.mfa_enabled => (U::StatusNoMfa.into(), "no_mfa"),
        UserStatus::Active => (Msg::Active, "active"),
    }
}

#[component]
fn UserRow(user: CompanyUserView, me: bool, actions: Signal<bool>, on_ask: Callback<Asking>) -> impl IntoView {
    let (state, state_key) = status(&user);
    let disabled = user.status == UserStatus::Disabled;
    let badge = if disabled { "badge badge-warn" } else { "badge" };
    let (edit_id, toggle_id, delete_id) =
        (row_button_id("edit", &user), row_button_id("toggle", &user), row_button_id("delete", &user));
    let (u1, u2, u3) = (user.clone(), user.clone(), user.clone());
    view! {
        <tr data-testid="company-user-row" data-email=user.email.clone() data-state=state_key>
            <td>
                {user.display_name.clone()}
                {me.then(|| view! { " " <span class="badge" data-testid="user-is-you">{t(U::You)}</span> })}
            </td>
            <td>{user.email.clone()}</td>
            <td data-testid="user-role">{t(Msg::for_role(user.role))}</td>
            <td><span class=badge data-testid="user-state">{t(state)}</span></td>
            <td class="nowrap">{jst_date(user.created_at)}</td>
            <Show when=move || actions.get()>
                <td>
                    <div class="menu">
                        <button
                            type="button"
                            id=edit_id.clone()
                            class="btn btn-small"
                            data-testid="user-edit"
                            on:click={
                                let u = u1.clone();
                                move |_| on_ask.run(Asking::Edit(u.clone()))
                            }
                        >
                            {t(U::Edit)}
                        </button>
                        <button
                            type="button"
                            id=toggle_id.clone()
                            class="btn btn-small"
                            data-testid=if disabled { "user-enable" } else { "user-disable" }
                            on:click={
                                let u = u2.clone();
                                move |_| {
                                    on_ask.run(if disabled { Asking::Enable(u.clone()) } else { Asking::Disable(u.clone()) })
                                }
                            }
                        >
                            {t(if disabled { U::Enable } else { U::Disable })}
                        </button>
                        <button
                            type="button"
                            id=delete_id.clone()
                            class="btn btn-small btn-danger-outline"
                            data-testid="user-delete"
                            on:click={
                                let u = u3.clone();
                                move |_| on_ask.run(Asking::Delete(u.clone()))
                            }
                        >
                            {t(U::Delete)}
                        </button>
                    </div>
                </td>
            </Show>
        </tr>
    }
}
