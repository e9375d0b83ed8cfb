use actix_web::{get, web};
use portal_db::queries::aws_accounts;
use portal_domain::company::AwsAccountView;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::Customer;
use crate::state::AppState;
use portal_app::views as company_view;

/// Your linked AWS accounts
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative", "member"])),
    responses((status = 200, description = "Linked AWS accounts", body = Vec<AwsAccountView>))
)]
#[get("/company/aws-accounts")]
pub async fn list_aws_accounts(
    state: web::Data<AppState>,
    customer: Customer,
) -> Result<web::Json<Vec<AwsAccountView>>, ApiError> {
    let items = aws_accounts::list(&state.db, customer.scope).await?;
    Ok(web::Json(items.into_iter().map(company_view::aws_account).collect()))
}

/// One of your linked AWS accounts
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "AWS account link id")),
    responses(
        (status = 200, description = "The account", body = AwsAccountView),
        (status = 404, description = "Not one of your company's accounts", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/company/aws-accounts/{id}")]
pub async fn get_aws_account(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<AwsAccountView>, ApiError> {
    let a = aws_accounts::get(&state.db, customer.scope, *id).await?.ok_or(ApiError::NotFound)?;
    Ok(web::Json(company_view::aws_account(a)))
}
