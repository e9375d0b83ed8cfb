//! cloudpack+ PORTAL in the browser: a Leptos client-side app served by the portal itself.

mod api;
mod app;
mod components;
mod download;
mod format;
mod i18n;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
