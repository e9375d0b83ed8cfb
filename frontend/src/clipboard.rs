//! Copying text to the clipboard (an API token's secret, the AWS set-up's IDs and policies).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast as _, JsValue};
use web_sys::js_sys::{Function, Promise, Reflect};

/// `navigator.clipboard.writeText(text)`, then `done(true)`; `done(false)` where the browser has no
/// clipboard API or refuses (no permission, not a secure context).
pub fn copy_to_clipboard(text: &str, done: impl Fn(bool) + Clone + 'static) {
    let write = || -> Option<Promise> {
        let navigator = web_sys::window()?.navigator();
        let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok().filter(|c| c.is_object())?;
        let write_text = Reflect::get(&clipboard, &JsValue::from_str("writeText")).ok()?.dyn_into::<Function>().ok()?;
        write_text.call1(&clipboard, &JsValue::from_str(text)).ok()?.dyn_into::<Promise>().ok()
    };
    let Some(promise) = write() else {
        done(false);
        return;
    };
    let ok = done.clone();
    let on_ok = Closure::once(move |_: JsValue| ok(true));
    let on_err = Closure::once(move |_: JsValue| done(false));
    let _ = promise.then2(&on_ok, &on_err);
    // Called once by the promise, which outlives this function: JS owns them now (one per copy).
    on_ok.forget();
    on_err.forget();
}
