//! Stable problem codes of the API → translated text. Unknown codes fall back to the server's own
//! `detail` or `title`, so a new backend code is never shown as a blank.

use portal_domain::eligibility::IneligibleReason;
use portal_domain::password::{MAX_LEN, MIN_LEN};
use portal_domain::problem::{FieldError, Problem};

use super::{CompanyMsg, Lang, Msg, StaffMsg};
use crate::api::ApiError;

fn problem_msg(code: &str) -> Option<Msg> {
    Some(match code {
        "invalid_credentials" => Msg::ErrInvalidCredentials,
        "login_throttled" => Msg::ErrLoginThrottled,
        "account_locked" => Msg::ErrAccountLocked,
        "validation_failed" => Msg::ErrValidationFailed,
        "mfa_code_invalid" => Msg::ErrMfaCodeInvalid,
        "mfa_code_replayed" => Msg::ErrMfaCodeReplayed,
        "refresh_token_invalid" => Msg::ErrRefreshTokenInvalid,
        "refresh_token_reused" => Msg::ErrRefreshTokenReused,
        "unauthorized" => Msg::ErrUnauthorized,
        "token_expired" => Msg::ErrTokenExpired,
        "password_change_required" => Msg::ErrPasswordChangeRequired,
        "mfa_enrollment_required" => Msg::ErrMfaEnrollmentRequired,
        "mfa_verification_required" => Msg::ErrMfaVerificationRequired,
        "forbidden" => Msg::ErrForbidden,
        "not_found" => Msg::ErrNotFound,
        "malformed_body" => Msg::ErrMalformedBody,
        "internal" => Msg::ErrInternal,
        "ineligible_company" => StaffMsg::ErrIneligibleCompany.into(),
        "company_code_taken" => StaffMsg::ErrCompanyCodeTaken.into(),
        "email_taken" => StaffMsg::ErrEmailTaken.into(),
        "aws_account_taken" => StaffMsg::ErrAwsAccountTaken.into(),
        "insufficient_tickets" => StaffMsg::ErrInsufficientTickets.into(),
        "conflict" | "already_exists" => StaffMsg::ErrConflict.into(),
        "unsupported_media_type" => StaffMsg::ErrUnsupportedMediaType.into(),
        _ => return None,
    })
}

fn problem_fallback(p: &Problem) -> String {
    p.detail.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| p.title.clone())
}

/// The message to show for a failed request.
pub fn problem_text(err: &ApiError, lang: Lang) -> String {
    match err {
        ApiError::Network => Msg::ErrNetwork.text(lang).to_owned(),
        ApiError::Unexpected(status) => Msg::ErrUnexpected.fill(lang, &[("n", &status.to_string())]),
        ApiError::Problem(p) => match problem_msg(&p.code) {
            Some(msg) => {
                let wait = p.retry_after.map(|s| s.to_string()).unwrap_or_else(|| "—".to_owned());
                msg.fill(lang, &[("n", &wait)])
            }
            None => problem_fallback(p),
        },
    }
}

/// The message to show next to a field.
pub fn field_error_text(e: &FieldError, lang: Lang) -> String {
    let msg = match e.code.as_str() {
        "password_too_short" => Msg::FieldPasswordTooShort,
        "password_too_long" => Msg::FieldPasswordTooLong,
        "password_contains_email" => Msg::FieldPasswordContainsEmail,
        "password_unchanged" => Msg::FieldPasswordUnchanged,
        "password_monotonous" => Msg::FieldPasswordMonotonous,
        "required" | "missing" | "empty" => Msg::FieldRequired,
        "invalid_email" | "email_invalid" => Msg::FieldInvalidEmail,
        "invalid_company_code" => StaffMsg::FieldInvalidCompanyCode.into(),
        "too_long" => StaffMsg::FieldTooLong.into(),
        "invalid_aws_account_id" => StaffMsg::FieldInvalidAwsAccountId.into(),
        "root_not_held" => StaffMsg::FieldRootNotHeld.into(),
        "out_of_range" => StaffMsg::FieldOutOfRange.into(),
        "threshold_not_positive" => StaffMsg::FieldThresholdNotPositive.into(),
        "threshold_not_descending" => StaffMsg::FieldThresholdNotDescending.into(),
        "invalid_amount" => StaffMsg::FieldInvalidAmount.into(),
        "not_utf8" => StaffMsg::FieldNotUtf8.into(),
        "unterminated_quote" => StaffMsg::FieldUnterminatedQuote.into(),
        "bad_quote" => StaffMsg::FieldBadQuote.into(),
        "invalid_year_month" => StaffMsg::FieldInvalidYearMonth.into(),
        "year_out_of_range" => StaffMsg::FieldYearOutOfRange.into(),
        "amount_too_large" => StaffMsg::FieldAmountTooLarge.into(),
        "empty_file" => StaffMsg::FieldEmptyFile.into(),
        "bad_header" => StaffMsg::FieldBadHeader.into(),
        "column_count" => StaffMsg::FieldColumnCount.into(),
        "duplicate_row" => StaffMsg::FieldDuplicateRow.into(),
        "unknown_company" => StaffMsg::FieldUnknownCompany.into(),
        "invalid_rank" => StaffMsg::FieldInvalidRank.into(),
        code => match IneligibleReason::ALL.into_iter().find(|r| r.code() == code) {
            Some(reason) => CompanyMsg::for_reason(reason).into(),
            None => return e.message.clone(),
        },
    };
    msg.fill(lang, &[("min", &MIN_LEN.to_string()), ("max", &MAX_LEN.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_are_translated_and_unknown_fall_back() {
        let throttled =
            ApiError::Problem(Problem { retry_after: Some(42), ..Problem::new(429, "login_throttled", "t") });
        assert!(problem_text(&throttled, Lang::Ja).contains("42 秒後"));
        assert!(problem_text(&throttled, Lang::En).contains("42 seconds"));

        let unknown = ApiError::Problem(Problem::new(418, "teapot", "I'm a teapot"));
        assert_eq!(problem_text(&unknown, Lang::Ja), "I'm a teapot");
        let detailed = ApiError::Problem(Problem::new(418, "teapot", "t").with_detail("short and stout"));
        assert_eq!(problem_text(&detailed, Lang::En), "short and stout");
    }

    #[test]
    fn field_codes_fill_in_the_policy_limits() {
        let e = FieldError { field: "new_password".into(), code: "password_too_short".into(), message: "x".into() };
        assert_eq!(field_error_text(&e, Lang::Ja), format!("{MIN_LEN} 文字以上にしてください。"));
        let other = FieldError { field: "f".into(), code: "whatever".into(), message: "server says".into() };
        assert_eq!(field_error_text(&other, Lang::En), "server says");
    }

    #[test]
    fn r1_4_every_ineligibility_reason_names_its_rule() {
        for reason in IneligibleReason::ALL {
            let e = FieldError { field: "flags".into(), code: reason.code().into(), message: "x".into() };
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
