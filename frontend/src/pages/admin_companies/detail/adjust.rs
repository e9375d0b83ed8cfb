//! Manual ticket adjustment with a reason (R3.2), after confirmation; the balance never goes below
//! zero (`insufficient_tickets`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::company::CompanyDetail;

use crate::api::{self, ApiError};
use crate::components::{ConfirmDialog, ErrorMessage, FieldErrors, SubmitButton};
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
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(false);
        match amount.get_untracked().trim().trim_start_matches('+').parse::<i32>() {
            Ok(n) => {
                not_a_number.set(false);
                asking.set(Some(n));
            }
            Err(_) => not_a_number.set(true),
        }
    };
    let confirm = move || {
        if pending.get_untracked() {
            return;
        }
        let (Some(n), Some(company)) =
            (asking.get_untracked(), detail.with_untracked(|d| d.as_ref().map(|d| d.overview.id)))
        else {
            return;
        };
        let why = reason.get_untracked();
        pending.set(true);
        spawn_local(async move {
            let result = api::adjust_tickets(session, company, n, &why).await;
            pending.set(false);
            asking.set(None);
            match result {
                Ok(_) => {
                    amount.set(String::new());
                    reason.set(String::new());
                    done.set(true);
                    on_done();
                }
                Err(e) => error.set(Some(e)),
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
                <ErrorMessage error=error/>
                <Show when=move || done.get()>
                    <p class="alert alert-success" role="status" data-testid="adjust-done">{t(S::AdjustDone)}</p>
                </Show>
                <label class="field">
                    <span>{t(S::AdjustAmount)}</span>
                    <input type="text" inputmode="numeric" required data-testid="adjust-amount" placeholder="+5 / -2" bind:value=amount/>
                    <Show when=move || not_a_number.get()>
                        <ul class="field-errors"><li>{t(S::AmountNotANumber)}</li></ul>
                    </Show>
                    <FieldErrors error=error field="amount"/>
                </label>
                <label class="field">
                    <span>{t(S::Reason)}</span>
                    <textarea rows="2" required data-testid="adjust-reason" bind:value=reason></textarea>
                    <FieldErrors error=error field="reason"/>
                </label>
                <SubmitButton pending=pending label=S::AdjustSubmit testid="adjust-submit"/>
            </form>
            <Show when=move || asking.with(Option::is_some)>
                <ConfirmDialog
                    title=S::AdjustConfirmTitle
                    body=body
                    confirm_label=S::DoAdjust
                    pending=pending
                    on_confirm=confirm
                    on_cancel=move || asking.set(None)
                />
            </Show>
        </section>
    }
}
