//! `/services/:code/apply` (representatives, R4.3–R4.5): the cost and the balance after, the
//! service's notices, the linked AWS account for per-account services, web-vuln-lite's hearing
//! sheet, a preferred schedule and notes. Each submission carries an `Idempotency-Key` (a retry of
//! the same request reuses it); on success, the application's page.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_domain::company::AwsAccountView;
use portal_domain::services::{ApplyRequest, HearingSheet, ServiceScope, ServiceView, MAX_ACTIONS};
use portal_domain::Role;

use super::catalogue::ServiceFacts;
use crate::api;
use crate::applications::{parse_date, service_name, unavailable_text, SubmissionKey};
use crate::components::{ErrorMessage, ErrorSummary, Field, FormState, Loading, NotFoundPage, SubmitButton};
use crate::i18n::{t, use_i18n, Msg, ServiceMsg as V};
use crate::session::use_session;

#[derive(Clone)]
struct Ready {
    role: Role,
    service: Option<ServiceView>,
    balance: Option<i32>,
    accounts: Vec<AwsAccountView>,
}

#[component]
pub fn ApplyPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let code = params.with_untracked(|p| p.get("code").unwrap_or_default());
    let data = super::load_once({
        async move {
            let me = api::me(session).await?;
            let list = api::services(session).await?;
            let service = list.items.into_iter().find(|s| s.code == code);
            let accounts = match &service {
                Some(s) if s.scope == ServiceScope::AwsAccount && me.role == Role::Representative => {
                    api::company_aws_accounts(session).await?
                }
                _ => Vec::new(),
            };
            Ok(Ready { role: me.role, service, balance: list.balance, accounts })
        }
    });
    move || match data.get() {
        None => view! { <section class="card"><Loading/></section> }.into_any(),
        Some(Err(e)) => {
            view! { <section class="card"><ErrorMessage error=Signal::derive(move || Some(e.clone()))/></section> }
                .into_any()
        }
        Some(Ok(Ready { service: None, .. })) => view! { <NotFoundPage/> }.into_any(),
        Some(Ok(Ready { role, service: Some(s), balance, accounts })) => {
            view! { <ApplyCard role=role service=s balance=balance accounts=accounts/> }.into_any()
        }
    }
}

#[component]
fn ApplyCard(role: Role, service: ServiceView, balance: Option<i32>, accounts: Vec<AwsAccountView>) -> impl IntoView {
    let i18n = use_i18n();
    let s = service.clone();
    let title = move || service_name(&s, i18n.lang()).to_owned();
    let (cost, after) = (service.ticket_cost, service.balance_after.or(balance.map(|b| b - service.ticket_cost)));
    let body = match (role, service.unavailable) {
        (r, _) if r != Role::Representative => {
            view! { <p class="alert alert-info" data-testid="only-representatives">{t(V::OnlyRepresentatives)}</p> }
                .into_any()
        }
        (_, Some(u)) => {
            let ranks = service.ranks.clone();
            view! { <p class="unavailable" data-testid=format!("unavailable-{}", service.code)>{move || unavailable_text(u, &ranks, i18n.lang())}</p> }
                .into_any()
        }
        _ if service.scope == ServiceScope::AwsAccount && accounts.is_empty() => {
            view! { <p class="unavailable" data-testid="no-linked-accounts">{t(V::NoLinkedAccounts)}</p> }.into_any()
        }
        _ => view! { <ApplyForm service=service.clone() accounts=accounts/> }.into_any(),
    };
    view! {
        <section class="card card-wide" data-testid="apply-page">
            <p class="breadcrumb"><a href="/services">{t(V::BackToServices)}</a></p>
            <h1>{t(V::ApplyTitle)}</h1>
            <p class="muted">{t(V::ApplyIntro)}</p>
            <h2 data-testid="apply-service">{title}</h2>
            <ServiceFacts service=service.clone()/>
            {after.map(|after| view! {
                <p class="balance" data-testid="apply-cost">
                    {move || Msg::from(V::CostAndAfter).fill(i18n.lang(), &[("cost", &cost.to_string()), ("after", &after.to_string())])}
                </p>
            })}
            <Notices service=service/>
            {body}
        </section>
    }
}

/// What the customer must know before applying (R4.4, R4.5).
#[component]
fn Notices(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let lead = service.min_lead_business_days;
    let mut items: Vec<AnyView> = Vec::new();
    if !service.customer_cancellable {
        items.push(view! { <li data-testid="notice-no-cancel">{t(V::NoticeNoCancel)}</li> }.into_any());
    }
    if lead > 0 {
        items.push(
            view! { <li data-testid="notice-lead">{move || Msg::from(V::NoticeLead).fill(i18n.lang(), &[("n", &lead.to_string())])}</li> }
                .into_any(),
        );
    }
    if service.scope == ServiceScope::Actions {
        items.push(view! { <li data-testid="notice-stats">{t(V::NoticeStats)}</li> }.into_any());
    }
    if service.code == "account-diagnosis" {
        items.push(view! { <li data-testid="notice-diagnosis">{t(V::NoticeDiagnosis)}</li> }.into_any());
    }
    (!items.is_empty()).then(|| {
        view! {
            <div class="alert alert-warning" data-testid="notices">
                <p class="alert-title">{t(V::NoticesTitle)}</p>
                <ul>{items}</ul>
            </div>
        }
    })
}

#[component]
fn ApplyForm(service: ServiceView, accounts: Vec<AwsAccountView>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let keys = StoredValue::new(SubmissionKey::default());
    let per_account = service.scope == ServiceScope::AwsAccount;
    let sheet = service.scope == ServiceScope::Actions;
    let lead = service.min_lead_business_days;
    let account = RwSignal::new(if accounts.len() == 1 { accounts[0].account_id.clone() } else { String::new() });
    let target = RwSignal::new(String::new());
    let actions = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let pre_work = RwSignal::new(String::new());
    let schedule = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let bad_date = RwSignal::new(false);
    let code = service.code.clone();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        let hearing_sheet = if sheet {
            let date = |s: RwSignal<String>| parse_date(&s.get_untracked());
            let (Some(window_start), Some(window_end)) = (date(start), date(end)) else {
                bad_date.set(true);
                form.reject(V::InvalidDate.into());
                return;
            };
            Some(HearingSheet {
                target: target.get_untracked().trim().to_owned(),
                actions: actions.get_untracked().trim().parse().unwrap_or(0),
                window_start,
                window_end,
                pre_work: pre_work.get_untracked().trim().to_owned(),
            })
        } else {
            None
        };
        bad_date.set(false);
        let text = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        let req = ApplyRequest {
            service_code: code.clone(),
            aws_account_id: if per_account { Some(account.get_untracked()) } else { None },
            preferred_schedule: text(schedule),
            notes: text(notes),
            hearing_sheet,
        };
        let body = serde_json::to_string(&req).unwrap_or_default();
        let key = keys.try_update_value(|k| k.key_for(&body, || uuid::Uuid::new_v4().to_string())).unwrap_or_default();
        if !form.begin() {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            if let Some(app) = form.finish(api::apply(session, &req, &key).await) {
                navigate(&format!("/applications/{}", app.id), Default::default());
            }
        });
    };

    // The business-day calendar stays on the server, which names the earliest day when refused.
    let start_hint =
        Signal::derive(move || Msg::from(V::WindowStartHint).fill(i18n.lang(), &[("n", &lead.to_string())]));
    view! {
        <form on:submit=on_submit data-testid="apply-form">
            <ErrorSummary form=form/>
            {per_account.then(|| view! {
                <Field label=Msg::Svc(V::AwsAccount) name="aws_account_id" form=form>
                    <select required data-testid="apply-account" bind:value=account>
                        <option value="">{t(V::ChooseAccount)}</option>
                        {accounts
                            .iter()
                            .map(|a| {
                                let label = format!("{} {}", a.account_id, a.display_name);
                                view! { <option value=a.account_id.clone()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </Field>
            })}
            {sheet.then(|| view! {
                <fieldset class="field-group" data-testid="hearing-sheet-form">
                    <legend>{t(V::HearingSheet)}</legend>
                    <Field label=Msg::Svc(V::Target) name="hearing_sheet.target" form=form hint=Signal::derive(move || i18n.t(V::TargetHint).to_owned())>
                        <input type="text" required data-testid="apply-target" bind:value=target/>
                    </Field>
                    <Field label=Msg::Svc(V::Actions) name="hearing_sheet.actions" form=form hint=Signal::derive(move || i18n.t(V::ActionsHint).to_owned()) class="field-short">
                        <input type="number" min="1" max=MAX_ACTIONS.to_string() required data-testid="apply-actions" bind:value=actions/>
                    </Field>
                    <Field
                        label=Msg::Svc(V::WindowStart)
                        name="hearing_sheet.window_start"
                        form=form
                        hint=start_hint
                        local_error=Signal::derive(move || bad_date.get().then_some(Msg::Svc(V::InvalidDate)))
                        class="field-short"
                    >
                        <input type="date" required data-testid="apply-window-start" bind:value=start/>
                    </Field>
                    <Field label=Msg::Svc(V::WindowEnd) name="hearing_sheet.window_end" form=form class="field-short">
                        <input type="date" required data-testid="apply-window-end" bind:value=end/>
                    </Field>
                    <Field label=Msg::Svc(V::PreWork) name="hearing_sheet.pre_work" form=form hint=Signal::derive(move || i18n.t(V::PreWorkHint).to_owned())>
                        <textarea rows="3" required data-testid="apply-pre-work" bind:value=pre_work></textarea>
                    </Field>
                </fieldset>
            })}
            <Field label=Msg::Svc(V::PreferredSchedule) name="preferred_schedule" form=form hint=Signal::derive(move || i18n.t(V::PreferredScheduleHint).to_owned())>
                <input type="text" data-testid="apply-schedule" bind:value=schedule/>
            </Field>
            <Field label=Msg::Svc(V::Notes) name="notes" form=form>
                <textarea rows="3" data-testid="apply-notes" bind:value=notes></textarea>
            </Field>
            <SubmitButton pending=form.pending label=V::Submit testid="apply-submit"/>
        </form>
    }
}
