use leptos::prelude::*;

use crate::i18n::{t, Msg};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <p>{t(Msg::NotFound)}</p>
            <p><a href="/">{t(Msg::BackHome)}</a></p>
        </section>
    }
}
