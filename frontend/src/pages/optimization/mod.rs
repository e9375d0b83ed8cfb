//! `/optimization`, cloud optimization support for the company's users (R6). Below SILVER: what
//! the service is and which rank unlocks it (and the history, which stays). From SILVER: the CSM,
//! the engagement (kickoff message, meeting times to pick, messages), the proposals (agree or
//! decline, comments) and the improvement history as a chart and a table. The staff's page reuses
//! [`EngagementSection`], [`Proposals`] and [`OptimizationHistory`].

mod chart;
mod conversation;
mod history;
mod proposals;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::optimization::{EngagementState, EngagementView};
use portal_domain::rank::CsmKind;
use portal_domain::services::SlotView;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{load_latest, ConfirmDialog, ErrorMessage, Loading, RankBadge};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, Msg, OptimizationMsg as O, ThreadMsg as H};
use crate::session::use_session;
use crate::threads::slot_text;
pub use conversation::{MessageForm, MessageItems, Target};
pub use history::OptimizationHistory;
pub use proposals::Proposals;

#[component]
pub fn OptimizationPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = load_latest(move || {
        reload.track();
        api::optimization(session, None)
    });
    let on_change = Callback::new(move |()| reload.update(|n| *n += 1));
    view! {
        <section class="card card-wide" data-testid="optimization">
            <h1>{t(O::Title)}</h1>
            <p class="muted">{t(O::Intro)}</p>
            <ErrorMessage error=loaded.error/>
            {move || (loaded.data.with(Option::is_none) && loaded.loading.get()).then(|| view! { <Loading/> })}
            {move || loaded.data.get().filter(|v| !v.available).map(|v| {
                let (rank, current) = (v.unlocks_at, v.rank);
                view! {
                    <div class="alert alert-info" data-testid="optimization-locked" data-unlocks-at=rank.as_str()>
                        <p class="alert-title">{t(O::LockedTitle)}</p>
                        <p>{move || Msg::from(O::LockedBody).fill(i18n.lang(), &[
                            ("rank", rank.as_str()),
                            ("current", current.as_str()),
                        ])}</p>
                        <p>{t(O::YourRank)}": "<RankBadge rank=current/></p>
                    </div>
                }
            })}
        </section>
        {move || loaded.data.get().filter(|v| v.available).map(|v| view! {
            <CsmSection view=v.clone()/>
            <EngagementSection view=v company=None on_change=on_change/>
            <Proposals company=None reload=reload/>
        })}
        {move || loaded.data.with(Option::is_some).then(|| view! { <OptimizationHistory company=None reload=reload/> })}
    }
}

/// The company's CSM: name, e-mail, dedicated or shared.
#[component]
pub fn CsmSection(view: EngagementView) -> impl IntoView {
    view! {
        <section class="card card-wide" aria-labelledby="csm-title" data-testid="optimization-csm">
            <h2 id="csm-title">{t(O::CsmTitle)}</h2>
            {match view.csm {
                None => view! { <p class="empty" data-testid="csm-none">{t(O::CsmNone)}</p> }.into_any(),
                Some(c) => {
                    let href = format!("mailto:{}", c.email);
                    view! {
                        <dl class="facts">
                            <dt>{t(O::CsmName)}</dt><dd data-testid="csm-name">{c.name.clone()}</dd>
                            <dt>{t(O::CsmEmail)}</dt><dd><a href=href data-testid="csm-email">{c.email.clone()}</a></dd>
                            <dt>{t(O::CsmKindLabel)}</dt>
                            <dd data-testid="csm-kind" data-kind=format!("{:?}", c.kind).to_lowercase()>
                                {t(if c.kind == CsmKind::Dedicated { O::CsmDedicated } else { O::CsmShared })}
                            </dd>
                        </dl>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// The engagement: when it opened (or closed, and why), the kickoff times (the customer picks one
/// through a confirmation) and the messages with a form. `company`: staff name the company.
#[component]
pub fn EngagementSection(view: EngagementView, company: Option<Uuid>, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let staff = company.is_some();
    let asking = RwSignal::new(None::<SlotView>);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let confirm = move || {
        let Some(slot) = asking.get_untracked() else { return };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::pick_engagement_slot(session, slot.id).await;
            pending.set(false);
            asking.set(None);
            match result {
                Ok(_) => on_change.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let body = Signal::derive(move || {
        asking
            .get()
            .map(|s| {
                let when = slot_text(s.starts_at, s.ends_at, i18n.lang());
                Msg::from(H::PickConfirmBody).fill(i18n.lang(), &[("when", &when)])
            })
            .unwrap_or_default()
    });
    let Some(e) = view.engagement else {
        return view! {
            <section class="card card-wide" aria-labelledby="engagement-title" data-testid="engagement">
                <h2 id="engagement-title">{t(O::EngagementTitle)}</h2>
                <p class="empty" data-testid="engagement-none">{t(O::EngagementNone)}</p>
            </section>
        }
        .into_any();
    };
    let open = e.state == EngagementState::Open;
    let picked = e.slots.iter().find(|s| s.picked).cloned();
    let may_pick = !staff && open && picked.is_none();
    let slots = e.slots.clone();
    let closed_line = e.closed_at.map(|at| {
        let note = e.close_note.clone().unwrap_or_default();
        view! {
            <p class="alert alert-info" data-testid="engagement-closed">
                {move || Msg::from(O::EngagementClosed).fill(i18n.lang(), &[("at", &jst_minute(at))])}" "{note.clone()}
            </p>
        }
    });
    view! {
        <section class="card card-wide" aria-labelledby="engagement-title" data-testid="engagement" data-state=e.state.as_str()>
            <h2 id="engagement-title">{t(O::EngagementTitle)}</h2>
            {closed_line}
            <dl class="facts">
                <dt>{t(O::OpenedAt)}</dt><dd>{jst_minute(e.opened_at)}</dd>
            </dl>
            <h3>{t(H::Slots)}</h3>
            <ErrorMessage error=error/>
            {match picked {
                Some(s) => view! {
                    <dl class="facts">
                        <dt>{t(H::ScheduledAt)}</dt>
                        <dd data-testid="scheduled-at">{move || slot_text(s.starts_at, s.ends_at, i18n.lang())}</dd>
                    </dl>
                }
                .into_any(),
                None => view! {
                    {may_pick.then(|| view! { <p class="muted">{t(H::SlotsIntro)}</p> })}
                    <ul class="slots" data-testid="slots">
                        {slots.into_iter().map(|s| {
                            let s2 = s.clone();
                            view! {
                                <li data-testid="slot">
                                    <span data-testid="slot-time">{move || slot_text(s.starts_at, s.ends_at, i18n.lang())}</span>
                                    {may_pick.then(|| view! {
                                        <button type="button" class="btn btn-primary btn-small" data-testid="slot-pick"
                                            on:click=move |_| asking.set(Some(s2.clone()))>{t(H::PickSlot)}</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
            <h3>{t(O::MessagesTitle)}</h3>
            <MessageItems items=e.messages empty=O::MessagesEmpty/>
            {open.then(|| view! {
                <MessageForm target=Target::Engagement(company) label=O::MessageLabel testid="engagement-message"
                    send_testid="engagement-message-send" on_sent=on_change/>
            })}
            <Show when=move || asking.with(Option::is_some)>
                <ConfirmDialog
                    title=H::PickConfirmTitle
                    body=body
                    confirm_label=H::DoPick
                    pending=pending
                    on_confirm=confirm
                    on_cancel=move || asking.set(None)
                />
            </Show>
        </section>
    }
    .into_any()
}
