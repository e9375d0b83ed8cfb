//! Loading indicators.

use leptos::prelude::*;

use crate::i18n::{t, Msg};

/// A spinner with "loading" text, for a page or section waiting for data.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <span>{t(Msg::Loading)}</span>
        </div>
    }
}

/// The whole page while the session is restored at start-up (looks like index.html's boot spinner).
#[component]
pub fn Restoring() -> impl IntoView {
    view! {
        <div class="boot" role="status" aria-live="polite" data-testid="session-restoring">
            <span class="spinner" aria-hidden="true"></span>
            <span>{t(Msg::Loading)}</span>
        </div>
    }
}

/// A form's submit button: disabled and showing a spinner while its request is in flight.
#[component]
pub fn SubmitButton(
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] label: Msg,
    #[prop(optional)] pending_label: Option<Msg>,
    testid: &'static str,
) -> impl IntoView {
    let busy_text = t(pending_label.unwrap_or(Msg::Sending));
    let idle_text = t(label);
    view! {
        <button
            type="submit"
            class="btn btn-primary"
            data-testid=testid
            disabled=move || pending.get()
            aria-busy=move || if pending.get() { "true" } else { "false" }
        >
            <Show when=move || pending.get() fallback=move || idle_text()>
                <span class="spinner spinner-small" aria-hidden="true"></span>
                {busy_text}
            </Show>
        </button>
    }
}
