//! The staff's forms on a company's cloud optimization: the CSM, the kickoff, a proposal and the
//! measured effect. Every server error is named on its field.

use chrono::{Duration, NaiveDate};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::optimization::{
    AssignCsmRequest, MeasurementRequest, MeasurementUnit, OpenEngagementRequest, Priority, ProposalCategory,
    ProposalRequest, WorkOrder,
};
use portal_domain::services::SlotInput;
use portal_domain::Role;
use uuid::Uuid;

use crate::api;
use crate::components::{ErrorSummary, Field, FormState, SubmitButton};
use crate::i18n::{t, use_i18n, Msg, OptStaffMsg as S, OptimizationMsg as O};
use crate::session::use_session;
use crate::threads::parse_jst_local;

const SLOTS: usize = 3;
const SLOT_FIELDS: [&str; SLOTS] = ["slots[0]", "slots[1]", "slots[2]"];

#[component]
pub fn AssignCsmForm(company: Uuid, on_done: Callback<()>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let csm = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let csms = LocalResource::new(move || async move {
        api::admin_users(session, 1, 100, "")
            .await
            .map(|p| p.items.into_iter().filter(|u| u.role == Role::Csm).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let Ok(csm_id) = Uuid::parse_str(&csm.get_untracked()) else {
            form.reject(S::ChooseCsm.into());
            return;
        };
        if !form.begin() {
            return;
        }
        let r = reason.get_untracked().trim().to_owned();
        let req = AssignCsmRequest { csm_id, override_reason: (!r.is_empty()).then_some(r) };
        spawn_local(async move {
            if form.finish(api::assign_company_csm(session, company, &req).await).is_some() {
                done.set(true);
                on_done.run(());
            }
        });
    };
    view! {
        <section class="card card-wide" aria-labelledby="assign-csm-title">
            <h2 id="assign-csm-title">{t(S::AssignTitle)}</h2>
            <p class="muted">{t(S::AssignIntro)}</p>
            <Show when=move || done.get()>
                <p class="alert alert-success" role="status" data-testid="csm-assigned">{t(S::Assigned)}</p>
            </Show>
            <form class="form" on:submit=submit novalidate data-testid="assign-csm-form">
                <ErrorSummary form=form/>
                <Field label=Msg::from(S::CsmSelect) name="csm_id" form=form>
                    <select data-testid="csm-select" bind:value=csm>
                        <option value="">{t(S::ChooseCsm)}</option>
                        {move || csms.get().unwrap_or_default().into_iter().map(|u| view! {
                            <option value=u.id.to_string()>{format!("{} <{}>", u.display_name, u.email)}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field label=Msg::from(S::OverrideReason) name="override_reason" form=form
                    hint=Signal::derive(move || use_i18n().t(S::OverrideHint).to_owned())>
                    <textarea rows="2" maxlength="500" data-testid="override-reason" bind:value=reason></textarea>
                </Field>
                <SubmitButton pending=form.pending label=S::Assign testid="assign-csm"/>
            </form>
        </section>
    }
}

#[component]
pub fn OpenEngagementForm(company: Uuid, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let kickoff = RwSignal::new(String::new());
    let starts: [RwSignal<String>; SLOTS] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut slots = Vec::new();
        for s in starts {
            let v = s.get_untracked();
            if v.trim().is_empty() {
                continue;
            }
            let Some(at) = parse_jst_local(&v) else {
                form.reject(S::SlotsHint.into());
                return;
            };
            slots.push(SlotInput { starts_at: at, ends_at: at + Duration::hours(1) });
        }
        if !form.begin() {
            return;
        }
        let req = OpenEngagementRequest { kickoff: kickoff.get_untracked().trim().to_owned(), slots };
        spawn_local(async move {
            if form.finish(api::open_engagement(session, company, &req).await).is_some() {
                on_done.run(());
            }
        });
    };
    view! {
        <section class="card card-wide" aria-labelledby="open-engagement-title">
            <h2 id="open-engagement-title">{t(S::OpenTitle)}</h2>
            <form class="form" on:submit=submit novalidate data-testid="open-engagement-form">
                <ErrorSummary form=form/>
                <Field label=Msg::from(S::KickoffLabel) name="kickoff" form=form>
                    <textarea rows="4" maxlength="10000" data-testid="kickoff" bind:value=kickoff></textarea>
                </Field>
                <p class="hint">{t(S::SlotsHint)}</p>
                {(0..SLOTS).map(|i| {
                    let n = (i + 1).to_string();
                    view! {
                        <Field
                            label_text=Signal::derive(move || Msg::from(S::SlotLabel).fill(i18n.lang(), &[("n", &n)]))
                            name=SLOT_FIELDS[i]
                            form=form
                        >
                            <input type="datetime-local" data-testid=format!("kickoff-slot-{i}") bind:value=starts[i]/>
                        </Field>
                    }
                }).collect_view()}
                <SubmitButton pending=form.pending label=S::OpenEngagement testid="open-engagement"/>
            </form>
        </section>
    }
}

#[component]
pub fn NewProposalForm(company: Uuid, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let title = RwSignal::new(String::new());
    let category = RwSignal::new(ProposalCategory::Cost.as_str().to_owned());
    let findings = RwSignal::new(String::new());
    let effect = RwSignal::new(String::new());
    let saving = RwSignal::new(String::new());
    let effort = RwSignal::new(String::new());
    let priority = RwSignal::new(Priority::Medium.as_str().to_owned());
    let work_order = RwSignal::new(WorkOrder::MaintenanceContract.as_str().to_owned());
    let done = RwSignal::new(false);
    let saving_error = RwSignal::new(None::<Msg>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        saving_error.set(None);
        let s = saving.get_untracked().replace([',', '，'], "");
        let expected = if s.trim().is_empty() {
            None
        } else {
            match s.trim().parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    saving_error.set(Some(S::NumberRequired.into()));
                    form.reject(S::NumberRequired.into());
                    return;
                }
            }
        };
        if !form.begin() {
            return;
        }
        let req = ProposalRequest {
            title: title.get_untracked().trim().to_owned(),
            category: ProposalCategory::parse(&category.get_untracked()).unwrap_or(ProposalCategory::Cost),
            findings: findings.get_untracked().trim().to_owned(),
            expected_effect: effect.get_untracked().trim().to_owned(),
            expected_saving_yen_per_month: expected,
            estimated_effort: effort.get_untracked().trim().to_owned(),
            priority: Priority::parse(&priority.get_untracked()).unwrap_or(Priority::Medium),
            work_order: WorkOrder::parse(&work_order.get_untracked()).unwrap_or(WorkOrder::MaintenanceContract),
        };
        spawn_local(async move {
            if form.finish(api::create_proposal(session, company, &req).await).is_some() {
                for s in [title, findings, effect, saving, effort] {
                    s.set(String::new());
                }
                done.set(true);
                on_done.run(());
            }
        });
    };
    view! {
        <section class="card card-wide" aria-labelledby="new-proposal-title">
            <h2 id="new-proposal-title">{t(S::NewProposalTitle)}</h2>
            <Show when=move || done.get()>
                <p class="alert alert-success" role="status" data-testid="proposal-recorded">{t(S::Recorded)}</p>
            </Show>
            <form class="form" on:submit=submit novalidate data-testid="new-proposal-form">
                <ErrorSummary form=form/>
                <Field label=Msg::from(S::Title200) name="title" form=form>
                    <input type="text" maxlength="200" data-testid="proposal-title" bind:value=title/>
                </Field>
                <Field label=Msg::from(O::Category) name="category" form=form>
                    <select data-testid="proposal-category" bind:value=category>
                        {ProposalCategory::ALL.iter().copied().map(|c| view! {
                            <option value=c.as_str()>{t(O::for_category(c))}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field label=Msg::from(O::Findings) name="findings" form=form>
                    <textarea rows="3" maxlength="10000" data-testid="proposal-findings" bind:value=findings></textarea>
                </Field>
                <Field label=Msg::from(O::ExpectedEffect) name="expected_effect" form=form>
                    <textarea rows="2" maxlength="10000" data-testid="proposal-effect" bind:value=effect></textarea>
                </Field>
                <Field label=Msg::from(O::ExpectedSaving) name="expected_saving_yen_per_month" form=form
                    hint=Signal::derive(move || i18n.t(S::SavingHint).to_owned()) local_error=saving_error>
                    <input type="text" inputmode="numeric" data-testid="proposal-saving-input" bind:value=saving/>
                </Field>
                <Field label=Msg::from(O::Effort) name="estimated_effort" form=form>
                    <input type="text" maxlength="200" data-testid="proposal-effort" bind:value=effort/>
                </Field>
                <Field label=Msg::from(O::Priority) name="priority" form=form>
                    <select data-testid="proposal-priority-select" bind:value=priority>
                        {Priority::ALL.iter().copied().map(|p| view! {
                            <option value=p.as_str()>{t(O::for_priority(p))}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field label=Msg::from(O::WorkOrderLabel) name="work_order" form=form>
                    <select data-testid="proposal-work-order-select" bind:value=work_order>
                        {WorkOrder::ALL.iter().copied().map(|w| view! {
                            <option value=w.as_str()>{t(O::for_work_order(w))}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <SubmitButton pending=form.pending label=S::Record testid="record-proposal"/>
            </form>
        </section>
    }
}

#[component]
pub fn MeasureForm(proposal: Uuid, on_done: Callback<()>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let baseline = RwSignal::new(String::new());
    let result = RwSignal::new(String::new());
    let unit = RwSignal::new(MeasurementUnit::YenPerMonth.as_str().to_owned());
    let on = RwSignal::new(crate::format::jst_date(crate::format::now()));
    let note = RwSignal::new(String::new());
    let number = |s: &str| s.replace([',', '，'], "").trim().parse::<f64>().ok().filter(|f| f.is_finite());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (Some(b), Some(r)) = (number(&baseline.get_untracked()), number(&result.get_untracked())) else {
            form.reject(S::NumberRequired.into());
            return;
        };
        let Ok(measured_on) = on.get_untracked().parse::<NaiveDate>() else {
            form.reject(S::MeasuredOn.into());
            return;
        };
        if !form.begin() {
            return;
        }
        let req = MeasurementRequest {
            baseline: b,
            result: r,
            unit: MeasurementUnit::parse(&unit.get_untracked()).unwrap_or(MeasurementUnit::YenPerMonth),
            measured_on,
            note: note.get_untracked().trim().to_owned(),
        };
        spawn_local(async move {
            if form.finish(api::measure_proposal(session, proposal, &req).await).is_some() {
                on_done.run(());
            }
        });
    };
    view! {
        <form class="form form-inline" on:submit=submit novalidate data-testid="measure-form">
            <h4>{t(S::MeasureTitle)}</h4>
            <ErrorSummary form=form/>
            <Field label=Msg::from(S::Baseline) name="baseline" form=form class="field-short">
                <input type="text" inputmode="decimal" data-testid="measure-baseline" bind:value=baseline/>
            </Field>
            <Field label=Msg::from(S::Result) name="result" form=form class="field-short">
                <input type="text" inputmode="decimal" data-testid="measure-result" bind:value=result/>
            </Field>
            <Field label=Msg::from(S::Unit) name="unit" form=form class="field-short">
                <select data-testid="measure-unit" bind:value=unit>
                    {MeasurementUnit::ALL.iter().copied().map(|u| view! {
                        <option value=u.as_str()>{t(O::for_unit(u))}</option>
                    }).collect_view()}
                </select>
            </Field>
            <Field label=Msg::from(S::MeasuredOn) name="measured_on" form=form class="field-short">
                <input type="date" data-testid="measure-on" bind:value=on/>
            </Field>
            <Field label=Msg::from(S::Note) name="note" form=form>
                <textarea rows="2" maxlength="10000" data-testid="measure-note" bind:value=note></textarea>
            </Field>
            <SubmitButton pending=form.pending label=S::SaveMeasurement testid="save-measurement"/>
        </form>
    }
}
