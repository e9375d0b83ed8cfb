//! Password policy (R7.2: a temporary password must be replaced by one the user chooses).

use crate::codes::ErrorCode;

pub const MIN_LEN: usize = 12;
pub const MAX_LEN: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRuleError {
    #[error("the password must be at least {MIN_LEN} characters")]
    TooShort,
    #[error("the password must be at most {MAX_LEN} characters")]
    TooLong,
    #[error("the password must not contain the e-mail address")]
    ContainsEmail,
    #[error("the new password must differ from the current one")]
    SameAsCurrent,
    #[error("the password must not consist of a single repeated character")]
    Monotonous,
    #[error("the password is on the list of commonly used passwords")]
    TooCommon,
}

impl PasswordRuleError {
    /// Stable code the SPA translates.
    pub fn code(self) -> ErrorCode {
        match self {
            PasswordRuleError::TooShort => ErrorCode::PasswordTooShort,
            PasswordRuleError::TooLong => ErrorCode::PasswordTooLong,
            PasswordRuleError::ContainsEmail => ErrorCode::PasswordContainsEmail,
            PasswordRuleError::SameAsCurrent => ErrorCode::PasswordUnchanged,
            PasswordRuleError::Monotonous => ErrorCode::PasswordMonotonous,
            PasswordRuleError::TooCommon => ErrorCode::PasswordTooCommon,
        }
    }
}

/// The most common passwords, lower-cased, one per line (source: `data/README.md`).
const COMMON: &str = include_str!("../data/common-passwords.txt");

/// Whether `password` (compared lower-cased) is on the common-passwords list.
pub fn is_common(password: &str) -> bool {
    let lower = password.trim().to_lowercase();
    COMMON.lines().any(|l| l == lower)
}

/// Checks a new password chosen by `email`'s owner, who currently has `current`.
pub fn check_new_password(new: &str, current: &str, email: &str) -> Result<(), PasswordRuleError> {
    let len = new.chars().count();
    if len < MIN_LEN {
        return Err(PasswordRuleError::TooShort);
    }
    if len > MAX_LEN {
        return Err(PasswordRuleError::TooLong);
    }
    if new == current {
        return Err(PasswordRuleError::SameAsCurrent);
    }
    let lower = new.to_lowercase();
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if !email.is_empty() && (lower.contains(&email.to_lowercase()) || (local.len() >= 4 && lower.contains(&local))) {
        return Err(PasswordRuleError::ContainsEmail);
    }
    let mut chars = new.chars();
    if let Some(first) = chars.next() {
        if chars.all(|c| c == first) {
            return Err(PasswordRuleError::Monotonous);
        }
    }
    if is_common(new) {
        return Err(PasswordRuleError::TooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "hanako@example.co.jp";

    #[test]
    fn accepts_a_reasonable_password() {
        assert_eq!(check_new_password("correct horse battery", "old-temporary", EMAIL), Ok(()));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        // 12 Japanese characters are 36 bytes but 12 characters: accepted.
        assert_eq!(check_new_password("あいうえおかきくけこさし", "x", EMAIL), Ok(()));
        assert_eq!(check_new_password("あいうえおかきくけこさ", "x", EMAIL), Err(PasswordRuleError::TooShort));
    }

    #[test]
    fn refuses_each_rule() {
        assert_eq!(check_new_password("short", "x", EMAIL), Err(PasswordRuleError::TooShort));
        assert_eq!(check_new_password(&"ab".repeat(65), "x", EMAIL), Err(PasswordRuleError::TooLong));
        assert_eq!(
            check_new_password("same-password-1", "same-password-1", EMAIL),
            Err(PasswordRuleError::SameAsCurrent)
        );
        assert_eq!(check_new_password("my-HANAKO-password", "x", EMAIL), Err(PasswordRuleError::ContainsEmail));
        assert_eq!(check_new_password("aaaaaaaaaaaaaaa", "x", EMAIL), Err(PasswordRuleError::Monotonous));
        assert_eq!(check_new_password("Password1234", "x", EMAIL), Err(PasswordRuleError::TooCommon));
    }

    #[test]
    fn the_common_list_holds_at_least_ten_thousand_passwords_and_is_compared_lower_cased() {
        assert!(COMMON.lines().count() >= 10_000);
        assert!(is_common("qwerty") && is_common("QWERTY") && is_common("iloveyou"));
        assert!(!is_common("correct horse battery"));
        // Every entry of 12 characters or more (the minimum length) is refused by the rule itself.
        let long: Vec<&str> = COMMON.lines().filter(|l| l.chars().count() >= MIN_LEN).collect();
        assert!(long.len() > 100);
        for pw in long {
            assert!(check_new_password(pw, "x", EMAIL).is_err(), "{pw}");
        }
    }
}
