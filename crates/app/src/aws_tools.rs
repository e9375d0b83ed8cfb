//! What every AWS tool needs (R7.8, R7.9): the account and its role as the caller's company sees
//! them, the contract check, the portal with no AWS access, and AWS's errors as use-case errors.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, SubsecRound, Utc};
use portal_aws::{AwsError, AwsTools, CostPeriod, RoleTarget, TaLanguage};
use portal_db::entities::aws_account;
use portal_db::queries::{aws_accounts, aws_tools, companies, CompanyScope};
use portal_domain::aws_roles;
use portal_domain::aws_tools::{
    tool_allowed, AwsTool, CallerIdentity, CostReport, TaCheck, TaCheckResult, TaCheckSummary, TaProvider,
    TaRefreshStatus,
};
use portal_domain::eligibility::ContractType;
use portal_domain::ErrorCode;
use rand::RngCore;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::error::AppError;

pub type SharedAws = Arc<dyn AwsTools>;

/// The portal when the operator gave it no AWS settings: every tool says so, nothing calls out.
pub struct NoAwsAccess;

#[async_trait]
impl AwsTools for NoAwsAccess {
    async fn portal_identity(&self) -> Result<CallerIdentity, AwsError> {
        Err(AwsError::NotConfigured)
    }
    async fn test_connection(&self, _: &RoleTarget, _: DateTime<Utc>) -> Result<CallerIdentity, AwsError> {
        Err(AwsError::NotConfigured)
    }
    async fn ta_checks(&self, _: &RoleTarget, _: TaLanguage, _: DateTime<Utc>) -> Result<Vec<TaCheck>, AwsError> {
        Err(AwsError::NotConfigured)
    }
    async fn ta_summaries(
        &self,
        _: &RoleTarget,
        _: &[String],
        _: DateTime<Utc>,
    ) -> Result<Vec<TaCheckSummary>, AwsError> {
        Err(AwsError::NotConfigured)
    }
    async fn ta_check_result(
        &self,
        _: &RoleTarget,
        _: &str,
        _: TaLanguage,
        _: DateTime<Utc>,
    ) -> Result<TaCheckResult, AwsError> {
        Err(AwsError::NotConfigured)
    }
    async fn ta_refresh(&self, _: &RoleTarget, _: &str, _: DateTime<Utc>) -> Result<TaRefreshStatus, AwsError> {
        Err(AwsError::NotConfigured)
    }
    async fn ta_refresh_statuses(
        &self,
        _: &RoleTarget,
        _: &[String],
        _: DateTime<Utc>,
    ) -> Result<Vec<TaRefreshStatus>, AwsError> {
        Err(AwsError::NotConfigured)
    }
    async fn cost_by_month(&self, _: &RoleTarget, _: CostPeriod, _: DateTime<Utc>) -> Result<CostReport, AwsError> {
        Err(AwsError::NotConfigured)
    }
}

/// The problem code a customer sees for an AWS error.
pub fn error_code(e: &AwsError) -> ErrorCode {
    match e {
        AwsError::NotConfigured => ErrorCode::AwsNotConfigured,
        AwsError::AssumeRoleDenied { .. } => ErrorCode::AwsAssumeRoleDenied,
        AwsError::PermissionMissing { .. } => ErrorCode::AwsPermissionMissing,
        AwsError::NoTrustedAdvisorAccess { .. } => ErrorCode::AwsNoTrustedAdvisorAccess,
        AwsError::Throttled { .. } => ErrorCode::AwsThrottled,
        AwsError::Unsupported { .. } => ErrorCode::AwsUnsupported,
        AwsError::InvalidRequest { .. } => ErrorCode::AwsInvalidRequest,
        AwsError::Unavailable { .. } => ErrorCode::AwsUnavailable,
    }
}

/// Nobody's request is wrong when the portal has no AWS access or AWS throttles: 503, try later.
/// Everything else is AWS refusing or failing: 502 with AWS's words in `detail`.
impl From<AwsError> for AppError {
    fn from(e: AwsError) -> AppError {
        let code = error_code(&e);
        let detail = e.to_string();
        match e {
            AwsError::NotConfigured | AwsError::Throttled { .. } => AppError::Unavailable { code, detail },
            _ => AppError::Upstream { code, detail },
        }
    }
}

/// A time as the database keeps it (PostgreSQL: microseconds), so that what a fetch answers is what
/// a later read of the store returns.
pub fn stored_time(now: DateTime<Utc>) -> DateTime<Utc> {
    now.trunc_subsecs(6)
}

/// 16 random bytes as hex: unguessable, so that a confused deputy cannot name another company's.
pub fn new_external_id() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("cpp-{}", hex::encode(bytes))
}

pub fn provider_str(p: TaProvider) -> &'static str {
    match p {
        TaProvider::SupportApi => "support_api",
        TaProvider::TrustedAdvisorApi => "trusted_advisor_api",
    }
}

pub fn provider_of(s: &str) -> TaProvider {
    match s {
        "trusted_advisor_api" => TaProvider::TrustedAdvisorApi,
        _ => TaProvider::SupportApi,
    }
}

/// One of the company's linked accounts, else 404.
pub async fn account(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    aws_account_id: Uuid,
) -> Result<aws_account::Model, AppError> {
    aws_accounts::get(db, scope, aws_account_id).await?.ok_or(AppError::NotFound)
}

/// The contract types of each tool, as staff set them.
pub async fn tool_contracts(db: &impl ConnectionTrait, tool: AwsTool) -> Result<Vec<ContractType>, AppError> {
    let rows = aws_tools::tool_settings(db).await?;
    Ok(rows
        .iter()
        .find(|r| r.tool == tool.as_str())
        .map(|r| crate::tool_settings::parse_contracts(&r.contract_types))
        .unwrap_or_default())
}

pub async fn allowed(db: &impl ConnectionTrait, scope: CompanyScope, tool: AwsTool) -> Result<bool, AppError> {
    let company = companies::find(db, scope).await?.ok_or(AppError::NotFound)?;
    Ok(tool_allowed(&tool_contracts(db, tool).await?, &companies::contract_types(&company)))
}

/// 403 `tool_not_in_contract` unless the company's contracts include the tool.
pub async fn ensure_allowed(db: &impl ConnectionTrait, scope: CompanyScope, tool: AwsTool) -> Result<(), AppError> {
    if allowed(db, scope, tool).await? {
        Ok(())
    } else {
        Err(AppError::ForbiddenCode(ErrorCode::ToolNotInContract))
    }
}

/// The account's role as the portal assumes it; 409 `aws_role_not_set` before one is registered.
pub async fn target(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    aws_account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<RoleTarget, AppError> {
    account(db, scope, aws_account_id).await?;
    let role = aws_tools::role(db, scope, aws_account_id).await?.ok_or(AppError::Conflict(ErrorCode::AwsRoleNotSet))?;
    let company = companies::find(db, scope).await?.ok_or(AppError::NotFound)?;
    let external_id = aws_tools::external_id(db, scope, new_external_id, now).await?;
    Ok(RoleTarget {
        role_arn: role.role_arn,
        external_id,
        session_name: aws_roles::session_name(&company.code),
        ta_provider: provider_of(&role.ta_provider),
    })
}
