//! Trusted Advisor through the AWS Support API (`support`, DescribeTrustedAdvisor*), as the role.

use aws_sdk_support::types::{
    TrustedAdvisorCategorySpecificSummary, TrustedAdvisorCheckDescription, TrustedAdvisorCheckRefreshStatus,
    TrustedAdvisorCheckResult, TrustedAdvisorCheckSummary, TrustedAdvisorResourceDetail,
    TrustedAdvisorResourcesSummary,
};
use aws_sdk_support::Client;
use chrono::{DateTime, Utc};
use portal_domain::aws_tools::{
    TaCategory, TaCheck, TaCheckResult, TaCheckSummary, TaFlaggedResource, TaRefreshStatus, TaResourceCounts, TaStatus,
};

use crate::error_map::{from_sdk, Call};
use crate::{AwsError, TaLanguage};

/// The Support API takes this many check ids in one DescribeTrustedAdvisorCheckSummaries.
const IDS_PER_CALL: usize = 100;

const CHECKS: Call = Call::role("DescribeTrustedAdvisorChecks", "support:DescribeTrustedAdvisorChecks");
const SUMMARIES: Call =
    Call::role("DescribeTrustedAdvisorCheckSummaries", "support:DescribeTrustedAdvisorCheckSummaries");
const RESULT: Call = Call::role("DescribeTrustedAdvisorCheckResult", "support:DescribeTrustedAdvisorCheckResult");
const REFRESH: Call = Call::role("RefreshTrustedAdvisorCheck", "support:RefreshTrustedAdvisorCheck");
const REFRESH_STATUSES: Call =
    Call::role("DescribeTrustedAdvisorCheckRefreshStatuses", "support:DescribeTrustedAdvisorCheckRefreshStatuses");

pub(crate) fn language_code(language: TaLanguage) -> &'static str {
    match language {
        TaLanguage::Ja => "ja",
        TaLanguage::En => "en",
    }
}

pub(crate) async fn checks(client: &Client, language: TaLanguage) -> Result<Vec<TaCheck>, AwsError> {
    let output = client
        .describe_trusted_advisor_checks()
        .language(language_code(language))
        .send()
        .await
        .map_err(|err| from_sdk(CHECKS, &err))?;
    Ok(output.checks.into_iter().map(check).collect())
}

pub(crate) async fn summaries(client: &Client, check_ids: &[String]) -> Result<Vec<TaCheckSummary>, AwsError> {
    let mut summaries = Vec::with_capacity(check_ids.len());
    for chunk in check_ids.chunks(IDS_PER_CALL) {
        let output = client
            .describe_trusted_advisor_check_summaries()
            .set_check_ids(Some(chunk.iter().cloned().map(Some).collect()))
            .send()
            .await
            .map_err(|err| from_sdk(SUMMARIES, &err))?;
        summaries.extend(output.summaries.into_iter().map(summary));
    }
    Ok(summaries)
}

pub(crate) async fn check_result(
    client: &Client,
    check_id: &str,
    language: TaLanguage,
) -> Result<TaCheckResult, AwsError> {
    let output = client
        .describe_trusted_advisor_check_result()
        .check_id(check_id)
        .language(language_code(language))
        .send()
        .await
        .map_err(|err| from_sdk(RESULT, &err))?;
    let result = output.result.ok_or_else(|| AwsError::Unavailable {
        message: format!("DescribeTrustedAdvisorCheckResult answered without a result for {check_id}"),
    })?;
    Ok(check_result_of(result))
}

pub(crate) async fn refresh(client: &Client, check_id: &str) -> Result<TaRefreshStatus, AwsError> {
    let output = client
        .refresh_trusted_advisor_check()
        .check_id(check_id)
        .send()
        .await
        .map_err(|err| from_sdk(REFRESH, &err))?;
    let status = output.status.ok_or_else(|| AwsError::Unavailable {
        message: format!("RefreshTrustedAdvisorCheck answered without a status for {check_id}"),
    })?;
    Ok(refresh_status(status))
}

pub(crate) async fn refresh_statuses(client: &Client, check_ids: &[String]) -> Result<Vec<TaRefreshStatus>, AwsError> {
    let mut statuses = Vec::with_capacity(check_ids.len());
    for chunk in check_ids.chunks(IDS_PER_CALL) {
        let output = client
            .describe_trusted_advisor_check_refresh_statuses()
            .set_check_ids(Some(chunk.iter().cloned().map(Some).collect()))
            .send()
            .await
            .map_err(|err| from_sdk(REFRESH_STATUSES, &err))?;
        statuses.extend(output.statuses.into_iter().map(refresh_status));
    }
    Ok(statuses)
}

fn check(description: TrustedAdvisorCheckDescription) -> TaCheck {
    TaCheck {
        id: description.id,
        name: description.name,
        description: description.description,
        category: TaCategory::from_aws(&description.category),
        category_name: description.category,
        metadata: description.metadata.into_iter().map(Option::unwrap_or_default).collect(),
    }
}

fn summary(summary: TrustedAdvisorCheckSummary) -> TaCheckSummary {
    TaCheckSummary {
        status: TaStatus::from_aws(&summary.status),
        checked_at: checked_at(&summary.timestamp),
        resources: counts(summary.resources_summary.as_ref()),
        has_flagged_resources: summary.has_flagged_resources,
        estimated_monthly_savings: savings(summary.category_specific_summary.as_ref()),
        check_id: summary.check_id,
    }
}

fn check_result_of(result: TrustedAdvisorCheckResult) -> TaCheckResult {
    let resources = counts(result.resources_summary.as_ref());
    let summary = TaCheckSummary {
        status: TaStatus::from_aws(&result.status),
        checked_at: checked_at(&result.timestamp),
        resources,
        has_flagged_resources: !result.flagged_resources.is_empty() || resources.flagged > 0,
        estimated_monthly_savings: savings(result.category_specific_summary.as_ref()),
        check_id: result.check_id,
    };
    TaCheckResult { summary, flagged_resources: result.flagged_resources.into_iter().map(flagged).collect() }
}

fn flagged(resource: TrustedAdvisorResourceDetail) -> TaFlaggedResource {
    TaFlaggedResource {
        resource_id: resource.resource_id,
        status: TaStatus::from_aws(&resource.status),
        region: resource.region,
        is_suppressed: resource.is_suppressed,
        metadata: resource.metadata,
    }
}

fn refresh_status(status: TrustedAdvisorCheckRefreshStatus) -> TaRefreshStatus {
    TaRefreshStatus {
        check_id: status.check_id,
        status: status.status,
        millis_until_next_refreshable: status.millis_until_next_refreshable,
    }
}

fn counts(summary: Option<&TrustedAdvisorResourcesSummary>) -> TaResourceCounts {
    summary
        .map(|s| TaResourceCounts {
            processed: s.resources_processed,
            flagged: s.resources_flagged,
            ignored: s.resources_ignored,
            suppressed: s.resources_suppressed,
        })
        .unwrap_or_default()
}

fn savings(summary: Option<&TrustedAdvisorCategorySpecificSummary>) -> Option<f64> {
    summary?.cost_optimizing.as_ref().map(|cost| cost.estimated_monthly_savings)
}

/// The Support API's `timestamp` is an ISO 8601 string (`2026-11-27T01:02:03Z`); a check that never
/// ran has none worth showing.
pub(crate) fn checked_at(timestamp: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(timestamp.trim()).ok().map(|at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r7_8_check_timestamps_parse_or_are_absent() {
        assert_eq!(checked_at("2026-11-27T01:02:03Z"), Some("2026-11-27T01:02:03Z".parse().expect("time")));
        assert_eq!(
            checked_at("2026-11-27T10:02:03.500+09:00"),
            Some("2026-11-27T01:02:03.500Z".parse().expect("time"))
        );
        assert_eq!(checked_at(""), None);
        assert_eq!(checked_at("yesterday"), None);
    }
}
