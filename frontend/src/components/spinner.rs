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
