//! Trusted Advisor through the Trusted Advisor API (`trustedadvisor`), chosen per account or as the
//! fallback when the Support API does not offer an operation (R7.8).

use portal_aws::{AwsError, AwsTools, TaLanguage};
use portal_domain::aws_tools::{TaCategory, TaProvider, TaResourceCounts, TaStatus};

use crate::{at, now, seed_both, started, target, IDLE_LOAD_BALANCERS, LOW_UTILIZATION_EC2, SECURITY_GROUPS_PORTS};

#[tokio::test]
async fn r7_8_trusted_advisor_api_accounts_read_checks_page_by_page_in_their_language() {
    let (emulator, tools) = started().await;

    let checks = tools.ta_checks(&target(TaProvider::TrustedAdvisorApi), TaLanguage::Ja, now()).await.expect("checks");

    assert_eq!(checks.len(), 104);
    let ec2 = checks.iter().find(|check| check.id == LOW_UTILIZATION_EC2).expect("the EC2 check");
    assert_eq!(ec2.category, TaCategory::CostOptimizing);
    assert_eq!(ec2.metadata.len(), 22);
    assert_eq!(ec2.metadata[1], "Instance ID");
    let pages = emulator.requests_for("ListChecks").await;
    assert_eq!(pages.len(), 2, "100 a page");
    assert!(pages.iter().all(|page| page.param("language") == Some("ja") && page.param("source") == Some("ta_check")));
    assert_eq!(pages[1].param("nextToken"), Some("100"));
    assert!(pages.iter().all(|page| page.service.as_deref() == Some("trustedadvisor")));
    assert!(emulator.requests_for("DescribeTrustedAdvisorChecks").await.is_empty());
}

#[tokio::test]
async fn r7_8_trusted_advisor_api_summaries_come_from_recommendations() {
    let (emulator, tools) = started().await;
    seed_both(&emulator).await;
    let ids = [LOW_UTILIZATION_EC2, SECURITY_GROUPS_PORTS, IDLE_LOAD_BALANCERS].map(str::to_owned);

    let summaries = tools.ta_summaries(&target(TaProvider::TrustedAdvisorApi), &ids, now()).await.expect("summaries");

    let ec2 = &summaries[0];
    assert_eq!(ec2.check_id, LOW_UTILIZATION_EC2);
    assert_eq!(ec2.status, TaStatus::Warning);
    assert_eq!(ec2.checked_at, Some(at("2026-11-27T01:02:03Z")));
    assert_eq!(ec2.resources, TaResourceCounts { processed: 10, flagged: 2, ignored: 0, suppressed: 0 });
    assert_eq!(ec2.estimated_monthly_savings, Some(123.45));
    assert_eq!(summaries[1].status, TaStatus::Error);
    assert_eq!(summaries[1].resources.flagged, 1);
    assert_eq!(summaries[2].status, TaStatus::NotAvailable, "no recommendation for the check");
    assert_eq!(emulator.requests_for("ListRecommendations").await.len(), 1);
}

#[tokio::test]
async fn r7_8_trusted_advisor_api_results_list_the_recommendations_resources() {
    let (emulator, tools) = started().await;
    seed_both(&emulator).await;

    let result = tools
        .ta_check_result(&target(TaProvider::TrustedAdvisorApi), LOW_UTILIZATION_EC2, TaLanguage::En, now())
        .await
        .expect("result");

    assert_eq!(result.summary.estimated_monthly_savings, Some(123.45));
    let resources: Vec<_> =
        result.flagged_resources.iter().map(|r| (r.resource_id.as_str(), r.is_suppressed, r.metadata.len())).collect();
    assert_eq!(resources, [("i-0abc", false, 5), ("i-0def", true, 5)]);
    assert_eq!(result.flagged_resources[0].metadata[2], None, "a column AWS left empty");
    assert_eq!(result.flagged_resources[0].region.as_deref(), Some("ap-northeast-1"));
    let listed = emulator.requests_for("ListRecommendationResources").await;
    assert_eq!(listed.len(), 1);
    let identifier = listed[0].param("recommendationIdentifier").expect("the recommendation");
    assert!(identifier.starts_with("arn:aws:trustedadvisor::111122223333:recommendation/"), "{identifier}");
}

#[tokio::test]
async fn r7_8_trusted_advisor_api_offers_no_refresh() {
    let (_emulator, tools) = started().await;
    let target = target(TaProvider::TrustedAdvisorApi);

    let refresh = tools.ta_refresh(&target, LOW_UTILIZATION_EC2, now()).await;
    let statuses = tools.ta_refresh_statuses(&target, &[LOW_UTILIZATION_EC2.to_owned()], now()).await;

    assert!(matches!(refresh, Err(AwsError::Unsupported { .. })), "{refresh:?}");
    assert!(matches!(statuses, Err(AwsError::Unsupported { .. })), "{statuses:?}");
}

#[tokio::test]
async fn r7_8_support_api_accounts_fall_back_to_the_trusted_advisor_api() {
    let (emulator, tools) = started().await;
    seed_both(&emulator).await;
    emulator
        .fail_next("DescribeTrustedAdvisorCheckSummaries", 400, "UnknownOperationException", "Unknown operation", 1)
        .await;

    let summaries = tools
        .ta_summaries(&target(TaProvider::SupportApi), &[LOW_UTILIZATION_EC2.to_owned()], now())
        .await
        .expect("summaries through the Trusted Advisor API");

    assert_eq!(summaries[0].status, TaStatus::Warning);
    assert_eq!(summaries[0].estimated_monthly_savings, Some(123.45));
    let operations: Vec<_> = emulator.requests().await.into_iter().filter_map(|r| r.operation).collect();
    assert_eq!(operations, ["AssumeRole", "DescribeTrustedAdvisorCheckSummaries", "ListRecommendations"]);
}

#[tokio::test]
async fn r7_8_other_support_api_errors_do_not_fall_back() {
    let (emulator, tools) = started().await;
    emulator.fail_next("DescribeTrustedAdvisorChecks", 400, "SubscriptionRequiredException", "no plan", 1).await;

    let result = tools.ta_checks(&target(TaProvider::SupportApi), TaLanguage::En, now()).await;

    assert!(matches!(result, Err(AwsError::NoTrustedAdvisorAccess { .. })), "{result:?}");
    assert!(emulator.requests_for("ListChecks").await.is_empty());
}
