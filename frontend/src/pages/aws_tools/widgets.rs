//! Small parts of the tools screens: a status with its shape and word (never colour alone), a
//! button that shows it is working, AWS's refusals in words with AWS's own message folded away,
//! copy and download buttons.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::aws_tools::TaStatus;

use crate::api::ApiError;
use crate::clipboard::copy_to_clipboard;
use crate::download::save_file;
use crate::i18n::{problem_text, t, use_i18n, AwsToolsMsg as A};

/// The word AWS uses for a status (also the `data-status` of the screens).
pub fn status_key(s: TaStatus) -> &'static str {
    match s {
        TaStatus::Ok => "ok",
        TaStatus::Warning => "warning",
        TaStatus::Error => "error",
        TaStatus::NotAvailable => "not_available",
    }
}

/// Each status has its own shape: a tick, a triangle, a cross, a dash.
pub fn status_icon(s: TaStatus) -> &'static str {
    match s {
        TaStatus::Ok => "✓",
        TaStatus::Warning => "▲",
        TaStatus::Error => "✕",
        TaStatus::NotAvailable => "–",
    }
}

/// A status as its shape and its word.
#[component]
pub fn StatusBadge(status: TaStatus) -> impl IntoView {
    let key = status_key(status);
    view! {
        <span class=format!("ta-status ta-{key}") data-status=key>
            <span class="ta-icon" aria-hidden="true">{status_icon(status)}</span>
            {t(A::for_status(status))}
        </span>
    }
}

/// The shape and word of a status as a column heading.
#[component]
pub fn StatusHeading(status: TaStatus) -> impl IntoView {
    view! {
        <span class="nowrap"><span class="ta-icon" aria-hidden="true">{status_icon(status)}</span>{t(A::for_status(status))}</span>
    }
}

/// A button that starts a request: while `pending` it shows a spinner and its busy text, says
/// `aria-busy`, and ignores presses (it keeps the focus: `aria-disabled`, not `disabled`).
#[component]
pub fn BusyButton(
    #[prop(into)] pending: Signal<bool>,
    label: A,
    busy_label: A,
    testid: &'static str,
    #[prop(optional)] primary: bool,
    on_press: impl Fn() + 'static,
) -> impl IntoView {
    let class = if primary { "btn btn-primary" } else { "btn" };
    let busy = move || pending.get().then_some("true");
    let idle = t(label);
    view! {
        <button type="button" class=class data-testid=testid aria-busy=busy aria-disabled=busy
            on:click=move |_| if !pending.get_untracked() { on_press() }>
            <Show when=move || pending.get() fallback=idle>
                <span class="spinner spinner-small" aria-hidden="true"></span>
                {t(busy_label)}
            </Show>
        </button>
    }
}

/// A failed request in words (the error code's text). For AWS's refusals (`aws_*`), AWS's own
/// message is under "details from AWS".
#[component]
pub fn AwsError(
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let testid = testid.unwrap_or("error-message");
    move || {
        error.get().map(|err| {
            let detail = match &err {
                ApiError::Problem(p) if from_aws(&p.code) => p.detail.clone().filter(|d| !d.trim().is_empty()),
                _ => None,
            };
            let code = match &err {
                ApiError::Problem(p) => p.code.clone(),
                _ => String::new(),
            };
            view! {
                <div class="alert alert-error" role="alert" data-testid=testid data-code=code>
                    <p class="alert-title">{problem_text(&err, i18n.lang())}</p>
                    {detail.map(|d| view! { <AwsDetails text=d/> })}
                </div>
            }
        })
    }
}

/// Whether a code is AWS's refusal (with AWS's own message), not the portal's own state.
pub fn from_aws(code: &str) -> bool {
    code.starts_with("aws_") && !matches!(code, "aws_not_configured" | "aws_role_not_set")
}

/// AWS's own message, folded away under "details from AWS".
#[component]
pub fn AwsDetails(text: String) -> impl IntoView {
    view! {
        <details class="aws-details" data-testid="aws-details">
            <summary>{t(A::AwsDetails)}</summary>
            <p class="mono">{text}</p>
        </details>
    }
}

/// Copies `text`, and says whether it worked (in a status region beside the button). The
/// button's name says what it copies.
#[component]
pub fn CopyButton(text: String, what: A, #[prop(into)] testid: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(None::<bool>);
    let on_click = move |_| {
        copy_to_clipboard(&text, move |ok| {
            let _ = state.try_set(Some(ok));
        });
    };
    view! {
        <span class="copy">
            <button type="button" class="btn btn-small" data-testid=testid.clone()
                aria-label=move || format!("{} ({})", i18n.t(A::Copy), i18n.t(what))
                on:click=on_click>{t(A::Copy)}</button>
            <span role="status" class="small" data-testid=format!("{testid}-status")>
                {move || state.get().map(|ok| if ok {
                    view! { <span>{t(A::Copied)}</span> }.into_any()
                } else {
                    view! { <span class="field-errors">{t(A::CopyFailed)}</span> }.into_any()
                })}
            </span>
        </span>
    }
}

/// Fetches a file with the session's token and offers it for saving (a plain link cannot send
/// the token). Failures are said under the button.
#[component]
pub fn DownloadButton<F, Fut>(
    label: A,
    fetch: F,
    #[prop(into)] filename: String,
    mime: &'static str,
    testid: &'static str,
) -> impl IntoView
where
    F: Fn() -> Fut + Copy + 'static,
    Fut: Future<Output = Result<Vec<u8>, ApiError>> + 'static,
{
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let refused = RwSignal::new(false);
    let on_press = move || {
        pending.set(true);
        error.set(None);
        refused.set(false);
        let filename = filename.clone();
        spawn_local(async move {
            let result = fetch().await;
            let _ = pending.try_set(false);
            match result {
                Ok(bytes) => {
                    let _ = refused.try_set(!save_file(&bytes, &filename, mime));
                }
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <BusyButton pending=pending label=label busy_label=A::Downloading testid=testid on_press=on_press/>
        <AwsError error=error testid="download-error"/>
        <Show when=move || refused.get()>
            <p class="alert alert-error" role="alert">{t(A::DownloadFailed)}</p>
        </Show>
    }
}
