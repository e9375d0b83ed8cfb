//! Staff (R4.6, R6.5): `/admin/applications`, the queue of open applications across companies
//! (PLATINUM first, then the oldest: the server's order) with filters by state, service and the
//! assigned CSM; and
//! `/admin/applications/:id`, the application with the moves its state allows.

mod detail;
mod work;

use leptos::prelude::*;
use portal_domain::services::ApplicationState;
use portal_domain::Role;

use crate::api;
use crate::applications::service_name;
use crate::components::{load_latest, ErrorMessage, Field, Loading, StaffOnly};
use crate::i18n::{t, use_i18n, Msg, ServiceMsg as V, WorkMsg};
use crate::pages::services::ApplicationTable;
use crate::session::use_session;

pub use detail::AdminApplicationPage;

#[component]
pub fn AdminApplicationsPage() -> impl IntoView {
    view! { <StaffOnly><Queue/></StaffOnly> }
}

#[component]
fn Queue() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let csm = RwSignal::new(String::new());
    let services = LocalResource::new(move || api::services(session));
    let csms = LocalResource::new(move || async move {
        api::admin_users(session, 1, 100, "")
            .await
            .map(|p| p.items.into_iter().filter(|u| u.role == Role::Csm).collect::<Vec<_>>())
    });
    let loaded = load_latest(move || api::application_queue(session, state.get(), service.get(), csm.get()));
    let open_states: Vec<ApplicationState> = ApplicationState::ALL.iter().copied().filter(|s| s.is_open()).collect();
    view! {
        <section class="card card-wide">
            <h1>{t(V::QueueTitle)}</h1>
            <p class="muted">{t(V::QueueIntro)}</p>
            <div class="filters">
                <Field label=Msg::Svc(V::ColState) class="field-short">
                    <select data-testid="queue-state" bind:value=state>
                        <option value="">{t(V::AllStates)}</option>
                        {open_states
                            .into_iter()
                            .map(|s| view! { <option value=s.as_str()>{t(V::for_state(s))}</option> })
                            .collect_view()}
                    </select>
                </Field>
                <Field label=Msg::Svc(V::ColService) class="field-short">
                    <select data-testid="queue-service" bind:value=service>
                        <option value="">{t(V::AllServices)}</option>
                        {move || {
                            services
                                .get()
                                .and_then(Result::ok)
                                .map(|l| {
                                    l.items
                                        .into_iter()
                                        .map(|s| {
                                            let name = service_name(&s, i18n.lang()).to_owned();
                                            view! { <option value=s.code>{name}</option> }
                                        })
                                        .collect_view()
                                })
                        }}
                    </select>
                </Field>
                <Field label=Msg::from(crate::i18n::ThreadMsg::AssignedCsm) class="field-short">
                    <select data-testid="queue-csm" bind:value=csm>
                        <option value="">{t(WorkMsg::AllCsms)}</option>
                        {move || csms.get().and_then(Result::ok).map(|list| {
                            list.into_iter()
                                .map(|u| view! { <option value=u.id.to_string()>{u.display_name}</option> })
                                .collect_view()
                        })}
                    </select>
                </Field>
            </div>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(q) if q.items.is_empty() => view! { <p class="empty" data-testid="queue-empty">{t(V::NoQueue)}</p> }.into_any(),
                Some(q) => view! { <ApplicationTable items=q.items href_base="/admin/applications" staff=true/> }.into_any(),
            }}
        </section>
    }
}
