//! Estimated AWS cost of a linked account (R7.9): Cost Explorer's monthly cost by service over the
//! last 12 months and the month to date, stored like Trusted Advisor and read from the store.

use chrono::{DateTime, Duration, Utc};
use portal_aws::CostPeriod;
use portal_db::queries::aws_tools as store;
use portal_db::queries::CompanyScope;
use portal_domain::aws_tools::{cost_period, cost_view, AwsTool, CostReport, CostView};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::aws_tools::{self as tools, SharedAws};
use crate::error::AppError;

/// The scheduled reads judge an account's last read by this snapshot too.
pub const COST: &str = "cost";
const MIN_MINUTES_BETWEEN_READS: i64 = 5;

pub async fn view(
    db: &DatabaseConnection,
    scope: CompanyScope,
    aws_account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<CostView, AppError> {
    tools::account(db, scope, aws_account_id).await?;
    tools::ensure_allowed(db, scope, AwsTool::CostEstimate).await?;
    Ok(stored(db, scope, aws_account_id)
        .await?
        .unwrap_or_else(|| cost_view(aws_account_id, None, None, now.date_naive())))
}

/// The stored answer as a page; "this month" and "last month" are those of the day it was read.
/// A snapshot this version cannot read counts as never read.
async fn stored(
    db: &DatabaseConnection,
    scope: CompanyScope,
    aws_account_id: Uuid,
) -> Result<Option<CostView>, AppError> {
    let Some(row) = store::snapshot(db, scope, aws_account_id, COST, "").await? else { return Ok(None) };
    match serde_json::from_str::<CostReport>(&row.payload) {
        Ok(report) => {
            Ok(Some(cost_view(aws_account_id, Some(report), Some(row.fetched_at), row.fetched_at.date_naive())))
        }
        Err(e) => {
            tracing::warn!(error = %e, "stored cost unreadable; treated as not read");
            Ok(None)
        }
    }
}

/// Reads Cost Explorer as the customer's role and stores the answer.
pub async fn fetch(
    db: &DatabaseConnection,
    aws: &SharedAws,
    scope: CompanyScope,
    aws_account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<CostView, AppError> {
    let now = tools::stored_time(now);
    tools::account(db, scope, aws_account_id).await?;
    tools::ensure_allowed(db, scope, AwsTool::CostEstimate).await?;
    let target = tools::target(db, scope, aws_account_id, now).await?;
    // Cost Explorer charges the customer's account per request: a read minutes after the last one
    // answers from the store.
    if let Some(view) = stored(db, scope, aws_account_id).await? {
        if view.fetched_at.is_some_and(|at| now - at < Duration::minutes(MIN_MINUTES_BETWEEN_READS)) {
            return Ok(view);
        }
    }
    // Cost Explorer's days are UTC days.
    let (start, end) = cost_period(now.date_naive());
    let report = aws.cost_by_month(&target, CostPeriod { start, end }, now).await?;
    let payload = serde_json::to_string(&report).map_err(AppError::internal)?;
    store::put_snapshot(db, scope, aws_account_id, COST, "", payload, now).await?;
    Ok(cost_view(aws_account_id, Some(report), Some(now), now.date_naive()))
}
