//! `/admin/services` (R4.1, admins): the option-service catalogue with each service's cost and
//! status; an admin changes the cost, pauses or ends a service (ending asks first). Applications
//! keep the terms they were made under.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::services::{ServiceStatus, ServiceUpdate, ServiceView};

use crate::api::{self, ApiError};
use crate::applications::service_name;
use crate::components::{load_latest, AdminPage, ConfirmDialog, ErrorMessage, Loading, TableScroll};
use crate::i18n::{field_error_text, t, use_i18n, Msg, ServiceMsg as V, TrainingMsg as T, WorkMsg as W};
use crate::session::use_session;

#[component]
pub fn AdminServicesPage() -> impl IntoView {
    view! { <AdminPage><Catalogue/></AdminPage> }
}

#[component]
fn Catalogue() -> impl IntoView {
    let session = use_session();
    let loaded = load_latest(move || api::services(session));
    let notice = RwSignal::new(None::<String>);
    view! {
        <section class="card card-wide">
            <h1>{t(T::AdminServicesTitle)}</h1>
            <p class="muted">{t(W::CatalogueIntro)}</p>
            {move || notice.get().map(|n| view! { <p class="alert alert-success" role="status" data-testid="service-saved">{n}</p> })}
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(l) => view! {
                    <TableScroll label=T::AdminServicesTitle>
                        <table class="data" data-testid="catalogue-table">
                            <thead>
                                <tr>
                                    <th>{t(V::ColService)}</th>
                                    <th>{t(V::Cost)}</th>
                                    <th>{t(W::ColStatus)}</th>
                                    <th><span class="sr-only">{t(W::Save)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {l.items.into_iter().map(|s| view! { <Row s=s notice=notice/> }).collect_view()}
                            </tbody>
                        </table>
                    </TableScroll>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn Row(s: ServiceView, notice: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let code = s.code.clone();
    let cost = RwSignal::new(s.ticket_cost.to_string());
    let status = RwSignal::new(s.status.as_str().to_owned());
    let saved_status = RwSignal::new(s.status);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let local = RwSignal::new(false);
    let asking = RwSignal::new(false);
    let s2 = s.clone();
    let name = move || service_name(&s2, i18n.lang()).to_owned();
    let cost_id = format!("cost-{code}");
    let status_id = format!("status-{code}");
    let save = {
        let code = code.clone();
        let name = name.clone();
        move || {
            let Ok(ticket_cost) = cost.get_untracked().trim().parse::<i32>() else {
                local.set(true);
                return;
            };
            local.set(false);
            let new_status = ServiceStatus::parse(&status.get_untracked());
            let req = ServiceUpdate { ticket_cost: Some(ticket_cost), status: new_status, ..Default::default() };
            pending.set(true);
            error.set(None);
            notice.set(None);
            let (code, name) = (code.clone(), name.clone());
            spawn_local(async move {
                let result = api::update_service(session, &code, &req).await;
                pending.set(false);
                asking.set(false);
                match result {
                    Ok(v) => {
                        saved_status.set(v.status);
                        notice.set(Some(Msg::from(W::ServiceSaved).fill(i18n.lang(), &[("name", &name())])));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let save2 = save.clone();
    let on_save = move |_| {
        if pending.get_untracked() {
            return;
        }
        // Ending a service takes it out of the catalogue for good: ask first.
        let ending = status.get_untracked() == ServiceStatus::Ended.as_str()
            && saved_status.get_untracked() != ServiceStatus::Ended;
        if ending {
            asking.set(true);
        } else {
            save();
        }
    };
    let body = {
        let name = name.clone();
        Signal::derive(move || Msg::from(W::EndConfirmBody).fill(i18n.lang(), &[("name", &name())]))
    };
    let errors = move || {
        let lang = i18n.lang();
        let mut list: Vec<String> = error.with(|e| match e {
            Some(ApiError::Problem(p)) => p.errors.iter().map(|f| field_error_text(f, lang)).collect(),
            _ => Vec::new(),
        });
        if local.get() {
            list.push(i18n.t(W::EnterNumber).to_owned());
        }
        list
    };
    view! {
        <tr data-testid="catalogue-row" data-code=code.clone()>
            <td>{name.clone()}<br/><span class="muted small mono">{code.clone()}</span></td>
            <td>
                <label class="sr-only" for=cost_id.clone()>{t(V::Cost)}</label>
                <input id=cost_id type="number" min="0" max="1000" class="num" data-testid=format!("cost-{code}") bind:value=cost/>
            </td>
            <td>
                <label class="sr-only" for=status_id.clone()>{t(W::ColStatus)}</label>
                <select id=status_id data-testid=format!("status-{code}") bind:value=status>
                    {ServiceStatus::ALL.iter().map(|st| view! { <option value=st.as_str()>{t(W::for_status(*st))}</option> }).collect_view()}
                </select>
            </td>
            <td>
                <button type="button" class="btn btn-small btn-primary" data-testid=format!("save-{code}")
                    aria-busy=move || pending.get().then_some("true") on:click=on_save>
                    {t(W::Save)}
                </button>
                <ErrorMessage error=error/>
                <ul class="field-errors">{move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                <Show when=move || asking.get()>
                    <ConfirmDialog
                        title=W::EndConfirmTitle
                        body=body
                        confirm_label=W::DoEnd
                        pending=pending
                        on_confirm={
                            let save = save2.clone();
                            move || save()
                        }
                        on_cancel=move || asking.set(false)
                    />
                </Show>
            </td>
        </tr>
    }
}
