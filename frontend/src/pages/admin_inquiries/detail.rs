//! `/admin/inquiries/:id`: one inquiry for staff: the company and its rank, since when and how long
//! (in service hours) it has waited for us, the assignee (a CSM or an admin, or nobody), the thread
//! (answering marks it answered and mails the company's users; files both ways) and closing after
//! a confirmation.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::inquiries::{InquiryState, InquiryView};
use uuid::Uuid;

use super::staff_users;
use crate::api::{self, ApiError, ThreadOf};
use crate::components::{
    ConfirmDialog, ErrorMessage, ErrorSummary, Field, FormState, RankBadge, StaffOnly, SubmitButton, Thread,
};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, InquiryMsg as Q, InquiryStaffMsg as S, Msg};
use crate::inquiries::waiting_text;
use crate::pages::inquiries::{InquiryDetail, InquiryFacts};
use crate::session::use_session;

#[component]
pub fn AdminInquiryPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <InquiryDetail staff=true render=|inq, id| view! { <StaffDetail inq=inq id=id/> }.into_any()/>
        </StaffOnly>
    }
}

#[component]
fn StaffDetail(inq: RwSignal<Option<InquiryView>>, id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let notice = RwSignal::new(None::<Msg>);
    let error = RwSignal::new(None::<ApiError>);
    let asking = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let unread = inq.with_untracked(|i| i.as_ref().map_or(0, |i| i.unread));
    let closed = Signal::derive(move || inq.with(|i| i.as_ref().is_some_and(|i| i.state == InquiryState::Closed)));
    let refresh = move || {
        spawn_local(async move {
            if let Ok(v) = api::inquiry(session, id, true).await {
                inq.set(Some(v));
            }
        })
    };
    let close = move || {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            let result = api::close_inquiry(session, id, true).await;
            pending.set(false);
            asking.set(false);
            match result {
                Ok(v) => {
                    notice.set(Some(Q::ClosedDone.into()));
                    inq.set(Some(v));
                }
                Err(e) => {
                    error.set(Some(e));
                    refresh();
                }
            }
        });
    };
    let company = move || inq.with(|i| i.as_ref().map(|i| (i.company_name.clone(), i.company_rank)));
    let waiting = move || {
        inq.with(|i| {
            let i = i.as_ref()?;
            let since = jst_minute(i.waiting_since?);
            let wait = waiting_text(i.waiting_service_minutes.unwrap_or(0), i18n.lang());
            Some(Msg::from(S::WaitingLine).fill(i18n.lang(), &[("since", &since), ("wait", &wait)]))
        })
    };
    view! {
        <section class="card card-wide" data-testid="inquiry-detail">
            <p class="breadcrumb"><a href="/admin/inquiries">{t(S::BackToInbox)}</a></p>
            <p data-testid="inquiry-company">
                {move || company().map(|(name, rank)| view! { {name}" "<RankBadge rank=rank/> })}
            </p>
            <InquiryFacts inq=inq/>
            {move || waiting().map(|w| view! { <p class="alert alert-warning" data-testid="inquiry-waiting">{w}</p> })}
            {move || notice.get().map(|m| view! {
                <p class="alert alert-success" role="status" data-testid="inquiry-notice">{t(m)}</p>
            })}
            <ErrorMessage error=error/>
            <Show when=move || closed.get()>
                <p data-testid="inquiry-closed">{t(Q::ClosedNoReply)}</p>
            </Show>
            <Assign inq=inq id=id notice=notice/>
            <Show when=move || !closed.get()>
                <p>
                    <button type="button" class="btn btn-danger-outline" data-testid="close-inquiry" on:click=move |_| asking.set(true)>
                        {t(Q::Close)}
                    </button>
                </p>
            </Show>
            <Show when=move || asking.get()>
                <ConfirmDialog
                    title=Q::CloseConfirmTitle
                    body=Signal::derive(move || i18n.t(S::CloseConfirmBody).to_owned())
                    confirm_label=Q::DoClose
                    pending=pending
                    on_confirm=close
                    on_cancel=move || asking.set(false)
                />
            </Show>
        </section>
        <Thread
            of=ThreadOf::inquiry(id, true)
            unread=unread
            intro=S::ThreadIntro
            closed=closed
            on_sent=Callback::new(move |()| refresh())
        />
    }
}

/// The assignee: a CSM or an admin, or nobody.
#[component]
fn Assign(inq: RwSignal<Option<InquiryView>>, id: Uuid, notice: RwSignal<Option<Msg>>) -> impl IntoView {
    let session = use_session();
    let staff = staff_users(session);
    let current = inq.with_untracked(|i| i.as_ref().and_then(|i| i.assignee.as_ref().map(|a| a.id.to_string())));
    let choice = RwSignal::new(current.clone().unwrap_or_default());
    let form = FormState::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        notice.set(None);
        let to = Uuid::parse_str(&choice.get_untracked()).ok();
        spawn_local(async move {
            if let Some(v) = form.finish(api::assign_inquiry(session, id, to).await) {
                notice.set(Some(S::Assigned.into()));
                inq.set(Some(v));
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit data-testid="assign-form">
            <ErrorSummary form=form/>
            <Field label=Msg::from(S::AssignTitle) name="assignee_id" form=form class="field-short">
                <select data-testid="assign-select" bind:value=choice>
                    <option value="">{t(S::Unassigned)}</option>
                    {move || staff.get().and_then(Result::ok).map(|list| {
                        let current = current.clone();
                        list.into_iter()
                            .map(|u| {
                                let value = u.id.to_string();
                                let selected = current.as_deref() == Some(value.as_str());
                                view! { <option value=value selected=selected>{u.display_name}" ("{u.email}")"</option> }
                            })
                            .collect_view()
                    })}
                </select>
            </Field>
            <SubmitButton pending=form.pending label=S::AssignSubmit testid="assign-submit"/>
        </form>
    }
}
