//! Moving to a page another bundle carries (the sign-in pages live in `signin.html`, the staff
//! screens in `staff.html`, the rest in `index.html`; see `portal_domain::auth::SIGN_IN_PAGES`):
//! the browser asks the server for the address again, and the server answers with the bundle that
//! has the page. The refresh cookie carries the session across.
//!
//! What the next bundle needs to know of this one is noted in the tab's session storage and read
//! once at its start-up: the address it was reloaded for (if the server answered with the same
//! bundle, e.g. a build without the other one, reloading again would never end) and whether the
//! user caused the move (then the new page takes the focus as on any route change).

// The staff bundle has every page (and the sign-in pages): it only ever arrives, never moves on.
#![cfg_attr(feature = "staff", allow(dead_code))]

use std::cell::RefCell;

const MARK: &str = "portal.reloaded_for";
const BY_USER: &str = "portal.reloaded_by_user";

#[derive(Default)]
struct Arrival {
    for_address: Option<String>,
    by_user: bool,
}

thread_local! {
    static ARRIVAL: RefCell<Arrival> = RefCell::new(Arrival::default());
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Reads (and forgets) what the previous bundle noted; called once before mounting.
pub fn note_arrival() {
    let Some(store) = storage() else { return };
    let for_address = store.get_item(MARK).ok().flatten();
    let by_user = store.get_item(BY_USER).ok().flatten().is_some();
    let _ = store.remove_item(MARK);
    let _ = store.remove_item(BY_USER);
    ARRIVAL.with(|a| *a.borrow_mut() = Arrival { for_address, by_user });
}

/// True when this bundle was loaded for `address` by another bundle's move: if it does not have
/// the page either, it must not move again.
pub fn arrived_for(address: &str) -> bool {
    ARRIVAL.with(|a| a.borrow().for_address.as_deref() == Some(address))
}

/// True when the move that loaded this bundle was the user's doing (a click, a key, a form).
pub fn arrived_by_user() -> bool {
    ARRIVAL.with(|a| a.borrow().for_address.is_some() && a.borrow().by_user)
}

/// The router's path and query as one address (the router gives the query without its `?`).
pub fn address(path: &str, query: &str) -> String {
    match query.trim_start_matches('?') {
        "" => path.to_owned(),
        q => format!("{path}?{q}"),
    }
}

/// Loads `address` (a path of the portal) from the server, in place of the current history entry.
pub fn reload_to(address: &str, by_user: bool) {
    // Only an address of the portal itself.
    if !address.starts_with('/') || address.starts_with("//") {
        return;
    }
    if let Some(store) = storage() {
        let _ = store.set_item(MARK, address);
        if by_user {
            let _ = store.set_item(BY_USER, "1");
        }
    }
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(address);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_keeps_its_question_mark_whichever_way_the_router_gives_it() {
        assert_eq!(address("/login", ""), "/login");
        assert_eq!(address("/login", "next=%2Fcompany"), "/login?next=%2Fcompany");
        assert_eq!(address("/login", "?next=%2Fcompany"), "/login?next=%2Fcompany");
    }
}
