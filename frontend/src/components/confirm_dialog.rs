//! An in-page confirmation dialog (not `window.confirm`, which cannot be styled or translated).

use leptos::prelude::*;

use crate::i18n::{t, Msg};

#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: Msg,
    /// The question, already filled in.
    #[prop(into)]
    body: Signal<String>,
    #[prop(into)] confirm_label: Msg,
    #[prop(into)] pending: Signal<bool>,
    on_confirm: impl Fn() + 'static,
    on_cancel: impl Fn() + Clone + 'static,
    /// Shown under the question, e.g. the error of a failed attempt.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let cancel = on_cancel.clone();
    view! {
        <div class="dialog-backdrop" on:click=move |_| cancel()>
            <div
                class="dialog"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="confirm-title"
                data-testid="confirm-dialog"
                on:click=|ev| ev.stop_propagation()
            >
                <h2 id="confirm-title">{t(title)}</h2>
                <p>{move || body.get()}</p>
                {children.map(|c| c())}
                <div class="dialog-actions">
                    <button
                        type="button"
                        class="btn"
                        data-testid="confirm-cancel"
                        disabled=move || pending.get()
                        on:click=move |_| on_cancel()
                    >
                        {t(Msg::Cancel)}
                    </button>
                    <button
                        type="button"
                        class="btn btn-danger"
                        data-testid="confirm-ok"
                        disabled=move || pending.get()
                        on:click=move |_| on_confirm()
                    >
                        <Show when=move || pending.get()>
                            <span class="spinner spinner-small" aria-hidden="true"></span>
                        </Show>
                        {t(confirm_label)}
                    </button>
                </div>
            </div>
        </div>
    }
}
