//! AWS account IDs as customers type them when linking accounts (R1.3, R7.8).

use serde::{Deserialize, Serialize};

use crate::codes::ErrorCode;

/// Always exactly 12 ASCII digits; leading zeros are significant, so it is never stored as a number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema), schema(value_type = String, example = "123456789012"))]
#[serde(try_from = "String", into = "String")]
pub struct AwsAccountId(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an AWS account ID is 12 digits, e.g. 1234-5678-9012")]
pub struct InvalidAwsAccountId;

impl InvalidAwsAccountId {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidAwsAccountId
    }
}

impl AwsAccountId {
    /// The console shows IDs as "1234-5678-9012", and people paste them with spaces, so both
    /// separators are dropped before counting digits.
    pub fn parse(s: &str) -> Result<AwsAccountId, InvalidAwsAccountId> {
        let digits: String = s.trim().chars().filter(|c| *c != ' ' && *c != '-').collect();
        if digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(AwsAccountId(digits))
        } else {
            Err(InvalidAwsAccountId)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for AwsAccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for AwsAccountId {
    type Err = InvalidAwsAccountId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AwsAccountId::parse(s)
    }
}

impl TryFrom<String> for AwsAccountId {
    type Error = InvalidAwsAccountId;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        AwsAccountId::parse(&s)
    }
}

impl From<AwsAccountId> for String {
    fn from(id: AwsAccountId) -> String {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r1_3_twelve_digits_are_accepted() {
        assert_eq!(AwsAccountId::parse("123456789012").unwrap().as_str(), "123456789012");
        assert_eq!(AwsAccountId::parse("  000000000001\n").unwrap().as_str(), "000000000001");
    }

    #[test]
    fn r1_3_console_hyphens_and_spaces_are_removed() {
        assert_eq!(AwsAccountId::parse("1234-5678-9012").unwrap().as_str(), "123456789012");
        assert_eq!(AwsAccountId::parse("1234 5678 9012").unwrap().to_string(), "123456789012");
    }

    #[test]
    fn r1_3_anything_but_twelve_ascii_digits_is_refused() {
        for bad in [
            "",
            "12345678901",
            "1234567890123",
            "12345678901a",
            "１２３４５６７８９０１２",
            "1234_5678_9012",
            "1234.5678.9012",
            "+12345678901",
            "arn:aws:iam::123456789012:root",
        ] {
            assert_eq!(AwsAccountId::parse(bad), Err(InvalidAwsAccountId), "{bad:?}");
        }
        assert_eq!(InvalidAwsAccountId.code().as_str(), "invalid_aws_account_id");
    }

    #[test]
    fn serializes_as_a_string_and_validates_on_deserialize() {
        let id = AwsAccountId::parse("012345678901").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"012345678901\"");
        assert_eq!(serde_json::from_str::<AwsAccountId>("\"0123-4567-8901\"").unwrap(), id);
        assert!(serde_json::from_str::<AwsAccountId>("\"12345\"").is_err());
        assert!(serde_json::from_str::<AwsAccountId>("123456789012").is_err());
        assert_eq!("0123 4567 8901".parse::<AwsAccountId>(), Ok(id));
    }

    #[cfg(feature = "server")]
    #[test]
    fn openapi_schema_is_a_string() {
        use utoipa::PartialSchema;
        let json = serde_json::to_value(AwsAccountId::schema()).unwrap();
        assert_eq!(json["type"], "string", "{json}");
    }
}
