//! What the app knows about its paths without a browser: the page each path names (for
//! `document.title`), and the `next` target that brings a user back after signing in.
//!
//! `next` arrives in the sign-in page's query string, which anyone can write into a link: it is kept
//! only when it is a path of this portal (`/company/tickets?page=2`), never an absolute or
//! scheme-relative URL (`https://evil.example/`, `//evil.example/`, `/\evil.example/`) that would turn
//! the sign-in page into an open redirect.

use crate::i18n::{
    CompanyMsg as C, InquiryMsg as Q, Msg, OptimizationMsg as O, ServiceMsg as V, StaffMsg as S, TrainingMsg as T,
    UserMsg as U,
};

/// Longest `next` kept; a longer one is dropped (a real path of the portal is far shorter).
const NEXT_MAX_LEN: usize = 512;

/// The path (with its query) to return to after signing in, if `raw` is a safe one: a path of this
/// portal starting with a single `/`, without backslashes, control characters or spaces, and not a
/// step of the sign-in itself (or the API).
pub fn safe_next(raw: &str) -> Option<String> {
    if raw.is_empty() || raw.len() > NEXT_MAX_LEN || !raw.starts_with('/') {
        return None;
    }
    // `//host` and `/\host` leave the origin (browsers read `\` as `/`).
    if raw.starts_with("//") || raw.contains('\\') {
        return None;
    }
    if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let path = raw.split(['?', '#']).next().unwrap_or_default();
    let sign_in_step = ["/login", "/mfa"].iter().any(|p| path == *p || path.starts_with(&format!("{p}/")));
    let api = path == "/api" || path.starts_with("/api/");
    if sign_in_step || api || path == "/" {
        return None;
    }
    Some(raw.to_owned())
}

/// The sign-in page, carrying `current` (a path with its query) as `next` when it is worth returning to.
pub fn login_with_next(current: &str) -> String {
    match safe_next(current) {
        Some(next) => format!("/login?next={}", encode_component(&next)),
        None => "/login".to_owned(),
    }
}

/// Percent-encodes everything but the unreserved characters (RFC 3986 §2.3).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The name of the page at `path`, for the document title; `None` for a path no route takes.
pub fn page_title(path: &str) -> Option<Msg> {
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    let msg: Msg = match path {
        "/" => Msg::Home,
        "/login" => Msg::LoginTitle,
        "/password" => Msg::ChangePassword,
        "/mfa/enroll" => Msg::MfaEnrollTitle,
        "/mfa/verify" => Msg::MfaVerifyTitle,
        "/company" => C::NavCompany.into(),
        "/company/tickets" => C::TicketHistory.into(),
        "/company/users" => U::UsersTitle.into(),
        "/me/api-tokens" => U::TokensTitle.into(),
        "/admin/users" => Msg::AdminUsersTitle,
        "/admin/companies" => S::CompaniesTitle.into(),
        "/admin/companies/new" => S::OnboardTitle.into(),
        "/admin/transactions" => S::TransactionsTitle.into(),
        "/admin/thresholds" => S::ThresholdsTitle.into(),
        "/admin/audit" => S::AuditTitle.into(),
        "/services" => V::ServicesTitle.into(),
        "/applications" => V::ApplicationsTitle.into(),
        "/admin/applications" => V::QueueTitle.into(),
        "/trainings" => T::TrainingsTitle.into(),
        "/admin/trainings" => T::AdminTrainingsTitle.into(),
        "/admin/services" => T::AdminServicesTitle.into(),
        "/inquiries" | "/admin/inquiries" => Q::ListTitle.into(),
        "/inquiries/new" => Q::NewTitle.into(),
        "/optimization" => O::Title.into(),
        #[cfg(any(feature = "staff", not(feature = "signin")))]
        "/aws-accounts" => crate::i18n::AwsToolsMsg::ListTitle.into(),
        #[cfg(any(feature = "staff", not(feature = "signin")))]
        "/admin/tool-settings" => crate::i18n::AwsToolsMsg::NavToolSettings.into(),
        #[cfg(any(feature = "staff", not(feature = "signin")))]
        p if is_tools_page(p) => crate::i18n::AwsToolsMsg::PageTitle.into(),
        p if one_segment(p, "/inquiries/") || one_segment(p, "/admin/inquiries/") => Q::DetailTitle.into(),
        p if one_segment(p, "/applications/") || one_segment(p, "/admin/applications/") => V::ApplicationTitle.into(),
        p if p
            .strip_prefix("/services/")
            .and_then(|r| r.strip_suffix("/apply"))
            .is_some_and(|c| !c.is_empty() && !c.contains('/')) =>
        {
            V::ApplyTitle.into()
        }
        p if p
            .strip_prefix("/admin/companies/")
            .and_then(|r| r.strip_suffix("/optimization"))
            .is_some_and(|id| !id.is_empty() && !id.contains('/')) =>
        {
            O::Title.into()
        }
        p if p.strip_prefix("/admin/companies/").is_some_and(|id| !id.is_empty() && !id.contains('/')) => {
            Msg::CompanyDetailTitle
        }
        _ => return None,
    };
    Some(msg)
}

/// `/aws-accounts/{id}/tools` or `/admin/companies/{id}/aws-accounts/{id}/tools`.
#[cfg_attr(all(feature = "signin", not(feature = "staff")), allow(dead_code))]
fn is_tools_page(path: &str) -> bool {
    let Some(rest) = path.strip_suffix("/tools") else { return false };
    let account = |r: &str| one_segment(r, "/aws-accounts/");
    match rest.strip_prefix("/admin/companies/") {
        Some(r) => r.split_once('/').is_some_and(|(id, tail)| !id.is_empty() && account(&format!("/{tail}"))),
        None => account(rest),
    }
}

/// `path` is `prefix` followed by one non-empty segment.
fn one_segment(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix).is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
}

/// `document.title`: the page's name, then the portal's.
pub fn document_title(page: &str, brand: &str) -> String {
    format!("{page} | {brand}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn next_keeps_paths_of_the_portal_with_their_query() {
        assert_eq!(safe_next("/company/tickets?page=2").as_deref(), Some("/company/tickets?page=2"));
        assert_eq!(safe_next("/admin/companies/0b5e…").as_deref(), Some("/admin/companies/0b5e…"));
        assert_eq!(safe_next("/password").as_deref(), Some("/password"));
    }

    #[test]
    fn next_refuses_anything_that_leaves_the_origin() {
        for bad in [
            "https://evil.example/",
            "http:/evil.example",
            "//evil.example/x",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "javascript:alert(1)",
            "evil.example",
            " /company",
            "/company\n/x",
            "/com pany",
            "",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
        assert_eq!(safe_next(&format!("/{}", "a".repeat(NEXT_MAX_LEN))), None);
    }

    #[test]
    fn next_skips_the_sign_in_steps_the_api_and_home() {
        for skip in ["/login", "/login?next=/x", "/mfa/verify", "/mfa/enroll", "/api/v1/me", "/"] {
            assert_eq!(safe_next(skip), None, "{skip:?}");
        }
        // Only whole segments: a page that merely starts with the same letters is kept.
        assert!(safe_next("/mfaq").is_some());
        assert!(safe_next("/apis").is_some());
    }

    #[test]
    fn login_link_carries_next_encoded() {
        assert_eq!(login_with_next("/company/tickets?page=2"), "/login?next=%2Fcompany%2Ftickets%3Fpage%3D2");
        assert_eq!(login_with_next("/"), "/login");
        assert_eq!(login_with_next("//evil.example"), "/login");
        assert_eq!(encode_component("会社 &x"), "%E4%BC%9A%E7%A4%BE%20%26x");
    }

    #[test]
    fn every_route_names_its_page_in_both_languages() {
        let titled = [
            "/",
            "/login",
            "/password",
            "/mfa/enroll",
            "/mfa/verify",
            "/company",
            "/company/tickets",
            "/company/users",
            "/me/api-tokens",
            "/admin/users",
            "/admin/companies",
            "/admin/companies/new",
            "/admin/companies/5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11",
            "/admin/companies/5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11/optimization",
            "/admin/transactions",
            "/admin/thresholds",
            "/admin/audit",
            "/services",
            "/services/cost-consulting-lite/apply",
            "/applications",
            "/applications/5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11",
            "/admin/applications",
            "/admin/applications/5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11",
            "/trainings",
            "/admin/trainings",
            "/admin/services",
            "/inquiries",
            "/inquiries/new",
            "/optimization",
            "/inquiries/5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11",
            "/admin/inquiries",
            "/admin/inquiries/5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11",
            "/aws-accounts",
            "/aws-accounts/5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11/tools",
            "/admin/companies/5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11/aws-accounts/5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11/tools",
            "/admin/tool-settings",
        ];
        for path in titled {
            let msg = page_title(path).unwrap_or_else(|| panic!("{path} has no title"));
            assert!(!msg.text(Lang::Ja).is_empty() && !msg.text(Lang::En).is_empty());
        }
        assert_eq!(page_title("/company/"), page_title("/company"));
        assert_eq!(page_title("/nope"), None);
        assert_eq!(page_title("/admin/companies/x/y"), None);
        assert_eq!(page_title("/services/x"), None);
        assert_eq!(page_title("/services//apply"), None);
        assert_eq!(page_title("/applications/x/y"), None);
        assert_eq!(page_title("/aws-accounts/x"), None);
        assert_eq!(page_title("/aws-accounts//tools"), None);
        assert_eq!(page_title("/admin/companies/x/aws-accounts/tools"), None);
        assert_eq!(
            document_title(Msg::from(C::NavCompany).text(Lang::Ja), "cloudpack+ PORTAL"),
            "会社情報 | cloudpack+ PORTAL"
        );
    }
}
