//! `/inquiries/:id`: one inquiry for the company's users: what it is about, where it stands, the
//! thread (reply, attach and download files), closing after a confirmation and reopening within 14
//! days of closing (until when is said; after that the API's 409 `reopen_period_over` is shown).
//! [`InquiryDetail`] loads the inquiry for either side; the staff's page builds on it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal_domain::inquiries::{InquiryState, InquiryView};
use uuid::Uuid;

use super::InquiryStateBadge;
use crate::api::{self, ApiError, ThreadOf};
use crate::components::{ConfirmDialog, ErrorMessage, Loading, NotFoundPage, Thread};
use crate::format::{jst_minute, now};
use crate::i18n::{t, use_i18n, InquiryMsg as Q, Msg};
use crate::inquiries::{may_reopen, reopen_until_if_closed};
use crate::session::use_session;

#[component]
pub fn InquiryPage() -> impl IntoView {
    view! { <InquiryDetail staff=false render=|inq, id| view! { <CustomerDetail inq=inq id=id/> }.into_any()/> }
}

/// Loads the inquiry named by the path (from the caller's side) and draws `render` once, with the
/// inquiry in a signal that later moves update (the thread is not drawn again).
#[component]
pub fn InquiryDetail(
    staff: bool,
    render: impl Fn(RwSignal<Option<InquiryView>>, Uuid) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let inq = RwSignal::new(None::<InquiryView>);
    let error = RwSignal::new(None::<ApiError>);
    if let Some(id) = id {
        spawn_local(async move {
            match api::inquiry(session, id, staff).await {
                Ok(v) => inq.set(Some(v)),
                Err(e) => error.set(Some(e)),
            }
        });
    }
    let ready = Memo::new(move |_| inq.with(Option::is_some));
    move || match (id, ready.get(), error.get()) {
        (None, _, _) => view! { <NotFoundPage/> }.into_any(),
        (Some(id), true, _) => render(inq, id),
        (_, false, Some(e)) if matches!(&e, ApiError::Problem(p) if p.status == 404) => {
            view! { <NotFoundPage/> }.into_any()
        }
        (_, false, Some(e)) => {
            view! { <section class="card"><ErrorMessage error=Signal::derive(move || Some(e.clone()))/></section> }
                .into_any()
        }
        (_, false, None) => view! { <section class="card"><Loading/></section> }.into_any(),
    }
}

/// The subject, category, state, who opened it and when, and when it was closed.
#[component]
pub fn InquiryFacts(inq: RwSignal<Option<InquiryView>>) -> impl IntoView {
    let i18n = use_i18n();
    let get = move |f: fn(&InquiryView) -> String| inq.with(|i| i.as_ref().map(f).unwrap_or_default());
    view! {
        <h1 data-testid="inquiry-subject-title">{move || get(|i| i.subject.clone())}</h1>
        <dl class="facts">
            <dt>{t(Q::ColCategory)}</dt>
            <dd data-testid="inquiry-category-text">
                {move || inq.with(|i| i.as_ref().map(|i| i18n.t(Q::for_category(i.category))))}
            </dd>
            <dt>{t(Q::ColState)}</dt>
            <dd>{move || inq.with(|i| i.as_ref().map(|i| view! { <InquiryStateBadge state=i.state/> }))}</dd>
            <dt>{t(Q::ColOpenedBy)}</dt>
            <dd>
                {move || inq.with(|i| i.as_ref().map(|i| {
                    Msg::from(Q::OpenedByAt)
                        .fill(i18n.lang(), &[("who", &i.opened_by), ("at", &jst_minute(i.created_at))])
                }))}
            </dd>
        </dl>
    }
}

#[component]
fn CustomerDetail(inq: RwSignal<Option<InquiryView>>, id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let opened = query.with_untracked(|q| q.get("opened").is_some());
    let failed = query.with_untracked(|q| q.get("failed")).filter(|s| !s.is_empty());
    let notice = RwSignal::new(opened.then_some(Q::Opened));
    let error = RwSignal::new(None::<ApiError>);
    let asking = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let unread = inq.with_untracked(|i| i.as_ref().map_or(0, |i| i.unread));
    let state = move || inq.with(|i| i.as_ref().map(|i| i.state));
    let closed = Signal::derive(move || state() == Some(InquiryState::Closed));
    let refresh = move || {
        spawn_local(async move {
            if let Ok(v) = api::inquiry(session, id, false).await {
                inq.set(Some(v));
            }
        })
    };
    // A move refused because someone else moved first: show why, then what it is now.
    let act = move |close: bool| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            let result = if close {
                api::close_inquiry(session, id, false).await
            } else {
                api::reopen_inquiry(session, id).await
            };
            pending.set(false);
            asking.set(false);
            match result {
                Ok(v) => {
                    notice.set(Some(if close { Q::ClosedDone } else { Q::Reopened }));
                    inq.set(Some(v));
                }
                Err(e) => {
                    error.set(Some(e));
                    refresh();
                }
            }
        });
    };
    let confirm_body = Signal::derive(move || {
        Msg::from(Q::CloseConfirmBody).fill(i18n.lang(), &[("until", &jst_minute(reopen_until_if_closed(now())))])
    });
    let closed_line = move || {
        inq.with(|i| {
            let i = i.as_ref()?;
            let at = jst_minute(i.closed_at?);
            Some(match i.reopen_until.filter(|_| may_reopen(i, now())) {
                Some(until) => {
                    Msg::from(Q::ClosedUntil).fill(i18n.lang(), &[("at", &at), ("until", &jst_minute(until))])
                }
                None => Msg::from(Q::ClosedOver).fill(i18n.lang(), &[("at", &at)]),
            })
        })
    };
    let reopenable = move || inq.with(|i| i.as_ref().is_some_and(|i| may_reopen(i, now())));
    view! {
        <section class="card card-wide" data-testid="inquiry-detail">
            <p class="breadcrumb"><a href="/inquiries">{t(Q::BackToList)}</a></p>
            <InquiryFacts inq=inq/>
            {move || notice.get().map(|m| view! {
                <p class="alert alert-success" role="status" data-testid="inquiry-notice">{t(m)}</p>
            })}
            {failed.map(|names| view! {
                <p class="alert alert-warning" role="alert" data-testid="inquiry-files-failed">
                    {move || Msg::from(Q::FilesFailed).fill(i18n.lang(), &[("names", &names)])}
                </p>
            })}
            <ErrorMessage error=error/>
            <Show when=move || closed.get()>
                <p data-testid="inquiry-closed">{closed_line}" "{t(Q::ClosedNoReply)}</p>
            </Show>
            <p>
                <Show when=move || !closed.get()>
                    <button type="button" class="btn btn-danger-outline" data-testid="close-inquiry" on:click=move |_| asking.set(true)>
                        {t(Q::Close)}
                    </button>
                </Show>
                // Offered while the 14 days run; a stale page's press still gets the API's 409 shown.
                <Show when=move || closed.get() && reopenable()>
                    <button type="button" class="btn btn-primary" data-testid="reopen-inquiry"
                        aria-busy=move || pending.get().then_some("true") on:click=move |_| act(false)>
                        {t(Q::Reopen)}
                    </button>
                </Show>
            </p>
            <Show when=move || asking.get()>
                <ConfirmDialog
                    title=Q::CloseConfirmTitle
                    body=confirm_body
                    confirm_label=Q::DoClose
                    pending=pending
                    on_confirm=move || act(true)
                    on_cancel=move || asking.set(false)
                />
            </Show>
        </section>
        <Thread
            of=ThreadOf::inquiry(id, false)
            unread=unread
            intro=Q::ThreadIntro
            closed=closed
            on_sent=Callback::new(move |()| refresh())
        />
    }
}
