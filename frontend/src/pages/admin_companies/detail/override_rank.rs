//! Rank override with a reason (R2.4), for the current or the next fiscal year, after confirmation.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::company::CompanyDetail;
use portal_domain::fiscal::FiscalYear;
use portal_domain::Rank;

use crate::api;
use crate::components::{ConfirmDialog, ErrorSummary, Field, FormState, SubmitButton};
use crate::format::{current_fiscal_year, fiscal_label};
use crate::i18n::{t, use_i18n, Msg, StaffMsg as S};
use crate::session::use_session;

#[component]
pub fn OverrideForm(
    detail: RwSignal<Option<CompanyDetail>>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // The company's current year as the server counts it; the browser's clock only as a fallback.
    let this_year = Memo::new(move |_| {
        detail.with(|d| d.as_ref().map(|d| d.overview.fiscal_year)).unwrap_or_else(current_fiscal_year)
    });
    let fiscal_year = RwSignal::new(this_year.get_untracked().0.to_string());
    let rank = RwSignal::new(
        detail.with_untracked(|d| d.as_ref().map(|d| d.overview.rank)).unwrap_or(Rank::Regular).as_str().to_owned(),
    );
    let reason = RwSignal::new(String::new());
    let asking = RwSignal::new(false);
    let form = FormState::new();
    let done = RwSignal::new(false);

    let chosen = move || {
        let fy = fiscal_year.get_untracked().parse().map(FiscalYear).unwrap_or_else(|_| this_year.get_untracked());
        (fy, Rank::parse(&rank.get_untracked()).unwrap_or(Rank::Regular))
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.clear();
        done.set(false);
        asking.set(true);
    };
    let confirm = move || {
        if form.pending.get_untracked() {
            return;
        }
        let Some(company) = detail.with_untracked(|d| d.as_ref().map(|d| d.overview.id)) else { return };
        let (fy, r) = chosen();
        let why = reason.get_untracked();
        if !form.begin() {
            return;
        }
        spawn_local(async move {
            let result = api::override_rank(session, company, fy, r, &why).await;
            asking.set(false);
            if form.finish(result).is_some() {
                reason.set(String::new());
                done.set(true);
                on_done();
            }
        });
    };
    let body = Signal::derive(move || {
        let name = detail.with(|d| d.as_ref().map(|d| d.overview.name.clone()).unwrap_or_default());
        let (fy, r) = (fiscal_year.get(), rank.get());
        let fy = fy.parse().map(|y| fiscal_label(FiscalYear(y), i18n.lang())).unwrap_or(fy);
        Msg::from(S::OverrideConfirmBody).fill(i18n.lang(), &[("company", &name), ("fy", &fy), ("rank", &r)])
    });

    view! {
        <section class="card">
            <h2>{t(S::OverrideTitle)}</h2>
            <p class="muted">{t(S::OverrideIntro)}</p>
            <form on:submit=on_submit>
                <ErrorSummary form=form/>
                <Show when=move || done.get()>
                    <p class="alert alert-success" role="status" data-testid="override-done">{t(S::OverrideDone)}</p>
                </Show>
                <div class="field-row">
                    <Field label=Msg::Adm(S::OverrideFiscalYear) name="fiscal_year" form=form>
                        <select
                            data-testid="override-fy"
                            prop:value=move || fiscal_year.get()
                            on:change=move |ev| fiscal_year.set(event_target_value(&ev))
                        >
                            {move || {
                                let now = this_year.get();
                                [now, now.next()]
                                    .map(|fy| view! { <option value=fy.0.to_string()>{fiscal_label(fy, i18n.lang())}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </Field>
                    <Field label=Msg::Adm(S::OverrideRank) name="rank" form=form>
                        <select
                            data-testid="override-rank"
                            prop:value=move || rank.get()
                            on:change=move |ev| rank.set(event_target_value(&ev))
                        >
                            {Rank::ALL.map(|r| view! { <option value=r.as_str()>{r.as_str()}</option> }).collect_view()}
                        </select>
                    </Field>
                </div>
                <Field label=Msg::Adm(S::Reason) name="reason" form=form>
                    <textarea rows="2" required data-testid="override-reason" bind:value=reason></textarea>
                </Field>
                <SubmitButton pending=form.pending label=S::OverrideSubmit testid="override-submit"/>
            </form>
            <Show when=move || asking.get()>
                <ConfirmDialog
                    title=S::OverrideConfirmTitle
                    body=body
                    confirm_label=S::DoOverride
                    pending=form.pending
                    on_confirm=confirm
                    on_cancel=move || asking.set(false)
                />
            </Show>
        </section>
    }
}
