//! The frame around every page: brand, language switch, navigation, content.

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

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <header class="topbar">
            <a class="brand" href="/">{t(Msg::Brand)}</a>
            <LangSwitch/>
        </header>
        <Nav/>
        <main class="content">{children()}</main>
    }
}
