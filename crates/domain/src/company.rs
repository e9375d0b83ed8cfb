//! Wire types of companies, AWS accounts, tickets and the staff operations on them (R1–R3, R7.1, R7.6).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::eligibility::{CompanyFlags, ContractType};
use crate::fiscal::FiscalYear;
use crate::ledger::EntryKind;
use crate::paging::PageLinks;
use crate::rank::{Benefits, Rank, Thresholds};
use crate::Role;

/// Where work reports for an AWS account go (R4.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportChannel {
    /// Under a cloudpack monitoring/maintenance contract.
    Backlog,
    Portal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AwsAccountView {
    pub id: Uuid,
    /// 12 digits.
    pub account_id: String,
    pub display_name: String,
    pub root_held_by_us: bool,
    pub under_maintenance: bool,
    pub report_channel: ReportChannel,
    pub created_at: DateTime<Utc>,
}

/// How the rank of a fiscal year was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum RankSource {
    /// From the previous calendar year's volume (R2.2).
    Computed,
    /// Set by staff with a reason (R2.4).
    Override,
    /// A company onboarded mid-year without history: REGULAR (R2.4).
    Onboarding,
}

/// The company page (R7.6): rank and benefits, tickets, trainings, AWS accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyOverview {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub fiscal_year: FiscalYear,
    pub fiscal_year_start: DateTime<Utc>,
    pub fiscal_year_end: DateTime<Utc>,
    pub rank: Rank,
    pub rank_source: RankSource,
    /// The calendar-year volume (yen) that decided a computed rank (R2.2).
    #[serde(default)]
    pub rank_volume_yen: Option<i64>,
    /// The new fiscal year has begun (April 1 JST) but this company's yearly rank update has not
    /// run yet: until it does, `fiscal_year`, the rank and the tickets are those of the year before.
    #[serde(default)]
    pub rollover_pending: bool,
    pub benefits: Benefits,
    pub ticket_balance: i32,
    /// When the tickets held now expire (end of the fiscal year of their grant); absent at zero.
    pub tickets_expire_at: Option<DateTime<Utc>>,
    pub free_trainings_left: u32,
    pub aws_accounts: Vec<AwsAccountView>,
}

/// One ticket ledger entry with the balance after it (R3.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LedgerEntryView {
    pub id: Uuid,
    /// Position in this company's ledger, from 1.
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub kind: EntryKind,
    pub amount: i32,
    pub balance_after: i32,
    pub fiscal_year: FiscalYear,
    pub expires_at: Option<DateTime<Utc>>,
    /// What caused it (rollover, override, adjustment and its reason …), as a kind and its
    /// parameters, to be put into words in the reader's language.
    pub reason: crate::ledger::LedgerReason,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LedgerPage {
    pub items: Vec<LedgerEntryView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// Links to the next and previous pages (older servers sent none).
    #[serde(default)]
    pub links: PageLinks,
}

// ---- staff -------------------------------------------------------------------------------

/// Onboarding form (R1.4, R7.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OnboardCompanyRequest {
    /// 1–32 letters, digits, `-` or `_`; unique.
    #[cfg_attr(feature = "server", schema(pattern = r"^\s*[A-Za-z0-9_-]{1,32}\s*$", example = "ACME"))]
    pub code: String,
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    /// At least one qualifying contract (R1.1), else `ineligible_company`.
    pub contract_types: Vec<ContractType>,
    #[serde(default)]
    pub flags: CompanyFlags,
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 100, pattern = r"\S"))]
    pub representative_name: String,
    #[cfg_attr(
        feature = "server",
        schema(
            min_length = 3,
            max_length = 254,
            pattern = r"^\s*[!-?A-~]{1,64}@[!-\-/-?A-~][!-?A-~]*\.[!-?A-~]*[!-\-/-?A-~]\s*$",
            example = "rep@example.co.jp"
        )
    )]
    pub representative_email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OnboardCompanyResponse {
    pub company: CompanyOverview,
    pub representative_id: Uuid,
    /// `outbox` (embedded default: a file) or `smtp`.
    pub mail_delivery: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LinkAwsAccountRequest {
    /// 12 digits, as the console shows them (`1234-5678-9012` or `123456789012`).
    #[cfg_attr(
        feature = "server",
        schema(pattern = r"^\s*[0-9]{4}[- ]?[0-9]{4}[- ]?[0-9]{4}\s*$", example = "123456789012")
    )]
    pub account_id: String,
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 100, pattern = r"\S"))]
    pub display_name: String,
    /// Must be true: only accounts whose root user the operator holds can be linked (R1.3).
    pub root_held_by_us: bool,
    #[serde(default)]
    pub under_maintenance: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub mfa_enabled: bool,
}

/// The staff view of one company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyDetail {
    pub overview: CompanyOverview,
    pub contract_types: Vec<ContractType>,
    pub flags: CompanyFlags,
    pub users: Vec<CompanyUser>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyListItem {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    /// Rank of the current fiscal year.
    pub rank: Rank,
    pub ticket_balance: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyPage {
    pub items: Vec<CompanyListItem>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// Links to the next and previous pages (older servers sent none).
    #[serde(default)]
    pub links: PageLinks,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub import_id: Uuid,
    pub rows: u32,
    pub companies: u32,
    /// Company-months that already existed and were replaced.
    pub replaced: u32,
    /// Companies whose rank for the year under way was decided again because the import changed
    /// the previous calendar year's volume (overridden ranks are kept).
    #[serde(default)]
    pub ranks_recomputed: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ThresholdsVersion {
    pub version: i32,
    pub thresholds: Thresholds,
    pub changed_by: Option<String>,
    pub changed_at: DateTime<Utc>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateThresholdsRequest {
    /// Yen per calendar year, each above zero, strictly descending from PLATINUM to BRONZE.
    pub thresholds: Thresholds,
    /// Why (1–500 characters).
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 500, pattern = r"\S"))]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RankOverrideRequest {
    /// The fiscal year under way or the next one.
    pub fiscal_year: FiscalYear,
    pub rank: Rank,
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 500, pattern = r"\S"))]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TicketAdjustmentRequest {
    /// Positive adds tickets, negative removes them (not zero); never below zero.
    #[cfg_attr(feature = "server", schema(minimum = -1000, maximum = 1000))]
    pub amount: i32,
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 500, pattern = r"\S"))]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RolloverRequest {
    pub fiscal_year: FiscalYear,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RolloverReport {
    pub fiscal_year: i32,
    pub companies: u32,
    /// Companies whose rank for the year was stored by this run.
    pub ranks_set: u32,
    pub grants: u32,
    pub expirations: u32,
    /// Companies a previous run had already rolled over.
    pub unchanged: u32,
    /// Companies this run could not roll over (logged and audited; the scheduler retries them).
    pub failed: u32,
    /// Which companies failed, and why.
    #[serde(default)]
    pub failed_companies: Vec<RolloverFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RolloverFailure {
    pub company_id: Uuid,
    pub error: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditEntryView {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// E-mail of the acting user, or `system`.
    pub actor: String,
    #[cfg_attr(feature = "server", schema(value_type = crate::audit::AuditAction))]
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub company_id: Option<Uuid>,
    /// Security events: the client's address and browser.
    #[serde(default)]
    pub client_address: Option<String>,
    #[serde(default)]
    pub user_agent: Option<String>,
    #[cfg_attr(feature = "server", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    #[cfg_attr(feature = "server", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub items: Vec<AuditEntryView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// Links to the next and previous pages (older servers sent none).
    #[serde(default)]
    pub links: PageLinks,
}
