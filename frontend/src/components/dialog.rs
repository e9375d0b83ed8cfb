//! The one modal dialog: `role="dialog"`, `aria-modal`, named by its heading. On open the focus moves
//! into it (its first control, or the one marked `data-autofocus`); Tab and Shift+Tab stay inside;
//! Escape cancels; on close the focus returns to the element that opened it, or to the element with
//! the id given as `return_focus` (for an opener a reload replaces, or a dialog that follows another).

use leptos::ev::KeyboardEvent;
use leptos::html::Div;
use leptos::prelude::*;
use std::cell::RefCell;

use web_sys::Element;

use super::focus::{active_element, after_render, document, focus, tabbables, unique_id};
use crate::i18n::{t, Msg};

thread_local! {
    static OPENERS: RefCell<Vec<(String, Option<Element>)>> = const { RefCell::new(Vec::new()) };
}

#[component]
pub fn Dialog(
    /// The heading, which names the dialog.
    #[prop(into)]
    title: Msg,
    /// Escape, and a click on the backdrop. While `busy`, ignored.
    on_cancel: impl Fn() + Clone + Send + Sync + 'static,
    /// While true, Escape and the backdrop do not cancel (a request is running).
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// The id of the element to focus on close when the opener is gone (e.g. a table row's button
    /// after the table was reloaded).
    #[prop(optional_no_strip, into)]
    return_focus: Option<String>,
    #[prop(optional)] testid: &'static str,
    children: Children,
) -> impl IntoView {
    let title_id = unique_id("dialog-title");
    let panel = NodeRef::<Div>::new();
    // Whoever had the focus when the dialog opened gets it back. A DOM node is not `Send`, which a
    // cleanup must be: it waits in a thread-local under this dialog's id.
    let key = title_id.clone();
    let labelled_by = title_id.clone();
    OPENERS.with(|o| o.borrow_mut().push((key.clone(), active_element())));

    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            let el: Element = el.into();
            after_render(move || {
                let target = el
                    .query_selector("[data-autofocus]")
                    .ok()
                    .flatten()
                    .or_else(|| tabbables(&el).into_iter().next())
                    .unwrap_or(el);
                focus(&target);
            });
        }
    });

    on_cleanup(move || {
        let opener = OPENERS.with(|o| {
            let mut list = o.borrow_mut();
            let at = list.iter().position(|(k, _)| *k == key)?;
            list.remove(at).1
        });
        // After the dialog is gone from the DOM (and after whatever replaced the opener rendered).
        after_render(move || {
            // The named element first (the opener may have been replaced, or the focus may have
            // been on <body> when a dialog followed another), then the opener if still there.
            let back = return_focus
                .and_then(|id| document()?.get_element_by_id(&id))
                .or_else(|| opener.filter(|o| o.is_connected() && o.tag_name() != "BODY"));
            if let Some(el) = back {
                focus(&el);
            }
        });
    });

    let cancel = on_cancel.clone();
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            if !busy.get_untracked() {
                cancel();
            }
        }
        "Tab" => {
            let Some(root) = panel.get_untracked() else { return };
            let root: Element = root.into();
            let items = tabbables(&root);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                ev.prevent_default();
                return;
            };
            let active = active_element();
            let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
            let at = |el: &Element| active.as_ref().is_some_and(|a| a.is_same_node(Some(el)));
            if ev.shift_key() && (at(first) || !inside || active.as_ref().is_some_and(|a| a.is_same_node(Some(&root))))
            {
                ev.prevent_default();
                focus(last);
            } else if !ev.shift_key() && (at(last) || !inside) {
                ev.prevent_default();
                focus(first);
            }
        }
        _ => {}
    };

    view! {
        <div class="dialog-backdrop" on:click=move |_| if !busy.get_untracked() { on_cancel() }>
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                tabindex="-1"
                data-testid=testid
                node_ref=panel
                on:click=|ev| ev.stop_propagation()
                on:keydown=on_keydown
            >
                <h2 id=title_id>{t(title)}</h2>
                {children()}
            </div>
        </div>
    }
}
