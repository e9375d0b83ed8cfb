//! Manual ticket adjustment with a reason (R3.2), after confirmation; the balance never goes below
//! zero (`insufficient_tickets`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::company::CompanyDetail;

use crate::api;
use crate::components::{ConfirmDialog, ErrorSummary, Field, FormState, SubmitButton};
use crate::format::signed;
use crate::i18n::{t, use_i18n, Msg, StaffMsg as S};
use crate::session::use_session;

#[component]
pub fn AdjustForm(
    detail: RwSignal<Option<CompanyDetail>>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let asking = RwSignal::new(None::<i32>);
    let not_a_number = RwSignal::new(false);
    let form = FormState::new();
    let done = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.clear();
        done.set(false);
        match amount.get_untracked().trim().trim_start_matches('+').parse::<i32>() {
            Ok(n) => {
                not_a_number.set(false);
                asking.set(Some(n));
            }
            Err(_) => {
                not_a_number.set(true);
                form.reject(S::AmountNotANumber.into());
            }
        }
    };
    let confirm = move || {
        if form.pending.get_untracked() {
            return;
        }
        let (Some(n), Some(company)) =
            (asking.get_untracked(), detail.with_untracked(|d| d.as_ref().map(|d| d.overview.id)))
        else {
            return;
        };
        let why = reason.get_untracked();
        if !form.begin() {
            return;
        }
        spawn_local(async move {
            let result = api::adjust_tickets(session, company, n, &why).await;
            asking.set(None);
            if form.finish(result).is_some() {
                amount.set(String::new());
                reason.set(String::new());
                done.set(true);
                on_done();
            }
        });
    };
    let body = Signal::derive(move || {
        let (name, balance) = detail.with(|d| {
            d.as_ref().map(|d| (d.overview.name.clone(), d.overview.ticket_balance.to_string())).unwrap_or_default()
        });
        let n = asking.get().map(signed).unwrap_or_default();
        Msg::from(S::AdjustConfirmBody).fill(i18n.lang(), &[("company", &name), ("amount", &n), ("balance", &balance)])
    });

    view! {
        <section class="card">
            <h2>{t(S::AdjustTitle)}</h2>
            <p class="muted">{t(S::AdjustIntro)}</p>
            <form on:submit=on_submit>
                <ErrorSummary form=form/>
                <Show when=move || done.get()>
                    <p class="alert alert-success" role="status" data-testid="adjust-done">{t(S::AdjustDone)}</p>
                </Show>
                <Field
                    label=Msg::Adm(S::AdjustAmount)
                    name="amount"
                    form=form
                    local_error=Signal::derive(move || not_a_number.get().then_some(Msg::Adm(S::AmountNotANumber)))
                >
                    <input type="text" inputmode="numeric" required data-testid="adjust-amount" placeholder="+5 / -2" bind:value=amount/>
                </Field>
                <Field label=Msg::Adm(S::Reason) name="reason" form=form>
                    <textarea rows="2" required data-testid="adjust-reason" bind:value=reason></textarea>
                </Field>
                <SubmitButton pending=form.pending label=S::AdjustSubmit testid="adjust-submit"/>
            </form>
            <Show when=move || asking.with(Option::is_some)>
                <ConfirmDialog
                    title=S::AdjustConfirmTitle
                    body=body
                    confirm_label=S::DoAdjust
                    pending=form.pending
                    on_confirm=confirm
                    on_cancel=move || asking.set(None)
                />
            </Show>
        </section>
    }
}
