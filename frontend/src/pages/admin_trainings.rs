//! `/admin/trainings` (R5.3): the fiscal year's training menu, and for admins the form that adds a
//! training (the start is read as JST; the fiscal year is the one it starts in).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::fiscal::FiscalYear;
use portal_domain::trainings::{NewTrainingMenu, TrainingFormat};
use portal_domain::Role;

use crate::api;
use crate::components::{
    load_latest, ErrorMessage, ErrorSummary, Field, FormState, Loading, StaffOnly, SubmitButton, TableScroll,
};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, Lang, Msg, TrainingMsg as T, WorkMsg as W};
use crate::session::use_session;
use crate::threads::parse_jst_local;

#[component]
pub fn AdminTrainingsPage() -> impl IntoView {
    view! { <StaffOnly><Trainings/></StaffOnly> }
}

#[component]
fn Trainings() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = load_latest(move || {
        reload.track();
        api::trainings(session)
    });
    let me = LocalResource::new(move || api::me(session));
    let admin = move || me.get().and_then(Result::ok).is_some_and(|m| m.role == Role::Admin);
    view! {
        <section class="card card-wide">
            <h1>{t(T::AdminTrainingsTitle)}</h1>
            <h2>{t(W::FiscalMenu)}</h2>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(l) if l.items.is_empty() => view! { <p class="empty" data-testid="trainings-empty">{t(T::NoTrainings)}</p> }.into_any(),
                Some(l) => view! {
                    <TableScroll label=T::AdminTrainingsTitle>
                        <table class="data" data-testid="trainings-table">
                            <thead>
                                <tr>
                                    <th>{t(T::ColTitle)}</th>
                                    <th>{t(T::ColFormat)}</th>
                                    <th>{t(T::ColDate)}</th>
                                    <th class="num">{t(T::ColDuration)}</th>
                                    <th class="num">{t(T::ColSeats)}</th>
                                    <th class="num">{t(W::TicketCost)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {l.items.into_iter().map(|m| {
                                    let name = match i18n.lang() { Lang::Ja => m.title_ja.clone(), Lang::En => m.title_en.clone() };
                                    let seats = match (m.seats_left, m.seat_limit) {
                                        (Some(left), Some(limit)) => format!("{left} / {limit}"),
                                        _ => i18n.t(T::NoLimit).to_owned(),
                                    };
                                    view! {
                                        <tr data-testid="training-row">
                                            <td>{name}</td>
                                            <td>{t(T::for_format(m.format))}</td>
                                            <td class="nowrap">{jst_minute(m.starts_at)}</td>
                                            <td class="num">{m.duration_minutes}</td>
                                            <td class="num">{seats}</td>
                                            <td class="num">{m.ticket_cost}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </TableScroll>
                }
                .into_any(),
            }}
        </section>
        <section class="card card-wide" aria-labelledby="new-training-title">
            <h2 id="new-training-title">{t(W::NewTraining)}</h2>
            <Show when=admin fallback=|| view! { <p class="muted" data-testid="admin-only-training">{t(W::AdminOnlyTraining)}</p> }>
                <NewTraining on_created=move || reload.update(|n| *n += 1)/>
            </Show>
        </section>
    }
}

#[component]
fn NewTraining(on_created: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let title_ja = RwSignal::new(String::new());
    let title_en = RwSignal::new(String::new());
    let format = RwSignal::new("seminar".to_owned());
    let starts = RwSignal::new(String::new());
    let duration = RwSignal::new("120".to_owned());
    let seats = RwSignal::new(String::new());
    let cost = RwSignal::new("2".to_owned());
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let Some(starts_at) = parse_jst_local(&starts.get_untracked()) else {
            form.reject(W::EnterDateTime.into());
            return;
        };
        let (Ok(duration_minutes), Ok(ticket_cost)) =
            (duration.get_untracked().trim().parse::<u32>(), cost.get_untracked().trim().parse::<i32>())
        else {
            form.reject(W::EnterNumber.into());
            return;
        };
        let seat_text = seats.get_untracked();
        let hands_on = format.get_untracked() == "hands_on";
        let seat_limit = match seat_text.trim() {
            "" => None,
            s => match s.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    form.reject(W::EnterNumber.into());
                    return;
                }
            },
        };
        let req = NewTrainingMenu {
            fiscal_year: FiscalYear::containing(starts_at).0,
            title_ja: title_ja.get_untracked().trim().to_owned(),
            title_en: title_en.get_untracked().trim().to_owned(),
            format: if hands_on { TrainingFormat::HandsOn } else { TrainingFormat::Seminar },
            starts_at,
            duration_minutes,
            seat_limit: seat_limit.filter(|_| hands_on),
            ticket_cost,
        };
        if !form.begin() {
            return;
        }
        spawn_local(async move {
            if let Some(m) = form.finish(api::create_training(session, &req).await) {
                done.set(Some(match i18n.lang() {
                    Lang::Ja => m.title_ja,
                    Lang::En => m.title_en,
                }));
                title_ja.set(String::new());
                title_en.set(String::new());
                on_created();
            }
        });
    };
    view! {
        <p class="muted">{t(W::NewTrainingIntro)}</p>
        {move || done.get().map(|name| view! {
            <p class="alert alert-success" role="status" data-testid="training-created">
                {move || Msg::from(W::TrainingCreated).fill(i18n.lang(), &[("title", &name)])}
            </p>
        })}
        <form on:submit=submit data-testid="training-form" novalidate>
            <ErrorSummary form=form/>
            <Field label=Msg::from(W::TitleJa) name="title_ja" form=form>
                <input type="text" required data-testid="training-title-ja" bind:value=title_ja/>
            </Field>
            <Field label=Msg::from(W::TitleEn) name="title_en" form=form>
                <input type="text" required data-testid="training-title-en" bind:value=title_en/>
            </Field>
            <div class="field-row">
                <Field label=Msg::from(W::Format) name="format" form=form class="field-short">
                    <select data-testid="training-format" bind:value=format>
                        <option value="seminar">{t(T::Seminar)}</option>
                        <option value="hands_on">{t(T::HandsOn)}</option>
                    </select>
                </Field>
                <Field label=Msg::from(W::StartsAt) name="starts_at" form=form class="field-short">
                    <input type="datetime-local" required data-testid="training-starts" bind:value=starts/>
                </Field>
                <Field label=Msg::from(W::DurationMinutes) name="duration_minutes" form=form class="field-short">
                    <input type="number" min="15" max="1440" required class="num" data-testid="training-duration" bind:value=duration/>
                </Field>
            </div>
            <div class="field-row">
                <Field label=Msg::from(W::SeatLimit) name="seat_limit" form=form class="field-short"
                    hint=Signal::derive(move || i18n.t(W::SeatLimitHint).to_owned())>
                    <input type="number" min="1" class="num" data-testid="training-seats" bind:value=seats/>
                </Field>
                <Field label=Msg::from(W::TicketCost) name="ticket_cost" form=form class="field-short"
                    hint=Signal::derive(move || i18n.t(W::TicketCostHint).to_owned())>
                    <input type="number" min="2" max="100" required class="num" data-testid="training-cost" bind:value=cost/>
                </Field>
            </div>
            <SubmitButton pending=form.pending label=W::CreateTraining testid="training-submit"/>
        </form>
    }
}
