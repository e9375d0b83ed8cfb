//! Focus management shared by forms, dialogs and route changes, and ids that are unique on a page
//! (two forms of one page may both have a "reason" field).

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use web_sys::{Element, HtmlElement};

/// A new id, unique in this document: `{prefix}-{n}`.
pub fn unique_id(prefix: &str) -> String {
    thread_local! {
        static NEXT: Cell<u32> = const { Cell::new(0) };
    }
    let n = NEXT.with(|c| {
        let n = c.get() + 1;
        c.set(n);
        n
    });
    format!("{prefix}-{n}")
}

pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The element that has the focus (`<body>` when none has).
pub fn active_element() -> Option<Element> {
    document()?.active_element()
}

/// Focuses `el` if it can take the focus.
pub fn focus(el: &Element) -> bool {
    match el.dyn_ref::<HtmlElement>() {
        Some(h) => h.focus().is_ok(),
        None => false,
    }
}

/// Runs `f` after the browser has rendered the current changes (the view updates of a signal set
/// just before are in the DOM by then).
pub fn after_render(f: impl FnOnce() + 'static) {
    request_animation_frame(f);
}

/// Focuses `el` after the next render.
pub fn focus_after_render(target: impl FnOnce() -> Option<Element> + 'static) {
    after_render(move || {
        if let Some(el) = target() {
            focus(&el);
        }
    });
}

/// Whether `el` takes the focus by Tab: links with `href`, enabled form controls and buttons,
/// anything with a non-negative `tabindex`, and none of it hidden.
fn tabbable(el: &Element) -> bool {
    if let Some(t) = el.get_attribute("tabindex") {
        if t.trim().starts_with('-') {
            return false;
        }
    }
    if el.has_attribute("disabled") || el.closest("[hidden], [inert]").ok().flatten().is_some() {
        return false;
    }
    let by_tag = match el.tag_name().to_ascii_lowercase().as_str() {
        "a" => el.has_attribute("href"),
        "button" | "select" | "textarea" | "summary" => true,
        "input" => el.get_attribute("type").as_deref() != Some("hidden"),
        _ => false,
    };
    by_tag || el.has_attribute("tabindex")
}

/// The elements inside `root` that Tab visits, in document order (tabindex > 0 is not used here).
pub fn tabbables(root: &Element) -> Vec<Element> {
    let mut out = Vec::new();
    let mut next = root.first_element_child();
    // Depth-first walk without recursion: children, then siblings, then back up.
    while let Some(el) = next {
        if tabbable(&el) {
            out.push(el.clone());
        }
        next = el.first_element_child().or_else(|| {
            let mut up = Some(el);
            while let Some(e) = up {
                if e.is_same_node(Some(root)) {
                    return None;
                }
                if let Some(sib) = e.next_element_sibling() {
                    return Some(sib);
                }
                up = e.parent_element();
            }
            None
        });
    }
    out
}

/// Focuses the `<h1>` of `<main>` after the next render (for a page whose content changed without a
/// route change, e.g. a form replaced by its result).
pub fn focus_main_heading() {
    focus_after_render(|| {
        let h1 = document()?.query_selector("#main h1").ok().flatten()?;
        if !h1.has_attribute("tabindex") {
            let _ = h1.set_attribute("tabindex", "-1");
        }
        Some(h1)
    });
}
