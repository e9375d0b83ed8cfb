//! What a use case can answer instead of doing the thing. The HTTP crate maps each variant to one
//! problem type in one place; the CLI prints them.

use portal_db::queries::ledger::PostError;
use portal_domain::ledger::LedgerError;
use portal_domain::problem::FieldError;
use portal_domain::ErrorCode;
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that breaks a rule of one field (or several), named as in the request.
    #[error("invalid input: {}", summary(.0))]
    Invalid(Vec<FieldError>),
    /// The company fails the programme's eligibility rules (R1.4), each one named.
    #[error("the company is not eligible: {}", summary(.0))]
    Ineligible(Vec<FieldError>),
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    /// Not allowed for a reason the caller can read (e.g. `tool_not_in_contract`).
    #[error("not allowed: {0}")]
    ForbiddenCode(ErrorCode),
    /// The state of things forbids it; the code says which rule (e.g. `company_code_taken`).
    #[error("conflict: {0}")]
    Conflict(ErrorCode),
    /// A conflict whose detail the caller needs to act (e.g. the application's current state).
    #[error("conflict: {code}: {detail}")]
    ConflictDetail { code: ErrorCode, detail: String },
    /// A service the portal relies on (Backlog) did not do its part; `detail` says what to check.
    #[error("upstream: {code}: {detail}")]
    Upstream { code: ErrorCode, detail: String },
    /// Not possible now, through nobody's fault in the request: AWS access not configured by the
    /// operator, or AWS throttling; `detail` says what.
    #[error("unavailable: {code}: {detail}")]
    Unavailable { code: ErrorCode, detail: String },
    /// Too many failed sign-ins: wait `retry_after` seconds (`locked` past the lock threshold).
    #[error("too many failed sign-ins")]
    Throttled { retry_after: u64, locked: bool },
    #[error("not enough tickets: balance {balance}, requested {requested}")]
    InsufficientTickets { balance: i32, requested: i32 },
    #[error("database: {0}")]
    Db(DbErr),
    #[error("internal: {0}")]
    Internal(String),
}

fn summary(errors: &[FieldError]) -> String {
    errors.iter().map(|e| format!("{} ({})", e.field, e.code)).collect::<Vec<_>>().join(", ")
}

impl AppError {
    pub fn field(field: &str, code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError::Invalid(vec![FieldError::new(field, code, message)])
    }

    pub fn internal(e: impl std::fmt::Display) -> AppError {
        AppError::Internal(e.to_string())
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> AppError {
        AppError::Invalid(vec![e])
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(e: Vec<FieldError>) -> AppError {
        AppError::Invalid(e)
    }
}

impl From<DbErr> for AppError {
    fn from(e: DbErr) -> AppError {
        match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(ErrorCode::AlreadyExists),
            _ => AppError::Db(e),
        }
    }
}

/// A refused ledger entry is the caller's conflict, not ours.
impl From<PostError> for AppError {
    fn from(e: PostError) -> AppError {
        match e {
            PostError::Rule(LedgerError::InsufficientBalance { balance, requested }) => {
                AppError::InsufficientTickets { balance, requested }
            }
            PostError::Rule(e @ LedgerError::InvalidAmount { .. }) => {
                AppError::field("amount", e.code(), e.to_string())
            }
            PostError::NoCompany => AppError::NotFound,
            PostError::Db(e) => e.into(),
        }
    }
}
