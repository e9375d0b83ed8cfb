//! `/mfa/verify`: the second factor at sign-in, with a TOTP code or (toggle) a recovery code.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::auth::MfaVerifyRequest;

use crate::api;
use crate::components::{ErrorSummary, Field, FormState, SubmitButton};
use crate::i18n::{t, use_i18n, Msg};
use crate::session::use_session;

#[component]
pub fn MfaVerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let use_recovery = RwSignal::new(false);
    let code = RwSignal::new(String::new());
    let form = FormState::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let value = code.get_untracked().trim().to_owned();
        let body = if use_recovery.get_untracked() {
            MfaVerifyRequest { code: None, recovery_code: Some(value) }
        } else {
            MfaVerifyRequest { code: Some(value), recovery_code: None }
        };
        spawn_local(async move {
            let result = api::mfa_verify(session, body).await;
            if result.is_err() {
                code.set(String::new());
            }
            if let Some(auth) = form.finish(result) {
                session.apply(&auth);
            }
        });
    };
    let toggle = move |_| {
        use_recovery.update(|r| *r = !*r);
        code.set(String::new());
        form.clear();
    };
    let cancel = move |_| session.clear();

    view! {
        <section class="card card-narrow">
            <h1>{t(Msg::MfaVerifyTitle)}</h1>
            <p class="muted">
                {move || if use_recovery.get() { i18n.t(Msg::RecoveryVerifyIntro) } else { i18n.t(Msg::MfaVerifyIntro) }}
            </p>
            <form on:submit=on_submit>
                <ErrorSummary form=form/>
                <Field
                    label=Signal::derive(move || if use_recovery.get() { Msg::RecoveryCode } else { Msg::AuthCode })
                    name="code"
                    form=form
                >
                    <input
                        type="text"
                        name="code"
                        inputmode=move || if use_recovery.get() { "text" } else { "numeric" }
                        autocomplete="one-time-code"
                        required
                        data-testid="mfa-code"
                        bind:value=code
                    />
                </Field>
                <SubmitButton pending=form.pending label=Msg::Verify testid="mfa-submit"/>
            </form>
            <p class="links">
                <button type="button" class="btn btn-link" data-testid="mfa-toggle-recovery" on:click=toggle>
                    {move || if use_recovery.get() { i18n.t(Msg::UseAuthCode) } else { i18n.t(Msg::UseRecoveryCode) }}
                </button>
                <button type="button" class="btn btn-link" data-testid="mfa-cancel" on:click=cancel>
                    {t(Msg::BackToLogin)}
                </button>
            </p>
        </section>
    }
}
