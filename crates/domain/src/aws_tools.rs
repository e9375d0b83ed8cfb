//! What the AWS tools read from a customer's account (R7.8 Trusted Advisor, R7.9 estimated cost), as
//! plain wire types: `crates/aws` fills them from the SDK, the store keeps them as JSON, the web app
//! shows them. No SDK type crosses this line.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::ErrorCode;
use crate::company::AwsAccountView;
use crate::eligibility::ContractType;

/// Trusted Advisor's check categories as AWS names them (`cost_optimizing` …). Anything AWS adds
/// later is `other`, kept with its name in [`TaCheck::category_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaCategory {
    CostOptimizing,
    Security,
    FaultTolerance,
    Performance,
    ServiceLimits,
    Other,
}

impl TaCategory {
    /// The Support API's category string (`cost_optimizing`, `fault_tolerance` …); the newer API's
    /// pillars (`cost_optimizing`, `security`, `fault_tolerance`, `performance`, `service_limits`,
    /// `operational_excellence`) use the same words.
    pub fn from_aws(s: &str) -> TaCategory {
        match s {
            "cost_optimizing" => TaCategory::CostOptimizing,
            "security" => TaCategory::Security,
            "fault_tolerance" => TaCategory::FaultTolerance,
            "performance" => TaCategory::Performance,
            "service_limits" => TaCategory::ServiceLimits,
            _ => TaCategory::Other,
        }
    }

    pub const SHOWN: [TaCategory; 5] = [
        TaCategory::CostOptimizing,
        TaCategory::Security,
        TaCategory::FaultTolerance,
        TaCategory::Performance,
        TaCategory::ServiceLimits,
    ];
}

/// A check's or a resource's status. AWS says `ok`, `warning`, `error`, `not_available`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaStatus {
    Ok,
    Warning,
    Error,
    NotAvailable,
}

impl TaStatus {
    pub fn from_aws(s: &str) -> TaStatus {
        match s {
            "ok" | "green" => TaStatus::Ok,
            "warning" | "yellow" => TaStatus::Warning,
            "error" | "red" => TaStatus::Error,
            _ => TaStatus::NotAvailable,
        }
    }
}

/// One check of the catalogue, in the language it was asked in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaCheck {
    pub id: String,
    pub name: String,
    /// HTML as AWS writes it; the web app shows it as text.
    pub description: String,
    pub category: TaCategory,
    /// AWS's own category word, kept for `other`.
    pub category_name: String,
    /// Column names of the flagged resources' `metadata`.
    pub metadata: Vec<String>,
}

/// Counts of a check's resources.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaResourceCounts {
    pub processed: i64,
    pub flagged: i64,
    pub ignored: i64,
    pub suppressed: i64,
}

/// The latest result of one check without its resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaCheckSummary {
    pub check_id: String,
    pub status: TaStatus,
    /// When AWS last ran the check.
    pub checked_at: Option<DateTime<Utc>>,
    pub resources: TaResourceCounts,
    pub has_flagged_resources: bool,
    /// Cost-optimizing checks: what acting on them would save a month, in US dollars.
    pub estimated_monthly_savings: Option<f64>,
}

/// A resource a check flagged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaFlaggedResource {
    pub resource_id: String,
    pub status: TaStatus,
    pub region: Option<String>,
    pub is_suppressed: bool,
    /// One value per [`TaCheck::metadata`] column.
    pub metadata: Vec<Option<String>>,
}

/// The latest result of one check with its flagged resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaCheckResult {
    pub summary: TaCheckSummary,
    pub flagged_resources: Vec<TaFlaggedResource>,
}

/// Where AWS is with refreshing a check: `none`, `enqueued`, `processing`, `success`, `abandoned`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaRefreshStatus {
    pub check_id: String,
    pub status: String,
    /// How long until AWS accepts another refresh of this check.
    pub millis_until_next_refreshable: i64,
}

/// Which API reads Trusted Advisor for an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaProvider {
    /// The Support API (`support`, DescribeTrustedAdvisor*), in us-east-1.
    #[default]
    SupportApi,
    /// The Trusted Advisor API (`trustedadvisor`, ListRecommendations …).
    TrustedAdvisorApi,
}

/// A month of estimated cost, split by service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CostMonth {
    /// First day of the month.
    pub start: NaiveDate,
    /// Exclusive end AWS reported (the first of the next month, or tomorrow for the month under way).
    pub end: NaiveDate,
    /// AWS marks a period that is not final yet.
    pub estimated: bool,
    pub total: f64,
    pub services: Vec<ServiceCost>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ServiceCost {
    pub service: String,
    pub amount: f64,
}

/// Cost Explorer's answer for the last 12 months and the month to date, by month and service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CostReport {
    /// Cost Explorer's unit, normally `USD`.
    pub currency: String,
    /// Oldest first; the last one is the month to date.
    pub months: Vec<CostMonth>,
}

/// Who the portal (or an assumed role) is to AWS: STS GetCallerIdentity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
}

// ---- What the portal offers on top of AWS's answers ------------------------------------------------

/// The tools that read a customer's account. Which contract types may use each is staff-editable
/// configuration (R7.8: "some tools depend on the contract type").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AwsTool {
    TrustedAdvisor,
    CostEstimate,
}

impl AwsTool {
    pub const ALL: [AwsTool; 2] = [AwsTool::TrustedAdvisor, AwsTool::CostEstimate];

    pub fn as_str(self) -> &'static str {
        match self {
            AwsTool::TrustedAdvisor => "trusted_advisor",
            AwsTool::CostEstimate => "cost_estimate",
        }
    }

    pub fn parse(s: &str) -> Option<AwsTool> {
        AwsTool::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One tool and the contract types that may use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ToolSetting {
    pub tool: AwsTool,
    pub contract_types: Vec<ContractType>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// `PUT /admin/tool-settings/{tool}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateToolSetting {
    pub contract_types: Vec<ContractType>,
}

/// A company may use a tool when one of its contracts is among the tool's contract types.
pub fn tool_allowed(tool_contracts: &[ContractType], company_contracts: &[ContractType]) -> bool {
    company_contracts.iter().any(|c| tool_contracts.contains(c))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ToolAvailability {
    pub tool: AwsTool,
    pub available: bool,
}

/// The outcome of the last "test connection".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ConnectionCheck {
    pub ok: bool,
    pub checked_at: DateTime<Utc>,
    /// Who the portal was in the customer's account (`…:assumed-role/<Role>/<session>`).
    pub identity_arn: Option<String>,
    /// Why it failed (`aws_assume_role_denied` …).
    pub error_code: Option<ErrorCode>,
    /// AWS's own message, for the details.
    pub message: Option<String>,
}

/// The role registered for an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AwsRoleView {
    pub role_arn: Option<String>,
    pub ta_provider: TaProvider,
    pub connection: Option<ConnectionCheck>,
}

/// `PUT /company/aws-accounts/{id}/role`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SetAwsRole {
    /// `arn:aws:iam::<the linked account>:role/<name>`.
    pub role_arn: String,
    /// Which API reads Trusted Advisor; the Support API when absent.
    #[serde(default)]
    pub ta_provider: Option<TaProvider>,
}

/// How to create the role, and where the account stands (the tools page's first block).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AwsToolsSetupView {
    pub account: AwsAccountView,
    /// The company's ExternalId: generated by the portal, shown, never chosen by the customer.
    pub external_id: String,
    /// The principal the trust policy names; absent when the operator has not configured AWS.
    pub portal_principal_arn: Option<String>,
    pub aws_configured: bool,
    pub suggested_role_name: String,
    /// Pretty JSON, for copying.
    pub trust_policy: Option<String>,
    pub permissions_policy: String,
    pub cli_commands: Vec<String>,
    pub role: AwsRoleView,
    pub tools: Vec<ToolAvailability>,
}

/// Counts of one category's checks by status, and what acting on them would save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaCategorySummary {
    pub category: TaCategory,
    pub ok: u32,
    pub warning: u32,
    pub error: u32,
    pub not_available: u32,
    pub estimated_monthly_savings: f64,
}

/// A check with its latest summary (none when AWS had no result for it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaCheckRow {
    pub check: TaCheck,
    pub summary: Option<TaCheckSummary>,
}

/// The Trusted Advisor page of one account, from the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TrustedAdvisorView {
    pub aws_account_id: Uuid,
    /// When the portal last read it from AWS; none before the first read.
    pub fetched_at: Option<DateTime<Utc>>,
    pub categories: Vec<TaCategorySummary>,
    /// Sum over the checks, in US dollars a month.
    pub estimated_monthly_savings: f64,
    pub checks: Vec<TaCheckRow>,
}

/// One check's flagged resources, from the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaCheckView {
    pub aws_account_id: Uuid,
    pub check: TaCheck,
    pub result: TaCheckResult,
    pub fetched_at: DateTime<Utc>,
}

/// Categories in display order with counts by status, the rows sorted by category then status
/// (errors first) then name, and the total savings.
pub fn summarize(
    aws_account_id: Uuid,
    checks: Vec<TaCheck>,
    summaries: Vec<TaCheckSummary>,
    fetched_at: Option<DateTime<Utc>>,
) -> TrustedAdvisorView {
    let mut rows: Vec<TaCheckRow> = checks
        .into_iter()
        .map(|check| {
            let summary = summaries.iter().find(|s| s.check_id == check.id).cloned();
            TaCheckRow { check, summary }
        })
        .collect();
    let severity = |r: &TaCheckRow| match r.summary.as_ref().map(|s| s.status) {
        Some(TaStatus::Error) => 0,
        Some(TaStatus::Warning) => 1,
        Some(TaStatus::Ok) => 2,
        _ => 3,
    };
    rows.sort_by(|a, b| {
        (a.check.category, severity(a), &a.check.name).cmp(&(b.check.category, severity(b), &b.check.name))
    });
    let mut categories: Vec<TaCategorySummary> = TaCategory::SHOWN
        .into_iter()
        .map(|category| TaCategorySummary {
            category,
            ok: 0,
            warning: 0,
            error: 0,
            not_available: 0,
            estimated_monthly_savings: 0.0,
        })
        .collect();
    let mut total = 0.0;
    for row in &rows {
        let Some(cat) = categories.iter_mut().find(|c| c.category == row.check.category) else { continue };
        let status = row.summary.as_ref().map(|s| s.status).unwrap_or(TaStatus::NotAvailable);
        match status {
            TaStatus::Ok => cat.ok += 1,
            TaStatus::Warning => cat.warning += 1,
            TaStatus::Error => cat.error += 1,
            TaStatus::NotAvailable => cat.not_available += 1,
        }
        let savings = row.summary.as_ref().and_then(|s| s.estimated_monthly_savings).unwrap_or(0.0);
        cat.estimated_monthly_savings += savings;
        total += savings;
    }
    TrustedAdvisorView { aws_account_id, fetched_at, categories, estimated_monthly_savings: total, checks: rows }
}

/// The estimated cost page of one account, from the store (R7.9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CostView {
    pub aws_account_id: Uuid,
    pub fetched_at: Option<DateTime<Utc>>,
    pub currency: String,
    /// The month under way, to date.
    pub month_to_date: Option<f64>,
    pub last_month: Option<f64>,
    /// The last 12 full months and the month under way, oldest first.
    pub months: Vec<CostMonth>,
    /// Totals over `months` by service, largest first.
    pub services: Vec<ServiceCost>,
}

/// The period Cost Explorer is asked for on `today`: the first of the month 12 months back, up to
/// tomorrow (exclusive end), so the month under way is included to date.
pub fn cost_period(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = today.with_day(1).unwrap_or(today);
    let start = first.checked_sub_months(chrono::Months::new(12)).unwrap_or(first);
    (start, today.succ_opt().unwrap_or(today))
}

pub fn cost_view(
    aws_account_id: Uuid,
    report: Option<CostReport>,
    fetched_at: Option<DateTime<Utc>>,
    today: NaiveDate,
) -> CostView {
    let Some(report) = report else {
        return CostView {
            aws_account_id,
            fetched_at,
            currency: "USD".into(),
            month_to_date: None,
            last_month: None,
            months: Vec::new(),
            services: Vec::new(),
        };
    };
    let this_month = today.with_day(1).unwrap_or(today);
    let last_month_start = this_month.checked_sub_months(chrono::Months::new(1)).unwrap_or(this_month);
    let total_of = |start: NaiveDate| report.months.iter().find(|m| m.start == start).map(|m| m.total);
    let mut services: Vec<ServiceCost> = Vec::new();
    for m in &report.months {
        for s in &m.services {
            match services.iter_mut().find(|x| x.service == s.service) {
                Some(x) => x.amount += s.amount,
                None => services.push(s.clone()),
            }
        }
    }
    services.sort_by(|a, b| b.amount.total_cmp(&a.amount).then_with(|| a.service.cmp(&b.service)));
    CostView {
        aws_account_id,
        fetched_at,
        month_to_date: total_of(this_month),
        last_month: total_of(last_month_start),
        currency: report.currency,
        months: report.months,
        services,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(id: &str, cat: TaCategory) -> TaCheck {
        TaCheck {
            id: id.into(),
            name: format!("check {id}"),
            description: String::new(),
            category: cat,
            category_name: String::new(),
            metadata: vec![],
        }
    }

    fn summary(id: &str, status: TaStatus, savings: Option<f64>) -> TaCheckSummary {
        TaCheckSummary {
            check_id: id.into(),
            status,
            checked_at: None,
            resources: TaResourceCounts::default(),
            has_flagged_resources: status != TaStatus::Ok,
            estimated_monthly_savings: savings,
        }
    }

    #[test]
    fn r7_8_summary_counts_checks_by_category_and_status_and_adds_up_savings() {
        let checks = vec![
            check("a", TaCategory::CostOptimizing),
            check("b", TaCategory::CostOptimizing),
            check("c", TaCategory::Security),
            check("d", TaCategory::ServiceLimits),
        ];
        let summaries = vec![
            summary("a", TaStatus::Warning, Some(120.5)),
            summary("b", TaStatus::Ok, Some(0.0)),
            summary("c", TaStatus::Error, None),
        ];
        let view = summarize(Uuid::nil(), checks, summaries, None);
        let cost = &view.categories[0];
        assert_eq!((cost.category, cost.ok, cost.warning, cost.error), (TaCategory::CostOptimizing, 1, 1, 0));
        assert_eq!(cost.estimated_monthly_savings, 120.5);
        assert_eq!(view.categories[1].error, 1);
        assert_eq!(view.categories[4].not_available, 1, "a check without a summary is not available");
        assert_eq!(view.estimated_monthly_savings, 120.5);
        assert_eq!(view.checks[0].check.id, "a", "warnings before ok within a category");
    }

    #[test]
    fn r7_9_cost_period_covers_twelve_months_and_the_month_to_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(
            cost_period(today),
            (NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
        );
    }

    #[test]
    fn r7_9_cost_view_reads_this_and_last_month_and_totals_services() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let month = |m: u32, total: f64, services: Vec<(&str, f64)>| CostMonth {
            start: d(m, 1),
            end: d(m + 1, 1),
            estimated: false,
            total,
            services: services.into_iter().map(|(s, a)| ServiceCost { service: s.into(), amount: a }).collect(),
        };
        let report = CostReport {
            currency: "USD".into(),
            months: vec![
                month(10, 300.0, vec![("Amazon EC2", 200.0), ("Amazon S3", 100.0)]),
                month(11, 50.0, vec![("Amazon S3", 50.0)]),
            ],
        };
        let view = cost_view(Uuid::nil(), Some(report), None, d(11, 27));
        assert_eq!((view.month_to_date, view.last_month), (Some(50.0), Some(300.0)));
        assert_eq!(view.services[0], ServiceCost { service: "Amazon EC2".into(), amount: 200.0 });
        assert_eq!(view.services[1].amount, 150.0);
        let empty = cost_view(Uuid::nil(), None, None, d(11, 27));
        assert!(empty.months.is_empty() && empty.month_to_date.is_none());
    }
}

/// `POST /admin/optimization/proposals/{id}/evidence`: which check of which account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AttachEvidenceRequest {
    /// The AWS account link id (one of the proposal's company's accounts).
    pub aws_account_id: Uuid,
    pub check_id: String,
}

/// A Trusted Advisor check attached to a proposal (R6.4), with its flagged resources as they were
/// when attached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EvidenceView {
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub attached_by: String,
    pub attached_at: DateTime<Utc>,
    pub check: TaCheckView,
}
