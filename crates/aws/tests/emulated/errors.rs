//! AWS's error codes as the portal tells them apart (R7.8).

use portal_aws::{AwsError, AwsTools, CostPeriod, TaLanguage};
use portal_domain::aws_tools::TaProvider;

use crate::{now, started, target, LOW_UTILIZATION_EC2};

fn ids() -> Vec<String> {
    vec![LOW_UTILIZATION_EC2.to_owned()]
}

#[tokio::test]
async fn r7_8_access_denied_on_assume_role_is_assume_role_denied() {
    let (emulator, tools) = started().await;
    emulator.fail_next("AssumeRole", 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole", 1).await;

    let result = tools.test_connection(&target(TaProvider::SupportApi), now()).await;

    let Err(AwsError::AssumeRoleDenied { message }) = result else { panic!("{result:?}") };
    assert!(message.contains("not authorized"), "{message}");
    assert_eq!(emulator.requests_for("AssumeRole").await.len(), 1, "a denial is not retried");
}

#[tokio::test]
async fn r7_8_access_denied_on_a_support_call_names_the_missing_permission() {
    let (emulator, tools) = started().await;
    emulator.fail_next("DescribeTrustedAdvisorChecks", 400, "AccessDeniedException", "not allowed", 1).await;

    let result = tools.ta_checks(&target(TaProvider::SupportApi), TaLanguage::Ja, now()).await;

    assert_eq!(
        result,
        Err(AwsError::PermissionMissing {
            action: "support:DescribeTrustedAdvisorChecks".to_owned(),
            message: "AccessDeniedException: not allowed".to_owned(),
        })
    );
}

#[tokio::test]
async fn r7_8_subscription_required_is_no_trusted_advisor_access() {
    let (emulator, tools) = started().await;
    emulator
        .fail_next(
            "DescribeTrustedAdvisorCheckSummaries",
            400,
            "SubscriptionRequiredException",
            "AWS Premium Support Subscription is required to use this service.",
            1,
        )
        .await;

    let result = tools.ta_summaries(&target(TaProvider::SupportApi), &ids(), now()).await;

    assert!(matches!(result, Err(AwsError::NoTrustedAdvisorAccess { .. })), "{result:?}");
    assert_eq!(result.unwrap_err().code(), "aws_no_trusted_advisor_access");
}

#[tokio::test]
async fn r7_8_throttling_twice_then_success_is_a_success_after_three_calls() {
    let (emulator, tools) = started().await;
    emulator.fail_next("DescribeTrustedAdvisorCheckSummaries", 400, "ThrottlingException", "Rate exceeded", 2).await;

    let summaries = tools.ta_summaries(&target(TaProvider::SupportApi), &ids(), now()).await.expect("summaries");

    assert_eq!(summaries.len(), 1);
    assert_eq!(emulator.requests_for("DescribeTrustedAdvisorCheckSummaries").await.len(), 3);
}

#[tokio::test]
async fn r7_8_throttling_beyond_the_retries_is_throttled() {
    let (emulator, tools) = started().await;
    emulator.fail_next("DescribeTrustedAdvisorCheckSummaries", 400, "ThrottlingException", "Rate exceeded", 10).await;

    let result = tools.ta_summaries(&target(TaProvider::SupportApi), &ids(), now()).await;

    assert_eq!(result, Err(AwsError::Throttled { message: "ThrottlingException: Rate exceeded".to_owned() }));
    assert_eq!(emulator.requests_for("DescribeTrustedAdvisorCheckSummaries").await.len(), 3, "max_attempts");
}

#[tokio::test]
async fn r7_8_sts_throttling_in_the_query_protocol_is_retried_too() {
    let (emulator, tools) = started().await;
    emulator.fail_next("AssumeRole", 400, "Throttling", "Rate exceeded", 1).await;

    tools.test_connection(&target(TaProvider::SupportApi), now()).await.expect("connected on the second try");

    assert_eq!(emulator.requests_for("AssumeRole").await.len(), 2);
}

#[tokio::test]
async fn r7_8_an_unknown_check_is_an_invalid_request() {
    let (_emulator, tools) = started().await;

    let result = tools.ta_check_result(&target(TaProvider::SupportApi), "no-such-check", TaLanguage::En, now()).await;

    assert!(matches!(result, Err(AwsError::InvalidRequest { .. })), "{result:?}");
}

#[tokio::test]
async fn r7_9_server_errors_after_the_retries_are_unavailable() {
    let (emulator, tools) = started().await;
    emulator.fail_next("GetCostAndUsage", 500, "InternalServerError", "We encountered an internal error", 3).await;
    let period = CostPeriod { start: "2025-11-01".parse().expect("date"), end: "2026-12-01".parse().expect("date") };

    let result = tools.cost_by_month(&target(TaProvider::SupportApi), period, now()).await;

    assert!(matches!(result, Err(AwsError::Unavailable { .. })), "{result:?}");
    assert_eq!(emulator.requests_for("GetCostAndUsage").await.len(), 3);
}

#[tokio::test]
async fn r7_8_an_unknown_operation_is_unsupported_when_no_api_offers_it() {
    let (emulator, tools) = started().await;
    emulator
        .fail_next("DescribeTrustedAdvisorCheckSummaries", 400, "UnknownOperationException", "Unknown operation", 1)
        .await;
    emulator.fail_next("ListRecommendations", 404, "UnknownOperationException", "Unknown operation", 1).await;

    let result = tools.ta_summaries(&target(TaProvider::SupportApi), &ids(), now()).await;

    let Err(AwsError::Unsupported { operation, .. }) = result else { panic!("{result:?}") };
    assert_eq!(operation, "ListRecommendations");
}
