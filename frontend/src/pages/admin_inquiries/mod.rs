//! Staff (R7.7): `/admin/inquiries`, the inbox across companies in the server's order (PLATINUM
//! first, then down the ranks; within a rank the longest wait for us first), with since when each
//! waits for us and for how long in service hours; filters by state, category, assignee and
//! company, and a search in subject and text. `/admin/inquiries/:id` is in [`detail`].

mod detail;

use leptos::prelude::*;
use portal_domain::admin::AdminUser;
use portal_domain::inquiries::{InquiryCategory, InquiryState, InquiryView};

use crate::api::{self, InboxFilter};
use crate::components::{load_latest, ErrorMessage, Field, Loading, Pager, RankBadge, StaffOnly, TableScroll};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, InquiryMsg as Q, InquiryStaffMsg as S, Msg, ThreadMsg as H};
use crate::inquiries::waiting_text;
use crate::pages::inquiries::InquiryStateBadge;
use crate::session::use_session;

pub use detail::AdminInquiryPage;

const PER_PAGE: u32 = 25;

#[component]
pub fn AdminInquiriesPage() -> impl IntoView {
    view! { <StaffOnly><Inbox/></StaffOnly> }
}

/// Staff who may be assigned (CSMs and admins), from the first page of users.
pub(super) fn staff_users(session: crate::session::Session) -> LocalResource<Result<Vec<AdminUser>, api::ApiError>> {
    LocalResource::new(move || async move {
        api::admin_users(session, 1, 100, "")
            .await
            .map(|p| p.items.into_iter().filter(|u| u.role.is_staff()).collect::<Vec<_>>())
    })
}

#[component]
fn Inbox() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let (state, category, assignee, company, q) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let page = RwSignal::new(1u32);
    // A new filter starts again at the first page.
    Effect::new(move |prev: Option<()>| {
        state.track();
        category.track();
        assignee.track();
        company.track();
        q.track();
        if prev.is_some() {
            page.set(1);
        }
    });
    let staff = staff_users(session);
    let companies = LocalResource::new(move || api::admin_companies(session, None, String::new(), 1, 100));
    let loaded = load_latest(move || {
        let filter = InboxFilter {
            state: state.get(),
            category: category.get(),
            assignee: assignee.get(),
            company: company.get(),
            q: q.get(),
        };
        api::inquiry_inbox(session, filter, page.get(), PER_PAGE)
    });
    let total = Signal::derive(move || loaded.data.with(|d| d.as_ref().map_or(0, |d| d.total)));
    view! {
        <section class="card card-wide" data-testid="inquiry-inbox">
            <h1>{t(S::InboxTitle)}</h1>
            <p class="muted">{t(S::InboxIntro)}</p>
            <div class="filters">
                <Field label=Msg::from(Q::ColState) class="field-short">
                    <select data-testid="inbox-state" bind:value=state>
                        <option value="">{t(S::AllStates)}</option>
                        {InquiryState::ALL
                            .into_iter()
                            .map(|s| view! { <option value=s.as_str()>{t(Q::for_state(s))}</option> })
                            .collect_view()}
                    </select>
                </Field>
                <Field label=Msg::from(Q::ColCategory) class="field-short">
                    <select data-testid="inbox-category" bind:value=category>
                        <option value="">{t(S::AllCategories)}</option>
                        {InquiryCategory::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.as_str()>{t(Q::for_category(c))}</option> })
                            .collect_view()}
                    </select>
                </Field>
                <Field label=Msg::from(S::Assignee) class="field-short">
                    <select data-testid="inbox-assignee" bind:value=assignee>
                        <option value="">{t(S::AllAssignees)}</option>
                        {move || staff.get().and_then(Result::ok).map(|list| {
                            list.into_iter()
                                .map(|u| view! { <option value=u.id.to_string()>{u.display_name}</option> })
                                .collect_view()
                        })}
                    </select>
                </Field>
                <Field label=Msg::from(S::Company) class="field-short">
                    <select data-testid="inbox-company" bind:value=company>
                        <option value="">{t(S::AllCompanies)}</option>
                        {move || companies.get().and_then(Result::ok).map(|p| {
                            p.items
                                .into_iter()
                                .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
                                .collect_view()
                        })}
                    </select>
                </Field>
                <Field label=Msg::from(S::Search) hint=Signal::derive(move || i18n.t(S::SearchHint).to_owned())>
                    <input type="search" maxlength="200" data-testid="inbox-search" bind:value=q/>
                </Field>
            </div>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(d) if d.items.is_empty() => {
                    view! { <p class="empty" data-testid="inbox-empty">{t(S::NoInbox)}</p> }.into_any()
                }
                Some(d) => view! { <InboxTable items=d.items/> }.into_any(),
            }}
            <Pager page=page total=total per_page=PER_PAGE busy=loaded.loading info=Msg::from(Q::PagerInfo)/>
        </section>
    }
}

#[component]
fn InboxTable(items: Vec<InquiryView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TableScroll label=S::InboxTitle>
            <table class="data" data-testid="inbox-table">
                <thead>
                    <tr>
                        <th>{t(S::ColCompany)}</th>
                        <th>{t(Q::ColSubject)}</th>
                        <th>{t(Q::ColCategory)}</th>
                        <th>{t(Q::ColState)}</th>
                        <th>{t(S::ColWaitingSince)}</th>
                        <th class="num">{t(S::ColWaiting)}</th>
                        <th>{t(S::ColAssignee)}</th>
                        <th class="num">{t(H::ColUnread)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|i| {
                            let href = format!("/admin/inquiries/{}", i.id);
                            let unread = i.unread;
                            let minutes = i.waiting_service_minutes;
                            let assignee = i.assignee.as_ref().map(|a| a.display_name.clone());
                            view! {
                                <tr data-testid="inbox-row" data-subject=i.subject.clone() data-state=i.state.as_str()>
                                    <td>{i.company_name.clone()}" "<RankBadge rank=i.company_rank/></td>
                                    <td><a href=href data-testid="inbox-link">{i.subject.clone()}</a></td>
                                    <td>{t(Q::for_category(i.category))}</td>
                                    <td><InquiryStateBadge state=i.state/></td>
                                    <td class="nowrap" data-testid="inbox-waiting-since">
                                        {i.waiting_since.map(jst_minute).unwrap_or_else(|| "—".to_owned())}
                                    </td>
                                    <td class="num nowrap" data-testid="inbox-waiting">
                                        {move || minutes.map(|m| waiting_text(m, i18n.lang())).unwrap_or_else(|| "—".to_owned())}
                                    </td>
                                    <td>{match assignee {
                                        Some(name) => view! { <span>{name}</span> }.into_any(),
                                        None => view! { <span class="muted">{t(S::Unassigned)}</span> }.into_any(),
                                    }}</td>
                                    <td class="num" data-testid="inbox-unread" data-unread=unread.to_string()>
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
