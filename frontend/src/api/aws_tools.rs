//! The AWS tools of a linked account (R7.8, R7.9): set-up and role, the connection test, Trusted
//! Advisor and the estimated cost. Customers under `/company/aws-accounts/{id}/…`; staff read the
//! same under `/admin/companies/{id}/aws-accounts/{account_id}/…` and set which contract types may
//! use each tool (`/admin/tool-settings`).

use gloo_net::http::Method;
use portal_domain::aws_tools::{
    AwsRoleView, AwsToolsSetupView, ConnectionCheck, CostView, SetAwsRole, TaCheckView, TaProvider, TaRefreshStatus,
    TrustedAdvisorView,
};
#[cfg(feature = "staff")]
use portal_domain::aws_tools::{AwsTool, ToolSetting, UpdateToolSetting};
#[cfg(feature = "staff")]
use portal_domain::eligibility::ContractType;
use uuid::Uuid;

use super::{authed, decode, json, ApiError};
use crate::i18n::Lang;
use crate::session::Session;

/// Whose account: the caller's company's (`account` is the link id of `AwsAccountView::id`), or
/// (staff) company `company`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolsScope {
    Customer { account: Uuid },
    Staff { company: Uuid, account: Uuid },
}

impl ToolsScope {
    fn base(self) -> String {
        match self {
            ToolsScope::Customer { account } => format!("/company/aws-accounts/{account}"),
            ToolsScope::Staff { company, account } => format!("/admin/companies/{company}/aws-accounts/{account}"),
        }
    }

    pub fn is_staff(self) -> bool {
        matches!(self, ToolsScope::Staff { .. })
    }

    /// The customer's account link id, when the caller is the customer (the API offers writes,
    /// the cost read and a check's refresh to customers only).
    pub fn customer_account(self) -> Option<Uuid> {
        match self {
            ToolsScope::Customer { account } => Some(account),
            ToolsScope::Staff { .. } => None,
        }
    }
}

fn lang_query(lang: Lang) -> [(&'static str, String); 1] {
    [("lang", lang.code().to_owned())]
}

async fn bytes(resp: gloo_net::http::Response) -> Result<Vec<u8>, ApiError> {
    let status = resp.status();
    resp.binary().await.map_err(|_| ApiError::Unexpected(status))
}

pub async fn role_setup(session: Session, scope: ToolsScope) -> Result<AwsToolsSetupView, ApiError> {
    decode(authed(session, Method::GET, &format!("{}/role-setup", scope.base()), &[], None).await?).await
}

/// The CloudFormation template (503 `aws_not_configured` without the portal's AWS access).
pub async fn cloudformation_yaml(session: Session, account: Uuid) -> Result<Vec<u8>, ApiError> {
    let path = format!("{}/role-setup/cloudformation.yaml", ToolsScope::Customer { account }.base());
    bytes(authed(session, Method::GET, &path, &[], None).await?).await
}

/// Registers the role (representatives; 422 with `invalid_role_arn` / `role_arn_account_mismatch`
/// on `role_arn`).
pub async fn set_aws_role(
    session: Session,
    account: Uuid,
    role_arn: &str,
    ta_provider: TaProvider,
) -> Result<AwsRoleView, ApiError> {
    let body = SetAwsRole { role_arn: role_arn.trim().to_owned(), ta_provider: Some(ta_provider) };
    let path = format!("{}/role", ToolsScope::Customer { account }.base());
    decode(authed(session, Method::PUT, &path, &[], Some(json(&body)?)).await?).await
}

/// The outcome, also when AWS refused (`ok: false` with the reason).
pub async fn test_aws_connection(session: Session, account: Uuid) -> Result<ConnectionCheck, ApiError> {
    let path = format!("{}/connection-test", ToolsScope::Customer { account }.base());
    decode(authed(session, Method::POST, &path, &[], None).await?).await
}

/// As last read (`fetch: false`) or read from AWS now.
pub async fn trusted_advisor(
    session: Session,
    scope: ToolsScope,
    lang: Lang,
    fetch: bool,
) -> Result<TrustedAdvisorView, ApiError> {
    let (method, tail) =
        if fetch { (Method::POST, "/trusted-advisor/fetch") } else { (Method::GET, "/trusted-advisor") };
    let path = format!("{}{tail}", scope.base());
    decode(authed(session, method, &path, &lang_query(lang), None).await?).await
}

fn check_path(scope: ToolsScope, check_id: &str) -> String {
    format!("{}/trusted-advisor/checks/{}", scope.base(), crate::route_meta::encode_component(check_id))
}

/// One check with its flagged resources: from the store (`fetch: false`, read from AWS the first
/// time) or read from AWS again (customers).
pub async fn ta_check(
    session: Session,
    scope: ToolsScope,
    check_id: &str,
    lang: Lang,
    fetch: bool,
) -> Result<TaCheckView, ApiError> {
    let path = check_path(scope, check_id);
    let resp = if fetch {
        authed(session, Method::POST, &format!("{path}/fetch"), &lang_query(lang), None).await?
    } else {
        authed(session, Method::GET, &path, &lang_query(lang), None).await?
    };
    decode(resp).await
}

/// The check's flagged resources as CSV (UTF-8 with BOM), column names in `lang`.
pub async fn ta_check_csv(
    session: Session,
    scope: ToolsScope,
    check_id: &str,
    lang: Lang,
) -> Result<Vec<u8>, ApiError> {
    let path = format!("{}/resources.csv", check_path(scope, check_id));
    bytes(authed(session, Method::GET, &path, &lang_query(lang), None).await?).await
}

/// Asks AWS to run the check again (customers).
pub async fn refresh_ta_check(session: Session, account: Uuid, check_id: &str) -> Result<TaRefreshStatus, ApiError> {
    let path = format!("{}/refresh", check_path(ToolsScope::Customer { account }, check_id));
    decode(authed(session, Method::POST, &path, &[], None).await?).await
}

/// As last read (`fetch: false`), or read from Cost Explorer now (customers).
pub async fn aws_cost(session: Session, scope: ToolsScope, fetch: bool) -> Result<CostView, ApiError> {
    let resp = if fetch {
        authed(session, Method::POST, &format!("{}/cost/fetch", scope.base()), &[], None).await?
    } else {
        authed(session, Method::GET, &format!("{}/cost", scope.base()), &[], None).await?
    };
    decode(resp).await
}

#[cfg(feature = "staff")]
pub async fn tool_settings(session: Session) -> Result<Vec<ToolSetting>, ApiError> {
    decode(authed(session, Method::GET, "/admin/tool-settings", &[], None).await?).await
}

/// Admins only.
#[cfg(feature = "staff")]
pub async fn update_tool_setting(
    session: Session,
    tool: AwsTool,
    contract_types: Vec<ContractType>,
) -> Result<ToolSetting, ApiError> {
    let body = UpdateToolSetting { contract_types };
    let path = format!("/admin/tool-settings/{}", tool.as_str());
    decode(authed(session, Method::PUT, &path, &[], Some(json(&body)?)).await?).await
}
