//! [`AwsTools`] on the AWS SDK for Rust.

use std::future::Future;

use async_trait::async_trait;
use aws_config::meta::region::RegionProviderChain;
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use chrono::{DateTime, Utc};
use portal_domain::aws_tools::{
    CallerIdentity, CostReport, TaCheck, TaCheckResult, TaCheckSummary, TaProvider, TaRefreshStatus,
};
use tokio::sync::OnceCell;

use crate::error_map::{from_sdk, Call};
use crate::role_cache::RoleCache;
use crate::settings::AwsToolsSettings;
use crate::{cost_explorer, support_api, ta_api, AwsError, AwsTools, CostPeriod, RoleTarget, TaLanguage};

/// Where STS is called when neither the settings nor the SDK's region chain name a region.
const FALLBACK_REGION: &str = "ap-northeast-1";
/// AWS serves the Support API, the Trusted Advisor API and Cost Explorer from us-east-1.
const GLOBAL_SERVICES_REGION: &str = "us-east-1";
/// AssumeRole sessions last an hour (the longest a role chain allows; the role's maximum is at least that).
const SESSION_SECONDS: i32 = 3600;

const PORTAL_IDENTITY: Call = Call::portal("GetCallerIdentity", "sts:GetCallerIdentity");
const ASSUME_ROLE: Call = Call::portal("AssumeRole", "sts:AssumeRole");
const ROLE_IDENTITY: Call = Call::role("GetCallerIdentity", "sts:GetCallerIdentity");

/// The clients of one assumed role, signing with its session credentials.
#[derive(Clone)]
struct RoleClients {
    sts: aws_sdk_sts::Client,
    support: aws_sdk_support::Client,
    trusted_advisor: aws_sdk_trustedadvisor::Client,
    cost_explorer: aws_sdk_costexplorer::Client,
}

/// Every AWS call of the portal through the SDK. Cheap to share (`Arc` it); caches the portal's own
/// identity and each role's session.
pub struct SdkAwsTools {
    base: SdkConfig,
    portal_sts: aws_sdk_sts::Client,
    portal_identity: OnceCell<CallerIdentity>,
    roles: RoleCache<RoleClients>,
}

impl SdkAwsTools {
    /// Loads the SDK configuration: static credentials if given, else the default chain (unless
    /// `default_chain` is off). Nothing is called yet; missing credentials show as
    /// `AwsError::NotConfigured` on the first call.
    pub async fn new(settings: AwsToolsSettings) -> SdkAwsTools {
        let retries = RetryConfig::standard()
            .with_max_attempts(settings.max_attempts.max(1))
            .with_initial_backoff(settings.initial_backoff);
        let mut loader = aws_config::defaults(BehaviorVersion::latest()).retry_config(retries);
        loader = match settings.region {
            Some(region) => loader.region(Region::new(region)),
            None => {
                loader.region(RegionProviderChain::default_provider().or_else(Region::from_static(FALLBACK_REGION)))
            }
        };
        if let Some(url) = settings.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        loader = match (settings.static_credentials, settings.default_chain) {
            (Some((key_id, secret)), _) => {
                loader.credentials_provider(Credentials::new(key_id, secret, None, None, "portal-static"))
            }
            (None, true) => loader,
            (None, false) => loader.credentials_provider(NoCredentials),
        };
        let base = loader.load().await;
        SdkAwsTools {
            portal_sts: aws_sdk_sts::Client::new(&base),
            base,
            portal_identity: OnceCell::new(),
            roles: RoleCache::new(),
        }
    }

    /// The role's clients from the cache, or from a new AssumeRole.
    async fn role(&self, target: &RoleTarget, now: DateTime<Utc>) -> Result<RoleClients, AwsError> {
        match self.roles.get(&target.role_arn, &target.external_id, now).await {
            Some(clients) => Ok(clients),
            None => self.assume(target, now).await,
        }
    }

    /// AssumeRole with the company's ExternalId; the session is cached until shortly before it expires.
    async fn assume(&self, target: &RoleTarget, now: DateTime<Utc>) -> Result<RoleClients, AwsError> {
        let output = self
            .portal_sts
            .assume_role()
            .role_arn(&target.role_arn)
            .role_session_name(&target.session_name)
            .external_id(&target.external_id)
            .duration_seconds(SESSION_SECONDS)
            .send()
            .await
            .map_err(|err| from_sdk(ASSUME_ROLE, &err))?;
        let credentials = output
            .credentials
            .ok_or_else(|| AwsError::Unavailable { message: "AssumeRole answered without credentials".to_owned() })?;
        let expires_at = DateTime::from_timestamp(credentials.expiration.secs(), credentials.expiration.subsec_nanos())
            .ok_or_else(|| AwsError::Unavailable {
                message: "AssumeRole answered an unreadable Expiration".to_owned(),
            })?;
        // No expiry for the SDK: the cache above decides with the portal's clock when to renew.
        let session = Credentials::new(
            credentials.access_key_id,
            credentials.secret_access_key,
            Some(credentials.session_token),
            None,
            "portal-assume-role",
        );
        let config = self
            .base
            .to_builder()
            .credentials_provider(SharedCredentialsProvider::new(session))
            // Static session credentials need no identity cache; the base one would keep a partition
            // per role session for as long as the process runs.
            .identity_cache(aws_config::identity::IdentityCache::no_cache())
            .build();
        let clients = RoleClients {
            sts: aws_sdk_sts::Client::new(&config),
            support: aws_sdk_support::Client::from_conf(
                aws_sdk_support::config::Builder::from(&config).region(global_region()).build(),
            ),
            trusted_advisor: aws_sdk_trustedadvisor::Client::from_conf(
                aws_sdk_trustedadvisor::config::Builder::from(&config).region(global_region()).build(),
            ),
            cost_explorer: aws_sdk_costexplorer::Client::from_conf(
                aws_sdk_costexplorer::config::Builder::from(&config).region(global_region()).build(),
            ),
        };
        self.roles.put(&target.role_arn, &target.external_id, clients.clone(), expires_at, now).await;
        Ok(clients)
    }
}

fn global_region() -> Region {
    Region::from_static(GLOBAL_SERVICES_REGION)
}

async fn caller_identity(client: &aws_sdk_sts::Client, call: Call) -> Result<CallerIdentity, AwsError> {
    let output = client.get_caller_identity().send().await.map_err(|err| from_sdk(call, &err))?;
    match (output.account, output.arn) {
        (Some(account), Some(arn)) => Ok(CallerIdentity { account, arn }),
        _ => Err(AwsError::Unavailable { message: "GetCallerIdentity answered without account or ARN".to_owned() }),
    }
}

/// Runs the account's Trusted Advisor provider. An account read through the Support API falls back
/// to the Trusted Advisor API when the Support API no longer offers the operation. Both futures are
/// built by the caller; only the one needed is awaited.
async fn by_provider<T>(
    provider: TaProvider,
    support: impl Future<Output = Result<T, AwsError>>,
    trusted_advisor: impl Future<Output = Result<T, AwsError>>,
) -> Result<T, AwsError> {
    match provider {
        TaProvider::TrustedAdvisorApi => trusted_advisor.await,
        TaProvider::SupportApi => match support.await {
            Err(AwsError::Unsupported { operation, message }) => {
                tracing::info!(%operation, %message, "the Support API does not offer this; trying the Trusted Advisor API");
                trusted_advisor.await
            }
            other => other,
        },
    }
}

#[async_trait]
impl AwsTools for SdkAwsTools {
    async fn portal_identity(&self) -> Result<CallerIdentity, AwsError> {
        self.portal_identity.get_or_try_init(|| caller_identity(&self.portal_sts, PORTAL_IDENTITY)).await.cloned()
    }

    async fn test_connection(&self, target: &RoleTarget, now: DateTime<Utc>) -> Result<CallerIdentity, AwsError> {
        let clients = self.assume(target, now).await?;
        caller_identity(&clients.sts, ROLE_IDENTITY).await
    }

    async fn ta_checks(
        &self,
        target: &RoleTarget,
        language: TaLanguage,
        now: DateTime<Utc>,
    ) -> Result<Vec<TaCheck>, AwsError> {
        let clients = self.role(target, now).await?;
        by_provider(
            target.ta_provider,
            support_api::checks(&clients.support, language),
            ta_api::checks(&clients.trusted_advisor, language),
        )
        .await
    }

    async fn ta_summaries(
        &self,
        target: &RoleTarget,
        check_ids: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<TaCheckSummary>, AwsError> {
        if check_ids.is_empty() {
            return Ok(Vec::new());
        }
        let clients = self.role(target, now).await?;
        by_provider(
            target.ta_provider,
            support_api::summaries(&clients.support, check_ids),
            ta_api::summaries(&clients.trusted_advisor, check_ids),
        )
        .await
    }

    async fn ta_check_result(
        &self,
        target: &RoleTarget,
        check_id: &str,
        language: TaLanguage,
        now: DateTime<Utc>,
    ) -> Result<TaCheckResult, AwsError> {
        let clients = self.role(target, now).await?;
        by_provider(
            target.ta_provider,
            support_api::check_result(&clients.support, check_id, language),
            ta_api::check_result(&clients.trusted_advisor, check_id, language),
        )
        .await
    }

    async fn ta_refresh(
        &self,
        target: &RoleTarget,
        check_id: &str,
        now: DateTime<Utc>,
    ) -> Result<TaRefreshStatus, AwsError> {
        let clients = self.role(target, now).await?;
        by_provider(target.ta_provider, support_api::refresh(&clients.support, check_id), async {
            Err(ta_api::refresh_unsupported("RefreshTrustedAdvisorCheck"))
        })
        .await
    }

    async fn ta_refresh_statuses(
        &self,
        target: &RoleTarget,
        check_ids: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<TaRefreshStatus>, AwsError> {
        if check_ids.is_empty() {
            return Ok(Vec::new());
        }
        let clients = self.role(target, now).await?;
        by_provider(target.ta_provider, support_api::refresh_statuses(&clients.support, check_ids), async {
            Err(ta_api::refresh_unsupported("DescribeTrustedAdvisorCheckRefreshStatuses"))
        })
        .await
    }

    async fn cost_by_month(
        &self,
        target: &RoleTarget,
        period: CostPeriod,
        now: DateTime<Utc>,
    ) -> Result<CostReport, AwsError> {
        let clients = self.role(target, now).await?;
        cost_explorer::cost_by_month(&clients.cost_explorer, period).await
    }
}

/// The credentials chain with no links: what the default chain is on a machine with nothing
/// configured, without looking at the environment, files or instance metadata.
#[derive(Debug)]
struct NoCredentials;

impl ProvideCredentials for NoCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(Err(CredentialsError::not_loaded(
            "the default credentials chain is turned off and no static credentials were given",
        )))
    }
}
