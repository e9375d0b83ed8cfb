//! A wide table scrolls inside its own box, never the page (a 390 px phone shows the page, and the
//! table scrolls sideways). The box is a named, focusable region, so keyboard users can scroll it
//! with the arrow keys.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

#[component]
pub fn TableScroll(
    /// What the table lists (the region's name).
    #[prop(into)]
    label: Msg,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=move || i18n.t(label)>
            {children()}
        </div>
    }
}
