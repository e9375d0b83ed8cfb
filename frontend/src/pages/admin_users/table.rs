//! The user table of the staff list.

use leptos::prelude::*;

use super::reset::reset_button_id;
use crate::components::TableScroll;
use crate::i18n::{t, Msg};
use portal_domain::admin::AdminUser;

#[component]
pub fn UserTable(items: Vec<AdminUser>, on_reset: impl Fn(AdminUser) + Copy + Send + Sync + 'static) -> impl IntoView {
    view! {
        <TableScroll label=Msg::AdminUsersTitle>
            <table class="users" data-testid="users-table">
                <thead>
                    <tr>
                        <th>{t(Msg::DisplayName)}</th>
                        <th>{t(Msg::Email)}</th>
                        <th>{t(Msg::Role)}</th>
                        <th>{t(Msg::Company)}</th>
                        <th>{t(Msg::MfaStatus)}</th>
                        <th>{t(Msg::ColStatus)}</th>
                        <th>{t(Msg::ColActions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|u| view! { <UserRow user=u on_reset=on_reset/> }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn UserRow(user: AdminUser, on_reset: impl Fn(AdminUser) + Copy + Send + Sync + 'static) -> impl IntoView {
    let staff = user.role.is_staff();
    let status = if user.must_change_password { Msg::MustChangePassword } else { Msg::Active };
    let company = user.company_name.clone();
    let row_user = user.clone();
    let button_id = reset_button_id(&user);
    view! {
        <tr data-testid="user-row">
            <td>{user.display_name.clone()}</td>
            <td>{user.email.clone()}</td>
            <td>{t(Msg::for_role(user.role))}</td>
            <td>{match company {
                Some(name) => name.into_any(),
                None => view! { <span class="badge">{t(Msg::Staff)}</span> }.into_any(),
            }}</td>
            <td>{t(if user.mfa_enabled { Msg::MfaEnabled } else { Msg::MfaDisabled })}</td>
            <td>{t(status)}</td>
            <td>
                // Staff credentials are not reset from here: only customer users.
                {(!staff).then(|| view! {
                    <button
                        type="button"
                        id=button_id
                        class="btn btn-small btn-danger-outline"
                        data-testid="reset-credentials"
                        on:click=move |_| on_reset(row_user.clone())
                    >
                        {t(Msg::ResetCredentials)}
                    </button>
                })}
            </td>
        </tr>
    }
}
