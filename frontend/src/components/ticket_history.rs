//! A paginated ticket ledger (R3.4), newest first: the customer's history page and the staff detail
//! page differ only in the endpoint.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_domain::company::{LedgerEntryView, LedgerPage};

use super::{load_latest, ErrorMessage, Loading, Pager, TableScroll};
use crate::api::ApiError;
use crate::format::{jst_date, jst_minute, signed};
use crate::i18n::{t, use_i18n, CompanyMsg as C, Msg};

pub const TICKETS_PER_PAGE: u32 = 20;

/// `fetch(page)` loads one page; bumping `reload` fetches the current page again.
/// With `page_in_url`, the page number is the URL's `?page=` (a deep link or a reload opens that
/// page, and turning pages updates the URL in place).
#[component]
pub fn TicketHistory<F, Fut>(
    fetch: F,
    #[prop(into)] reload: Signal<u32>,
    #[prop(optional)] page_in_url: bool,
) -> impl IntoView
where
    F: Fn(u32) -> Fut + 'static,
    Fut: Future<Output = Result<LedgerPage, ApiError>> + 'static,
{
    let page = RwSignal::new(1u32);
    if page_in_url {
        let query = use_query_map();
        let asked = query.with_untracked(|q| q.get("page").and_then(|p| p.parse::<u32>().ok())).filter(|p| *p >= 1);
        page.set(asked.unwrap_or(1));
        let navigate = use_navigate();
        let location = use_location();
        Effect::new(move |prev: Option<u32>| {
            let p = page.get();
            if prev.is_some_and(|old| old != p) {
                let path = location.pathname.get_untracked();
                navigate(&format!("{path}?page={p}"), NavigateOptions { replace: true, ..Default::default() });
            }
            p
        });
    }
    let loaded = load_latest(move || {
        reload.track();
        fetch(page.get())
    });
    let total = Signal::derive(move || loaded.data.with(|d| d.as_ref().map_or(0, |d| d.total)));
    view! {
        <ErrorMessage error=loaded.error/>
        {move || match loaded.data.get() {
            None if loaded.loading.get() => view! { <Loading/> }.into_any(),
            None => ().into_any(),
            Some(d) => view! { <LedgerTable items=d.items/> }.into_any(),
        }}
        <Pager page=page total=total per_page=TICKETS_PER_PAGE busy=loaded.loading info=Msg::Co(C::PagerInfo)/>
    }
}

#[component]
pub fn LedgerTable(items: Vec<LedgerEntryView>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty" data-testid="tickets-empty">{t(C::NoTickets)}</p> }.into_any();
    }
    view! {
        <TableScroll label=C::TicketHistory>
            <table class="data" data-testid="ticket-table">
                <thead>
                    <tr>
                        <th>{t(C::ColAt)}</th>
                        <th>{t(C::ColKind)}</th>
                        <th class="num">{t(C::ColAmount)}</th>
                        <th class="num">{t(C::ColBalance)}</th>
                        <th>{t(C::ColReason)}</th>
                    </tr>
                </thead>
                <tbody>{items.into_iter().map(|e| view! { <LedgerRow entry=e/> }).collect_view()}</tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

#[component]
fn LedgerRow(entry: LedgerEntryView) -> impl IntoView {
    let i18n = use_i18n();
    let e = entry;
    let class = if e.amount > 0 {
        "num amount-plus"
    } else if e.amount < 0 {
        "num amount-minus"
    } else {
        "num"
    };
    let expires = e.expires_at;
    let reason = e.reason.clone();
    view! {
        <tr data-testid="ticket-row" data-kind=e.kind.as_str()>
            <td class="nowrap">{jst_minute(e.at)}</td>
            <td><span class=format!("kind kind-{}", e.kind.as_str())>{t(C::for_kind(e.kind))}</span></td>
            <td class=class>{signed(e.amount)}</td>
            <td class="num">{e.balance_after}</td>
            <td>
                {move || match i18n.lang() {
                    crate::i18n::Lang::Ja => reason.text_ja(),
                    crate::i18n::Lang::En => reason.text_en(),
                }}
                {expires.map(|at| view! {
                    <small class="muted block">
                        {move || Msg::from(C::TicketsExpire).fill(i18n.lang(), &[("date", &jst_date(at))])}
                    </small>
                })}
            </td>
        </tr>
    }
}
