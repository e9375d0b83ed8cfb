//! `/login`: e-mail and password. The answer's stage decides where the router sends the user next.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::{ErrorMessage, FieldErrors, SubmitButton};
use crate::i18n::{t, Msg};
use crate::session::use_session;

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let (e, p) = (email.get_untracked(), password.get_untracked());
        spawn_local(async move {
            let result = api::login(&e, &p).await;
            pending.set(false);
            match result {
                // Setting the session moves the route guards, which redirect to the next step.
                Ok(auth) => session.apply(&auth),
                Err(err) => {
                    password.set(String::new());
                    error.set(Some(err));
                }
            }
        });
    };

    view! {
        <section class="card card-narrow">
            <h1>{t(Msg::LoginTitle)}</h1>
            <p class="muted">{t(Msg::LoginIntro)}</p>
            <form on:submit=on_submit>
                <ErrorMessage error=error/>
                <label class="field">
                    <span>{t(Msg::Email)}</span>
                    <input
                        type="email"
                        name="email"
                        autocomplete="username"
                        required
                        data-testid="login-email"
                        bind:value=email
                    />
                    <FieldErrors error=error field="email"/>
                </label>
                <label class="field">
                    <span>{t(Msg::Password)}</span>
                    <input
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                        data-testid="login-password"
                        bind:value=password
                    />
                    <FieldErrors error=error field="password"/>
                </label>
                <SubmitButton pending=pending label=Msg::Login pending_label=Msg::LoggingIn testid="login-submit"/>
            </form>
        </section>
    }
}
