//! `/admin/thresholds` (staff, R2.3, R2.5): the current rank thresholds, a form to change them (a new
//! version each time), their history, and the yearly rollover.

mod rollover;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::company::{ThresholdsVersion, UpdateThresholdsRequest};
use portal_domain::rank::Thresholds;
use portal_domain::Rank;

use crate::api;
use crate::components::{
    load_latest, AdminOnly, ErrorMessage, ErrorSummary, Field, FormState, Loading, RankBadge, StaffOnly, SubmitButton,
    TableScroll,
};
use crate::format::{grouped, jst_minute, yen};
use crate::i18n::{t, use_i18n, Msg, StaffMsg as S};
use crate::session::use_session;
use rollover::Rollover;

/// The four thresholds with their ranks, highest first.
fn rows(th: &Thresholds) -> [(Rank, i64); 4] {
    [(Rank::Platinum, th.platinum), (Rank::Gold, th.gold), (Rank::Silver, th.silver), (Rank::Bronze, th.bronze)]
}

#[component]
pub fn AdminThresholdsPage() -> impl IntoView {
    view! { <StaffOnly><ThresholdsPage/></StaffOnly> }
}

#[component]
fn ThresholdsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = load_latest(move || {
        reload.track();
        api::thresholds(session)
    });
    let current = Signal::derive(move || loaded.data.with(|d| d.as_ref().and_then(|v| v.first().cloned())));

    view! {
        <section class="card">
            <h1>{t(S::ThresholdsTitle)}</h1>
            <p class="muted">{t(S::ThresholdsIntro)}</p>
            <ErrorMessage error=loaded.error/>
            {move || match (loaded.data.with(Option::is_some), current.get()) {
                (false, _) => loaded.loading.get().then(|| view! { <Loading/> }).into_any(),
                (true, None) => view! { <p class="empty">{t(S::NoThresholds)}</p> }.into_any(),
                (true, Some(v)) => view! {
                    <h2>{move || Msg::from(S::CurrentThresholds).fill(i18n.lang(), &[("v", &v.version.to_string())])}</h2>
                    <TableScroll label=S::ThresholdsTitle>
                    <table class="data thresholds" data-testid="thresholds-current">
                        <tbody>
                            {rows(&v.thresholds)
                                .map(|(r, amount)| view! {
                                    <tr>
                                        <th><RankBadge rank=r/></th>
                                        <td class="num" data-testid=format!("threshold-{}", r.as_str().to_ascii_lowercase())>
                                            {yen(amount)}" 〜"
                                        </td>
                                    </tr>
                                })
                                .collect_view()}
                            <tr>
                                <th><RankBadge rank=Rank::Regular/></th>
                                <td class="num muted">{format!("〜 {}", yen(v.thresholds.bronze - 1))}</td>
                            </tr>
                        </tbody>
                    </table>
                    </TableScroll>
                }
                .into_any(),
            }}
        </section>
        <AdminOnly>
            <Show when=move || loaded.data.with(Option::is_some)>
                <EditThresholds current=current on_saved=move || reload.update(|n| *n += 1)/>
            </Show>
        </AdminOnly>
        <section class="card card-wide">
            <h2>{t(S::History)}</h2>
            {move || loaded.data.get().map(|versions| view! { <History versions=versions/> })}
        </section>
        <AdminOnly>
            <Rollover/>
        </AdminOnly>
    }
}

#[component]
fn EditThresholds(
    current: Signal<Option<ThresholdsVersion>>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let initial = current.get_untracked().map(|v| v.thresholds).unwrap_or(Thresholds::EXAMPLE);
    let inputs = rows(&initial).map(|(r, amount)| (r, RwSignal::new(grouped(amount))));
    let note = RwSignal::new(String::new());
    let form = FormState::new();
    let saved = RwSignal::new(None::<i32>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        let values: Option<Vec<i64>> = inputs
            .iter()
            .map(|(_, s)| s.get_untracked().replace([',', '，', ' ', '¥', '円'], "").trim().parse::<i64>().ok())
            .collect();
        let Some(v) = values else {
            form.reject(S::ThresholdNotANumber.into());
            return;
        };
        let req = UpdateThresholdsRequest {
            thresholds: Thresholds { platinum: v[0], gold: v[1], silver: v[2], bronze: v[3] },
            note: note.get_untracked().trim().to_owned(),
        };
        if !form.begin() {
            return;
        }
        saved.set(None);
        spawn_local(async move {
            let result = api::update_thresholds(session, &req).await;
            if let Some(v) = form.finish(result) {
                note.set(String::new());
                saved.set(Some(v.version));
                on_saved();
            }
        });
    };

    view! {
        <section class="card">
            <h2>{t(S::EditThresholds)}</h2>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form=form/>
                {move || saved.get().map(|v| view! {
                    <p class="alert alert-success" role="status" data-testid="thresholds-saved">
                        {Msg::from(S::ThresholdsSaved).fill(i18n.lang(), &[("v", &v.to_string())])}
                    </p>
                })}
                <div class="field-row field-row-4">
                    {inputs
                        .map(|(r, value)| {
                            let field = match r {
                                Rank::Platinum => "thresholds.platinum",
                                Rank::Gold => "thresholds.gold",
                                Rank::Silver => "thresholds.silver",
                                _ => "thresholds.bronze",
                            };
                            let label = Signal::stored(format!("{} (¥)", r.as_str()));
                            view! {
                                <Field label_text=label name=field form=form>
                                    <input
                                        type="text"
                                        inputmode="numeric"
                                        class="num"
                                        data-testid=format!("threshold-input-{}", r.as_str().to_ascii_lowercase())
                                        bind:value=value
                                    />
                                </Field>
                            }
                        })
                        .collect_view()}
                </div>
                <Field label=Msg::Adm(S::Note) name="note" form=form>
                    <input type="text" data-testid="threshold-note" bind:value=note/>
                </Field>
                <SubmitButton pending=form.pending label=S::SaveThresholds testid="thresholds-submit"/>
            </form>
        </section>
    }
}

#[component]
fn History(versions: Vec<ThresholdsVersion>) -> impl IntoView {
    view! {
        <TableScroll label=S::History>
            <table class="data" data-testid="thresholds-history">
                <thead>
                    <tr>
                        <th>{t(S::ColVersion)}</th>
                        <th>{t(S::ColChangedAt)}</th>
                        <th>{t(S::ColChangedBy)}</th>
                        {Rank::ALL[..4].iter().map(|r| view! { <th class="num">{r.as_str()}</th> }).collect_view()}
                        <th>{t(S::Note)}</th>
                    </tr>
                </thead>
                <tbody>
                    {versions
                        .into_iter()
                        .map(|v| view! {
                            <tr>
                                <td>{v.version}</td>
                                <td class="nowrap">{jst_minute(v.changed_at)}</td>
                                <td>{v.changed_by.unwrap_or_else(|| "system".to_owned())}</td>
                                {rows(&v.thresholds).map(|(_, a)| view! { <td class="num">{grouped(a)}</td> }).collect_view()}
                                <td>{v.note}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
