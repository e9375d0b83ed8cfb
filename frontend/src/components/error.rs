//! The banner of a failed request outside a form (a page that could not load its data). Forms
//! use [`super::ErrorSummary`] and [`super::Field`].

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{problem_text, use_i18n};

/// The banner for a failed request; empty while there is no error.
#[component]
pub fn ErrorMessage(#[prop(into)] error: Signal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|err| {
            view! {
                <p class="alert alert-error" role="alert" data-testid="error-message">
                    {problem_text(&err, i18n.lang())}
                </p>
            }
        })
    }
}
