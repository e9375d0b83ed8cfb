//! Trusted Advisor for a linked account (R7.8). Pages read what the portal stored the last time it
//! asked AWS; asking again is an explicit fetch (AWS's own refresh of a check is a third thing:
//! it makes AWS re-run the check, whose new result a later fetch reads).

use chrono::{DateTime, Utc};
use portal_aws::TaLanguage;
use portal_db::queries::aws_tools as store;
use portal_db::queries::CompanyScope;
use portal_domain::aws_tools::{
    summarize, AwsTool, TaCheck, TaCheckSummary, TaCheckView, TaRefreshStatus, TrustedAdvisorView,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::aws_tools::{self as tools, SharedAws};
use crate::error::AppError;

const CHECKS: &str = "ta_checks";
/// The scheduled reads judge an account's last read by this snapshot.
pub const SUMMARIES: &str = "ta_summaries";
const RESULT: &str = "ta_result";

fn lang_key(language: TaLanguage) -> &'static str {
    match language {
        TaLanguage::Ja => "ja",
        TaLanguage::En => "en",
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, AppError> {
    serde_json::to_string(v).map_err(AppError::internal)
}

/// A snapshot this version cannot read (written by an older one) counts as never read: the page
/// offers to read AWS again instead of failing until someone does.
fn from_json<T: DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_str(s)
        .map_err(|e| tracing::warn!(error = %e, "stored AWS snapshot unreadable; treated as not read"))
        .ok()
}

/// The check catalogue in `language`, or in the other one when only that was fetched.
async fn stored_checks(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    aws_account_id: Uuid,
    language: TaLanguage,
) -> Result<Option<Vec<TaCheck>>, AppError> {
    let other = match language {
        TaLanguage::Ja => TaLanguage::En,
        TaLanguage::En => TaLanguage::Ja,
    };
    for lang in [language, other] {
        if let Some(checks) = store::snapshot(db, scope, aws_account_id, CHECKS, lang_key(lang))
            .await?
            .and_then(|row| from_json(&row.payload))
        {
            return Ok(Some(checks));
        }
    }
    Ok(None)
}

/// The summary page from the store (empty, with no `fetched_at`, before the first fetch).
pub async fn view(
    db: &DatabaseConnection,
    scope: CompanyScope,
    aws_account_id: Uuid,
    language: TaLanguage,
) -> Result<TrustedAdvisorView, AppError> {
    tools::account(db, scope, aws_account_id).await?;
    tools::ensure_allowed(db, scope, AwsTool::TrustedAdvisor).await?;
    let checks = stored_checks(db, scope, aws_account_id, language).await?.unwrap_or_default();
    let stored = store::snapshot(db, scope, aws_account_id, SUMMARIES, "").await?;
    let (summaries, fetched_at) =
        match stored.and_then(|row| from_json::<Vec<TaCheckSummary>>(&row.payload).map(|s| (s, row.fetched_at))) {
            Some((summaries, at)) => (summaries, Some(at)),
            None => (Vec::new(), None),
        };
    Ok(summarize(aws_account_id, checks, summaries, fetched_at))
}

/// Reads the catalogue and every check's summary from AWS and stores them (one transaction).
pub async fn fetch(
    db: &DatabaseConnection,
    aws: &SharedAws,
    scope: CompanyScope,
    aws_account_id: Uuid,
    language: TaLanguage,
    now: DateTime<Utc>,
) -> Result<TrustedAdvisorView, AppError> {
    let now = tools::stored_time(now);
    tools::account(db, scope, aws_account_id).await?;
    tools::ensure_allowed(db, scope, AwsTool::TrustedAdvisor).await?;
    let target = tools::target(db, scope, aws_account_id, now).await?;
    let checks = aws.ta_checks(&target, language, now).await?;
    let ids: Vec<String> = checks.iter().map(|c| c.id.clone()).collect();
    let summaries = aws.ta_summaries(&target, &ids, now).await?;
    let txn = db.begin().await?;
    store::put_snapshot(&txn, scope, aws_account_id, CHECKS, lang_key(language), to_json(&checks)?, now).await?;
    store::put_snapshot(&txn, scope, aws_account_id, SUMMARIES, "", to_json(&summaries)?, now).await?;
    txn.commit().await?;
    Ok(summarize(aws_account_id, checks, summaries, Some(now)))
}

/// Which check of which account.
#[derive(Debug, Clone, Copy)]
pub struct CheckRef<'a> {
    pub aws_account_id: Uuid,
    pub check_id: &'a str,
}

/// One check with its flagged resources: from the store, or read from AWS the first time (and
/// whenever `refetch` asks).
pub async fn check(
    db: &DatabaseConnection,
    aws: &SharedAws,
    scope: CompanyScope,
    which: CheckRef<'_>,
    language: TaLanguage,
    refetch: bool,
    now: DateTime<Utc>,
) -> Result<TaCheckView, AppError> {
    let now = tools::stored_time(now);
    let CheckRef { aws_account_id, check_id } = which;
    tools::account(db, scope, aws_account_id).await?;
    tools::ensure_allowed(db, scope, AwsTool::TrustedAdvisor).await?;
    let checks = stored_checks(db, scope, aws_account_id, language).await?.unwrap_or_default();
    let check = checks.into_iter().find(|c| c.id == check_id).ok_or(AppError::NotFound)?;
    if !refetch {
        if let Some(row) = store::snapshot(db, scope, aws_account_id, RESULT, check_id).await? {
            if let Some(result) = from_json(&row.payload) {
                return Ok(TaCheckView { aws_account_id, check, result, fetched_at: row.fetched_at });
            }
        }
    }
    let target = tools::target(db, scope, aws_account_id, now).await?;
    let result = aws.ta_check_result(&target, check_id, language, now).await?;
    store::put_snapshot(db, scope, aws_account_id, RESULT, check_id, to_json(&result)?, now).await?;
    Ok(TaCheckView { aws_account_id, check, result, fetched_at: now })
}

/// Asks AWS to run the check again; a later fetch reads the new result. Only checks of the list
/// the portal read are sent to AWS (else 404), so a typo is the client's error, not AWS's.
pub async fn refresh(
    db: &DatabaseConnection,
    aws: &SharedAws,
    scope: CompanyScope,
    which: CheckRef<'_>,
    now: DateTime<Utc>,
) -> Result<TaRefreshStatus, AppError> {
    tools::account(db, scope, which.aws_account_id).await?;
    tools::ensure_allowed(db, scope, AwsTool::TrustedAdvisor).await?;
    let known = stored_checks(db, scope, which.aws_account_id, TaLanguage::Ja).await?.unwrap_or_default();
    if !known.iter().any(|c| c.id == which.check_id) {
        return Err(AppError::NotFound);
    }
    let target = tools::target(db, scope, which.aws_account_id, now).await?;
    Ok(aws.ta_refresh(&target, which.check_id, now).await?)
}

/// The flagged resources as CSV (UTF-8 with a byte-order mark, like the ticket history): resource,
/// status, region, suppressed, then the check's own columns; cells that look like formulas are
/// neutralised, since resource names come from the customer's account.
pub fn resources_csv(view: &TaCheckView) -> Result<String, AppError> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut header = vec!["resource_id".to_owned(), "status".into(), "region".into(), "suppressed".into()];
    header.extend(view.check.metadata.iter().cloned());
    w.write_record(header.iter().map(|c| crate::exports::neutralise(c))).map_err(AppError::internal)?;
    for r in &view.result.flagged_resources {
        let status =
            serde_json::to_value(r.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let mut row =
            vec![r.resource_id.clone(), status, r.region.clone().unwrap_or_default(), r.is_suppressed.to_string()];
        row.extend(r.metadata.iter().map(|m| m.clone().unwrap_or_default()));
        w.write_record(row.iter().map(|c| crate::exports::neutralise(c))).map_err(AppError::internal)?;
    }
    let body = String::from_utf8(w.into_inner().map_err(AppError::internal)?).map_err(AppError::internal)?;
    Ok(format!("\u{feff}{body}"))
}
