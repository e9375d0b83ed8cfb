//! One application for staff: the customer's view plus the moves the state allows. Every move but
//! `reject` takes an optional note; `reject` asks for the reason in a dialog. A move the state no
//! longer allows (someone else was first: `invalid_transition`) reloads and says what it is now.
//! Around them (see [`super::work`]): the CSM, meeting times to propose while accepted, the
//! checklist, the report while in progress (it moves the application to reported), and the thread,
//! where staff also upload the report file.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use portal_domain::services::{ApplicationAction, ApplicationState, ApplicationView};
use portal_domain::ErrorCode;
use uuid::Uuid;

use super::work::{AssignCsm, ChecklistEditor, ProposeSlots, ReportForm};
use crate::api::{self, ApiError};
use crate::applications::staff_actions;
use crate::components::{
    application_name, ApplicationTerms, Dialog, ErrorMessage, ErrorSummary, Field, FormState, Loading, NotFoundPage,
    RankBadge, ReportChannelFacts, SlotsView, StaffOnly, SubmitButton, Thread, Timeline,
};
use crate::i18n::{t, use_i18n, Msg, ServiceMsg as V, WorkMsg};
use crate::session::use_session;

#[component]
pub fn AdminApplicationPage() -> impl IntoView {
    view! { <StaffOnly><Loader/></StaffOnly> }
}

#[component]
fn Loader() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let app = RwSignal::new(None::<Result<ApplicationView, ApiError>>);
    // Outlives the detail, which is drawn again after every move.
    let outcome = RwSignal::new(None::<(V, ApplicationState)>);
    let notice = RwSignal::new(None::<WorkMsg>);
    if let Some(id) = id {
        spawn_local(async move { app.set(Some(api::admin_application(session, id).await)) });
    }
    move || match (id, app.get()) {
        (None, _) => view! { <NotFoundPage/> }.into_any(),
        (_, None) => view! { <section class="card"><Loading/></section> }.into_any(),
        (_, Some(Err(e))) if matches!(&e, ApiError::Problem(p) if p.status == 404) => {
            view! { <NotFoundPage/> }.into_any()
        }
        (_, Some(Err(e))) => {
            view! { <section class="card"><ErrorMessage error=Signal::derive(move || Some(e.clone()))/></section> }
                .into_any()
        }
        (_, Some(Ok(a))) => {
            view! { <StaffDetail app=a outcome=outcome notice=notice on_change=move |a| app.set(Some(Ok(a)))/> }
                .into_any()
        }
    }
}

#[component]
fn StaffDetail(
    app: ApplicationView,
    outcome: RwSignal<Option<(V, ApplicationState)>>,
    notice: RwSignal<Option<WorkMsg>>,
    on_change: impl Fn(ApplicationView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let a = app.clone();
    let name = move || application_name(&a, i18n.lang());
    let id = app.id;
    let note = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let rejecting = RwSignal::new(false);
    let form = FormState::new();
    let reject_form = FormState::new();

    let run = move |action: ApplicationAction, text: String, f: FormState| {
        if !f.begin() {
            return;
        }
        outcome.set(None);
        notice.set(None);
        let text = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
        spawn_local(async move {
            match api::transition(session, id, action, text).await {
                Ok(a) => {
                    f.finish(Ok::<(), ApiError>(()));
                    rejecting.set(false);
                    outcome.set(Some((V::TransitionDone, a.state)));
                    on_change(a);
                }
                Err(e) if e.code() == Some(ErrorCode::InvalidTransition) => {
                    f.pending.set(false);
                    rejecting.set(false);
                    if let Ok(a) = api::admin_application(session, id).await {
                        outcome.set(Some((V::StaleState, a.state)));
                        on_change(a);
                    }
                }
                Err(e) => {
                    f.finish(Err::<(), ApiError>(e));
                }
            }
        });
    };
    let actions = staff_actions(app.state);
    // Reporting goes through the report form (its content reaches the customer).
    let moves: Vec<ApplicationAction> = actions
        .iter()
        .copied()
        .filter(|a| !matches!(a, ApplicationAction::Reject | ApplicationAction::Report))
        .collect();
    let state = app.state;
    // What the work parts did, said once the detail is drawn again.
    let on_done = move |m: WorkMsg, a: ApplicationView| {
        outcome.set(None);
        notice.set(Some(m));
        on_change(a);
    };
    let may_reject = actions.contains(&ApplicationAction::Reject);
    let on_reject = move |ev: SubmitEvent| {
        ev.prevent_default();
        run(ApplicationAction::Reject, reason.get_untracked(), reject_form);
    };
    let facts = app.clone();
    view! {
        <section class="card card-wide" data-testid="application-detail">
            <p class="breadcrumb"><a href="/admin/applications">{t(V::BackToQueue)}</a></p>
            <h1 data-testid="application-title">{name}</h1>
            <p data-testid="application-company">{app.company_name.clone()}" "<RankBadge rank=app.company_rank/></p>
            {move || outcome.get().map(|(msg, state)| {
                let cls = if msg == V::StaleState { "alert alert-warning" } else { "alert alert-success" };
                view! {
                    <p class=cls role="status" data-testid="transition-outcome">
                        {move || Msg::from(msg).fill(i18n.lang(), &[("state", i18n.t(V::for_state(state)))])}
                    </p>
                }
            })}
            {move || notice.get().map(|m| view! {
                <p class="alert alert-success" role="status" data-testid="work-notice">{t(m)}</p>
            })}
            <ApplicationTerms app=app.clone()>
                <ReportChannelFacts app=facts/>
            </ApplicationTerms>
            <AssignCsm app_id=id current=app.assigned_csm.clone() on_done=on_done/>
        </section>
        <section class="card card-wide">
            <h2>{t(V::StaffActions)}</h2>
            {actions.is_empty().then(|| view! { <p class="muted" data-testid="no-actions">{t(V::NoActionsNow)}</p> })}
            {(!actions.is_empty()).then(|| view! {
                <form on:submit=|ev: SubmitEvent| ev.prevent_default()>
                    <ErrorSummary form=form/>
                    {(!moves.is_empty()).then(|| view! {
                        <Field label=Msg::Svc(V::ActionNote) name="note" form=form>
                            <textarea rows="2" data-testid="action-note" bind:value=note></textarea>
                        </Field>
                    })}
                    <div class="staff-actions">
                        {moves
                            .iter()
                            .map(|&a| {
                                view! {
                                    <button
                                        type="button"
                                        class="btn btn-primary"
                                        data-testid=format!("act-{}", a.as_str())
                                        aria-disabled=move || form.pending.get().then_some("true")
                                        on:click=move |_| run(a, note.get_untracked(), form)
                                    >
                                        {t(V::for_action(a))}
                                    </button>
                                }
                            })
                            .collect_view()}
                        {may_reject.then(|| view! {
                            <button type="button" class="btn btn-danger" data-testid="act-reject" on:click=move |_| {
                                reject_form.clear();
                                rejecting.set(true);
                            }>
                                {t(V::ActReject)}
                            </button>
                        })}
                    </div>
                </form>
            })}
        </section>
        <SlotsView app=app.clone() pickable=false on_change=on_change/>
        {(state == ApplicationState::Accepted).then(|| view! { <ProposeSlots app_id=id on_done=on_done/> })}
        <ChecklistEditor app_id=id items=app.checklist.clone() on_done=on_done/>
        {(state == ApplicationState::InProgress)
            .then(|| view! { <ReportForm app_id=id channel=app.report_channel on_done=on_done/> })}
        <Thread of=api::ThreadOf::application(id, true) unread=app.unread_messages intro=crate::i18n::WorkMsg::StaffThreadIntro/>
        <section class="card card-wide">
            <Timeline app=app/>
        </section>
        <Show when=move || rejecting.get()>
            <Dialog title=V::ActReject on_cancel=move || rejecting.set(false) busy=reject_form.pending testid="reject-dialog">
                <form on:submit=on_reject>
                    <ErrorSummary form=reject_form/>
                    <Field label=Msg::Svc(V::RejectReason) name="note" form=reject_form hint=Signal::derive(move || i18n.t(V::RejectReasonHint).to_owned())>
                        <textarea rows="3" required data-autofocus data-testid="reject-reason" bind:value=reason></textarea>
                    </Field>
                    <div class="dialog-actions">
                        <button type="button" class="btn" data-testid="reject-cancel" on:click=move |_| rejecting.set(false)>{t(Msg::Cancel)}</button>
                        <SubmitButton pending=reject_form.pending label=V::ActReject testid="reject-submit"/>
                    </div>
                </form>
            </Dialog>
        </Show>
    }
}
