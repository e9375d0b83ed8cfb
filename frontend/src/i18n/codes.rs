//! Error codes of the API → translated text. The codes and their texts are the shared
//! [`ErrorCode`] vocabulary of the domain crate, so the server cannot send a code the SPA has no text
//! for. A code this build does not know (a newer server) falls back to the server's own `detail` or
//! `title` (problems) or `message` (fields), so it is never shown as a blank.

use portal_domain::codes::fill;
use portal_domain::password::{MAX_LEN, MIN_LEN};
use portal_domain::problem::{FieldError, Problem};
use portal_domain::ErrorCode;

use super::{Lang, Msg};
use crate::api::ApiError;

/// The text of `code` with its placeholders filled: `{n}` the seconds to wait (a problem's
/// `retry_after`) or a field's number, `{min}`/`{max}` the password policy's limits.
fn render(code: ErrorCode, lang: Lang, n: Option<u64>) -> String {
    let wait = n.map(|s| s.to_string()).unwrap_or_else(|| "—".to_owned());
    let (min, max) = (MIN_LEN.to_string(), MAX_LEN.to_string());
    fill(lang.pick(code.text()), &[("n", &wait), ("min", &min), ("max", &max)])
}

fn problem_fallback(p: &Problem) -> String {
    p.detail.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| p.title.clone())
}

/// The message to show for a failed request.
pub fn problem_text(err: &ApiError, lang: Lang) -> String {
    match err {
        ApiError::Network => Msg::ErrNetwork.text(lang).to_owned(),
        ApiError::Unexpected(status) => Msg::ErrUnexpected.fill(lang, &[("n", &status.to_string())]),
        ApiError::Problem(p) => match p.error_code() {
            Some(code) => render(code, lang, p.retry_after),
            None => problem_fallback(p),
        },
    }
}

/// The number a message starts with: "20 business days after today: …" → 20.
fn leading_number(s: &str) -> Option<u64> {
    let digits: String = s.trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The first `YYYY-MM-DD` in a message.
fn iso_date_in(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9))
        .filter_map(|i| s.get(i..i + 10))
        .find(|w| w.bytes().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() }))
}

/// The message to show next to a field.
pub fn field_error_text(e: &FieldError, lang: Lang) -> String {
    match e.error_code() {
        // The server names the earliest day it would accept: say it too.
        Some(code @ ErrorCode::LeadTimeTooShort) => {
            let text = render(code, lang, leading_number(&e.message));
            match iso_date_in(&e.message) {
                Some(d) => format!("{text}{}", lang.pick(("（{d} 以降）", " ({d} or later)")).replace("{d}", d)),
                None => text,
            }
        }
        // The server's message starts with the field's number (e.g. the lead time in business days).
        Some(code) => render(code, lang, leading_number(&e.message)),
        None => e.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use portal_domain::eligibility::IneligibleReason;

    use super::*;

    fn field(code: &str) -> FieldError {
        FieldError { field: "f".into(), code: code.into(), message: "FROM-SERVER says".into() }
    }

    #[test]
    fn known_codes_are_translated_and_unknown_fall_back() {
        let throttled =
            ApiError::Problem(Problem { retry_after: Some(42), ..Problem::new(429, ErrorCode::LoginThrottled, "t") });
        assert!(problem_text(&throttled, Lang::Ja).contains("42 秒後"));
        assert!(problem_text(&throttled, Lang::En).contains("42 seconds"));

        let teapot = |p: Problem| ApiError::Problem(Problem { code: "teapot".into(), ..p });
        let unknown = teapot(Problem::new(418, ErrorCode::BadRequest, "I'm a teapot"));
        assert_eq!(problem_text(&unknown, Lang::Ja), "I'm a teapot");
        let detailed = teapot(Problem::new(418, ErrorCode::BadRequest, "t").with_detail("short and stout"));
        assert_eq!(problem_text(&detailed, Lang::En), "short and stout");
    }

    #[test]
    fn every_code_the_server_sends_is_translated() {
        for &code in ErrorCode::ALL {
            let p = ApiError::Problem(Problem {
                retry_after: Some(7),
                ..Problem::new(400, code, "FROM-SERVER title").with_detail("FROM-SERVER detail")
            });
            let f = field(code.as_str());
            for lang in [Lang::Ja, Lang::En] {
                let (shown, by_field) = (problem_text(&p, lang), field_error_text(&f, lang));
                assert!(
                    !shown.contains("FROM-SERVER") && !by_field.contains("FROM-SERVER"),
                    "{code}: {shown} / {by_field}"
                );
                assert!(!shown.contains('{') && !by_field.contains('{'), "{code}: unfilled placeholder");
            }
        }
        // Codes that used to reach users untranslated, as the server spells them on the wire.
        for code in ["invalid", "ambiguous", "not_current_fiscal_year"] {
            assert_ne!(field_error_text(&field(code), Lang::Ja), "FROM-SERVER says", "{code}");
        }
        for code in [
            "mfa_not_pending",
            "stage_not_allowed",
            "payload_too_large",
            "method_not_allowed",
            "bad_request",
            "database_unavailable",
        ] {
            let p = ApiError::Problem(Problem { code: code.into(), ..Problem::new(400, ErrorCode::BadRequest, "FS") });
            assert_ne!(problem_text(&p, Lang::Ja), "FS", "{code}");
        }
    }

    #[test]
    fn the_lead_time_error_names_the_business_days_the_server_asked_for() {
        let e = FieldError {
            field: "hearing_sheet.window_start".into(),
            code: "lead_time_too_short".into(),
            message: "20 business days after today: 2026-12-25 or later".into(),
        };
        assert_eq!(
            field_error_text(&e, Lang::Ja),
            "希望期間の開始日は、申し込みから 20 営業日以降にしてください。（2026-12-25 以降）"
        );
        assert!(field_error_text(&e, Lang::En).contains("at least 20 business days"));
        assert!(field_error_text(&e, Lang::En).ends_with(" (2026-12-25 or later)"));
        assert_eq!(iso_date_in("x 2026-1-25 2027-01-04."), Some("2027-01-04"));
        assert_eq!(iso_date_in("なし"), None);
        assert_eq!(iso_date_in("開始日は 2026-12-25 以降"), Some("2026-12-25"));
    }

    #[test]
    fn field_codes_fill_in_the_policy_limits() {
        let e = FieldError { field: "new_password".into(), code: "password_too_short".into(), message: "x".into() };
        assert_eq!(field_error_text(&e, Lang::Ja), format!("{MIN_LEN} 文字以上にしてください。"));
        let e = FieldError { field: "new_password".into(), code: "password_too_long".into(), message: "x".into() };
        assert_eq!(field_error_text(&e, Lang::En), format!("Use at most {MAX_LEN} characters."));
        assert_eq!(field_error_text(&field("whatever"), Lang::En), "FROM-SERVER says");
    }

    #[test]
    fn r1_4_every_ineligibility_reason_names_its_rule() {
        for reason in IneligibleReason::ALL {
            let e = FieldError { field: "flags".into(), code: reason.code().as_str().into(), message: "x".into() };
            let (ja, en) = (field_error_text(&e, Lang::Ja), field_error_text(&e, Lang::En));
            assert!(ja.contains(reason.rule()) && en.contains(reason.rule()), "{ja} / {en}");
        }
        let e =
            FieldError { field: "contract_types".into(), code: "no_qualifying_contract".into(), message: "x".into() };
        assert_eq!(
            field_error_text(&e, Lang::Ja),
            "対象の契約（AWS請求代行サービス／adv.／AWS定額プラン）がありません（R1.1）"
        );
    }
}
