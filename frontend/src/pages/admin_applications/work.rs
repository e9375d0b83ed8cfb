//! Staff's work on an application besides its moves: proposing meeting times (datetime-local
//! inputs read as JST; the server's field error names a time outside service hours), ticking the
//! account-diagnosis checklist, delivering the report (portal thread or Backlog; a Backlog that
//! refuses is 502 `backlog_failed`, shown with its reason) and assigning a CSM.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::services::{
    ApplicationView, ChecklistItemView, ProposeSlotsRequest, ReportChannel, ReportRequest, SlotInput,
};
use portal_domain::{ErrorCode, Role};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{Check, ErrorMessage, ErrorSummary, Field, FormState, SubmitButton};
use crate::i18n::{t, use_i18n, Msg, ThreadMsg as H, WorkMsg as W};
use crate::session::use_session;
use crate::threads::parse_jst_local;

const MAX_SLOTS: usize = 5;
/// The server names a refused time `slots[i]`.
const SLOT_FIELDS: [&str; MAX_SLOTS] = ["slots[0]", "slots[1]", "slots[2]", "slots[3]", "slots[4]"];
const DURATIONS: [u32; 4] = [30, 60, 90, 120];

/// The server's refusal of time `i` in words: in the past, or outside service hours.
fn slot_error(form: FormState, i: usize) -> Option<Msg> {
    let errors = form.field_errors(SLOT_FIELDS[i]);
    let past = ErrorCode::parse(&errors.first()?.code) == Some(ErrorCode::TimeInPast);
    Some(if past { W::SlotInPast } else { W::OutsideHours }.into())
}

/// Staff propose 1–5 times for an accepted application.
#[component]
pub fn ProposeSlots(
    app_id: Uuid,
    on_done: impl Fn(W, ApplicationView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let count = RwSignal::new(1usize);
    let starts: [RwSignal<String>; MAX_SLOTS] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let durations: [RwSignal<String>; MAX_SLOTS] = std::array::from_fn(|_| RwSignal::new("60".to_owned()));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut slots = Vec::new();
        for i in 0..count.get_untracked() {
            let Some(start) = parse_jst_local(&starts[i].get_untracked()) else {
                form.reject(W::SlotRequired.into());
                return;
            };
            let minutes: i64 = durations[i].get_untracked().parse().unwrap_or(60);
            slots.push(SlotInput { starts_at: start, ends_at: start + chrono::Duration::minutes(minutes) });
        }
        if !form.begin() {
            return;
        }
        spawn_local(async move {
            if let Some(a) = form.finish(api::propose_slots(session, app_id, &ProposeSlotsRequest { slots }).await) {
                on_done(W::Proposed, a);
            }
        });
    };
    view! {
        <section class="card card-wide" aria-labelledby="propose-title">
            <h2 id="propose-title">{t(W::ProposeTitle)}</h2>
            <p class="muted">{t(W::ProposeIntro)}</p>
            <form on:submit=submit data-testid="propose-form" novalidate>
                <ErrorSummary form=form/>
                {(0..MAX_SLOTS)
                    .map(|i| {
                        let n = (i + 1).to_string();
                        let n2 = n.clone();
                        view! {
                            <Show when=move || { count.get() > i }>
                                <div class="slot-row">
                                    <Field
                                        label_text=Signal::derive({
                                            let n = n.clone();
                                            move || Msg::from(W::SlotStart).fill(i18n.lang(), &[("n", &n)])
                                        })
                                        name=SLOT_FIELDS[i]
                                        local_error=Signal::derive(move || slot_error(form, i))
                                    >
                                        <input type="datetime-local" data-testid=format!("slot-start-{i}") bind:value=starts[i]/>
                                    </Field>
                                    <Field
                                        label_text=Signal::derive({
                                            let n = n2.clone();
                                            move || Msg::from(W::SlotDuration).fill(i18n.lang(), &[("n", &n)])
                                        })
                                        class="field-short"
                                    >
                                        <select data-testid=format!("slot-duration-{i}") bind:value=durations[i]>
                                            {DURATIONS
                                                .iter()
                                                .map(|m| {
                                                    let m = *m;
                                                    view! {
                                                        <option value=m.to_string()>
                                                            {move || Msg::from(crate::i18n::TrainingMsg::MinutesN).fill(i18n.lang(), &[("n", &m.to_string())])}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </Field>
                                </div>
                            </Show>
                        }
                    })
                    .collect_view()}
                <div class="actions">
                    <Show when=move || { count.get() < MAX_SLOTS }>
                        <button type="button" class="btn" data-testid="slot-add" on:click=move |_| count.update(|c| *c += 1)>
                            {t(W::AddSlot)}
                        </button>
                    </Show>
                    <Show when=move || { count.get() > 1 }>
                        <button type="button" class="btn" data-testid="slot-remove" on:click=move |_| count.update(|c| *c -= 1)>
                            {t(W::RemoveSlot)}
                        </button>
                    </Show>
                    <SubmitButton pending=form.pending label=W::ProposeSubmit testid="propose-submit"/>
                </div>
            </form>
        </section>
    }
}

/// account-diagnosis's steps as checkboxes; each change is saved at once.
#[component]
pub fn ChecklistEditor(
    app_id: Uuid,
    items: Vec<ChecklistItemView>,
    on_done: impl Fn(W, ApplicationView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    (!items.is_empty()).then(|| {
        view! {
            <section class="card card-wide" aria-labelledby="checklist-edit-title">
                <h2 id="checklist-edit-title">{t(H::Checklist)}</h2>
                <p class="muted">{t(W::ChecklistStaffIntro)}</p>
                <ErrorMessage error=error/>
                <div data-testid="checklist-editor">
                    {items
                        .into_iter()
                        .map(|c| {
                            let item = c.item;
                            let done = c.done_at.is_some();
                            view! {
                                <Check label=H::for_item(item)>
                                    <input
                                        type="checkbox"
                                        data-testid=format!("checklist-{}", item.as_str())
                                        prop:checked=done
                                        aria-disabled=move || pending.get().then_some("true")
                                        on:change=move |ev| {
                                            let now = event_target_checked(&ev);
                                            if pending.get_untracked() {
                                                return;
                                            }
                                            pending.set(true);
                                            error.set(None);
                                            spawn_local(async move {
                                                let result = api::set_checklist(session, app_id, item, now).await;
                                                pending.set(false);
                                                match result {
                                                    Ok(a) => on_done(W::ChecklistSaved, a),
                                                    Err(e) => error.set(Some(e)),
                                                }
                                            });
                                        }
                                    />
                                </Check>
                            }
                        })
                        .collect_view()}
                </div>
            </section>
        }
    })
}

/// The work report, for an application in progress.
#[component]
pub fn ReportForm(
    app_id: Uuid,
    channel: ReportChannel,
    on_done: impl Fn(W, ApplicationView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let content = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let backlog = channel == ReportChannel::Backlog;
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let req = ReportRequest {
            content: content.get_untracked().trim().to_owned(),
            backlog_issue_key: backlog.then(|| key.get_untracked().trim().to_owned()).filter(|k| !k.is_empty()),
        };
        spawn_local(async move {
            if let Some(a) = form.finish(api::post_report(session, app_id, &req).await) {
                on_done(W::ReportSent, a);
            }
        });
    };
    // Backlog's own words on why it refused, under the summary.
    let upstream = move || {
        form.error.with(|e| match e {
            Some(e @ ApiError::Problem(p)) if e.code() == Some(ErrorCode::BacklogFailed) => p.detail.clone(),
            _ => None,
        })
    };
    view! {
        <section class="card card-wide" aria-labelledby="report-title">
            <h2 id="report-title">{t(W::ReportTitle)}</h2>
            <p class="muted">{t(if backlog { W::ReportIntroBacklog } else { W::ReportIntroPortal })}</p>
            <form on:submit=submit data-testid="report-form" novalidate>
                <ErrorSummary form=form>
                    {move || upstream().map(|d| view! { <p data-testid="backlog-detail"><code>{d}</code></p> })}
                </ErrorSummary>
                {backlog.then(|| view! {
                    <Field
                        label=Msg::from(W::BacklogIssueKey)
                        name="backlog_issue_key"
                        form=form
                        hint=Signal::derive(move || i18n.t(W::BacklogIssueHint).to_owned())
                        class="field-short"
                    >
                        <input type="text" data-testid="report-backlog-key" bind:value=key/>
                    </Field>
                })}
                <Field label=Msg::from(W::ReportContent) name="content" form=form>
                    <textarea rows="5" data-testid="report-content" bind:value=content></textarea>
                </Field>
                <SubmitButton pending=form.pending label=W::ReportSubmit testid="report-submit"/>
            </form>
        </section>
    }
}

/// Assigns the application to a CSM (or to nobody).
#[component]
pub fn AssignCsm(
    app_id: Uuid,
    current: Option<String>,
    on_done: impl Fn(W, ApplicationView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let choice = RwSignal::new(String::new());
    let csms = LocalResource::new(move || async move {
        api::admin_users(session, 1, 100, "")
            .await
            .map(|p| p.items.into_iter().filter(|u| u.role == Role::Csm).collect::<Vec<_>>())
    });
    // Preselect the CSM working it, once the list names them.
    Effect::new(move |_| {
        if let (Some(Ok(list)), Some(email)) = (csms.get(), current.clone()) {
            if let Some(u) = list.iter().find(|u| u.email == email) {
                choice.set(u.id.to_string());
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let csm = Uuid::parse_str(&choice.get_untracked()).ok();
        spawn_local(async move {
            if let Some(a) = form.finish(api::assign_csm(session, app_id, csm).await) {
                on_done(W::Assigned, a);
            }
        });
    };
    view! {
        <form on:submit=submit data-testid="assign-form" class="block" novalidate>
            <ErrorSummary form=form/>
            <Field label=Msg::from(W::AssignTitle) name="csm_id" form=form class="field-short">
                <select data-testid="assign-csm" bind:value=choice>
                    <option value="">{t(W::AssignNone)}</option>
                    {move || csms.get().and_then(Result::ok).map(|list| {
                        list.into_iter()
                            .map(|u| view! { <option value=u.id.to_string()>{format!("{} <{}>", u.display_name, u.email)}</option> })
                            .collect_view()
                    })}
                </select>
            </Field>
            <SubmitButton pending=form.pending label=W::AssignSubmit testid="assign-submit"/>
        </form>
    }
}
