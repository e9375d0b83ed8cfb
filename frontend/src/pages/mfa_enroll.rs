//! `/mfa/enroll`: a new TOTP secret as QR code and text, confirmed with a first code; then the
//! recovery codes, shown once. The full session is only taken once the user has seen them.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::auth::{MfaConfirmResponse, MfaEnrollment};

use crate::api;
use crate::components::{ErrorMessage, ErrorSummary, Field, FormState, Loading, RecoveryCodes, SubmitButton};
use crate::i18n::{t, Msg};
use crate::session::use_session;

#[component]
pub fn MfaEnrollPage() -> impl IntoView {
    let session = use_session();
    let enrollment = LocalResource::new(move || api::mfa_enroll(session));
    let confirmed = RwSignal::new(None::<MfaConfirmResponse>);

    move || {
        if let Some(done) = confirmed.get() {
            let MfaConfirmResponse { recovery_codes, session: auth } = done;
            let on_continue = move || session.apply(&auth);
            return view! { <RecoveryCodes codes=recovery_codes on_continue=on_continue/> }.into_any();
        }
        match enrollment.get() {
            None => view! { <section class="card card-narrow"><Loading/></section> }.into_any(),
            Some(Err(err)) => {
                view! { <section class="card card-narrow"><ErrorMessage error=Signal::derive(move || Some(err.clone()))/></section> }
                    .into_any()
            }
            Some(Ok(enrollment)) => view! { <EnrollForm enrollment=enrollment confirmed=confirmed/> }.into_any(),
        }
    }
}

#[component]
fn EnrollForm(enrollment: MfaEnrollment, confirmed: RwSignal<Option<MfaConfirmResponse>>) -> impl IntoView {
    let session = use_session();
    let code = RwSignal::new(String::new());
    let form = FormState::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let c = code.get_untracked();
        spawn_local(async move {
            let result = api::mfa_confirm(session, &c).await;
            if result.is_err() {
                code.set(String::new());
            }
            if let Some(resp) = form.finish(result) {
                confirmed.set(Some(resp));
            }
        });
    };

    view! {
        <section class="card card-narrow">
            <h1>{t(Msg::MfaEnrollTitle)}</h1>
            <p class="muted">{t(Msg::MfaEnrollIntro)}</p>
            // The SVG comes from our own API (generated from the otpauth URI), not from user input.
            <div class="qr" data-testid="totp-qr" inner_html=enrollment.qr_svg></div>
            <p class="muted small">{t(Msg::MfaSecretLabel)}</p>
            <p><code class="secret" data-testid="totp-secret">{enrollment.secret}</code></p>
            <form on:submit=on_submit>
                <ErrorSummary form=form/>
                <Field label=Msg::AuthCode name="code" form=form>
                    <input
                        type="text"
                        name="code"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        maxlength="6"
                        required
                        data-testid="totp-code"
                        bind:value=code
                    />
                </Field>
                <SubmitButton pending=form.pending label=Msg::Confirm testid="totp-submit"/>
            </form>
        </section>
    }
}
