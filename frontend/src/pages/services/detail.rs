//! `/applications/:id`: the terms, where the report goes, the meeting times (pick one), the
//! account-diagnosis checklist, the contact thread with its files, the timeline and, for the
//! representative while the application may still be cancelled, cancelling through a confirmation
//! (the tickets come back).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use portal_domain::services::ApplicationView;
use portal_domain::{ErrorCode, Role};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{
    application_name, ApplicationTerms, ChecklistView, ConfirmDialog, ErrorMessage, Loading, NotFoundPage,
    ReportChannelFacts, SlotsView, Thread, Timeline,
};
use crate::i18n::{t, use_i18n, Msg, ServiceMsg as V};
use crate::session::use_session;

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let app = RwSignal::new(None::<Result<ApplicationView, ApiError>>);
    // The balance after a cancel; outlives the detail, which is drawn again with the new state.
    let balance = RwSignal::new(None::<i32>);
    let role = super::load_once(async move { api::me(session).await.map(|m| m.role) });
    let load = move || {
        let Some(id) = id() else {
            app.set(Some(Err(ApiError::Problem(portal_domain::problem::Problem::new(404, ErrorCode::NotFound, "")))));
            return;
        };
        spawn_local(async move { app.set(Some(api::application(session, id).await)) });
    };
    Effect::new(move |_| load());
    move || match app.get() {
        None => view! { <section class="card"><Loading/></section> }.into_any(),
        Some(Err(e))
            if e.code() == Some(ErrorCode::NotFound) || matches!(&e, ApiError::Problem(p) if p.status == 404) =>
        {
            view! { <NotFoundPage/> }.into_any()
        }
        Some(Err(e)) => {
            view! { <section class="card"><ErrorMessage error=Signal::derive(move || Some(e.clone()))/></section> }
                .into_any()
        }
        Some(Ok(a)) => {
            let rep = move || role.with(|r| matches!(r, Some(Ok(Role::Representative))));
            view! { <Detail app=a rep=Signal::derive(rep) balance=balance on_change=move |a| app.set(Some(Ok(a)))/> }
                .into_any()
        }
    }
}

#[component]
fn Detail(
    app: ApplicationView,
    #[prop(into)] rep: Signal<bool>,
    balance: RwSignal<Option<i32>>,
    on_change: impl Fn(ApplicationView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let a = app.clone();
    let name = move || application_name(&a, i18n.lang());
    let asking = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let (id, cost, may_cancel) = (app.id, app.ticket_cost, app.customer_may_cancel);
    // Submitted yet not cancellable: the terms say so (web-vuln-lite, R4.4).
    let never = app.state == portal_domain::services::ApplicationState::Submitted && !may_cancel;
    let confirm = move || {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::cancel_application(session, id).await;
            let after = if result.is_ok() { api::services(session).await.ok().and_then(|l| l.balance) } else { None };
            pending.set(false);
            asking.set(false);
            match result {
                Ok(a) => {
                    balance.set(after);
                    on_change(a);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let body = {
        let name = name.clone();
        Signal::derive(move || {
            Msg::from(V::CancelConfirmBody).fill(i18n.lang(), &[("service", &name()), ("n", &cost.to_string())])
        })
    };
    let facts = app.clone();
    view! {
        <section class="card card-wide" data-testid="application-detail">
            <p class="breadcrumb"><a href="/applications">{t(V::BackToApplications)}</a></p>
            <h1 data-testid="application-title">{name.clone()}</h1>
            {move || balance.get().map(|n| view! {
                <p class="alert alert-success" role="status" data-testid="cancel-done">
                    {move || Msg::from(V::CancelledBalance).fill(i18n.lang(), &[("n", &n.to_string())])}
                </p>
            })}
            <ErrorMessage error=error/>
            <ApplicationTerms app=app.clone()>
                <ReportChannelFacts app=facts/>
            </ApplicationTerms>
            {never.then(|| view! { <p class="muted" data-testid="not-cancellable">{t(V::NotCancellable)}</p> })}
            <Show when=move || may_cancel && rep.get()>
                <p>
                    <button type="button" class="btn btn-danger" data-testid="cancel-application" on:click=move |_| asking.set(true)>
                        {t(V::CancelApplication)}
                    </button>
                </p>
            </Show>
            <Show when=move || asking.get()>
                <ConfirmDialog
                    title=V::CancelConfirmTitle
                    body=body
                    confirm_label=V::DoCancel
                    pending=pending
                    on_confirm=confirm
                    on_cancel=move || asking.set(false)
                />
            </Show>
        </section>
        <SlotsView app=app.clone() pickable=true on_change=on_change/>
        <ChecklistView app=app.clone()/>
        <Thread of=api::ThreadOf::application(id, false) unread=app.unread_messages intro=crate::i18n::ThreadMsg::ThreadIntro/>
        <section class="card card-wide">
            <Timeline app=app/>
        </section>
    }
}
