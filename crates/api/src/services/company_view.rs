//! Builds what customers and staff see of a company.

use chrono::{DateTime, Utc};
use portal_db::entities::{aws_account, ticket_ledger};
use portal_db::queries::{aws_accounts, companies, company_years, ledger, CompanyScope};
use portal_domain::company::{AwsAccountView, CompanyOverview, LedgerEntryView, RankSource, ReportChannel};
use portal_domain::fiscal::FiscalYear;
use portal_domain::ledger::EntryKind;
use portal_domain::Rank;
use sea_orm::ConnectionTrait;

use crate::error::ApiError;

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

pub fn ledger_entry(e: ticket_ledger::Model) -> LedgerEntryView {
    LedgerEntryView {
        id: e.id,
        seq: e.seq,
        at: e.created_at,
        kind: EntryKind::parse(&e.kind).unwrap_or(EntryKind::Adjust),
        amount: e.amount,
        balance_after: e.balance_after,
        fiscal_year: FiscalYear(e.fiscal_year),
        expires_at: e.expires_at,
        reason: e.reason,
    }
}

fn source(s: &str) -> RankSource {
    match s {
        "override" => RankSource::Override,
        "onboarding" => RankSource::Onboarding,
        _ => RankSource::Computed,
    }
}

/// The fiscal-year bucket tickets live in now: the latest year whose grant was made.
pub async fn live_year(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    now: DateTime<Utc>,
) -> Result<FiscalYear, ApiError> {
    Ok(company_years::latest_rolled(db, scope)
        .await?
        .map(|y| FiscalYear(y.fiscal_year))
        .unwrap_or(FiscalYear::containing(now)))
}

pub async fn overview(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    now: DateTime<Utc>,
) -> Result<CompanyOverview, ApiError> {
    let c = companies::find(db, scope.company_id()).await?.ok_or(ApiError::NotFound)?;
    let fy = FiscalYear::containing(now);
    // The latest year whose grant was made holds: until this year's rollover runs, last year's
    // rank and tickets still apply.
    let live_year = company_years::latest_rolled(db, scope).await?;
    let (rank, rank_source, trainings_used) = match &live_year {
        Some(y) => (Rank::parse(&y.rank).unwrap_or(Rank::Regular), source(&y.source), y.free_trainings_used),
        None => (Rank::Regular, RankSource::Onboarding, 0),
    };
    let balance = ledger::balance(db, scope).await?;
    let live = live_year.map(|y| FiscalYear(y.fiscal_year)).unwrap_or(fy);
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
        benefits,
        ticket_balance: balance,
        tickets_expire_at: (balance > 0).then(|| live.end()),
        free_trainings_left: benefits.free_trainings.saturating_sub(trainings_used.max(0) as u32),
        aws_accounts: accounts,
    })
}
