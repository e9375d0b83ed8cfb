//! `/password`: the forced change after a temporary password, or a voluntary change from home.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::auth::SessionStage;
use portal_domain::password::MIN_LEN;

use crate::api::{self, ApiError};
use crate::components::{ErrorMessage, FieldErrors, SubmitButton};
use crate::i18n::{t, use_i18n, Msg};
use crate::session::use_session;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Read once: a voluntary change stays `full`, a forced one moves on to MFA enrolment.
    let forced = session.stage() == Some(SessionStage::ChangePassword);
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        done.set(false);
        let (c, n) = (current.get_untracked(), new.get_untracked());
        spawn_local(async move {
            let result = api::change_password(session, &c, &n).await;
            pending.set(false);
            match result {
                Ok(auth) => {
                    current.set(String::new());
                    new.set(String::new());
                    done.set(auth.next == SessionStage::Full);
                    session.apply(&auth);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };

    view! {
        <section class="card card-narrow">
            <h1>{t(Msg::ChangePassword)}</h1>
            <p class="muted">{t(if forced { Msg::ChangePasswordForcedIntro } else { Msg::ChangePasswordIntro })}</p>
            <form on:submit=on_submit>
                <ErrorMessage error=error/>
                <Show when=move || done.get()>
                    <p class="alert alert-success" role="status" data-testid="password-changed">
                        {t(Msg::PasswordChanged)}
                    </p>
                </Show>
                <label class="field">
                    <span>{t(Msg::CurrentPassword)}</span>
                    <input
                        type="password"
                        name="current_password"
                        autocomplete="current-password"
                        required
                        data-testid="current-password"
                        bind:value=current
                    />
                    <FieldErrors error=error field="current_password"/>
                </label>
                <label class="field">
                    <span>{t(Msg::NewPassword)}</span>
                    <input
                        type="password"
                        name="new_password"
                        autocomplete="new-password"
                        required
                        data-testid="new-password"
                        bind:value=new
                    />
                    <small class="hint">{move || Msg::PasswordHint.fill(i18n.lang(), &[("min", &MIN_LEN.to_string())])}</small>
                    <FieldErrors error=error field="new_password"/>
                </label>
                <SubmitButton pending=pending label=Msg::ChangePassword testid="password-submit"/>
            </form>
            {(!forced).then(|| view! { <p><a href="/">{t(Msg::BackHome)}</a></p> })}
        </section>
    }
}
