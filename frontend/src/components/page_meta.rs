//! What a route change does besides showing the page: the document title names the page in the
//! current language ("会社情報 | cloudpack+ PORTAL"), and, when the user caused the change (a click,
//! a key, a submitted form), the focus moves to the new page's `<h1>` so screen readers announce it
//! and the next Tab starts at the top of the page. The first page of a visit keeps the browser's
//! start (the skip link is the first stop), unless the user's move loaded it from another bundle.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::time::Duration;

use super::focus::{active_element, document, focus};
use crate::i18n::{use_i18n, Msg};
use crate::route_meta::{document_title, page_title};

/// A page that stands in for another (no permission) names itself instead, for this path only.
#[derive(Debug, Clone, Copy)]
struct TitleOverride(RwSignal<Option<(String, Msg)>>);

/// Called by a page that replaces the route's own (e.g. the no-permission page).
pub fn override_title(msg: Msg) {
    if let Some(TitleOverride(over)) = use_context::<TitleOverride>() {
        let path = use_location().pathname.get_untracked();
        over.set(Some((path, msg)));
    }
}

/// Whether the user has pressed a key or a pointer in this app (or in the bundle that loaded it).
#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "staff", allow(dead_code))]
struct Interacted(StoredValue<bool>);

/// True once the user has done something in the page: a route change from now on is theirs.
#[cfg_attr(feature = "staff", allow(dead_code))]
pub fn user_has_interacted() -> bool {
    use_context::<Interacted>().is_some_and(|Interacted(i)| i.get_value())
}

/// Sets up the title and the focus move; call once inside the router.
pub fn provide_page_meta() {
    let location = use_location();
    let i18n = use_i18n();
    let over = RwSignal::new(None::<(String, Msg)>);
    provide_context(TitleOverride(over));

    Effect::new(move |_| {
        let path = location.pathname.get();
        let lang = i18n.lang();
        let page = over
            .with(|o| o.as_ref().filter(|(p, _)| *p == path).map(|(_, m)| *m))
            .or_else(|| page_title(&path))
            .unwrap_or(Msg::NotFoundTitle);
        if let Some(doc) = document() {
            doc.set_title(&document_title(page.text(lang), Msg::Brand.text(lang)));
        }
    });

    // Route changes before any interaction are the app's own (start-up redirects): no focus move.
    // A bundle loaded by the user's move from another bundle continues that move.
    let arrived_by_user = crate::reload::arrived_by_user();
    let interacted = StoredValue::new(arrived_by_user);
    provide_context(Interacted(interacted));
    let on_key = window_event_listener(ev::keydown, move |_| interacted.set_value(true));
    let on_pointer = window_event_listener(ev::pointerdown, move |_| interacted.set_value(true));
    on_cleanup(move || {
        on_key.remove();
        on_pointer.remove();
    });
    let seq = StoredValue::new(0u32);
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname.get();
        let changed = match &prev {
            Some(p) => *p != path,
            None => arrived_by_user,
        };
        if changed && interacted.get_value() {
            seq.update_value(|n| *n += 1);
            focus_heading(seq, seq.get_value(), 0);
        }
        path
    });
}

/// Focuses the `<h1>` of `<main>` once the page has rendered it (pages that load data render it
/// later), unless the user has meanwhile put the focus somewhere in the page or another route
/// change took over.
fn focus_heading(seq: StoredValue<u32>, mine: u32, tries: u32) {
    const STEP: Duration = Duration::from_millis(50);
    const MAX_TRIES: u32 = 100;
    set_timeout(
        move || {
            if seq.try_get_value() != Some(mine) {
                return;
            }
            let Some(doc) = document() else { return };
            let active = active_element();
            let main = doc.get_element_by_id("main");
            let user_moved = match (&active, &main) {
                (Some(a), Some(m)) => !a.is_same_node(Some(m)) && m.contains(Some(a)) && a.tag_name() != "H1",
                _ => false,
            };
            if user_moved && tries > 0 {
                return;
            }
            match doc.query_selector("#main h1").ok().flatten() {
                Some(h1) => {
                    if !h1.has_attribute("tabindex") {
                        let _ = h1.set_attribute("tabindex", "-1");
                    }
                    focus(&h1);
                }
                None if tries < MAX_TRIES => focus_heading(seq, mine, tries + 1),
                None => {}
            }
        },
        STEP,
    );
}
