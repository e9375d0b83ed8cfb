//! The yearly rollover (R2.5, R3.1), run by hand after confirmation; normally a job runs it on April 1.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::company::RolloverReport;
use portal_domain::fiscal::FiscalYear;

use crate::api;
use crate::components::{ConfirmDialog, ErrorSummary, Field, FormState, SubmitButton};
use crate::format::{current_fiscal_year, fiscal_label};
use crate::i18n::{t, use_i18n, Msg, StaffMsg as S};
use crate::session::use_session;

#[component]
pub fn Rollover() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let now = current_fiscal_year();
    let fiscal_year = RwSignal::new(now.0.to_string());
    let asking = RwSignal::new(false);
    let form = FormState::new();
    let report = RwSignal::new(None::<RolloverReport>);
    let chosen = move || fiscal_year.get().parse().map(FiscalYear).unwrap_or(now);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.clear();
        asking.set(true);
    };
    let confirm = move || {
        let fy = chosen();
        if !form.begin() {
            return;
        }
        report.set(None);
        spawn_local(async move {
            let result = api::rollover(session, fy).await;
            asking.set(false);
            if let Some(r) = form.finish(result) {
                report.set(Some(r));
            }
        });
    };
    let body = Signal::derive(move || {
        Msg::from(S::RolloverConfirmBody).fill(i18n.lang(), &[("fy", &fiscal_label(chosen(), i18n.lang()))])
    });

    view! {
        <section class="card">
            <h2>{t(S::RolloverTitle)}</h2>
            <p class="muted">{t(S::RolloverIntro)}</p>
            <form on:submit=on_submit>
                <ErrorSummary form=form/>
                {move || report.get().map(|r| {
                    let lang = i18n.lang();
                    view! {
                        <p class="alert alert-success" role="status" data-testid="rollover-report">
                            {Msg::from(S::RolloverDone).fill(lang, &[
                                ("fy", &fiscal_label(FiscalYear(r.fiscal_year), lang)),
                                ("companies", &r.companies.to_string()),
                                ("ranks", &r.ranks_set.to_string()),
                                ("grants", &r.grants.to_string()),
                                ("expirations", &r.expirations.to_string()),
                                ("unchanged", &r.unchanged.to_string()),
                                ("failed", &r.failed.to_string()),
                            ])}
                        </p>
                    }
                })}
                <Field label=Msg::Adm(S::RolloverFiscalYear) name="fiscal_year" form=form class="field-short">
                    <select
                        data-testid="rollover-fy"
                        prop:value=move || fiscal_year.get()
                        on:change=move |ev| fiscal_year.set(event_target_value(&ev))
                    >
                        {move || [now.prev(), now]
                            .map(|fy| view! { <option value=fy.0.to_string()>{fiscal_label(fy, i18n.lang())}</option> })
                            .collect_view()}
                    </select>
                </Field>
                <SubmitButton pending=form.pending label=S::RolloverSubmit testid="rollover-submit"/>
            </form>
            <Show when=move || asking.get()>
                <ConfirmDialog
                    title=S::RolloverConfirmTitle
                    body=body
                    confirm_label=S::DoRollover
                    pending=form.pending
                    on_confirm=confirm
                    on_cancel=move || asking.set(false)
                />
            </Show>
        </section>
    }
}
