//! Language choice and the message catalogue. Japanese is the default; the choice is kept in
//! localStorage so it survives sign-out and new tabs.

#[cfg(any(feature = "staff", not(feature = "signin"), test))]
mod aws_tools;
#[cfg(any(feature = "staff", test))]
mod aws_tools_staff;
mod codes;
mod company;
mod inquiries;
#[cfg(any(feature = "staff", test))]
mod inquiry_staff;
mod messages;
mod optimization;
#[cfg(any(feature = "staff", test))]
mod optimization_staff;
mod services;
mod staff;
mod threads;
mod trainings;
mod users;
#[cfg(any(feature = "staff", test))]
mod work;

use leptos::prelude::*;

#[cfg(any(feature = "staff", not(feature = "signin"), test))]
pub use aws_tools::AwsToolsMsg;
#[cfg(any(feature = "staff", test))]
pub use aws_tools_staff::AwsToolsStaffMsg;
pub use codes::{field_error_text, problem_text};
pub use company::CompanyMsg;
pub use inquiries::InquiryMsg;
#[cfg(any(feature = "staff", test))]
pub use inquiry_staff::InquiryStaffMsg;
pub use messages::Msg;
pub use optimization::OptimizationMsg;
#[cfg(any(feature = "staff", test))]
pub use optimization_staff::OptStaffMsg;
pub use services::ServiceMsg;
pub use staff::{audit_action, StaffMsg};
pub use threads::ThreadMsg;
pub use trainings::TrainingMsg;
pub use users::UserMsg;
#[cfg(any(feature = "staff", test))]
pub use work::WorkMsg;

const STORAGE_KEY: &str = "portal.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    fn from_code(s: &str) -> Option<Lang> {
        match s {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    /// The text of a `(Japanese, English)` pair in this language.
    pub fn pick(self, (ja, en): (&'static str, &'static str)) -> &'static str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// The current language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    fn load() -> I18n {
        let stored = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let lang = stored.as_deref().and_then(Lang::from_code).unwrap_or(Lang::Ja);
        set_document_lang(lang);
        I18n { lang: RwSignal::new(lang) }
    }

    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    pub fn set(self, lang: Lang) {
        if let Some(storage) = local_storage() {
            // Private browsing may refuse storage; the switch still works for this page.
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
        set_document_lang(lang);
        self.lang.set(lang);
    }

    /// The text of `msg` in the current language (tracks the language signal).
    pub fn t(self, msg: impl Into<Msg>) -> &'static str {
        msg.into().text(self.lang())
    }
}

pub fn provide_i18n() {
    provide_context(I18n::load());
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text node for `msg`: `{t(Msg::Login)}` inside `view!`.
pub fn t(msg: impl Into<Msg>) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    let msg = msg.into();
    move || i18n.t(msg)
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}
