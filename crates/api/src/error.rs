//! One error type for every handler, rendered as RFC 9457 `application/problem+json` with a stable
//! `code`. Internal errors are logged and shown opaque.

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use portal_domain::auth::SessionStage;
use portal_domain::problem::{FieldError, Problem, CONTENT_TYPE};
use portal_domain::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("the e-mail address or password is wrong")]
    InvalidCredentials,
    #[error("too many failed sign-ins")]
    Throttled { retry_after: u64, locked: bool },
    #[error("not signed in")]
    Unauthorized,
    #[error("the access token expired")]
    TokenExpired,
    #[error("this session must first reach another stage")]
    StageRequired(SessionStage),
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("the code is not valid")]
    MfaCodeInvalid,
    #[error("the code was already used")]
    MfaCodeReplayed,
    #[error("no MFA enrolment is in progress")]
    MfaNotPending,
    #[error("the refresh token is not valid")]
    RefreshTokenInvalid,
    #[error("the refresh token was already used")]
    RefreshTokenReused,
    #[error("the temporary password expired")]
    TemporaryPasswordExpired,
    #[error("the session reached its absolute lifetime")]
    SessionExpired,
    #[error("the request's Origin is not the portal's")]
    OriginNotAllowed,
    #[error("the account is disabled")]
    AccountDisabled,
    #[error("this operation needs a signed-in session, not an API token")]
    SessionRequired,
    #[error("a read-only API token cannot write")]
    TokenScopeInsufficient,
    /// The state of things forbids it; the code says which rule (e.g. `email_taken`).
    #[error("conflict: {0}")]
    Conflict(ErrorCode),
    #[error("unsupported media type")]
    UnsupportedMediaType(&'static str),
    #[error("the company is not eligible")]
    Ineligible(Vec<FieldError>),
    #[error("not enough tickets")]
    InsufficientTickets { balance: i32, requested: i32 },
    #[error("internal error: {0}")]
    Internal(String),
    /// A problem already built (a body that could not be read, see `json_problem`).
    #[error("{}", .0.title)]
    Problem(Box<Problem>),
}

impl ApiError {
    pub fn field(field: &str, code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError::Validation(vec![FieldError::new(field, code, message)])
    }

    pub fn internal(e: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(e.to_string())
    }

    fn parts(&self) -> (StatusCode, ErrorCode, &'static str) {
        use ApiError::*;
        use ErrorCode as C;
        match self {
            Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, C::ValidationFailed, "The request has invalid fields"),
            Malformed(_) => (StatusCode::BAD_REQUEST, C::MalformedBody, "The request body could not be read"),
            InvalidCredentials => {
                (StatusCode::UNAUTHORIZED, C::InvalidCredentials, "The e-mail address or password is wrong")
            }
            Throttled { locked: true, .. } => {
                (StatusCode::TOO_MANY_REQUESTS, C::AccountLocked, "Sign-in is locked for a while")
            }
            Throttled { locked: false, .. } => {
                (StatusCode::TOO_MANY_REQUESTS, C::LoginThrottled, "Too many failed attempts; wait a moment")
            }
            Unauthorized => (StatusCode::UNAUTHORIZED, C::Unauthorized, "Sign in first"),
            TokenExpired => (StatusCode::UNAUTHORIZED, C::TokenExpired, "The access token expired; refresh it"),
            StageRequired(SessionStage::ChangePassword) => {
                (StatusCode::FORBIDDEN, C::PasswordChangeRequired, "Set a new password first")
            }
            StageRequired(SessionStage::EnrollMfa) => {
                (StatusCode::FORBIDDEN, C::MfaEnrollmentRequired, "Set up multi-factor authentication first")
            }
            StageRequired(SessionStage::VerifyMfa) => {
                (StatusCode::FORBIDDEN, C::MfaVerificationRequired, "Enter your authentication code first")
            }
            StageRequired(SessionStage::Full) => {
                (StatusCode::FORBIDDEN, C::StageNotAllowed, "This step of sign-in is already done")
            }
            Forbidden => (StatusCode::FORBIDDEN, C::Forbidden, "You are not allowed to do this"),
            NotFound => (StatusCode::NOT_FOUND, C::NotFound, "Not found"),
            MfaCodeInvalid => (StatusCode::UNAUTHORIZED, C::MfaCodeInvalid, "The authentication code is not valid"),
            MfaCodeReplayed => (
                StatusCode::UNAUTHORIZED,
                C::MfaCodeReplayed,
                "This authentication code was already used; wait for the next one",
            ),
            MfaNotPending => (StatusCode::CONFLICT, C::MfaNotPending, "Start the enrolment first"),
            RefreshTokenInvalid => {
                (StatusCode::UNAUTHORIZED, C::RefreshTokenInvalid, "The session ended; sign in again")
            }
            RefreshTokenReused => {
                (StatusCode::UNAUTHORIZED, C::RefreshTokenReused, "The session was ended for safety; sign in again")
            }
            TemporaryPasswordExpired => (
                StatusCode::UNAUTHORIZED,
                C::TemporaryPasswordExpired,
                "The temporary password expired; ask for a new one",
            ),
            SessionExpired => (StatusCode::UNAUTHORIZED, C::SessionExpired, "The session ended; sign in again"),
            OriginNotAllowed => {
                (StatusCode::FORBIDDEN, C::OriginNotAllowed, "Cookie requests must come from the portal itself")
            }
            AccountDisabled => (StatusCode::UNAUTHORIZED, C::AccountDisabled, "This account is disabled"),
            SessionRequired => {
                (StatusCode::FORBIDDEN, C::SessionRequired, "Sign in to the portal for this; API tokens cannot call it")
            }
            TokenScopeInsufficient => {
                (StatusCode::FORBIDDEN, C::TokenScopeInsufficient, "This API token may only read (scope `read`)")
            }
            Conflict(code) => (StatusCode::CONFLICT, *code, "The request conflicts with the current state"),
            UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, C::UnsupportedMediaType, "Unsupported content type")
            }
            Ineligible(_) => {
                (StatusCode::UNPROCESSABLE_ENTITY, C::IneligibleCompany, "The company cannot use cloudpack+")
            }
            InsufficientTickets { .. } => (StatusCode::CONFLICT, C::InsufficientTickets, "Not enough tickets"),
            Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, C::Internal, "Something went wrong on our side"),
            Problem(_) => (StatusCode::BAD_REQUEST, C::BadRequest, "The request could not be handled"),
        }
    }

    pub fn problem(&self) -> Problem {
        if let ApiError::Problem(p) = self {
            return (**p).clone();
        }
        let (status, code, title) = self.parts();
        let mut p = Problem::new(status.as_u16(), code, title);
        match self {
            ApiError::Validation(errors) | ApiError::Ineligible(errors) => p.errors = errors.clone(),
            ApiError::InsufficientTickets { balance, requested } => {
                p.detail = Some(format!("balance {balance}, requested {requested}"));
            }
            ApiError::Malformed(detail) => p.detail = Some(detail.clone()),
            ApiError::UnsupportedMediaType(detail) => p.detail = Some((*detail).to_owned()),
            ApiError::Throttled { retry_after, .. } => p.retry_after = Some(*retry_after),
            _ => {}
        }
        p
    }
}

impl From<Vec<FieldError>> for ApiError {
    fn from(errors: Vec<FieldError>) -> ApiError {
        ApiError::Validation(errors)
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> ApiError {
        ApiError::Validation(vec![e])
    }
}

/// The one place where use-case answers become HTTP problems.
impl From<portal_app::AppError> for ApiError {
    fn from(e: portal_app::AppError) -> ApiError {
        use portal_app::AppError as A;
        match e {
            A::Invalid(errors) => ApiError::Validation(errors),
            A::Ineligible(errors) => ApiError::Ineligible(errors),
            A::NotFound => ApiError::NotFound,
            A::Forbidden => ApiError::Forbidden,
            A::ForbiddenCode(code) => {
                ApiError::Problem(Box::new(Problem::new(403, code, "This is not allowed for your company")))
            }
            A::Conflict(code) => ApiError::Conflict(code),
            A::ConflictDetail { code, detail } => ApiError::Problem(Box::new(
                Problem::new(409, code, "The request conflicts with the current state").with_detail(detail),
            )),
            A::Upstream { code, detail } => ApiError::Problem(Box::new(
                Problem::new(502, code, "A service the portal relies on did not answer as expected")
                    .with_detail(detail),
            )),
            A::Unavailable { code, detail } => ApiError::Problem(Box::new(
                Problem::new(503, code, "The service is not available now").with_detail(detail),
            )),
            A::InsufficientTickets { balance, requested } => ApiError::InsufficientTickets { balance, requested },
            A::Throttled { retry_after, locked } => ApiError::Throttled { retry_after, locked },
            A::Db(e) => ApiError::Internal(e.to_string()),
            A::Internal(msg) => ApiError::Internal(msg),
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> ApiError {
        match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => ApiError::Conflict(ErrorCode::AlreadyExists),
            _ => ApiError::Internal(e.to_string()),
        }
    }
}

pub fn problem_response(p: &Problem) -> HttpResponse {
    let mut with_id;
    let p = match (&p.request_id, crate::request_id::current()) {
        (None, Some(id)) => {
            with_id = p.clone();
            with_id.request_id = Some(id);
            &with_id
        }
        _ => p,
    };
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CONTENT_TYPE, CONTENT_TYPE));
    if let Some(secs) = p.retry_after {
        res.insert_header((header::RETRY_AFTER, secs.to_string()));
    }
    if status == StatusCode::UNAUTHORIZED {
        res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
    }
    res.body(serde_json::to_string(p).unwrap_or_default())
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Problem(p) => StatusCode::from_u16(p.status).unwrap_or(StatusCode::BAD_REQUEST),
            _ => self.parts().0,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(msg) = self {
            tracing::error!(error = %msg, "internal error");
        }
        problem_response(&self.problem())
    }
}

/// Body errors: syntax → 400, wrong shape → 422 naming the field, wrong media type → 415.
pub fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let problem = json_problem(&err);
    actix_web::error::InternalError::from_response(err, problem_response(&problem)).into()
}

pub fn json_problem(err: &JsonPayloadError) -> Problem {
    match err {
        JsonPayloadError::ContentType => {
            Problem::new(415, ErrorCode::UnsupportedMediaType, "Send the body as application/json")
        }
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            Problem::new(413, ErrorCode::PayloadTooLarge, "The request body is too large")
        }
        JsonPayloadError::Deserialize(de) if de.is_data() => {
            let msg = de.to_string();
            let field = backticked(&msg).unwrap_or_default();
            let code = if msg.starts_with("missing field") { ErrorCode::Required } else { ErrorCode::Invalid };
            Problem::new(422, ErrorCode::ValidationFailed, "The request has invalid fields")
                .with_field(&field, code, msg)
        }
        JsonPayloadError::Deserialize(de) => {
            Problem::new(400, ErrorCode::MalformedBody, "The request body could not be read")
                .with_detail(de.to_string())
        }
        other => Problem::new(400, ErrorCode::MalformedBody, "The request body could not be read")
            .with_detail(other.to_string()),
    }
}

/// A body that is JSON but not of the operation's shape: 422 naming the field by its path (`role`,
/// `flags.partner`); at the top level (a missing field) serde names it in backticks instead.
pub fn body_problem(path: &str, serde_message: &str) -> Problem {
    let field =
        if path.is_empty() || path == "." { backticked(serde_message).unwrap_or_default() } else { path.into() };
    let code = if serde_message.starts_with("missing field") { ErrorCode::Required } else { ErrorCode::Invalid };
    Problem::new(422, ErrorCode::ValidationFailed, "The request has invalid fields").with_field(
        &field,
        code,
        serde_message,
    )
}

/// serde names the field in backticks: "missing field `email`", "invalid type: … for `x`".
fn backticked(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let end = start + msg[start..].find('`')?;
    Some(msg[start..end].to_owned())
}

/// A path segment that does not parse (`/admin/companies/not-a-uuid`) is 404 `not_found`, not
/// 422: a value that cannot be an id names no resource, just like a well-formed unknown id, so a
/// client handles both alike (and every operation with a path parameter documents 404). The detail
/// and `errors` name the parameter; serde's text (the UUID parser's) stays out of the answer.
pub fn path_error(err: PathError, req: &HttpRequest) -> actix_web::Error {
    let names: Vec<&str> = req.match_info().iter().map(|(name, _)| name).collect();
    let name = names.join(", ");
    let mut p = Problem::new(404, ErrorCode::NotFound, "Not found");
    if !name.is_empty() {
        let detail = format!("The path parameter {name} is not valid, so nothing can be found under it");
        p = p.with_detail(detail).with_field(&name, ErrorCode::Invalid, format!("{name} is not valid"));
    }
    actix_web::error::InternalError::from_response(err, problem_response(&p)).into()
}

/// A query parameter that does not parse: 422 naming it (`field`) with a message for people.
/// `serde_message` is the deserializer's own text, used only to tell which kind of mistake it was.
pub fn query_problem(field: &str, serde_message: &str) -> Problem {
    let field =
        if field.is_empty() || field == "." { backticked(serde_message).unwrap_or_default() } else { field.into() };
    let (code, message) = if serde_message.starts_with("missing field") {
        (ErrorCode::Required, format!("{field} is required"))
    } else if serde_message.starts_with("duplicate field") {
        (ErrorCode::Invalid, format!("{field} is given more than once"))
    } else if let Some((_, expected)) =
        serde_message.strip_prefix("unknown variant").and_then(|rest| rest.split_once(", expected "))
    {
        (ErrorCode::Invalid, format!("{field} must be {expected}"))
    } else {
        (ErrorCode::Invalid, format!("{field} has an invalid value"))
    };
    Problem::new(422, ErrorCode::ValidationFailed, "The request has invalid fields").with_field(&field, code, message)
}

/// For a handler that still takes `web::Query` (the crate's `extractors::Query` names the
/// parameter in every case; serde_urlencoded's own errors often do not).
pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let p = query_problem("", &err.to_string());
    actix_web::error::InternalError::from_response(err, problem_response(&p)).into()
}

/// Last line of defence: any 4xx/5xx that is not already a problem (405 from the router, 413 from
/// a limit, …) is rewritten into one, so clients only ever parse one error shape.
pub fn ensure_problem<B: MessageBody + 'static>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let already = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with(CONTENT_TYPE) || ct.starts_with("text/html"));
    if already {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (code, title) = match status {
        StatusCode::NOT_FOUND => (ErrorCode::NotFound, "Not found"),
        StatusCode::METHOD_NOT_ALLOWED => (ErrorCode::MethodNotAllowed, "This method is not allowed here"),
        StatusCode::PAYLOAD_TOO_LARGE => (ErrorCode::PayloadTooLarge, "The request body is too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (ErrorCode::UnsupportedMediaType, "Send the body as application/json"),
        s if s.is_server_error() => (ErrorCode::Internal, "Something went wrong on our side"),
        _ => (ErrorCode::BadRequest, "The request could not be handled"),
    };
    let problem = Problem::new(status.as_u16(), code, title);
    let (req, old) = res.into_parts();
    let mut new = problem_response(&problem);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            new.headers_mut().insert(name.clone(), value.clone());
        }
    }
    new.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    let res = ServiceResponse::new(req, new.map_into_boxed_body());
    Ok(ErrorHandlerResponse::Response(res.map_into_right_body::<B>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_snake_case_code_and_an_error_status() {
        let all = [
            ApiError::field("email", ErrorCode::InvalidEmail, "x"),
            ApiError::Conflict(ErrorCode::EmailTaken),
            ApiError::Malformed("x".into()),
            ApiError::InvalidCredentials,
            ApiError::Throttled { retry_after: 3, locked: false },
            ApiError::Throttled { retry_after: 900, locked: true },
            ApiError::Unauthorized,
            ApiError::TokenExpired,
            ApiError::StageRequired(SessionStage::EnrollMfa),
            ApiError::Forbidden,
            ApiError::NotFound,
            ApiError::MfaCodeInvalid,
            ApiError::MfaCodeReplayed,
            ApiError::RefreshTokenInvalid,
            ApiError::RefreshTokenReused,
            ApiError::TemporaryPasswordExpired,
            ApiError::SessionExpired,
            ApiError::OriginNotAllowed,
            ApiError::AccountDisabled,
            ApiError::SessionRequired,
            ApiError::TokenScopeInsufficient,
            ApiError::Internal("db down".into()),
        ];
        for e in all {
            let p = e.problem();
            assert!(p.status >= 400, "{e:?}");
            assert!(p.code.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{}", p.code);
            assert!(p.type_uri.ends_with(&p.code));
        }
    }

    #[test]
    fn internal_details_are_not_shown() {
        let p = ApiError::Internal("password=hunter2 at db".into()).problem();
        assert!(p.detail.is_none());
        assert!(!serde_json::to_string(&p).unwrap().contains("hunter2"));
    }

    #[test]
    fn query_problems_name_the_parameter_in_words_for_people() {
        let p = query_problem("page", "invalid digit found in string");
        assert_eq!((p.status, p.errors[0].field.as_str()), (422, "page"));
        assert_eq!(p.errors[0].message, "page has an invalid value");
        let p = query_problem("lang", "unknown variant `xx`, expected `ja` or `en`");
        assert_eq!(p.errors[0].message, "lang must be `ja` or `en`");
        let p = query_problem(".", "missing field `q`");
        assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("q", "required"));
        let p = query_problem(".", "duplicate field `page`");
        assert_eq!(
            (p.errors[0].field.as_str(), p.errors[0].message.as_str()),
            ("page", "page is given more than once")
        );
    }

    #[test]
    fn backticked_field_is_extracted() {
        assert_eq!(backticked("missing field `email` at line 1 column 2").as_deref(), Some("email"));
        assert_eq!(backticked("no field here"), None);
    }
}
