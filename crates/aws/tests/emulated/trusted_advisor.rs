//! Trusted Advisor through the Support API (R7.8): the check list, summaries, results, refresh.

use portal_aws::{AwsTools, TaLanguage};
use portal_domain::aws_tools::{TaCategory, TaProvider, TaResourceCounts, TaStatus};
use serde_json::json;

use crate::{at, now, seed_both, started, target, IDLE_LOAD_BALANCERS, LOW_UTILIZATION_EC2, SECURITY_GROUPS_PORTS};

#[tokio::test]
async fn r7_8_the_check_list_is_asked_in_the_readers_language() {
    let (emulator, tools) = started().await;
    let target = target(TaProvider::SupportApi);

    let checks = tools.ta_checks(&target, TaLanguage::Ja, now()).await.expect("checks");
    tools.ta_checks(&target, TaLanguage::En, now()).await.expect("checks");

    assert_eq!(checks.len(), 104, "moto's catalogue");
    let ec2 = checks.iter().find(|check| check.id == LOW_UTILIZATION_EC2).expect("the EC2 check");
    assert_eq!(ec2.category, TaCategory::CostOptimizing);
    assert_eq!(ec2.category_name, "cost_optimizing");
    assert_eq!(ec2.metadata[..2], ["Region/AZ".to_owned(), "Instance ID".to_owned()]);
    let languages: Vec<_> = emulator
        .requests_for("DescribeTrustedAdvisorChecks")
        .await
        .iter()
        .map(|request| (request.param("language").map(str::to_owned), request.region.clone()))
        .collect();
    assert_eq!(
        languages,
        [(Some("ja".to_owned()), Some("us-east-1".to_owned())), (Some("en".to_owned()), Some("us-east-1".to_owned()))]
    );
}

#[tokio::test]
async fn r7_8_seeded_summaries_come_back_with_counts_and_savings() {
    let (emulator, tools) = started().await;
    seed_both(&emulator).await;
    let ids = [LOW_UTILIZATION_EC2, SECURITY_GROUPS_PORTS, IDLE_LOAD_BALANCERS].map(str::to_owned);

    let summaries = tools.ta_summaries(&target(TaProvider::SupportApi), &ids, now()).await.expect("summaries");

    assert_eq!(summaries.len(), 3);
    let ec2 = &summaries[0];
    assert_eq!(ec2.check_id, LOW_UTILIZATION_EC2);
    assert_eq!(ec2.status, TaStatus::Warning);
    assert_eq!(ec2.checked_at, Some(at("2026-11-27T01:02:03Z")));
    assert_eq!(ec2.resources, TaResourceCounts { processed: 10, flagged: 2, ignored: 0, suppressed: 1 });
    assert!(ec2.has_flagged_resources);
    assert_eq!(ec2.estimated_monthly_savings, Some(123.45));
    let ports = &summaries[1];
    assert_eq!(ports.status, TaStatus::Error);
    assert_eq!(ports.checked_at, None, "an unreadable timestamp is no time");
    assert_eq!(ports.estimated_monthly_savings, None);
    let idle = &summaries[2];
    assert_eq!(idle.status, TaStatus::NotAvailable);
    assert_eq!(idle.resources, TaResourceCounts::default());
    assert!(!idle.has_flagged_resources);

    let calls = emulator.requests_for("DescribeTrustedAdvisorCheckSummaries").await;
    assert_eq!(calls.len(), 1, "one call for all the ids");
    assert_eq!(calls[0].params["checkIds"], json!(ids));
}

#[tokio::test]
async fn r7_8_summaries_of_every_check_go_in_calls_of_at_most_100() {
    let (emulator, tools) = started().await;
    let target = target(TaProvider::SupportApi);
    let ids: Vec<String> = tools
        .ta_checks(&target, TaLanguage::En, now())
        .await
        .expect("checks")
        .into_iter()
        .map(|check| check.id)
        .collect();

    let summaries = tools.ta_summaries(&target, &ids, now()).await.expect("summaries");

    assert_eq!(summaries.len(), 104);
    let sizes: Vec<usize> = emulator
        .requests_for("DescribeTrustedAdvisorCheckSummaries")
        .await
        .iter()
        .map(|request| request.params["checkIds"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, [100, 4]);
}

#[tokio::test]
async fn r7_8_a_check_result_lists_its_flagged_resources() {
    let (emulator, tools) = started().await;
    seed_both(&emulator).await;

    let result = tools
        .ta_check_result(&target(TaProvider::SupportApi), LOW_UTILIZATION_EC2, TaLanguage::Ja, now())
        .await
        .expect("result");

    assert_eq!(result.summary.status, TaStatus::Warning);
    assert_eq!(result.summary.estimated_monthly_savings, Some(123.45));
    assert_eq!(result.flagged_resources.len(), 2);
    let first = &result.flagged_resources[0];
    assert_eq!(first.resource_id, "i-0abc");
    assert_eq!(first.status, TaStatus::Warning);
    assert_eq!(first.region.as_deref(), Some("ap-northeast-1"));
    assert!(!first.is_suppressed);
    assert_eq!(
        first.metadata,
        [Some("ap-northeast-1a"), Some("i-0abc"), None, Some("t3.large"), Some("$61.72")].map(|v| v.map(str::to_owned))
    );
    assert!(result.flagged_resources[1].is_suppressed);
    let call = &emulator.requests_for("DescribeTrustedAdvisorCheckResult").await[0];
    assert_eq!(call.param("checkId"), Some(LOW_UTILIZATION_EC2));
    assert_eq!(call.param("language"), Some("ja"));
}

#[tokio::test]
async fn r7_8_a_check_without_a_result_is_not_available() {
    let (_emulator, tools) = started().await;

    let result = tools
        .ta_check_result(&target(TaProvider::SupportApi), IDLE_LOAD_BALANCERS, TaLanguage::En, now())
        .await
        .expect("result");

    assert_eq!(result.summary.status, TaStatus::NotAvailable);
    assert!(result.flagged_resources.is_empty());
}

#[tokio::test]
async fn r7_8_refresh_and_its_status() {
    let (emulator, tools) = started().await;
    let target = target(TaProvider::SupportApi);
    let ids = [LOW_UTILIZATION_EC2.to_owned()];

    let first = tools.ta_refresh(&target, LOW_UTILIZATION_EC2, now()).await.expect("refresh");
    let second = tools.ta_refresh(&target, LOW_UTILIZATION_EC2, now()).await.expect("refresh");
    let statuses = tools.ta_refresh_statuses(&target, &ids, now()).await.expect("statuses");

    // moto moves a check on by one state per refresh: none, enqueued, processing, success …
    assert_eq!((first.check_id.as_str(), first.status.as_str()), (LOW_UTILIZATION_EC2, "none"));
    assert_eq!(second.status, "enqueued");
    assert_eq!(statuses.len(), 1);
    assert_eq!(statuses[0].status, "enqueued");
    assert_eq!(statuses[0].millis_until_next_refreshable, 0);
    assert_eq!(emulator.requests_for("RefreshTrustedAdvisorCheck").await.len(), 2);
    assert_eq!(emulator.requests_for("DescribeTrustedAdvisorCheckRefreshStatuses").await.len(), 1);
}
