//! Wire types of sign-in, MFA and the current user (the minimum API contract of R7.2, R7.3, R7.5).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Role;

/// The pages of signing in: the web app's sign-in bundle starts from them, and every other page
/// from the customers' or the staff's bundle, so the first page a visitor loads stays small (issue 8).
/// The server picks the bundle by this list and the web app reloads across it, so both read it here.
pub const SIGN_IN_PAGES: [&str; 4] = ["/login", "/password", "/mfa/enroll", "/mfa/verify"];

/// What a session may do. A session starts restricted and is raised one step at a time:
/// temporary password → new password → TOTP enrolment (or TOTP code) → full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum SessionStage {
    /// Signed in with a temporary password: only `POST /auth/password` is allowed.
    ChangePassword,
    /// No TOTP enrolled yet: only `POST /auth/mfa/enroll` and its confirmation are allowed.
    EnrollMfa,
    /// Password accepted, TOTP enrolled: only `POST /auth/mfa/verify` is allowed.
    VerifyMfa,
    /// Everything the user's role allows.
    Full,
}

impl SessionStage {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStage::ChangePassword => "change_password",
            SessionStage::EnrollMfa => "enroll_mfa",
            SessionStage::VerifyMfa => "verify_mfa",
            SessionStage::Full => "full",
        }
    }

    pub fn parse(s: &str) -> Option<SessionStage> {
        [Self::ChangePassword, Self::EnrollMfa, Self::VerifyMfa, Self::Full].into_iter().find(|st| st.as_str() == s)
    }

    /// The stage a session reaches once the password is known to be right.
    pub fn after_password(must_change_password: bool, mfa_enrolled: bool) -> SessionStage {
        if must_change_password {
            SessionStage::ChangePassword
        } else if mfa_enrolled {
            SessionStage::VerifyMfa
        } else {
            SessionStage::EnrollMfa
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// An e-mail address (ASCII), case-insensitive.
    #[cfg_attr(
        feature = "server",
        schema(
            min_length = 3,
            max_length = 254,
            pattern = r"^\s*[!-?A-~]{1,64}@[!-\-/-?A-~][!-?A-~]*\.[!-?A-~]*[!-\-/-?A-~]\s*$",
            example = "rep@example.co.jp"
        )
    )]
    pub email: String,
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 1024))]
    pub password: String,
}

/// Result of every step of sign-in. `next` tells the client what the access token allows;
/// a refresh token is issued only once the session is `full`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuthResponse {
    pub next: SessionStage,
    pub access_token: String,
    pub token_type: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// A TOTP code from the authenticator app, or one of the recovery codes (exactly one of the two).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MfaVerifyRequest {
    /// The 6-digit code of the authenticator app; or give `recovery_code` instead.
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(pattern = r"^\s*[0-9]{6}\s*$", example = "123456"))]
    pub code: Option<String>,
    /// One of the recovery codes shown at enrolment (`xxxxx-xxxxx`); used once.
    #[serde(default)]
    #[cfg_attr(
        feature = "server",
        schema(pattern = r"^[ ]*[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}[ ]*$", example = "abcde-fghjk")
    )]
    pub recovery_code: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 256))]
    pub refresh_token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 1024))]
    pub current_password: String,
    /// 12–128 characters, different from the current one, not containing the e-mail address's
    /// name, and not one character repeated (`password_*` field codes).
    #[cfg_attr(feature = "server", schema(min_length = 12, max_length = 128))]
    pub new_password: String,
}

/// A new TOTP secret awaiting confirmation with a first code.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MfaEnrollment {
    /// Base32 secret, for typing into an authenticator by hand.
    pub secret: String,
    /// `otpauth://totp/...` URI (SHA1, 6 digits, 30 s).
    pub otpauth_uri: String,
    /// The URI as a QR code, an SVG document.
    pub qr_svg: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MfaConfirmRequest {
    #[cfg_attr(feature = "server", schema(pattern = r"^\s*[0-9]{6}\s*$", example = "123456"))]
    pub code: String,
}

/// Enrolment done: one-time recovery codes (shown once) and a full session.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MfaConfirmResponse {
    pub recovery_codes: Vec<String>,
    pub session: AuthResponse,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanySummary {
    pub id: Uuid,
    pub name: String,
    pub code: String,
}

/// The signed-in user.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The user's company; absent for staff.
    pub company: Option<CompanySummary>,
    pub mfa_enabled: bool,
    pub recovery_codes_left: u32,
}

/// One successful sign-in of the caller, for "recent sign-ins" on the home page (ASVS V16: users
/// can spot a sign-in that was not theirs).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecentSignIn {
    pub at: chrono::DateTime<chrono::Utc>,
    pub client_address: String,
    pub user_agent: Option<String>,
    /// The user agent in a few words, e.g. `Chrome 156 on Linux`.
    pub browser: String,
}

/// The caller's latest successful sign-ins, newest first (at most 10).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecentSignIns {
    pub items: Vec<RecentSignIn>,
}

/// Staff reset of a customer's credentials (R7.5).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CredentialResetResponse {
    pub user_id: Uuid,
    /// Hand this to the user over a trusted channel; their first sign-in must replace it.
    pub temporary_password: String,
    /// After this the temporary password no longer signs in (72 hours by default).
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_after_password_puts_password_change_before_mfa() {
        assert_eq!(SessionStage::after_password(true, false), SessionStage::ChangePassword);
        assert_eq!(SessionStage::after_password(true, true), SessionStage::ChangePassword);
        assert_eq!(SessionStage::after_password(false, false), SessionStage::EnrollMfa);
        assert_eq!(SessionStage::after_password(false, true), SessionStage::VerifyMfa);
    }

    #[test]
    fn stages_round_trip_through_their_names() {
        for st in [SessionStage::ChangePassword, SessionStage::EnrollMfa, SessionStage::VerifyMfa, SessionStage::Full] {
            assert_eq!(SessionStage::parse(st.as_str()), Some(st));
            assert_eq!(serde_json::to_value(st).unwrap(), serde_json::json!(st.as_str()));
        }
    }
}
