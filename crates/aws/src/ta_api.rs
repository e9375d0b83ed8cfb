//! Trusted Advisor through the Trusted Advisor API (`trustedadvisor`: ListChecks, ListRecommendations,
//! ListRecommendationResources), as the role. AWS presents it as the successor of the Support API's
//! Trusted Advisor operations; it offers no refresh.

use std::collections::HashMap;

use aws_sdk_trustedadvisor::primitives::DateTime as AwsDateTime;
use aws_sdk_trustedadvisor::types::{
    CheckSummary, ExclusionStatus, RecommendationLanguage, RecommendationResourceSummary, RecommendationSource,
    RecommendationSummary,
};
use aws_sdk_trustedadvisor::Client;
use chrono::{DateTime, Utc};
use portal_domain::aws_tools::{
    TaCategory, TaCheck, TaCheckResult, TaCheckSummary, TaFlaggedResource, TaResourceCounts, TaStatus,
};

use crate::error_map::{from_sdk, Call};
use crate::support_api::language_code;
use crate::{AwsError, TaLanguage};

const LIST_CHECKS: Call = Call::role("ListChecks", "trustedadvisor:ListChecks");
const LIST_RECOMMENDATIONS: Call = Call::role("ListRecommendations", "trustedadvisor:ListRecommendations");
const LIST_RESOURCES: Call = Call::role("ListRecommendationResources", "trustedadvisor:ListRecommendationResources");

pub(crate) async fn checks(client: &Client, language: TaLanguage) -> Result<Vec<TaCheck>, AwsError> {
    let mut checks = Vec::new();
    let mut next_token = None;
    loop {
        let output = client
            .list_checks()
            .language(RecommendationLanguage::from(language_code(language)))
            // The API also lists Security Hub, Compute Optimizer … checks; the portal shows Trusted Advisor's.
            .source(RecommendationSource::TaCheck)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|err| from_sdk(LIST_CHECKS, &err))?;
        checks.extend(output.check_summaries.into_iter().map(check));
        next_token = output.next_token.filter(|token| !token.is_empty());
        if next_token.is_none() {
            return Ok(checks);
        }
    }
}

pub(crate) async fn summaries(client: &Client, check_ids: &[String]) -> Result<Vec<TaCheckSummary>, AwsError> {
    let by_check = recommendations_by_check(client).await?;
    Ok(check_ids
        .iter()
        .map(|check_id| match by_check.get(check_id) {
            Some(recommendation) => summary(check_id, recommendation),
            None => not_available(check_id),
        })
        .collect())
}

pub(crate) async fn check_result(
    client: &Client,
    check_id: &str,
    language: TaLanguage,
) -> Result<TaCheckResult, AwsError> {
    let by_check = recommendations_by_check(client).await?;
    let Some(recommendation) = by_check.get(check_id) else {
        return Ok(TaCheckResult { summary: not_available(check_id), flagged_resources: Vec::new() });
    };
    let mut flagged_resources = Vec::new();
    let mut next_token = None;
    loop {
        let output = client
            .list_recommendation_resources()
            .recommendation_identifier(&recommendation.arn)
            .language(RecommendationLanguage::from(language_code(language)))
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|err| from_sdk(LIST_RESOURCES, &err))?;
        flagged_resources.extend(output.recommendation_resource_summaries.into_iter().map(flagged));
        next_token = output.next_token.filter(|token| !token.is_empty());
        if next_token.is_none() {
            break;
        }
    }
    Ok(TaCheckResult { summary: summary(check_id, recommendation), flagged_resources })
}

/// Refreshing is not an operation of this API (AWS refreshes on its own schedule).
pub(crate) fn refresh_unsupported(operation: &str) -> AwsError {
    AwsError::Unsupported {
        operation: operation.to_owned(),
        message: "the Trusted Advisor API has no refresh operation".to_owned(),
    }
}

/// The account's Trusted Advisor recommendations by the id of their check.
async fn recommendations_by_check(client: &Client) -> Result<HashMap<String, RecommendationSummary>, AwsError> {
    let mut by_check = HashMap::new();
    let mut next_token = None;
    loop {
        let output = client
            .list_recommendations()
            .source(RecommendationSource::TaCheck)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|err| from_sdk(LIST_RECOMMENDATIONS, &err))?;
        for recommendation in output.recommendation_summaries {
            if let Some(check_id) = recommendation.check_arn.as_deref().and_then(check_id_of_arn) {
                by_check.insert(check_id.to_owned(), recommendation);
            }
        }
        next_token = output.next_token.filter(|token| !token.is_empty());
        if next_token.is_none() {
            return Ok(by_check);
        }
    }
}

/// `arn:aws:trustedadvisor:::check/Qch7DwouX1` → `Qch7DwouX1`, the id the Support API uses too.
pub(crate) fn check_id_of_arn(arn: &str) -> Option<&str> {
    arn.rsplit_once("check/").map(|(_, id)| id).filter(|id| !id.is_empty() && !id.contains('/'))
}

fn check(summary: CheckSummary) -> TaCheck {
    let category_name = summary.pillars.first().map(|pillar| pillar.as_str().to_owned()).unwrap_or_default();
    TaCheck {
        id: summary.id,
        name: summary.name,
        description: summary.description,
        category: TaCategory::from_aws(&category_name),
        category_name,
        metadata: columns(summary.metadata).into_iter().map(Option::unwrap_or_default).collect(),
    }
}

fn summary(check_id: &str, recommendation: &RecommendationSummary) -> TaCheckSummary {
    let resources = recommendation
        .resources_aggregates
        .as_ref()
        .map(|counts| TaResourceCounts {
            processed: counts.ok_count + counts.warning_count + counts.error_count,
            flagged: counts.warning_count + counts.error_count,
            ignored: 0,
            suppressed: counts.excluded_count.unwrap_or(0),
        })
        .unwrap_or_default();
    TaCheckSummary {
        check_id: check_id.to_owned(),
        status: TaStatus::from_aws(recommendation.status.as_str()),
        checked_at: recommendation.last_updated_at.as_ref().and_then(chrono_time),
        has_flagged_resources: resources.flagged > 0,
        resources,
        estimated_monthly_savings: recommendation
            .pillar_specific_aggregates
            .as_ref()
            .and_then(|pillars| pillars.cost_optimizing.as_ref())
            .map(|cost| cost.estimated_monthly_savings),
    }
}

/// A check without a recommendation has not produced a result for the account.
fn not_available(check_id: &str) -> TaCheckSummary {
    TaCheckSummary {
        check_id: check_id.to_owned(),
        status: TaStatus::NotAvailable,
        checked_at: None,
        resources: TaResourceCounts::default(),
        has_flagged_resources: false,
        estimated_monthly_savings: None,
    }
}

fn flagged(resource: RecommendationResourceSummary) -> TaFlaggedResource {
    TaFlaggedResource {
        status: TaStatus::from_aws(resource.status.as_str()),
        // AWS writes `-` for resources of no region.
        region: Some(resource.region_code).filter(|region| !region.is_empty() && region != "-"),
        is_suppressed: resource.exclusion_status == ExclusionStatus::Excluded,
        metadata: columns(resource.metadata),
        resource_id: resource.aws_resource_id,
    }
}

/// The API keys metadata by column number (`"0"`, `"1"` …); the Support API lists it in that order.
fn columns(metadata: HashMap<String, String>) -> Vec<Option<String>> {
    let numbered: Vec<(usize, String)> =
        metadata.into_iter().filter_map(|(key, value)| key.parse::<usize>().ok().map(|index| (index, value))).collect();
    let width = numbered.iter().map(|(index, _)| index + 1).max().unwrap_or(0);
    let mut row = vec![None; width];
    for (index, value) in numbered {
        row[index] = Some(value);
    }
    row
}

fn chrono_time(at: &AwsDateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(at.secs(), at.subsec_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r7_8_check_ids_come_from_check_arns() {
        assert_eq!(check_id_of_arn("arn:aws:trustedadvisor:::check/Qch7DwouX1"), Some("Qch7DwouX1"));
        assert_eq!(check_id_of_arn("arn:aws:trustedadvisor:::check/"), None);
        assert_eq!(check_id_of_arn("arn:aws:trustedadvisor::1:recommendation/x"), None);
    }

    #[test]
    fn r7_8_metadata_columns_are_ordered_by_their_number() {
        let metadata = HashMap::from([
            ("2".to_owned(), "c".to_owned()),
            ("0".to_owned(), "a".to_owned()),
            ("x".to_owned(), "ignored".to_owned()),
        ]);
        assert_eq!(columns(metadata), vec![Some("a".to_owned()), None, Some("c".to_owned())]);
        assert_eq!(columns(HashMap::new()), Vec::<Option<String>>::new());
    }
}
