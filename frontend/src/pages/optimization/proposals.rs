//! The company's proposals for either side (R6.2): what each one found, what it should bring, the
//! effort, priority, status, how the work is ordered (R6.4) and, once done, the measured effect.
//! Representatives agree or decline after a confirmation; both sides comment. Staff add their
//! tools to each card through `tools`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::optimization::{ProposalStatus, ProposalView};
use uuid::Uuid;

use super::conversation::ProposalComments;
use crate::api::{self, ApiError};
use crate::components::{load_latest, ConfirmDialog, ErrorMessage, Loading};
use crate::format::{jst_minute, yen};
use crate::i18n::{t, use_i18n, Msg, OptimizationMsg as O};
use crate::session::use_session;

/// A proposal's status in words (`data-status` for tests).
#[component]
pub fn ProposalStatusBadge(status: ProposalStatus) -> impl IntoView {
    view! {
        <span class=format!("state state-{}", status.as_str()) data-testid="proposal-status" data-status=status.as_str()>
            {t(O::for_status(status))}
        </span>
    }
}

/// `company`: staff name the company. `reload` is bumped after every change (the history follows).
#[component]
pub fn Proposals(
    company: Option<Uuid>,
    reload: RwSignal<u32>,
    /// Staff tools under each proposal.
    #[prop(optional)]
    tools: Option<Callback<ProposalView, AnyView>>,
) -> impl IntoView {
    let session = use_session();
    let loaded = load_latest(move || {
        reload.track();
        api::proposals(session, company)
    });
    let staff = company.is_some();
    view! {
        <section class="card card-wide" aria-labelledby="proposals-title" data-testid="proposals">
            <h2 id="proposals-title">{t(O::ProposalsTitle)}</h2>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(list) if list.items.is_empty() => {
                    view! { <p class="empty" data-testid="proposals-empty">{t(O::ProposalsEmpty)}</p> }.into_any()
                }
                Some(list) => list
                    .items
                    .into_iter()
                    .map(|p| view! { <ProposalCard p=p staff=staff reload=reload tools=tools/> })
                    .collect_view()
                    .into_any(),
            }}
        </section>
    }
}

#[component]
fn ProposalCard(
    p: ProposalView,
    staff: bool,
    reload: RwSignal<u32>,
    tools: Option<Callback<ProposalView, AnyView>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = p.id;
    let title = p.title.clone();
    let asking = RwSignal::new(None::<bool>); // Some(true) = agree, Some(false) = decline
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<O>);
    let may_agree = !staff && p.status == ProposalStatus::Proposed;
    let may_decline = !staff && matches!(p.status, ProposalStatus::Proposed | ProposalStatus::Agreed);
    let act = move || {
        let Some(agree) = asking.get_untracked() else { return };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result =
                if agree { api::agree_proposal(session, id).await } else { api::decline_proposal(session, id).await };
            pending.set(false);
            asking.set(None);
            match result {
                Ok(_) => {
                    notice.set(Some(if agree { O::Agreed } else { O::Declined }));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let confirm_title = Signal::derive(move || asking.get().unwrap_or(true));
    let confirm_body = {
        let title = title.clone();
        Signal::derive(move || {
            let msg = if confirm_title.get() { O::AgreeConfirmBody } else { O::DeclineConfirmBody };
            Msg::from(msg).fill(i18n.lang(), &[("title", &title)])
        })
    };
    let measurement = p.measurement.clone();
    let saving = p.expected_saving_yen_per_month;
    let tools_view = tools.map(|cb| cb.run(p.clone()));
    view! {
        <article class="proposal" data-testid="proposal" data-title=p.title.clone() data-status=p.status.as_str()
            aria-labelledby=format!("proposal-{id}")>
            <h3 id=format!("proposal-{id}")>{p.title.clone()}" "<ProposalStatusBadge status=p.status/></h3>
            {move || notice.get().map(|m| view! {
                <p class="alert alert-success" role="status" data-testid="proposal-notice">{t(m)}</p>
            })}
            <ErrorMessage error=error/>
            <dl class="facts">
                <dt>{t(O::Category)}</dt><dd>{t(O::for_category(p.category))}</dd>
                <dt>{t(O::Findings)}</dt><dd class="pre-wrap">{p.findings.clone()}</dd>
                <dt>{t(O::ExpectedEffect)}</dt><dd class="pre-wrap">{p.expected_effect.clone()}</dd>
                {saving.map(|y| view! { <dt>{t(O::ExpectedSaving)}</dt><dd>{yen(y)}</dd> })}
                <dt>{t(O::Effort)}</dt><dd>{p.estimated_effort.clone()}</dd>
                <dt>{t(O::Priority)}</dt><dd data-testid="proposal-priority">{t(O::for_priority(p.priority))}</dd>
                <dt>{t(O::WorkOrderLabel)}</dt>
                <dd data-testid="proposal-work-order" data-work-order=p.work_order.as_str()>{t(O::for_work_order(p.work_order))}</dd>
                <dt>{t(O::ProposedBy)}</dt><dd>{p.proposed_by.clone()}" · "{jst_minute(p.created_at)}</dd>
                {measurement.map(|m| {
                    let line = {
                        let m = m.clone();
                        move || Msg::from(O::MeasuredLine).fill(i18n.lang(), &[
                            ("on", &m.measured_on.to_string()),
                            ("baseline", &m.baseline.to_string()),
                            ("result", &m.result.to_string()),
                            ("unit", i18n.t(O::for_unit(m.unit))),
                        ])
                    };
                    view! {
                        <dt>{t(O::Measurement)}</dt>
                        <dd data-testid="proposal-measurement">
                            {line}
                            {m.monthly_saving_yen.map(|y| view! {
                                <br/>{t(O::MonthlySaving)}": "<strong data-testid="proposal-saving">{yen(y)}</strong>
                            })}
                            {(!m.note.is_empty()).then(|| view! { <br/><span class="pre-wrap">{m.note.clone()}</span> })}
                        </dd>
                    }
                })}
            </dl>
            {(may_agree || may_decline).then(|| view! {
                <p class="actions">
                    {may_agree.then(|| view! {
                        <button type="button" class="btn btn-primary" data-testid="agree-proposal"
                            on:click=move |_| asking.set(Some(true))>{t(O::Agree)}</button>
                    })}
                    " "
                    {may_decline.then(|| view! {
                        <button type="button" class="btn btn-danger-outline" data-testid="decline-proposal"
                            on:click=move |_| asking.set(Some(false))>{t(O::Decline)}</button>
                    })}
                </p>
            })}
            {tools_view}
            <ProposalComments id=id staff=staff/>
            <Show when=move || asking.with(Option::is_some)>
                {move || {
                    let agree = confirm_title.get();
                    view! {
                        <ConfirmDialog
                            title=if agree { O::AgreeConfirmTitle } else { O::DeclineConfirmTitle }
                            body=confirm_body
                            confirm_label=if agree { O::Agree } else { O::Decline }
                            pending=pending
                            on_confirm=act
                            on_cancel=move || asking.set(None)
                        />
                    }
                }}
            </Show>
        </article>
    }
}
