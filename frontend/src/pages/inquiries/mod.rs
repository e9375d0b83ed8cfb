//! Customers (R7.7): `/inquiries`, the company's inquiries (latest activity first, unread counts,
//! paginated); `/inquiries/new`, asking a question about cloudpack+ with optional files; and
//! `/inquiries/:id`, the thread, closing and reopening. The staff inbox shares [`InquiryTable`].

mod detail;
mod new;

use leptos::prelude::*;
use portal_domain::inquiries::{InquiryState, InquiryView};

use crate::api;
use crate::components::{load_latest, ErrorMessage, Loading, Pager, TableScroll};
use crate::format::jst_minute;
use crate::i18n::{t, InquiryMsg as Q, Msg, ThreadMsg as H};
use crate::session::use_session;

pub use detail::{InquiryDetail, InquiryFacts, InquiryPage};
pub use new::NewInquiryPage;

const PER_PAGE: u32 = 20;

#[component]
pub fn InquiriesPage() -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1u32);
    let loaded = load_latest(move || api::inquiries(session, page.get(), PER_PAGE));
    let total = Signal::derive(move || loaded.data.with(|d| d.as_ref().map_or(0, |d| d.total)));
    view! {
        <section class="card card-wide" data-testid="inquiries">
            <h1>{t(Q::ListTitle)}</h1>
            <p class="muted">{t(Q::ListIntro)}</p>
            <p><a class="btn btn-primary" href="/inquiries/new" data-testid="new-inquiry">{t(Q::NewInquiry)}</a></p>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(d) if d.items.is_empty() => {
                    view! { <p class="empty" data-testid="inquiries-empty">{t(Q::Empty)}</p> }.into_any()
                }
                Some(d) => view! { <InquiryTable items=d.items href_base="/inquiries"/> }.into_any(),
            }}
            <Pager page=page total=total per_page=PER_PAGE busy=loaded.loading info=Msg::from(Q::PagerInfo)/>
        </section>
    }
}

/// An inquiry's state in words (`data-state` for tests).
#[component]
pub fn InquiryStateBadge(state: InquiryState) -> impl IntoView {
    view! {
        <span class=format!("state state-{}", state.as_str()) data-testid="inquiry-state" data-state=state.as_str()>
            {t(Q::for_state(state))}
        </span>
    }
}

/// The company's inquiries as a table; each subject links to `{href_base}/{id}`.
#[component]
fn InquiryTable(items: Vec<InquiryView>, href_base: &'static str) -> impl IntoView {
    view! {
        <TableScroll label=Q::ListTitle>
            <table class="data" data-testid="inquiries-table">
                <thead>
                    <tr>
                        <th>{t(Q::ColSubject)}</th>
                        <th>{t(Q::ColCategory)}</th>
                        <th>{t(Q::ColState)}</th>
                        <th>{t(Q::ColOpenedBy)}</th>
                        <th>{t(Q::ColLastActivity)}</th>
                        <th class="num">{t(H::ColUnread)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|i| {
                            let href = format!("{href_base}/{}", i.id);
                            let unread = i.unread;
                            view! {
                                <tr data-testid="inquiry-row" data-subject=i.subject.clone() data-state=i.state.as_str()>
                                    <td><a href=href data-testid="inquiry-link">{i.subject.clone()}</a></td>
                                    <td>{t(Q::for_category(i.category))}</td>
                                    <td><InquiryStateBadge state=i.state/></td>
                                    <td>{i.opened_by.clone()}</td>
                                    <td class="nowrap">{jst_minute(i.last_message_at)}</td>
                                    <td class="num" data-testid="inquiry-unread" data-unread=unread.to_string()>
                                        {(unread > 0).then(|| view! { <span class="unread">{unread}</span> })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
