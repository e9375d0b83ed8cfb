//! Linking a customer's AWS account to the portal through an IAM role (R7.8): the set-up the
//! customer follows, the role ARN the representative registers, and "test connection".

use chrono::{DateTime, Utc};
use portal_db::entities::aws_account_role;
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::aws_tools::{self as store, ConnectionOutcome};
use portal_db::queries::CompanyScope;
use portal_domain::audit::AuditAction;
use portal_domain::aws::AwsAccountId;
use portal_domain::aws_roles::{self, RoleArn};
use portal_domain::aws_tools::{
    AwsRoleView, AwsTool, AwsToolsSetupView, ConnectionCheck, SetAwsRole, TaProvider, ToolAvailability,
};
use portal_domain::ErrorCode;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::aws_tools::{self as tools, SharedAws};
use crate::error::AppError;
use crate::views;

fn role_view(row: Option<aws_account_role::Model>) -> AwsRoleView {
    let Some(r) = row else {
        return AwsRoleView { role_arn: None, ta_provider: TaProvider::SupportApi, connection: None };
    };
    let connection = r.checked_at.map(|checked_at| ConnectionCheck {
        ok: r.check_ok.unwrap_or(false),
        checked_at,
        identity_arn: r.check_identity_arn.clone(),
        error_code: r.check_error_code.as_deref().and_then(ErrorCode::parse),
        message: r.check_message.clone(),
    });
    AwsRoleView { role_arn: Some(r.role_arn), ta_provider: tools::provider_of(&r.ta_provider), connection }
}

/// The role the account has, for the tools page.
pub async fn role(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    aws_account_id: Uuid,
) -> Result<AwsRoleView, AppError> {
    tools::account(db, scope, aws_account_id).await?;
    Ok(role_view(store::role(db, scope, aws_account_id).await?))
}

/// How to create the role: the portal's principal (from AWS; absent when the operator has not
/// configured access), the company's ExternalId, the policies, the template and CLI commands.
pub async fn setup(
    db: &DatabaseConnection,
    aws: &SharedAws,
    scope: CompanyScope,
    aws_account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<AwsToolsSetupView, AppError> {
    let account = tools::account(db, scope, aws_account_id).await?;
    let external_id = store::external_id(db, scope, tools::new_external_id, now).await?;
    let principal = aws.portal_identity().await.ok().map(|id| aws_roles::trust_principal(&id.arn));
    let role = role_view(store::role(db, scope, aws_account_id).await?);
    let mut availability = Vec::new();
    for tool in AwsTool::ALL {
        availability.push(ToolAvailability { tool, available: tools::allowed(db, scope, tool).await? });
    }
    Ok(AwsToolsSetupView {
        account: views::aws_account(account),
        aws_configured: principal.is_some(),
        trust_policy: principal.as_deref().map(|p| aws_roles::trust_policy_text(p, &external_id)),
        cli_commands: principal.as_deref().map(|p| aws_roles::cli_commands(p, &external_id)).unwrap_or_default(),
        permissions_policy: aws_roles::permissions_policy_text(),
        suggested_role_name: aws_roles::SUGGESTED_ROLE_NAME.to_owned(),
        portal_principal_arn: principal,
        external_id,
        role,
        tools: availability,
    })
}

/// The CloudFormation template for download; 503 without the portal's principal to name.
pub async fn cloudformation(
    db: &DatabaseConnection,
    aws: &SharedAws,
    scope: CompanyScope,
    aws_account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    tools::account(db, scope, aws_account_id).await?;
    let external_id = store::external_id(db, scope, tools::new_external_id, now).await?;
    let principal = aws_roles::trust_principal(&aws.portal_identity().await?.arn);
    Ok(aws_roles::cloudformation_template(&principal, &external_id))
}

/// Registers the role: its ARN must name the linked account (422 before any AWS call).
pub async fn set_role(
    db: &DatabaseConnection,
    scope: CompanyScope,
    aws_account_id: Uuid,
    input: &SetAwsRole,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<AwsRoleView, AppError> {
    let txn = db.begin().await?;
    if !store::lock_account(&txn, scope, aws_account_id).await? {
        return Err(AppError::NotFound);
    }
    let account = tools::account(&txn, scope, aws_account_id).await?;
    let linked = AwsAccountId::parse(&account.account_id).map_err(|e| AppError::internal(e.to_string()))?;
    let arn = RoleArn::parse(&input.role_arn, &linked).map_err(|code| {
        let message = match code {
            ErrorCode::RoleArnAccountMismatch => format!("the role must belong to the linked account {linked}"),
            _ => "an IAM role ARN looks like arn:aws:iam::123456789012:role/CloudpackPortalReadOnly".to_owned(),
        };
        AppError::field("role_arn", code, message)
    })?;
    let provider = input.ta_provider.unwrap_or_default();
    let before = store::role(&txn, scope, aws_account_id).await?;
    let row = store::set_role(&txn, scope, aws_account_id, arn.as_str(), tools::provider_str(provider), now).await?;
    let record = audit::Record {
        action: AuditAction::AwsRoleSet,
        target_type: "aws_account",
        target_id: aws_account_id.to_string(),
        company_id: Some(scope.company_id()),
        before: before.map(|b| json!({ "role_arn": b.role_arn, "ta_provider": b.ta_provider })),
        after: Some(json!({ "role_arn": row.role_arn, "ta_provider": row.ta_provider })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(role_view(Some(row)))
}

/// AssumeRole with the ExternalId and GetCallerIdentity. The outcome is stored and returned either
/// way: an AWS refusal is the answer to the test, not an error of the request.
pub async fn test_connection(
    db: &DatabaseConnection,
    aws: &SharedAws,
    scope: CompanyScope,
    aws_account_id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ConnectionCheck, AppError> {
    let now = tools::stored_time(now);
    let target = tools::target(db, scope, aws_account_id, now).await?;
    let result = aws.test_connection(&target, now).await;
    let check = match &result {
        Ok(identity) => ConnectionCheck {
            ok: true,
            checked_at: now,
            identity_arn: Some(identity.arn.clone()),
            error_code: None,
            message: None,
        },
        Err(e) => ConnectionCheck {
            ok: false,
            checked_at: now,
            identity_arn: None,
            error_code: Some(tools::error_code(e)),
            message: Some(e.to_string()),
        },
    };
    let txn = db.begin().await?;
    let outcome = ConnectionOutcome {
        ok: check.ok,
        identity_arn: check.identity_arn.as_deref(),
        error_code: check.error_code.map(|c| c.as_str()),
        message: check.message.as_deref(),
    };
    // A role replaced while AWS was asked keeps "untested": this outcome was the old role's.
    store::record_check(&txn, scope, aws_account_id, &target.role_arn, outcome, now).await?;
    let record = audit::Record {
        action: AuditAction::AwsConnectionTest,
        target_type: "aws_account",
        target_id: aws_account_id.to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(json!({ "ok": check.ok, "role_arn": target.role_arn, "error_code": check.error_code })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(check)
}
