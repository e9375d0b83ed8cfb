//! The test helper itself: one reset clears moto and the emulator's own state.

use portal_aws::{AwsTools, TaLanguage};
use portal_domain::aws_tools::{TaProvider, TaStatus};

use crate::{now, seed_both, started, target, LOW_UTILIZATION_EC2};

#[tokio::test]
async fn r7_8_reset_clears_seeds_recorded_requests_and_faults() {
    let (emulator, tools) = started().await;
    let target = target(TaProvider::SupportApi);
    seed_both(&emulator).await;
    tools.ta_checks(&target, TaLanguage::En, now()).await.expect("checks");
    emulator
        .fail_next("DescribeTrustedAdvisorCheckSummaries", 400, "SubscriptionRequiredException", "no plan", 1)
        .await;

    emulator.reset().await;

    assert!(emulator.requests().await.is_empty());
    let summaries = tools.ta_summaries(&target, &[LOW_UTILIZATION_EC2.to_owned()], now()).await.expect("no fault left");
    assert_eq!(summaries[0].status, TaStatus::NotAvailable, "the seeds are gone");
    let operations: Vec<_> = emulator.requests().await.into_iter().filter_map(|r| r.operation).collect();
    assert_eq!(operations, ["DescribeTrustedAdvisorCheckSummaries"], "the role's session outlives moto's reset");
}
