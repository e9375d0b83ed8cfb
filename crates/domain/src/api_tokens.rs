//! Personal API tokens for integrators: what a token may do, and the request to create one.
//!
//! A token acts as its user, with the user's *current* role, narrowed by its scope: `read` allows
//! only reading operations (GET), `read-write` everything the role allows. Staff get no tokens.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::ErrorCode;
use crate::problem::FieldError;
use crate::Role;

/// Every token starts with this, so secret scanners (and people) recognise a leaked one.
pub const PREFIX: &str = "cpp_";
/// A token lives at most this long (one year).
pub const MAX_DAYS: u32 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)"))]
pub enum TokenScope {
    /// Reading operations only (GET).
    #[serde(rename = "read")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "read"))]
    Read,
    /// Every operation the user's role allows.
    #[serde(rename = "read-write")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "read-write"))]
    ReadWrite,
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::ReadWrite => "read-write",
        }
    }

    /// Whether a request that only reads (`GET`, `HEAD`) or also writes may go through.
    pub fn allows(self, writes: bool) -> bool {
        self == TokenScope::ReadWrite || !writes
    }

    /// The widest scope a user of `role` may hold: customers may write what their role lets them
    /// write (a member posts messages, a representative applies); staff are offered no token.
    pub fn widest_for(role: Role) -> Option<TokenScope> {
        (!role.is_staff()).then_some(TokenScope::ReadWrite)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateApiTokenRequest {
    /// What the token is for, e.g. "billing export".
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 100))]
    pub name: String,
    /// Days until it expires, 1–365.
    #[cfg_attr(feature = "server", schema(minimum = 1, maximum = 365))]
    pub expires_in_days: u32,
    pub scope: TokenScope,
}

/// A token as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiTokenView {
    pub id: Uuid,
    pub name: String,
    pub scope: TokenScope,
    /// The first characters of the secret (`cpp_` and 6 more), to tell tokens apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The last request made with it; null if never used.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The answer to creating a token: the only time its secret is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiTokenCreated {
    pub token: ApiTokenView,
    /// `cpp_…`: send as `Authorization: Bearer <secret>`. Shown once; only its hash is kept.
    pub secret: String,
}

/// A token request, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub name: String,
    pub days: u32,
    pub scope: TokenScope,
}

impl NewApiToken {
    /// `role` is the caller's: a scope wider than the role allows is refused on the `scope` field.
    pub fn parse(req: &CreateApiTokenRequest, role: Role) -> Result<NewApiToken, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = req.name.trim();
        let n = name.chars().count();
        if n == 0 {
            errors.push(FieldError::new("name", ErrorCode::Required, "name is required"));
        } else if n > 100 {
            errors.push(FieldError::new("name", ErrorCode::TooLong, "at most 100 characters"));
        }
        if !(1..=MAX_DAYS).contains(&req.expires_in_days) {
            errors.push(FieldError::new(
                "expires_in_days",
                ErrorCode::OutOfRange,
                format!("expires_in_days must be 1..={MAX_DAYS}"),
            ));
        }
        if TokenScope::widest_for(role).is_none_or(|widest| req.scope > widest) {
            errors.push(FieldError::new("scope", ErrorCode::OutOfRange, "wider than your role allows"));
        }
        if errors.is_empty() {
            Ok(NewApiToken { name: name.to_owned(), days: req.expires_in_days, scope: req.scope })
        } else {
            Err(errors)
        }
    }
}

/// Whether an `Authorization: Bearer` credential is an API token rather than a session's JWT.
pub fn is_api_token(credential: &str) -> bool {
    credential.starts_with(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_token_reads_and_a_read_write_token_writes() {
        assert!(TokenScope::Read.allows(false));
        assert!(!TokenScope::Read.allows(true));
        assert!(TokenScope::ReadWrite.allows(true));
        assert_eq!(serde_json::to_string(&TokenScope::ReadWrite).unwrap(), "\"read-write\"");
    }

    #[test]
    fn tokens_live_at_most_a_year_and_never_go_to_staff() {
        let req = |days, scope| CreateApiTokenRequest { name: " export ".into(), expires_in_days: days, scope };
        let ok = NewApiToken::parse(&req(365, TokenScope::ReadWrite), Role::Member).unwrap();
        assert_eq!((ok.name.as_str(), ok.days), ("export", 365));
        for days in [0, 366] {
            let e = NewApiToken::parse(&req(days, TokenScope::Read), Role::Representative).unwrap_err();
            assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("expires_in_days", "out_of_range"));
        }
        assert!(NewApiToken::parse(&req(30, TokenScope::Read), Role::Admin).is_err());
        assert!(is_api_token("cpp_abc") && !is_api_token("eyJhbGciOi"));
    }
}
