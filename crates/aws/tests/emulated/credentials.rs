//! The role's session is reused until five minutes before it expires, judged by the portal's clock.

use portal_aws::{AwsTools, RoleTarget, TaLanguage};
use portal_domain::aws_tools::TaProvider;

use crate::{at, now, started, target, LOW_UTILIZATION_EC2};

#[tokio::test]
async fn r7_8_role_credentials_are_reused_between_reads() {
    let (emulator, tools) = started().await;
    let target = target(TaProvider::SupportApi);

    tools.ta_checks(&target, TaLanguage::Ja, now()).await.expect("checks");
    tools
        .ta_summaries(&target, &[LOW_UTILIZATION_EC2.to_owned()], at("2020-01-01T00:10:00Z"))
        .await
        .expect("summaries");

    assert_eq!(emulator.requests_for("AssumeRole").await.len(), 1);
}

#[tokio::test]
async fn r7_8_role_credentials_are_renewed_when_they_are_about_to_expire() {
    let (emulator, tools) = started().await;
    let target = target(TaProvider::SupportApi);

    tools.ta_checks(&target, TaLanguage::Ja, now()).await.expect("checks");
    // Long past the hour moto granted (the five-minute margin itself is a unit test of role_cache).
    tools.ta_checks(&target, TaLanguage::Ja, at("2100-01-01T00:00:00Z")).await.expect("checks later");

    assert_eq!(emulator.requests_for("AssumeRole").await.len(), 2);
}

#[tokio::test]
async fn r7_8_each_role_and_external_id_has_its_own_session() {
    let (emulator, tools) = started().await;
    let first = target(TaProvider::SupportApi);
    let other_company = RoleTarget { external_id: "cpp-0000other".to_owned(), ..first.clone() };

    tools.ta_checks(&first, TaLanguage::En, now()).await.expect("checks");
    tools.ta_checks(&other_company, TaLanguage::En, now()).await.expect("checks");
    tools.ta_checks(&first, TaLanguage::En, now()).await.expect("checks");

    let external_ids: Vec<_> =
        emulator.requests_for("AssumeRole").await.iter().map(|r| r.param("ExternalId").map(str::to_owned)).collect();
    assert_eq!(external_ids, [Some(first.external_id.clone()), Some(other_company.external_id.clone())]);
}
