use actix_web::{post, web, HttpResponse};
use portal_app::onboarding;
use portal_domain::company::{OnboardCompanyRequest, OnboardCompanyResponse};
use portal_domain::inputs::{OnboardCompany, OnboardError};

use crate::error::ApiError;
use crate::extractors::JsonBody;
use crate::extractors::Staff;
use crate::state::AppState;

/// Onboard a company (staff)
///
/// Checks eligibility (R1.1, R1.2) and refuses with every failed rule (R1.4, `ineligible_company`).
/// Creates the company, its representative with a temporary password sent by e-mail (R7.2), and
/// the REGULAR rank for the rest of the fiscal year.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    request_body = OnboardCompanyRequest,
    responses(
        (status = 201, description = "Onboarded", body = OnboardCompanyResponse),
        (status = 409, description = "`company_code_taken` or `email_taken`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed` or `ineligible_company`, with every reason in `errors`", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/companies")]
pub async fn onboard_company(
    state: web::Data<AppState>,
    staff: Staff,
    body: JsonBody<OnboardCompanyRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let input = OnboardCompany::parse(&body).map_err(|e| match e {
        OnboardError::Invalid(errors) => ApiError::Validation(errors),
        OnboardError::Ineligible(errors) => ApiError::Ineligible(errors),
    })?;
    let now = state.now();
    let until = state.settings.temp_password_until(now);
    let done = onboarding::onboard(&state.db, &state.notices, &input, &staff.actor(), until, now).await?;
    Ok(HttpResponse::Created().json(OnboardCompanyResponse {
        company: done.company,
        representative_id: done.representative_id,
        mail_delivery: done.mail_delivery,
    }))
}
