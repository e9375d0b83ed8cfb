//! A confirmation in a [`Dialog`] (not `window.confirm`, which cannot be styled or translated): the
//! question, Cancel (focused first: the safe choice) and the action. While the action's request
//! runs, both buttons stay focusable but inert (`aria-disabled`), and Escape does not cancel.

use leptos::prelude::*;

use super::Dialog;
use crate::i18n::{t, Msg};

#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: Msg,
    /// The question, already filled in.
    #[prop(into)]
    body: Signal<String>,
    #[prop(into)] confirm_label: Msg,
    #[prop(into)] pending: Signal<bool>,
    on_confirm: impl Fn() + Send + Sync + 'static,
    on_cancel: impl Fn() + Clone + Send + Sync + 'static,
    /// See [`Dialog`]'s `return_focus`.
    #[prop(optional, into)]
    return_focus: Option<String>,
    /// Shown under the question, e.g. the error of a failed attempt.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let cancel = on_cancel.clone();
    let busy = move || pending.get().then_some("true");
    view! {
        <Dialog title=title on_cancel=on_cancel busy=pending return_focus=return_focus testid="confirm-dialog">
            <p>{move || body.get()}</p>
            {children.map(|c| c())}
            <div class="dialog-actions">
                <button
                    type="button"
                    class="btn"
                    data-testid="confirm-cancel"
                    aria-disabled=busy
                    on:click=move |_| if !pending.get_untracked() { cancel() }
                >
                    {t(Msg::Cancel)}
                </button>
                <button
                    type="button"
                    class="btn btn-danger"
                    data-testid="confirm-ok"
                    aria-disabled=busy
                    aria-busy=busy
                    on:click=move |_| if !pending.get_untracked() { on_confirm() }
                >
                    <Show when=move || pending.get()>
                        <span class="spinner spinner-small" aria-hidden="true"></span>
                    </Show>
                    {t(confirm_label)}
                </button>
            </div>
        </Dialog>
    }
}
