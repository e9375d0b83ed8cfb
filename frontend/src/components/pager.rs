//! Previous / next page controls with "page x of y". The buttons are never `disabled` (which would
//! drop the focus of a keyboard user who just pressed one): at an end or while a page loads they say
//! `aria-disabled` and ignore presses.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n, Msg};

#[component]
pub fn Pager(
    page: RwSignal<u32>,
    #[prop(into)] total: Signal<u64>,
    per_page: u32,
    #[prop(into)] busy: Signal<bool>,
    /// "page x of y (n …)"; the default counts users.
    #[prop(optional)]
    info: Option<Msg>,
) -> impl IntoView {
    let info = info.unwrap_or(Msg::PageInfo);
    let i18n = use_i18n();
    let pages = move || total.get().div_ceil(u64::from(per_page.max(1))).max(1);
    let at_first = move || page.get() <= 1;
    let at_last = move || u64::from(page.get()) >= pages();
    view! {
        <nav class="pager" aria-label=move || i18n.t(Msg::PaginationLabel)>
            <button
                type="button"
                class="btn"
                data-testid="page-prev"
                aria-disabled=move || (busy.get() || at_first()).then_some("true")
                on:click=move |_| if !busy.get_untracked() && !untrack(at_first) { page.update(|p| *p = p.saturating_sub(1).max(1)) }
            >
                {t(Msg::PrevPage)}
            </button>
            <span class="pager-info" data-testid="page-info">
                {move || {
                    info.fill(
                        i18n.lang(),
                        &[("page", &page.get().to_string()), ("pages", &pages().to_string()), ("total", &total.get().to_string())],
                    )
                }}
            </span>
            <button
                type="button"
                class="btn"
                data-testid="page-next"
                aria-disabled=move || (busy.get() || at_last()).then_some("true")
                on:click=move |_| if !busy.get_untracked() && !untrack(at_last) { page.update(|p| *p += 1) }
            >
                {t(Msg::NextPage)}
            </button>
        </nav>
    }
}
