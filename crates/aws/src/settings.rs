//! How [`crate::SdkAwsTools`] reaches AWS: the portal's own credentials, region, endpoint and retries.

use std::fmt;
use std::time::Duration;

/// Settings of [`crate::SdkAwsTools::new`]. `Default` is production: the SDK's default credentials
/// chain and region, AWS's own endpoints, the SDK's standard retries.
#[derive(Clone)]
pub struct AwsToolsSettings {
    /// Sends every service to this URL (the emulator in tests; `PORTAL_AWS_ENDPOINT_URL`).
    pub endpoint_url: Option<String>,
    /// The portal's region, which STS is called in. `None`: the SDK's region chain (`AWS_REGION`,
    /// profile, instance metadata), else `ap-northeast-1`. The Support API, the Trusted Advisor API
    /// and Cost Explorer are always called in `us-east-1`, where AWS serves them.
    pub region: Option<String>,
    /// An access key id and secret access key instead of the default chain (tests).
    pub static_credentials: Option<(String, String)>,
    /// Whether to look for credentials in the SDK's default chain (environment, profile, web
    /// identity, ECS, instance metadata) when no static credentials are given. `false` leaves the
    /// portal without credentials: every call answers `AwsError::NotConfigured`.
    pub default_chain: bool,
    /// Attempts per AWS call, the first included (the SDK's standard retry mode: throttling,
    /// transient and 5xx errors are retried with jittered exponential backoff).
    pub max_attempts: u32,
    /// The backoff before the first retry.
    pub initial_backoff: Duration,
}

impl Default for AwsToolsSettings {
    fn default() -> Self {
        AwsToolsSettings {
            endpoint_url: None,
            region: None,
            static_credentials: None,
            default_chain: true,
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
        }
    }
}

impl AwsToolsSettings {
    /// `Default` with `PORTAL_AWS_ENDPOINT_URL` (an empty value counts as unset).
    pub fn from_env() -> Self {
        let endpoint_url = std::env::var("PORTAL_AWS_ENDPOINT_URL").ok().filter(|url| !url.trim().is_empty());
        AwsToolsSettings { endpoint_url, ..AwsToolsSettings::default() }
    }
}

/// Keeps the secret access key out of logs.
impl fmt::Debug for AwsToolsSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsToolsSettings")
            .field("endpoint_url", &self.endpoint_url)
            .field("region", &self.region)
            .field("static_credentials", &self.static_credentials.as_ref().map(|(key_id, _)| (key_id, "<secret>")))
            .field("default_chain", &self.default_chain)
            .field("max_attempts", &self.max_attempts)
            .field("initial_backoff", &self.initial_backoff)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_secret_key() {
        let settings = AwsToolsSettings {
            static_credentials: Some(("AKIDEXAMPLE".into(), "wJalrXUtnFEMI/K7MDENG".into())),
            ..AwsToolsSettings::default()
        };
        let shown = format!("{settings:?}");
        assert!(shown.contains("AKIDEXAMPLE"));
        assert!(!shown.contains("wJalrXUtnFEMI"));
    }
}
