//! `/applications`: the company's applications, newest first, paginated (JST, state in words).

use leptos::prelude::*;
use portal_domain::services::ApplicationView;

use crate::api;
use crate::components::{application_name, load_latest, ErrorMessage, Loading, Pager, StateBadge, TableScroll};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, Msg, ServiceMsg as V, ThreadMsg as H};
use crate::session::use_session;

const PER_PAGE: u32 = 20;

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1u32);
    let loaded = load_latest(move || api::applications(session, page.get(), PER_PAGE));
    let total = Signal::derive(move || loaded.data.with(|d| d.as_ref().map_or(0, |d| d.total)));
    view! {
        <section class="card card-wide">
            <h1>{t(V::ApplicationsTitle)}</h1>
            <p class="muted">{t(V::ApplicationsIntro)}</p>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(d) if d.items.is_empty() => {
                    view! { <p class="empty" data-testid="applications-empty">{t(V::NoApplications)}</p> }.into_any()
                }
                Some(d) => view! { <ApplicationTable items=d.items href_base="/applications" staff=false/> }.into_any(),
            }}
            <Pager page=page total=total per_page=PER_PAGE busy=loaded.loading info=Msg::Svc(V::PagerInfo)/>
        </section>
    }
}

/// The age column (staff only; not in the customers' bundle).
#[cfg(feature = "staff")]
fn age(staff: bool, created: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let i18n = use_i18n();
    staff.then(|| view! { <td class="nowrap">{move || crate::applications::age_text(created, now, i18n.lang())}</td> })
}

#[cfg(not(feature = "staff"))]
fn age(_: bool, _: chrono::DateTime<chrono::Utc>, _: chrono::DateTime<chrono::Utc>) {}

/// Applications as a table; each links to `{href_base}/{id}`. Staff also see the company and age.
#[component]
pub fn ApplicationTable(items: Vec<ApplicationView>, href_base: &'static str, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let now = crate::format::now();
    view! {
        <TableScroll label=V::ApplicationsTitle>
            <table class="data" data-testid="applications-table">
                <thead>
                    <tr>
                        {staff.then(|| view! { <th>{t(V::ColCompany)}</th> })}
                        <th>{t(V::ColService)}</th>
                        <th>{t(V::ColState)}</th>
                        <th class="num">{t(V::ColCost)}</th>
                        <th>{t(V::ColApplied)}</th>
                        {staff.then(|| view! { <th>{t(V::ColAge)}</th> })}
                        <th class="num">{t(H::ColUnread)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|a| {
                            let href = format!("{href_base}/{}", a.id);
                            let a2 = a.clone();
                            let created = a.created_at;
                            let unread = a.unread_messages;
                            view! {
                                <tr data-testid="application-row" data-service=a.service_code.clone() data-state=a.state.as_str()>
                                    {staff.then(|| view! {
                                        <td>{a.company_name.clone()}" "<crate::components::RankBadge rank=a.company_rank/></td>
                                    })}
                                    <td><a href=href data-testid="application-link">{move || application_name(&a2, i18n.lang())}</a></td>
                                    <td><StateBadge state=a.state/></td>
                                    <td class="num">{a.ticket_cost}</td>
                                    <td class="nowrap">{jst_minute(created)}</td>
                                    {age(staff, created, now)}
                                    <td class="num" data-testid="application-unread" data-unread=unread.to_string()>
                                        {(unread > 0).then(|| view! {
                                            <span class="unread">{unread}</span>
                                        })}
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
