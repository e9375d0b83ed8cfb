//! Linking an account (R7.8): AssumeRole with the company's ExternalId, the portal's own identity.

use portal_aws::emulator::Emulator;
use portal_aws::{AwsError, AwsTools, AwsToolsSettings, SdkAwsTools, TaLanguage};
use portal_domain::aws_tools::TaProvider;

use crate::{now, started, target, CUSTOMER_ACCOUNT, EXTERNAL_ID, ROLE_ARN, SESSION_NAME};

#[tokio::test]
async fn r7_8_test_connection_assumes_the_role_with_the_external_id_and_session_name() {
    let (emulator, tools) = started().await;

    let identity = tools.test_connection(&target(TaProvider::SupportApi), now()).await.expect("connected");

    assert_eq!(identity.account, CUSTOMER_ACCOUNT);
    assert_eq!(
        identity.arn,
        format!("arn:aws:sts::{CUSTOMER_ACCOUNT}:assumed-role/cloudpack-portal-readonly/{SESSION_NAME}")
    );
    let assumed = emulator.requests_for("AssumeRole").await;
    assert_eq!(assumed.len(), 1);
    let request = &assumed[0];
    assert_eq!(request.param("RoleArn"), Some(ROLE_ARN));
    assert_eq!(request.param("ExternalId"), Some(EXTERNAL_ID));
    assert_eq!(request.param("RoleSessionName"), Some(SESSION_NAME));
    assert_eq!(request.param("DurationSeconds"), Some("3600"));
    assert_eq!(request.service.as_deref(), Some("sts"));
    // The identity is asked as the role, after the role was assumed.
    let operations: Vec<_> = emulator.requests().await.into_iter().filter_map(|r| r.operation).collect();
    assert_eq!(operations, ["AssumeRole", "GetCallerIdentity"]);
}

#[tokio::test]
async fn r7_8_test_connection_assumes_afresh_every_time() {
    let (emulator, tools) = started().await;
    let target = target(TaProvider::SupportApi);

    tools.test_connection(&target, now()).await.expect("connected");
    tools.test_connection(&target, now()).await.expect("connected again");
    // A read right after uses the session the last test stored.
    tools.ta_checks(&target, TaLanguage::En, now()).await.expect("checks");

    assert_eq!(emulator.requests_for("AssumeRole").await.len(), 2);
}

#[tokio::test]
async fn r7_8_the_portal_identity_is_asked_once() {
    let (emulator, tools) = started().await;

    let first = tools.portal_identity().await.expect("identity");
    let second = tools.portal_identity().await.expect("identity");

    assert_eq!(first, second);
    assert_eq!(first.account, "123456789012", "moto's default account signs for the static test key");
    assert_eq!(emulator.requests_for("GetCallerIdentity").await.len(), 1);
}

#[tokio::test]
async fn r7_8_without_credentials_every_call_is_not_configured() {
    let emulator = Emulator::start().await;
    let settings = AwsToolsSettings { static_credentials: None, default_chain: false, ..emulator.settings() };
    let tools = SdkAwsTools::new(settings).await;
    let target = target(TaProvider::SupportApi);

    assert_eq!(tools.portal_identity().await, Err(AwsError::NotConfigured));
    assert_eq!(tools.test_connection(&target, now()).await, Err(AwsError::NotConfigured));
    assert_eq!(tools.ta_checks(&target, TaLanguage::Ja, now()).await, Err(AwsError::NotConfigured));
    assert_eq!(AwsError::NotConfigured.code(), "aws_not_configured");
    assert!(emulator.requests().await.is_empty(), "nothing unsigned left the portal");
}
