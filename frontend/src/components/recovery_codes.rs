//! The one-time display of recovery codes after MFA enrolment.

use leptos::prelude::*;

use crate::i18n::{t, Msg};

#[component]
pub fn RecoveryCodes(codes: Vec<String>, on_continue: impl Fn() + 'static) -> impl IntoView {
    // The enrolment form this replaces had the focus: give it to the new heading, not to <body>.
    super::focus::focus_main_heading();
    view! {
        <section class="card card-narrow" data-testid="recovery-codes">
            <h1 tabindex="-1">{t(Msg::RecoveryCodesTitle)}</h1>
            <p class="alert alert-warning">{t(Msg::RecoveryCodesIntro)}</p>
            <ol class="recovery-codes">
                {codes.into_iter().map(|c| view! { <li><code data-testid="recovery-code">{c}</code></li> }).collect_view()}
            </ol>
            <button type="button" class="btn btn-primary" data-testid="recovery-continue" on:click=move |_| on_continue()>
                {t(Msg::RecoveryCodesSaved)}
            </button>
        </section>
    }
}
