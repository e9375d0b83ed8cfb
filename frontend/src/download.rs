//! Saving bytes fetched with the bearer token as a file: a plain link cannot carry the
//! `Authorization` header, so the body goes Blob → object URL → a temporary `<a download>`.

use wasm_bindgen::JsCast;
use web_sys::js_sys::{Array, Uint8Array};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `bytes` to the user as `filename`. Returns false when the browser refused.
pub fn save_file(bytes: &[u8], filename: &str, mime: &str) -> bool {
    try_save(bytes, filename, mime).is_some()
}

fn try_save(bytes: &[u8], filename: &str, mime: &str) -> Option<()> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let anchor: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_attribute("hidden", "").ok()?;
    let body = document.body()?;
    body.append_child(&anchor).ok()?;
    anchor.click();
    anchor.remove();
    // Revoking at once can cancel the download in some browsers; a minute later it has surely started.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Some(())
}
