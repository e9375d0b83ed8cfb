use actix_web::{post, web, HttpResponse};
use portal_app::aws_accounts;
use portal_domain::company::{AwsAccountView, LinkAwsAccountRequest};
use portal_domain::inputs::LinkAwsAccount;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::JsonBody;
use crate::extractors::Staff;
use crate::state::AppState;

/// Link an AWS account to a company (staff)
///
/// Only accounts the operator issued and whose root user it holds (R1.3). Accounts under a
/// monitoring/maintenance contract report through Backlog (R4.8).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = LinkAwsAccountRequest,
    responses(
        (status = 201, description = "Linked", body = AwsAccountView),
        (status = 404, description = "No such company", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`aws_account_taken`: linked already", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad account id, missing name, or root user not held", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/companies/{id}/aws-accounts")]
pub async fn link_aws_account(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<LinkAwsAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse().await?;
    let input = LinkAwsAccount::parse(&body)?;
    let view = aws_accounts::link(&state.db, staff.scope(*id)?, &input, &staff.actor(), state.now()).await?;
    Ok(HttpResponse::Created().json(view))
}
