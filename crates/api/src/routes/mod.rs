//! One file per operation; `configure` registers them all, and utoipa-actix-web documents exactly
//! what is registered.

pub mod admin;
pub mod auth;
pub mod company;
pub mod health;
pub mod me;

use portal_domain::ErrorCode;
use utoipa_actix_web::service_config::ServiceConfig;

/// Everything under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(auth::login::login)
        .service(auth::mfa_verify::verify_mfa)
        .service(auth::refresh::refresh_session)
        .service(auth::logout::logout)
        .service(auth::password::change_password)
        .service(auth::mfa_enroll::enroll_mfa)
        .service(auth::mfa_enroll::confirm_mfa_enrollment)
        .service(me::get_me)
        .service(admin::users::list_users)
        .service(admin::users::reset_user_credentials)
        .service(company::overview::get_company)
        .service(company::tickets::list_tickets)
        .service(company::tickets::download_tickets_csv)
        .service(company::tickets::get_ticket)
        .service(company::aws_accounts::list_aws_accounts)
        .service(company::aws_accounts::get_aws_account)
        .service(admin::companies::onboard::onboard_company)
        .service(admin::companies::list::list_companies)
        .service(admin::companies::detail::get_company_detail)
        .service(admin::companies::aws_accounts::link_aws_account)
        .service(admin::companies::rank_override::override_rank)
        .service(admin::companies::tickets::adjust_tickets)
        .service(admin::companies::tickets::list_company_tickets)
        .service(admin::transactions::import_transactions)
        .service(admin::thresholds::list_thresholds)
        .service(admin::thresholds::update_thresholds)
        .service(admin::rollover::run_rollover)
        .service(admin::audit::list_audit);
}

/// Far beyond any real list; keeps `(page - 1) * per_page` from overflowing.
const MAX_PAGE: u64 = 1_000_000;

/// Validated paging parameters.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::IntoParams)]
pub struct Paging {
    /// 1-based page number (default 1).
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u64>,
    /// Items per page, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u64>,
}

impl Paging {
    pub fn resolve(self) -> Result<(u64, u64), crate::error::ApiError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(20);
        if page == 0 || page > MAX_PAGE {
            return Err(crate::error::ApiError::field(
                "page",
                ErrorCode::OutOfRange,
                format!("page must be 1..={MAX_PAGE}"),
            ));
        }
        if per_page == 0 || per_page > 100 {
            return Err(crate::error::ApiError::field("per_page", ErrorCode::OutOfRange, "per_page must be 1..=100"));
        }
        Ok((page, per_page))
    }
}

/// Parses a body field that must be present and non-blank.
pub(crate) fn required<'a>(field: &str, value: &'a str) -> Result<&'a str, crate::error::ApiError> {
    let v = value.trim();
    if v.is_empty() {
        Err(crate::error::ApiError::field(field, ErrorCode::Required, format!("{field} is required")))
    } else {
        Ok(v)
    }
}
