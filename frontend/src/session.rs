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
        Session { state, stage, restoring }
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
        self.state.set(State::SignedIn(Tokens { access_token: resp.access_token.clone(), stage: resp.next }));
    }

    /// The server says this session must do something else first: follow it.
    pub fn set_stage(self, stage: SessionStage) {
        let updated = self.tokens_untracked().map(|t| Tokens { stage, ..t });
        if let Some(t) = updated {
            self.state.set(State::SignedIn(t));
        }
    }

    pub fn clear(self) {
        self.state.set(State::SignedOut);
    }
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
