//! The linked AWS accounts of a company (R7.6), or the empty state.

use leptos::prelude::*;
use portal_domain::company::AwsAccountView;

use super::TableScroll;
use crate::i18n::{t, CompanyMsg as C};

#[component]
pub fn AwsAccountsTable(accounts: Vec<AwsAccountView>) -> impl IntoView {
    if accounts.is_empty() {
        return view! { <p class="empty" data-testid="aws-accounts-empty">{t(C::NoAwsAccounts)}</p> }.into_any();
    }
    view! {
        <TableScroll label=C::AwsAccounts>
            <table class="data" data-testid="aws-accounts">
                <thead>
                    <tr>
                        <th>{t(C::AwsAccountId)}</th>
                        <th>{t(C::AwsAccountName)}</th>
                        <th>{t(C::ReportChannel)}</th>
                    </tr>
                </thead>
                <tbody>
                    {accounts
                        .into_iter()
                        .map(|a| {
                            view! {
                                <tr data-testid="aws-account-row">
                                    <td><code>{a.account_id}</code></td>
                                    <td>{a.display_name}</td>
                                    <td>{t(C::for_channel(a.report_channel))}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}
