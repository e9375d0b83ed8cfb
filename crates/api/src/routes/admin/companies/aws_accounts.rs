use actix_web::{post, web, HttpResponse};
use chrono::Utc;
use portal_db::queries::audit;
use portal_db::queries::{aws_accounts, companies};
use portal_domain::aws::AwsAccountId;
use portal_domain::company::{AwsAccountView, LinkAwsAccountRequest};
use portal_domain::problem::FieldError;
use sea_orm::TransactionTrait;
use serde_json::json;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::Staff;
use crate::services::company_view;
use crate::state::AppState;

/// Link an AWS account to a company (staff)
///
/// Only accounts the operator issued and whose root user it holds (R1.3). Accounts under a
/// monitoring/maintenance contract report through Backlog (R4.8).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
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
    body: web::Json<LinkAwsAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Vec::new();
    let account = AwsAccountId::parse(&body.account_id);
    if let Err(e) = &account {
        errors.push(FieldError { field: "account_id".into(), code: e.code().into(), message: e.to_string() });
    }
    let name = body.display_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(FieldError {
            field: "display_name".into(),
            code: "required".into(),
            message: "1–100 characters".into(),
        });
    }
    if !body.root_held_by_us {
        errors.push(FieldError {
            field: "root_held_by_us".into(),
            code: "root_not_held".into(),
            message: "only accounts whose root user the operator holds can be linked (R1.3)".into(),
        });
    }
    let Ok(account) = account.map_err(|_| ()).and_then(|a| if errors.is_empty() { Ok(a) } else { Err(()) }) else {
        return Err(ApiError::Validation(errors));
    };
    let scope = staff.scope(*id);
    companies::find(&state.db, scope.company_id()).await?.ok_or(ApiError::NotFound)?;
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let new = aws_accounts::NewAwsAccount {
        account_id: account.as_str(),
        display_name: name,
        root_held_by_us: true,
        under_maintenance: body.under_maintenance,
    };
    let row = aws_accounts::insert(&txn, scope, new, now).await.map_err(|e| match ApiError::from(e) {
        ApiError::Conflict(_) => ApiError::Conflict("aws_account_taken"),
        other => other,
    })?;
    let record = audit::Record {
        action: "company.link_aws_account",
        target_type: "aws_account",
        target_id: row.id.to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(
            json!({ "account_id": row.account_id, "display_name": row.display_name, "under_maintenance": row.under_maintenance }),
        ),
    };
    audit::record(&txn, &staff.actor(), record, now).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(company_view::aws_account(row)))
}
