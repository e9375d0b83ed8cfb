use actix_web::{post, web, HttpResponse};
use chrono::Utc;
use portal_db::queries::CompanyScope;
use portal_domain::company::{OnboardCompanyRequest, OnboardCompanyResponse};

use crate::error::ApiError;
use crate::extractors::Staff;
use crate::services::{company_view, onboarding};
use crate::state::AppState;

/// Onboard a company (staff)
///
/// Checks eligibility (R1.1, R1.2) and refuses with every failed rule (R1.4, `ineligible_company`).
/// Creates the company, its representative with a temporary password sent by e-mail (R7.2), and
/// the REGULAR rank for the rest of the fiscal year.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
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
    body: web::Json<OnboardCompanyRequest>,
) -> Result<HttpResponse, ApiError> {
    let now = Utc::now();
    let done = onboarding::onboard(&state.db, &body, &staff.actor(), now).await?;
    let (subject, text) = onboarding::welcome_mail(
        body.name.trim(),
        body.representative_name.trim(),
        &done.representative_email,
        &done.temporary_password,
        &state.settings.public_url,
    );
    // The company exists either way; if the mail fails, staff reissue with a credential reset.
    let mail_delivery =
        match state.mailer.send(&state.settings.mail_from, done.representative_email.as_str(), &subject, text).await {
            Ok(()) => state.mailer.kind().to_owned(),
            Err(e) => {
                tracing::error!(error = %e, company.id = %done.company_id, "welcome mail not sent");
                "failed".to_owned()
            }
        };
    let company = company_view::overview(&state.db, CompanyScope::new(done.company_id), now).await?;
    tracing::info!(company.id = %done.company_id, staff.id = %staff.0.user.id, "company onboarded");
    Ok(HttpResponse::Created().json(OnboardCompanyResponse {
        company,
        representative_id: done.representative_id,
        mail_delivery,
    }))
}
