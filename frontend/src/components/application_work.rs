//! The parts of an application both sides read (R4.5, R4.8, R4.6 scheduling): where the report
//! goes and why, the CSM, the account-diagnosis checklist, and the meeting times (the customer picks
//! one through a confirmation; once picked, the scheduled time in JST).

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::services::{ApplicationState, ApplicationView, SlotView};

use super::{ConfirmDialog, ErrorMessage};
use crate::api::{self, ApiError};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, Msg, ThreadMsg as H};
use crate::session::use_session;
use crate::threads::slot_text;

/// The report channel and its reason, and the CSM working the application: rows of a facts list
/// (inside [`super::ApplicationTerms`]).
#[component]
pub fn ReportChannelFacts(app: ApplicationView) -> impl IntoView {
    let (channel, reason) = (app.report_channel, app.report_channel_reason);
    let csm = app.assigned_csm.clone();
    view! {
        <dt>{t(H::ReportChannelTitle)}</dt>
            <dd data-channel=channel.as_str() data-testid="report-channel-name">
                {t(H::for_channel(channel))}
                <br/>
                <small class="muted" data-testid="report-channel-reason">{t(H::for_reason(reason))}</small>
            </dd>
            <dt>{t(H::AssignedCsm)}</dt>
            <dd data-testid="assigned-csm">
                {match csm {
                    Some(c) => c.into_any(),
                    None => t(H::NotAssigned).into_any(),
                }}
            </dd>
    }
}

/// account-diagnosis's steps, read-only (staff tick them on their page).
#[component]
pub fn ChecklistView(app: ApplicationView) -> impl IntoView {
    let i18n = use_i18n();
    (!app.checklist.is_empty()).then(|| {
        view! {
            <section class="card card-wide" aria-labelledby="checklist-title">
                <h2 id="checklist-title">{t(H::Checklist)}</h2>
                <p class="muted">{t(H::ChecklistIntro)}</p>
                <ul class="checklist" data-testid="checklist">
                    {app.checklist
                        .into_iter()
                        .map(|c| {
                            let done = c.done_at.is_some();
                            let status = move || match (c.done_at, c.done_by.clone()) {
                                (Some(at), who) => Msg::from(H::ChkDone)
                                    .fill(i18n.lang(), &[("when", &jst_minute(at)), ("who", &who.unwrap_or_default())]),
                                (None, _) => i18n.t(H::ChkPending).to_owned(),
                            };
                            view! {
                                <li class=if done { "check-done" } else { "" } data-testid="checklist-item" data-item=c.item.as_str() data-done=done.to_string()>
                                    <span class="check-mark" aria-hidden="true">{if done { "✓" } else { "○" }}</span>
                                    {t(H::for_item(c.item))}
                                    " — "
                                    <span class="muted">{status}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// The meeting times. `pickable`: the customer may pick one (while the application is accepted
/// and none is picked yet), through a confirmation; `on_change` gets the scheduled application.
#[component]
pub fn SlotsView(
    app: ApplicationView,
    pickable: bool,
    on_change: impl Fn(ApplicationView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = app.id;
    let picked = app.slots.iter().find(|s| s.picked).cloned();
    let may_pick = pickable && picked.is_none() && app.state == ApplicationState::Accepted;
    let asking = RwSignal::new(None::<SlotView>);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let relevant = !app.slots.is_empty() || app.state == ApplicationState::Accepted;
    let confirm = move || {
        let Some(slot) = asking.get_untracked() else { return };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::pick_slot(session, id, slot.id).await;
            pending.set(false);
            asking.set(None);
            match result {
                Ok(a) => on_change(a),
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
    let slots = app.slots.clone();
    relevant.then(move || {
        view! {
            <section class="card card-wide" data-testid="slots-section" aria-labelledby="slots-title">
                <h2 id="slots-title">{t(H::Slots)}</h2>
                <ErrorMessage error=error/>
                {match picked {
                    Some(s) => view! {
                        <dl class="facts">
                            <dt>{t(H::ScheduledAt)}</dt>
                            <dd data-testid="scheduled-at">{move || slot_text(s.starts_at, s.ends_at, i18n.lang())}</dd>
                        </dl>
                    }
                    .into_any(),
                    None if slots.is_empty() => {
                        view! { <p class="empty" data-testid="no-slots">{t(H::NoSlots)}</p> }.into_any()
                    }
                    None => view! {
                        {may_pick.then(|| view! { <p class="muted">{t(H::SlotsIntro)}</p> })}
                        <ul class="slots" data-testid="slots">
                            {slots
                                .into_iter()
                                .map(|s| {
                                    let s2 = s.clone();
                                    view! {
                                        <li data-testid="slot">
                                            <span data-testid="slot-time">{move || slot_text(s.starts_at, s.ends_at, i18n.lang())}</span>
                                            {may_pick.then(|| view! {
                                                <button
                                                    type="button"
                                                    class="btn btn-primary btn-small"
                                                    data-testid="slot-pick"
                                                    on:click=move |_| asking.set(Some(s2.clone()))
                                                >
                                                    {t(H::PickSlot)}
                                                </button>
                                            })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                }}
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
    })
}
