//! RFC 9457 problem details, the one error envelope of the API.

use serde::{Deserialize, Serialize};

use crate::codes::ErrorCode;

pub const CONTENT_TYPE: &str = "application/problem+json";

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// JSON pointer-ish path of the field, e.g. `new_password`.
    pub field: String,
    /// Stable code, one of `ErrorCode`, e.g. `password_too_short`. A string on the wire: a client
    /// should show `message` for a code it does not know (a newer server) rather than fail.
    #[cfg_attr(feature = "server", schema(value_type = ErrorCode))]
    pub code: String,
    /// What is wrong, in English, for logs and API users; the SPA shows its own text for `code`.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: ErrorCode, message: impl Into<String>) -> FieldError {
        FieldError { field: field.to_owned(), code: code.as_str().to_owned(), message: message.into() }
    }

    /// The code, if this build knows it.
    pub fn error_code(&self) -> Option<ErrorCode> {
        ErrorCode::parse(&self.code)
    }
}

/// `application/problem+json` body. `code` is stable and is what clients (and the SPA) branch on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable code, one of `ErrorCode`. A string on the wire: a client should show `detail` or
    /// `title` for a code it does not know (a newer server) rather than fail.
    #[cfg_attr(feature = "server", schema(value_type = ErrorCode))]
    pub code: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Seconds until a locked sign-in may be tried again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// The id of the request in the server's logs (also the `X-Request-Id` header): quote it
    /// when reporting a problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl Problem {
    pub fn new(status: u16, code: ErrorCode, title: &str) -> Problem {
        Problem {
            type_uri: format!("urn:cloudpack-portal:problem:{code}"),
            title: title.to_owned(),
            status,
            detail: None,
            code: code.as_str().to_owned(),
            errors: Vec::new(),
            retry_after: None,
            request_id: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Problem {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_field(mut self, field: &str, code: ErrorCode, message: impl Into<String>) -> Problem {
        self.errors.push(FieldError::new(field, code, message));
        self
    }

    /// The code, if this build knows it.
    pub fn error_code(&self) -> Option<ErrorCode> {
        ErrorCode::parse(&self.code)
    }
}
