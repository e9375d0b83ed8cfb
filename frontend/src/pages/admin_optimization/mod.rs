//! `/admin/companies/:id/optimization`, staff's cloud optimization work for one company (R6):
//! assign its CSM (admins; a CSM who already holds a dedicated company takes a second one only
//! with a reason: 409 `csm_already_dedicated` otherwise), open the engagement with a kickoff
//! message and meeting times, write to the company, record proposals, start and complete them and
//! record the measured effect. The engagement, proposals and history are the customers' parts.

mod forms;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use portal_domain::optimization::{EngagementState, ProposalAction, ProposalStatus, ProposalView};
use uuid::Uuid;

use super::optimization::{CsmSection, EngagementSection, OptimizationHistory, Proposals};
use crate::api::{self, ApiError};
use crate::components::{load_latest, AdminOnly, ErrorMessage, Loading, NotFoundPage, RankBadge};
use crate::i18n::{t, OptStaffMsg as S, OptimizationMsg as O};
use crate::session::use_session;
use forms::{AssignCsmForm, MeasureForm, NewProposalForm, OpenEngagementForm};

#[component]
pub fn AdminOptimizationPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    match id {
        Some(id) => view! { <CompanyOptimization company=id/> }.into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

#[component]
fn CompanyOptimization(company: Uuid) -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = load_latest(move || {
        reload.track();
        api::optimization(session, Some(company))
    });
    let changed = Callback::new(move |()| reload.update(|n| *n += 1));
    let tools = Callback::new(move |p: ProposalView| view! { <ProposalTools p=p on_change=changed/> }.into_any());
    view! {
        <section class="card card-wide" data-testid="admin-optimization">
            <p class="breadcrumb"><a href=format!("/admin/companies/{company}")>{t(S::BackToCompany)}</a></p>
            <h1>{t(S::Title)}</h1>
            <p class="muted">{t(S::Intro)}</p>
            <ErrorMessage error=loaded.error/>
            {move || (loaded.data.with(Option::is_none) && loaded.loading.get()).then(|| view! { <Loading/> })}
            {move || loaded.data.get().map(|v| view! {
                <p>{t(O::YourRank)}": "<RankBadge rank=v.rank testid="optimization-rank"/></p>
                {(!v.available).then(|| view! {
                    <p class="alert alert-info" data-testid="optimization-locked">{t(O::LockedTitle)}": "{v.unlocks_at.as_str()}</p>
                })}
            })}
        </section>
        {move || loaded.data.get().filter(|v| v.available).map(|v| {
            let open = v.engagement.as_ref().is_some_and(|e| e.state == EngagementState::Open);
            view! {
                <CsmSection view=v.clone()/>
                <AdminOnly>
                    <AssignCsmForm company=company on_done=changed/>
                </AdminOnly>
                {(!open).then(|| view! { <OpenEngagementForm company=company on_done=changed/> })}
                <EngagementSection view=v company=Some(company) on_change=changed/>
                <NewProposalForm company=company on_done=changed/>
                <Proposals company=Some(company) reload=reload tools=tools/>
            }
        })}
        {move || loaded.data.with(Option::is_some).then(|| view! { <OptimizationHistory company=Some(company) reload=reload/> })}
    }
}

/// The CSM's moves on one proposal: start an agreed one, complete one in progress, record the
/// effect of a done one.
#[component]
fn ProposalTools(p: ProposalView, on_change: Callback<()>) -> impl IntoView {
    let session = use_session();
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let id = p.id;
    let act = move |action: ProposalAction| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::transition_proposal(session, id, action).await;
            pending.set(false);
            match result {
                Ok(_) => on_change.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let busy = move || pending.get().then_some("true");
    let button = move |action: ProposalAction, label: S, testid: &'static str| {
        view! {
            <button type="button" class="btn btn-primary" data-testid=testid aria-busy=busy aria-disabled=busy
                on:click=move |_| act(action)>{t(label)}</button>
        }
    };
    view! {
        <div class="proposal-tools" data-testid="proposal-tools">
            <ErrorMessage error=error/>
            {match p.status {
                ProposalStatus::Agreed => button(ProposalAction::Start, S::Start, "start-proposal").into_any(),
                ProposalStatus::InProgress => button(ProposalAction::Complete, S::Complete, "complete-proposal").into_any(),
                ProposalStatus::Done => view! { <MeasureForm proposal=id on_done=on_change/> }.into_any(),
                _ => ().into_any(),
            }}
        </div>
    }
}
