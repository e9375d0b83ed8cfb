//! One file per operation; `configure` registers them all, and utoipa-actix-web documents exactly
//! what is registered.

pub mod admin;
pub mod auth;
pub mod health;
pub mod me;

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
        .service(admin::users::reset_user_credentials);
}

/// Parses a body field that must be present and non-blank.
pub(crate) fn required<'a>(field: &str, value: &'a str) -> Result<&'a str, crate::error::ApiError> {
    let v = value.trim();
    if v.is_empty() {
        Err(crate::error::ApiError::field(field, "required", format!("{field} is required")))
    } else {
        Ok(v)
    }
}
