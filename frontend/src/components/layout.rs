//! The frame around every page: the skip link, brand, language switch, navigation, content; and,
//! for every route, the document title and the focus move ([`super::page_meta`]).

use leptos::prelude::*;

use super::nav::Nav;
use crate::i18n::{t, use_i18n, Msg};

/// Toggles between Japanese and English; visible on every page.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="btn btn-link lang-switch"
            data-testid="lang-switch"
            title=t(Msg::SwitchLanguageTitle)
            lang=move || i18n.lang().other().code()
            on:click=move |_| i18n.set(i18n.lang().other())
        >
            {t(Msg::SwitchLanguage)}
        </button>
    }
}

/// The first Tab stop of every page: jumps over the header and navigation to the content.
#[component]
fn SkipLink() -> impl IntoView {
    // The router would take `#main` for a navigation and leave the focus where it was: move it here.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = super::focus::document().and_then(|d| d.get_element_by_id("main")) {
            super::focus::focus(&main);
        }
    };
    view! {
        <a class="skip-link" href="#main" data-testid="skip-link" on:click=on_click>{t(Msg::SkipToContent)}</a>
    }
}

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    super::page_meta::provide_page_meta();
    view! {
        <SkipLink/>
        <header class="topbar">
            <a class="brand" href="/">{t(Msg::Brand)}</a>
            <LangSwitch/>
        </header>
        <Nav/>
        <main class="content" id="main" tabindex="-1">{children()}</main>
    }
}
