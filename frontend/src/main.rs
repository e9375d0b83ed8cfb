// The API error carries the server's problem document by value: it is built once per failed
// request in the browser, where its size does not matter.
#![allow(clippy::result_large_err)]
// The customers' bundle (no `staff` feature) leaves the staff screens out, so what only they use is
// dead there by design; the staff build, which clippy and the tests also run, checks all of it.
#![cfg_attr(not(feature = "staff"), allow(dead_code, unused_imports))]
//! cloudpack+ PORTAL in the browser: a Leptos client-side app served by the portal itself.

mod api;
mod app;
mod applications;
mod clipboard;
mod components;
mod download;
mod format;
mod i18n;
mod inquiries;
mod pages;
mod reload;
mod route_meta;
mod session;
mod threads;
mod trainings;

fn main() {
    console_error_panic_hook::set_once();
    reload::note_arrival();
    leptos::mount::mount_to_body(app::App);
}
