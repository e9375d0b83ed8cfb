//! Request errors: one banner per form and per-field messages next to inputs.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{field_error_text, problem_text, use_i18n};

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

/// The server's complaints about one field, translated by code.
#[component]
pub fn FieldErrors(#[prop(into)] error: Signal<Option<ApiError>>, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let errors = error.with(|e| e.as_ref().map(|e| e.field_errors(field)).unwrap_or_default());
        (!errors.is_empty()).then(|| {
            let lang = i18n.lang();
            view! {
                <ul class="field-errors" data-testid=format!("field-error-{field}")>
                    {errors.iter().map(|e| view! { <li>{field_error_text(e, lang)}</li> }).collect_view()}
                </ul>
            }
        })
    }
}
