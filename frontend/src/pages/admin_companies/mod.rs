//! `/admin/companies` (staff): every company, PLATINUM first, filtered by rank and searched by name
//! or code; onboarding and the detail page hang below it.

mod detail;
mod new;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::company::CompanyListItem;
use portal_domain::Rank;

use crate::api;
use crate::components::{load_latest, ErrorMessage, Loading, Pager, RankBadge, StaffOnly, TableScroll};
use crate::i18n::{t, use_i18n, CompanyMsg as C, Msg, StaffMsg as S};
use crate::session::use_session;

pub use detail::CompanyDetailPage;
pub use new::OnboardPage;

const PER_PAGE: u32 = 20;

#[component]
pub fn AdminCompaniesPage() -> impl IntoView {
    view! { <StaffOnly><CompaniesPage/></StaffOnly> }
}

#[component]
fn CompaniesPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let page = RwSignal::new(1u32);
    let search = RwSignal::new(String::new());
    let rank = RwSignal::new(String::new());
    // What the list shows: set on submit (search) or at once (rank filter).
    let applied = RwSignal::new((None::<Rank>, String::new()));
    let loaded = load_latest(move || {
        let (r, q) = applied.get();
        api::admin_companies(session, r, q, page.get(), PER_PAGE)
    });

    let apply = move || {
        page.set(1);
        applied.set((Rank::parse(&rank.get_untracked()), search.get_untracked()));
    };
    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        apply();
    };
    let total = Signal::derive(move || loaded.data.with(|d| d.as_ref().map_or(0, |d| d.total)));

    view! {
        <section class="card card-wide">
            <div class="title-row">
                <h1>{t(S::CompaniesTitle)}</h1>
                <div class="title-actions">
                    <a class="btn btn-primary-outline" href="/admin/companies/new" data-testid="companies-onboard">
                        {t(S::NavOnboard)}
                    </a>
                </div>
            </div>
            <form class="search" role="search" on:submit=on_search>
                <select
                    data-testid="company-rank-filter"
                    aria-label=move || i18n.t(S::RankFilter)
                    prop:value=move || rank.get()
                    on:change=move |ev| {
                        rank.set(event_target_value(&ev));
                        apply();
                    }
                >
                    <option value="">{t(S::AllRanks)}</option>
                    {Rank::ALL.map(|r| view! { <option value=r.as_str()>{r.as_str()}</option> }).collect_view()}
                </select>
                <input
                    type="search"
                    data-testid="company-search"
                    placeholder=move || i18n.t(S::CompanySearchPlaceholder)
                    aria-label=move || i18n.t(S::CompanySearchPlaceholder)
                    bind:value=search
                />
                <button type="submit" class="btn" data-testid="company-search-submit">{t(Msg::Search)}</button>
            </form>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(d) if d.items.is_empty() => {
                    view! { <p class="empty" data-testid="companies-empty">{t(S::NoCompanies)}</p> }.into_any()
                }
                Some(d) => view! { <CompanyTable items=d.items/> }.into_any(),
            }}
            <Pager page=page total=total per_page=PER_PAGE busy=loaded.loading info=Msg::Co(C::PagerInfo)/>
        </section>
    }
}

#[component]
fn CompanyTable(items: Vec<CompanyListItem>) -> impl IntoView {
    view! {
        <TableScroll label=S::CompaniesTitle>
            <table class="data" data-testid="companies-table">
                <thead>
                    <tr>
                        <th>{t(S::ColCode)}</th>
                        <th>{t(S::ColName)}</th>
                        <th>{t(S::ColRank)}</th>
                        <th class="num">{t(S::ColTickets)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|c| {
                            let href = format!("/admin/companies/{}", c.id);
                            let code = c.code.clone();
                            view! {
                                <tr data-testid="company-row" data-code=code>
                                    <td><code>{c.code}</code></td>
                                    <td><a href=href data-testid="company-link">{c.name}</a></td>
                                    <td><RankBadge rank=c.rank/></td>
                                    <td class="num">{c.ticket_balance}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
