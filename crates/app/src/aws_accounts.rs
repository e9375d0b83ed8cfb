//! Linking an AWS account to a company (R1.3, R4.8).

use chrono::{DateTime, Utc};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::{aws_accounts, companies, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::company::AwsAccountView;
use portal_domain::inputs::LinkAwsAccount;
use portal_domain::ErrorCode;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;

use crate::error::AppError;
use crate::views;

pub async fn link(
    db: &DatabaseConnection,
    scope: CompanyScope,
    input: &LinkAwsAccount,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<AwsAccountView, AppError> {
    companies::find(db, scope).await?.ok_or(AppError::NotFound)?;
    let txn = db.begin().await?;
    let new = aws_accounts::NewAwsAccount {
        account_id: input.account_id.as_str(),
        display_name: &input.display_name,
        root_held_by_us: true,
        under_maintenance: input.under_maintenance,
    };
    let row = aws_accounts::insert(&txn, scope, new, now).await.map_err(|e| match AppError::from(e) {
        AppError::Conflict(_) => AppError::Conflict(ErrorCode::AwsAccountTaken),
        other => other,
    })?;
    let record = audit::Record {
        action: AuditAction::CompanyLinkAwsAccount,
        target_type: "aws_account",
        target_id: row.id.to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(
            json!({ "account_id": row.account_id, "display_name": row.display_name, "under_maintenance": row.under_maintenance }),
        ),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(views::aws_account(row))
}
