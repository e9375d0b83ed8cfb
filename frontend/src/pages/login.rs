//! `/login`: e-mail and password. The answer's stage decides where the router sends the user next;
//! `?next=` (a path of the portal, see [`crate::route_meta::safe_next`]) is where a full session
//! returns to. After an ended session the page says so (a notice, not an error).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::{ErrorSummary, Field, FormState, SubmitButton};
use crate::i18n::{t, Msg};
use crate::session::use_session;

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    session.set_return_to(query.with_untracked(|q| q.get("next")).as_deref());
    // `?ended=1`: the session ended in the customers' or the staff's bundle, which reloaded here.
    let ended = session.ended() || query.with_untracked(|q| q.get("ended").is_some());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let (e, p) = (email.get_untracked(), password.get_untracked());
        spawn_local(async move {
            let result = api::login(&e, &p).await;
            if result.is_err() {
                password.set(String::new());
            }
            // Setting the session moves the route guards, which redirect to the next step.
            if let Some(auth) = form.finish(result) {
                session.apply(&auth);
            }
        });
    };

    view! {
        <section class="card card-narrow">
            <h1>{t(Msg::LoginTitle)}</h1>
            {ended.then(|| view! {
                <p class="alert alert-info" role="status" data-testid="session-ended">{t(Msg::SessionEnded)}</p>
            })}
            <p class="muted">{t(Msg::LoginIntro)}</p>
            <form on:submit=on_submit>
                <ErrorSummary form=form/>
                <Field label=Msg::Email name="email" form=form>
                    <input
                        type="email"
                        name="email"
                        autocomplete="username"
                        required
                        data-testid="login-email"
                        bind:value=email
                    />
                </Field>
                <Field label=Msg::Password name="password" form=form>
                    <input
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                        data-testid="login-password"
                        bind:value=password
                    />
                </Field>
                <SubmitButton pending=form.pending label=Msg::Login pending_label=Msg::LoggingIn testid="login-submit"/>
            </form>
        </section>
    }
}
