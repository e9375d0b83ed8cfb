//! `/password`: the forced change after a temporary password, or a voluntary change from home.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::auth::SessionStage;
use portal_domain::password::MIN_LEN;

use crate::api;
use crate::components::{ErrorSummary, Field, FormState, SubmitButton};
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
    let form = FormState::new();
    let done = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        done.set(false);
        let (c, n) = (current.get_untracked(), new.get_untracked());
        spawn_local(async move {
            let result = api::change_password(session, &c, &n).await;
            if let Some(auth) = form.finish(result) {
                current.set(String::new());
                new.set(String::new());
                done.set(auth.next == SessionStage::Full);
                session.apply(&auth);
            }
        });
    };
    let hint = Signal::derive(move || Msg::PasswordHint.fill(i18n.lang(), &[("min", &MIN_LEN.to_string())]));

    view! {
        <section class="card card-narrow">
            <h1>{t(Msg::ChangePassword)}</h1>
            <p class="muted">{t(if forced { Msg::ChangePasswordForcedIntro } else { Msg::ChangePasswordIntro })}</p>
            <form on:submit=on_submit>
                <ErrorSummary form=form/>
                <Show when=move || done.get()>
                    <p class="alert alert-success" role="status" data-testid="password-changed">
                        {t(Msg::PasswordChanged)}
                    </p>
                </Show>
                <Field label=Msg::CurrentPassword name="current_password" form=form>
                    <input
                        type="password"
                        name="current_password"
                        autocomplete="current-password"
                        required
                        data-testid="current-password"
                        bind:value=current
                    />
                </Field>
                <Field label=Msg::NewPassword name="new_password" form=form hint=hint>
                    <input
                        type="password"
                        name="new_password"
                        autocomplete="new-password"
                        required
                        data-testid="new-password"
                        bind:value=new
                    />
                </Field>
                <SubmitButton pending=form.pending label=Msg::ChangePassword testid="password-submit"/>
            </form>
            {(!forced).then(|| view! { <p><a href="/">{t(Msg::BackHome)}</a></p> })}
        </section>
    }
}
