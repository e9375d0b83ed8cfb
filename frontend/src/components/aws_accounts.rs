//! The linked AWS accounts of a company (R7.6), or the empty state. With `tools_prefix`, each
//! account links to its AWS tools (`{prefix}/aws-accounts/{id}/tools`: `""` for the customer's
//! pages, `/admin/companies/{id}` for staff).

use leptos::prelude::*;
use portal_domain::company::AwsAccountView;

use super::TableScroll;
use crate::i18n::{t, AwsToolsMsg as A, CompanyMsg as C};

#[component]
pub fn AwsAccountsTable(
    accounts: Vec<AwsAccountView>,
    #[prop(optional, into)] tools_prefix: Option<String>,
) -> impl IntoView {
    if accounts.is_empty() {
        return view! { <p class="empty" data-testid="aws-accounts-empty">{t(C::NoAwsAccounts)}</p> }.into_any();
    }
    let with_tools = tools_prefix.is_some();
    view! {
        <TableScroll label=C::AwsAccounts>
            <table class="data" data-testid="aws-accounts">
                <thead>
                    <tr>
                        <th>{t(C::AwsAccountId)}</th>
                        <th>{t(C::AwsAccountName)}</th>
                        <th>{t(C::ReportChannel)}</th>
                        {with_tools.then(|| view! { <th>{t(A::ToolsColumn)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {accounts
                        .into_iter()
                        .map(|a| {
                            let tools = tools_prefix.as_ref().map(|prefix| {
                                let href = format!("{prefix}/aws-accounts/{}/tools", a.id);
                                view! {
                                    <td>
                                        <a href=href data-testid="aws-account-tools" data-account-id=a.account_id.clone()>
                                            {t(A::OpenTools)}
                                            <span class="sr-only">" ("{a.display_name.clone()}")"</span>
                                        </a>
                                    </td>
                                }
                            });
                            view! {
                                <tr data-testid="aws-account-row">
                                    <td><code>{a.account_id}</code></td>
                                    <td>{a.display_name}</td>
                                    <td>{t(C::for_channel(a.report_channel))}</td>
                                    {tools}
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
