//! Estimated AWS cost of a linked account (R7.9): Cost Explorer's monthly cost by service over the
//! last 12 months and the month to date, stored like Trusted Advisor and read from the store.

use chrono::{DateTime, Utc};
use portal_aws::CostPeriod;
use portal_db::queries::aws_tools as store;
use portal_db::queries::CompanyScope;
use portal_domain::aws_tools::{cost_period, cost_view, AwsTool, CostReport, CostView};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::aws_tools::{self as tools, SharedAws};
use crate::error::AppError;

const COST: &str = "cost";

pub async fn view(
    db: &DatabaseConnection,
    scope: CompanyScope,
    aws_account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<CostView, AppError> {
    tools::account(db, scope, aws_account_id).await?;
    tools::ensure_allowed(db, scope, AwsTool::CostEstimate).await?;
    let row = store::snapshot(db, scope, aws_account_id, COST, "").await?;
    let (report, fetched_at) = match row {
        Some(r) => (
            Some(
                serde_json::from_str::<CostReport>(&r.payload)
                    .map_err(|e| AppError::internal(format!("stored cost unreadable: {e}")))?,
            ),
            Some(r.fetched_at),
        ),
        None => (None, None),
    };
    Ok(cost_view(aws_account_id, report, fetched_at, now.date_naive()))
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
    let target = tools::target(db, scope, aws_account_id, now).await?;
    tools::ensure_allowed(db, scope, AwsTool::CostEstimate).await?;
    // Cost Explorer's days are UTC days.
    let (start, end) = cost_period(now.date_naive());
    let report = aws.cost_by_month(&target, CostPeriod { start, end }, now).await?;
    let payload = serde_json::to_string(&report).map_err(AppError::internal)?;
    store::put_snapshot(db, scope, aws_account_id, COST, "", payload, now).await?;
    Ok(cost_view(aws_account_id, Some(report), Some(now), now.date_naive()))
}
