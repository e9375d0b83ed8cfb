//! The page of a path no route takes.

use leptos::prelude::*;

use crate::components::NotFoundPage;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <NotFoundPage/> }
}
