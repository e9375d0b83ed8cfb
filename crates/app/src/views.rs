//! What customers and staff see of a company, built from stored rows. A stored value the code does
//! not know (a rank or kind typed into the database by hand) is an error, never a silent default.

use chrono::{DateTime, Utc};
use portal_db::entities::{aws_account, ticket_ledger};
use portal_db::queries::{aws_accounts, companies, company_years, CompanyScope};
use portal_domain::company::{
    AwsAccountView, CompanyDetail, CompanyOverview, CompanyUser, LedgerEntryView, RankSource, ReportChannel,
};
use portal_domain::fiscal::FiscalYear;
use portal_domain::ledger::LedgerReason;

use portal_domain::Rank;
use sea_orm::ConnectionTrait;

use crate::error::AppError;

pub fn aws_account(a: aws_account::Model) -> AwsAccountView {
    AwsAccountView {
        id: a.id,
        report_channel: if a.under_maintenance { ReportChannel::Backlog } else { ReportChannel::Portal },
        account_id: a.account_id,
        display_name: a.display_name,
        root_held_by_us: a.root_held_by_us,
        under_maintenance: a.under_maintenance,
        created_at: a.created_at,
    }
}

/// An entry as shown; its reason read back from kind and parameters (a stored kind the code does
/// not know is an error).
pub fn ledger_entry(e: ticket_ledger::Model) -> Result<LedgerEntryView, AppError> {
    let reason = match &e.reason_params {
        Some(params) => {
            let params: serde_json::Value = serde_json::from_str(params).map_err(AppError::internal)?;
            LedgerReason::from_parts(&e.reason_kind, params).map_err(|err| {
                AppError::internal(format!("ledger entry {}: reason {:?}: {err}", e.id, e.reason_kind))
            })?
        }
        None if e.reason_kind == "note" => LedgerReason::Note { text: e.reason.clone() },
        None => {
            return Err(AppError::internal(format!(
                "ledger entry {}: reason {:?} without parameters",
                e.id, e.reason_kind
            )))
        }
    };
    Ok(LedgerEntryView {
        kind: e.kind,
        id: e.id,
        seq: e.seq,
        at: e.created_at,
        amount: e.amount,
        balance_after: e.balance_after,
        fiscal_year: FiscalYear(e.fiscal_year),
        expires_at: e.expires_at,
        reason,
    })
}

pub fn ledger_entries(rows: Vec<ticket_ledger::Model>) -> Result<Vec<LedgerEntryView>, AppError> {
    rows.into_iter().map(ledger_entry).collect()
}

/// The fiscal-year bucket tickets live in now: the latest year whose grant was made.
pub async fn live_year(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    now: DateTime<Utc>,
) -> Result<FiscalYear, AppError> {
    Ok(company_years::latest_rolled(db, scope)
        .await?
        .map(|y| FiscalYear(y.fiscal_year))
        .unwrap_or(FiscalYear::containing(now)))
}

/// The company page. Between April 1 00:00 JST and this company's rollover, it shows the year
/// before in full (its rank, tickets and their expiry) and says the update is pending, rather
/// than mixing the new year's dates with the old year's rank. Two statements: the company with
/// its year and balance, and its AWS accounts.
pub async fn overview(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    now: DateTime<Utc>,
) -> Result<CompanyOverview, AppError> {
    let c = companies::overview_row(db, scope).await?.ok_or(AppError::NotFound)?;
    let current = FiscalYear::containing(now);
    let (fy, rank, rank_source) = match (c.fiscal_year, c.rank, c.source) {
        (Some(fy), Some(rank), Some(source)) => (FiscalYear(fy), rank, source),
        _ => (current, Rank::Regular, RankSource::Onboarding),
    };
    let balance = c.balance.unwrap_or(0) as i32;
    let benefits = rank.benefits();
    let accounts = aws_accounts::list(db, scope).await?.into_iter().map(aws_account).collect();
    Ok(CompanyOverview {
        id: c.id,
        code: c.code,
        name: c.name,
        fiscal_year: fy,
        fiscal_year_start: fy.start(),
        fiscal_year_end: fy.end(),
        rank,
        rank_source,
        rank_volume_yen: c.volume_yen.filter(|_| rank_source == RankSource::Computed),
        rollover_pending: fy < current,
        benefits,
        ticket_balance: balance,
        tickets_expire_at: (balance > 0).then(|| fy.end()),
        free_trainings_left: benefits.free_trainings.saturating_sub(c.free_trainings_used.unwrap_or(0).max(0) as u32),
        aws_accounts: accounts,
    })
}

/// The staff view of one company: the customer's page plus contracts, flags and users.
pub async fn company_detail(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    now: DateTime<Utc>,
) -> Result<CompanyDetail, AppError> {
    let c = companies::find(db, scope).await?.ok_or(AppError::NotFound)?;
    let overview = overview(db, scope, now).await?;
    let users = companies::users(db, scope)
        .await?
        .into_iter()
        .map(|u| CompanyUser {
            id: u.id,
            role: u.role,
            mfa_enabled: u.totp_secret.is_some(),
            email: u.email,
            display_name: u.display_name,
        })
        .collect();
    Ok(CompanyDetail { overview, contract_types: companies::contract_types(&c), flags: companies::flags(&c), users })
}
