//! `/company` (customers, R7.6): the company, this fiscal year's rank and benefits, tickets and
//! their expiry, free trainings left, linked AWS accounts.

mod tickets;

use leptos::prelude::*;

use crate::api;
use crate::components::{AwsAccountsTable, CompanyFacts, ErrorMessage, Loading};
use crate::i18n::{t, CompanyMsg as C, Msg, UserMsg as U};
use crate::session::use_session;

pub use tickets::CompanyTicketsPage;

#[component]
pub fn CompanyPage() -> impl IntoView {
    let session = use_session();
    let overview = LocalResource::new(move || api::company(session));
    view! {
        {move || match overview.get() {
            None => view! { <section class="card"><Loading/></section> }.into_any(),
            Some(Err(err)) => {
                view! { <section class="card"><ErrorMessage error=Signal::derive(move || Some(err.clone()))/></section> }
                    .into_any()
            }
            Some(Ok(o)) => {
                let accounts = o.aws_accounts.clone();
                view! {
                    <section class="card" data-testid="company-overview">
                        <p class="breadcrumb"><a href="/">{t(Msg::Home)}</a></p>
                        <CompanyFacts overview=o/>
                        <p>
                            <a class="btn" href="/company/tickets" data-testid="company-tickets-link">
                                {t(C::ViewTicketHistory)}
                            </a>
                            " "
                            <a class="btn" href="/company/users" data-testid="company-users-link">
                                {t(U::ViewUsers)}
                            </a>
                        </p>
                    </section>
                    <section class="card">
                        <h2>{t(C::AwsAccounts)}</h2>
                        <AwsAccountsTable accounts=accounts tools_prefix=""/>
                    </section>
                }
                .into_any()
            }
        }}
    }
}
