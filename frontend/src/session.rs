//! The signed-in session: the access token and the stage it allows, kept in memory only. Nothing of
//! it is written to sessionStorage or localStorage, where any injected script could read it; the
//! refresh token is an `HttpOnly` cookie the script never sees. A reload starts `Restoring`: the app
//! asks `POST /auth/refresh` (cookie) for a new access token once, then is signed in or out.

use leptos::prelude::*;
use portal_domain::auth::{AuthResponse, SessionStage};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    pub access_token: String,
    pub stage: SessionStage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// At start-up, until the first cookie refresh has answered.
    Restoring,
    SignedOut,
    SignedIn(Tokens),
}

/// Shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    state: RwSignal<State>,
    /// Changes only when the stage does: a token refresh must not re-render (and reset) the page.
    stage: Memo<Option<SessionStage>>,
    restoring: Memo<bool>,
    /// Signed out because the session ended (refresh refused), not by the user: the sign-in page says so.
    ended: RwSignal<bool>,
    /// Where to go once fully signed in again (a safe path, see [`crate::route_meta::safe_next`]).
    return_to: RwSignal<Option<String>>,
}

impl Session {
    fn new() -> Session {
        let state = RwSignal::new(State::Restoring);
        let stage = Memo::new(move |_| {
            state.with(|s| match s {
                State::SignedIn(t) => Some(t.stage),
                _ => None,
            })
        });
        let restoring = Memo::new(move |_| state.with(|s| *s == State::Restoring));
        Session { state, stage, restoring, ended: RwSignal::new(false), return_to: RwSignal::new(None) }
    }

    /// The current stage (tracked), `None` when signed out (or not known yet).
    pub fn stage(self) -> Option<SessionStage> {
        self.stage.get()
    }

    /// True until the start-up refresh has answered (tracked).
    pub fn restoring(self) -> bool {
        self.restoring.get()
    }

    pub fn tokens_untracked(self) -> Option<Tokens> {
        self.state.with_untracked(|s| match s {
            State::SignedIn(t) => Some(t.clone()),
            _ => None,
        })
    }

    /// Takes the result of a sign-in step or a refresh. (A refresh token in the body is ignored: the
    /// SPA asks for the cookie transport, so there should be none.)
    pub fn apply(self, resp: &AuthResponse) {
        self.ended.set(false);
        self.state.set(State::SignedIn(Tokens { access_token: resp.access_token.clone(), stage: resp.next }));
    }

    /// The server says this session must do something else first: follow it.
    pub fn set_stage(self, stage: SessionStage) {
        let updated = self.tokens_untracked().map(|t| Tokens { stage, ..t });
        if let Some(t) = updated {
            self.state.set(State::SignedIn(t));
        }
    }

    /// Signs out (the user's choice, or no session at start-up).
    pub fn clear(self) {
        self.ended.set(false);
        self.state.set(State::SignedOut);
    }

    /// Signs out because the session ended on the server (the refresh was refused); the sign-in
    /// page then says so, and brings the user back to where they were (the route guard's `next`).
    pub fn expire(self) {
        self.ended.set(true);
        self.state.set(State::SignedOut);
    }

    /// True after [`Session::expire`], until the next sign-in step or sign-out (tracked).
    pub fn ended(self) -> bool {
        self.ended.get()
    }

    /// Remembers where to go once signed in (only a safe path is kept).
    pub fn set_return_to(self, next: Option<&str>) {
        self.return_to.set(next.and_then(crate::route_meta::safe_next));
    }

    /// Where a session in `stage` belongs: the sign-in page carries the page asked for as `next`,
    /// and a full session goes there once (then home).
    pub fn landing(self, stage: Option<SessionStage>) -> String {
        match stage {
            None => crate::route_meta::login_with_next(&current_location()),
            Some(SessionStage::Full) => {
                let back = self.return_to.try_update(Option::take).flatten();
                back.unwrap_or_else(|| landing(stage).to_owned())
            }
            Some(_) => landing(stage).to_owned(),
        }
    }
}

/// The browser's path and query now (the router has already moved the URL to the page asked for).
fn current_location() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default())
        })
        .unwrap_or_default()
}

/// Where a session in `stage` belongs.
pub fn landing(stage: Option<SessionStage>) -> &'static str {
    match stage {
        None => "/login",
        Some(SessionStage::ChangePassword) => "/password",
        Some(SessionStage::EnrollMfa) => "/mfa/enroll",
        Some(SessionStage::VerifyMfa) => "/mfa/verify",
        Some(SessionStage::Full) => "/",
    }
}

/// Provides the session and starts restoring it from the refresh cookie.
pub fn provide_session() {
    let session = Session::new();
    provide_context(session);
    leptos::task::spawn_local(crate::api::restore(session));
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
