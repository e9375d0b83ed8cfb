//! The form that creates a token, and the dialog that shows its secret the one time it exists in
//! the clear (copy button; "you will not see it again").

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::api_tokens::{ApiTokenCreated, CreateApiTokenRequest, TokenScope, MAX_DAYS};

use crate::api;
use crate::clipboard::copy_to_clipboard;
use crate::components::{Dialog, ErrorSummary, Field, FormState, SubmitButton};
use crate::i18n::{t, use_i18n, Msg, UserMsg as U};
use crate::session::use_session;

const DEFAULT_DAYS: &str = "90";
const CREATE_BUTTON: &str = "create-token-submit";

/// Days as typed: a whole number from 1 to [`MAX_DAYS`].
fn parse_days(raw: &str) -> Option<u32> {
    raw.trim().parse::<u32>().ok().filter(|d| (1..=MAX_DAYS).contains(d))
}

#[component]
pub fn CreateTokenForm(on_created: Callback<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new(TokenScope::Read);
    let days = RwSignal::new(DEFAULT_DAYS.to_owned());
    let days_error = RwSignal::new(None::<Msg>);
    let created = RwSignal::new(None::<ApiTokenCreated>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(expires_in_days) = parse_days(&days.get_untracked()) else {
            days_error.set(Some(U::DaysOutOfRange.into()));
            form.reject(U::DaysOutOfRange.into());
            return;
        };
        days_error.set(None);
        if !form.begin() {
            return;
        }
        let req = CreateApiTokenRequest {
            name: name.get_untracked().trim().to_owned(),
            expires_in_days,
            scope: scope.get_untracked(),
        };
        spawn_local(async move {
            if let Some(c) = form.finish(api::create_api_token(session, &req).await) {
                name.set(String::new());
                created.set(Some(c));
                on_created.run(None);
            }
        });
    };
    let scope_hint = Signal::derive(move || {
        i18n.t(if scope.get() == TokenScope::Read { U::ScopeReadHint } else { U::ScopeReadWriteHint }).to_owned()
    });
    view! {
        <form on:submit=on_submit novalidate data-testid="create-token-form">
            <ErrorSummary form=form/>
            <Field label=Msg::from(U::TokenName) name="name" form=form hint=Signal::derive(move || i18n.t(U::TokenNameHint).to_owned())>
                <input type="text" maxlength="100" autocomplete="off" data-testid="token-name" bind:value=name/>
            </Field>
            <Field label=Msg::from(U::Scope) name="scope" form=form hint=scope_hint class="field-short">
                <select
                    data-testid="token-scope"
                    on:change=move |ev| {
                        scope.set(if event_target_value(&ev) == "read-write" { TokenScope::ReadWrite } else { TokenScope::Read })
                    }
                >
                    <option value="read" selected=move || scope.get() == TokenScope::Read>{t(U::ScopeRead)}</option>
                    <option value="read-write" selected=move || scope.get() == TokenScope::ReadWrite>{t(U::ScopeReadWrite)}</option>
                </select>
            </Field>
            <Field
                label=Msg::from(U::ExpiresInDays)
                name="expires_in_days"
                form=form
                hint=Signal::derive(move || i18n.t(U::ExpiresInDaysHint).to_owned())
                local_error=days_error
                class="field-short"
            >
                <input type="number" min="1" max=MAX_DAYS.to_string() step="1" inputmode="numeric" data-testid="token-days" bind:value=days/>
            </Field>
            <SubmitButton pending=form.pending label=U::CreateToken pending_label=U::Creating.into() testid=CREATE_BUTTON/>
        </form>
        {move || created.get().map(|c| view! { <SecretDialog created=c on_close=move || created.set(None)/> })}
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

#[component]
fn SecretDialog(created: ApiTokenCreated, on_close: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let copy_state = RwSignal::new(CopyState::Idle);
    let secret = created.secret.clone();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_copy = move |_| {
        let secret = secret.clone();
        copy_to_clipboard(&secret, move |ok| {
            copy_state.set(if ok { CopyState::Copied } else { CopyState::Failed });
            if !ok {
                // Selected, so that Ctrl+C copies it.
                if let Some(el) = input.get_untracked() {
                    el.select();
                }
            }
        });
    };
    let close = on_close.clone();
    view! {
        <Dialog title=U::SecretTitle on_cancel=on_close return_focus=CREATE_BUTTON.to_owned() testid="token-secret-dialog">
            <p class="alert alert-warning" data-testid="secret-once"><strong>{t(U::SecretOnce)}</strong></p>
            <p>{created.token.name.clone()}</p>
            <div class="field">
                <label class="field-label" for="token-secret">{t(U::SecretTitle)}</label>
                <input
                    id="token-secret"
                    class="mono secret"
                    type="text"
                    readonly
                    data-testid="token-secret"
                    prop:value=created.secret.clone()
                    node_ref=input
                    on:focus=move |_| {
                        if let Some(el) = input.get_untracked() {
                            el.select();
                        }
                    }
                />
                <small class="hint">{t(U::SecretUse)}</small>
            </div>
            <p class="menu">
                <button type="button" class="btn" data-testid="copy-secret" data-autofocus="" on:click=on_copy>{t(U::Copy)}</button>
            </p>
            <p role="status" data-testid="copy-status">
                {move || match copy_state.get() {
                    CopyState::Idle => None,
                    CopyState::Copied => Some(view! { <span>{t(U::Copied)}</span> }.into_any()),
                    CopyState::Failed => Some(view! { <span class="field-errors">{t(U::CopyFailed)}</span> }.into_any()),
                }}
            </p>
            <div class="dialog-actions">
                <button type="button" class="btn btn-primary" data-testid="secret-close" on:click=move |_| close()>
                    {t(U::SecretSaved)}
                </button>
            </div>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_a_whole_number_from_one_to_a_year() {
        assert_eq!(parse_days(" 30 "), Some(30));
        assert_eq!(parse_days("365"), Some(365));
        for bad in ["0", "366", "-1", "1.5", "", "abc"] {
            assert_eq!(parse_days(bad), None, "{bad:?}");
        }
    }
}
