//! What customers and staff see of a company, built from stored rows. A stored value the code does
//! not know (a rank or kind typed into the database by hand) is an error, never a silent default.

use chrono::{DateTime, Utc};
use portal_db::entities::{aws_account, company_year, ticket_ledger, user};
use portal_db::queries::{aws_accounts, companies, company_years, ledger, CompanyScope};
use portal_domain::company::{
    AwsAccountView, CompanyDetail, CompanyOverview, CompanyUser, LedgerEntryView, RankSource, ReportChannel,
};
use portal_domain::fiscal::FiscalYear;
use portal_domain::ledger::EntryKind;
use portal_domain::{Rank, Role};
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

pub fn ledger_entry(e: ticket_ledger::Model) -> Result<LedgerEntryView, AppError> {
    Ok(LedgerEntryView {
        kind: EntryKind::parse(&e.kind)
            .ok_or_else(|| AppError::internal(format!("ledger entry {} has an unknown kind {:?}", e.id, e.kind)))?,
        id: e.id,
        seq: e.seq,
        at: e.created_at,
        amount: e.amount,
        balance_after: e.balance_after,
        fiscal_year: FiscalYear(e.fiscal_year),
        expires_at: e.expires_at,
        reason: e.reason,
    })
}

pub fn ledger_entries(rows: Vec<ticket_ledger::Model>) -> Result<Vec<LedgerEntryView>, AppError> {
    rows.into_iter().map(ledger_entry).collect()
}

pub fn rank_of(y: &company_year::Model) -> Result<Rank, AppError> {
    Rank::parse(&y.rank)
        .ok_or_else(|| AppError::internal(format!("company year {} has an unknown rank {:?}", y.id, y.rank)))
}

pub fn source_of(y: &company_year::Model) -> Result<RankSource, AppError> {
    match y.source.as_str() {
        "override" => Ok(RankSource::Override),
        "onboarding" => Ok(RankSource::Onboarding),
        "computed" => Ok(RankSource::Computed),
        other => Err(AppError::internal(format!("company year {} has an unknown source {other:?}", y.id))),
    }
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
/// than mixing the new year's dates with the old year's rank.
pub async fn overview(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    now: DateTime<Utc>,
) -> Result<CompanyOverview, AppError> {
    let c = companies::find(db, scope).await?.ok_or(AppError::NotFound)?;
    let current = FiscalYear::containing(now);
    let live_row = company_years::latest_rolled(db, scope).await?;
    let (fy, rank, rank_source, volume, trainings_used) = match &live_row {
        Some(y) => (FiscalYear(y.fiscal_year), rank_of(y)?, source_of(y)?, y.volume_yen, y.free_trainings_used),
        None => (current, Rank::Regular, RankSource::Onboarding, None, 0),
    };
    let balance = ledger::balance(db, scope).await?;
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
        rank_volume_yen: volume.filter(|_| rank_source == RankSource::Computed),
        rollover_pending: fy < current,
        benefits,
        ticket_balance: balance,
        tickets_expire_at: (balance > 0).then(|| fy.end()),
        free_trainings_left: benefits.free_trainings.saturating_sub(trainings_used.max(0) as u32),
        aws_accounts: accounts,
    })
}

fn role_of(u: &user::Model) -> Result<Role, AppError> {
    Role::parse(&u.role).ok_or_else(|| AppError::internal(format!("user {} has an unknown role {:?}", u.id, u.role)))
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
        .map(|u| {
            Ok(CompanyUser {
                id: u.id,
                role: role_of(&u)?,
                mfa_enabled: u.totp_secret.is_some(),
                email: u.email,
                display_name: u.display_name,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(CompanyDetail { overview, contract_types: companies::contract_types(&c), flags: companies::flags(&c), users })
}
