//! The signed-in session: tokens and the stage they allow, mirrored into sessionStorage so a reload
//! keeps the user signed in but closing the tab does not.

use leptos::prelude::*;
use portal_domain::auth::{AuthResponse, SessionStage};

const KEY_ACCESS: &str = "portal.access_token";
const KEY_REFRESH: &str = "portal.refresh_token";
const KEY_STAGE: &str = "portal.stage";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub stage: SessionStage,
}

/// Shared through context; `None` means signed out.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    tokens: RwSignal<Option<Tokens>>,
    /// Changes only when the stage does: a token refresh must not re-render (and reset) the page.
    stage: Memo<Option<SessionStage>>,
}

impl Session {
    fn load() -> Session {
        let tokens = storage().and_then(|s| {
            let access_token = s.get_item(KEY_ACCESS).ok().flatten()?;
            let stage = SessionStage::parse(&s.get_item(KEY_STAGE).ok().flatten()?)?;
            let refresh_token = s.get_item(KEY_REFRESH).ok().flatten();
            Some(Tokens { access_token, refresh_token, stage })
        });
        let tokens = RwSignal::new(tokens);
        let stage = Memo::new(move |_| tokens.with(|t| t.as_ref().map(|t| t.stage)));
        Session { tokens, stage }
    }

    /// The current stage (tracked), `None` when signed out.
    pub fn stage(self) -> Option<SessionStage> {
        self.stage.get()
    }

    pub fn tokens_untracked(self) -> Option<Tokens> {
        self.tokens.get_untracked()
    }

    /// Takes the result of a sign-in step. A response without a refresh token keeps the one we have
    /// (the API only issues one when the session becomes `full`).
    pub fn apply(self, resp: &AuthResponse) {
        let previous_refresh = self.tokens.with_untracked(|t| t.as_ref().and_then(|t| t.refresh_token.clone()));
        let refresh_token =
            resp.refresh_token.clone().or(if resp.next == SessionStage::Full { previous_refresh } else { None });
        let tokens = Tokens { access_token: resp.access_token.clone(), refresh_token, stage: resp.next };
        persist(Some(&tokens));
        self.tokens.set(Some(tokens));
    }

    /// The server says this session must do something else first: follow it.
    pub fn set_stage(self, stage: SessionStage) {
        let updated = self.tokens.with_untracked(|t| t.clone()).map(|t| Tokens { stage, ..t });
        if let Some(t) = &updated {
            persist(Some(t));
            self.tokens.set(updated);
        }
    }

    pub fn clear(self) {
        persist(None);
        self.tokens.set(None);
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

pub fn provide_session() {
    provide_context(Session::load());
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn persist(tokens: Option<&Tokens>) {
    let Some(s) = storage() else { return };
    // Storage can refuse writes (quota, privacy mode); the in-memory session still works then.
    match tokens {
        Some(t) => {
            let _ = s.set_item(KEY_ACCESS, &t.access_token);
            let _ = s.set_item(KEY_STAGE, t.stage.as_str());
            match &t.refresh_token {
                Some(r) => {
                    let _ = s.set_item(KEY_REFRESH, r);
                }
                None => {
                    let _ = s.remove_item(KEY_REFRESH);
                }
            }
        }
        None => {
            for key in [KEY_ACCESS, KEY_REFRESH, KEY_STAGE] {
                let _ = s.remove_item(key);
            }
        }
    }
}
