//! Hand-written queries. Each takes `&impl ConnectionTrait` (a pool or an open transaction).

pub mod api_tokens;
pub mod applications;
pub mod audit;
pub mod aws_accounts;
pub mod aws_tools;
pub mod companies;
pub mod company_years;
pub mod inquiries;
pub mod ledger;
pub mod optimization;
pub mod recovery_codes;
pub mod scope;
pub mod services;
pub mod sessions;
pub mod threads;
pub mod thresholds;
pub mod throttle;
pub mod trainings;
pub mod transactions;
pub mod users;

pub use scope::CompanyScope;

pub type DateTimeUtc = chrono::DateTime<chrono::Utc>;

/// `%q%` for a case-insensitive LIKE with a backslash as the escape, so `%` and `_` typed by a user are literal.
pub(crate) fn contains_pattern(q: &str) -> String {
    // Control characters never match a name or a subject, and PostgreSQL refuses NUL outright.
    let q: String = q.chars().filter(|c| !c.is_control()).collect();
    format!("%{}%", q.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}
