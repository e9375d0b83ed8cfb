//! `portal-aws` against the AWS emulator (`scripts/aws_emulator.py`): one emulator per test, since
//! the tests of this binary run in parallel threads and each one counts the requests it caused.

mod connection;
mod cost;
mod credentials;
mod emulator_helper;
mod errors;
mod trusted_advisor;
mod trusted_advisor_api;

use chrono::{DateTime, Utc};
use portal_aws::emulator::Emulator;
use portal_aws::{RoleTarget, SdkAwsTools};
use portal_domain::aws_tools::TaProvider;
use serde_json::{json, Value};

/// The customer's account and role in every test.
pub const CUSTOMER_ACCOUNT: &str = "111122223333";
pub const ROLE_ARN: &str = "arn:aws:iam::111122223333:role/cloudpack-portal-readonly";
pub const EXTERNAL_ID: &str = "cpp-7f3e9a1c2b4d";
pub const SESSION_NAME: &str = "cpp-C0001";

/// Checks of moto's catalogue.
pub const LOW_UTILIZATION_EC2: &str = "Qch7DwouX1";
pub const IDLE_LOAD_BALANCERS: &str = "hjLMh88uM8";
pub const SECURITY_GROUPS_PORTS: &str = "HCP4007jGY";

pub fn target(ta_provider: TaProvider) -> RoleTarget {
    RoleTarget {
        role_arn: ROLE_ARN.to_owned(),
        external_id: EXTERNAL_ID.to_owned(),
        session_name: SESSION_NAME.to_owned(),
        ta_provider,
    }
}

/// The portal's clock in these tests: well before any session moto hands out expires (moto dates
/// them from the machine's clock).
pub fn now() -> DateTime<Utc> {
    at("2020-01-01T00:00:00Z")
}

pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("a time")
}

pub async fn started() -> (Emulator, SdkAwsTools) {
    let emulator = Emulator::start().await;
    let tools = emulator.tools().await;
    (emulator, tools)
}

/// A DescribeTrustedAdvisorCheckResult `result` in AWS's shape: EC2 instances running idle, two
/// flagged (one suppressed), 10 processed, $123.45 a month to save.
pub fn low_utilization_result() -> Value {
    json!({
        "checkId": LOW_UTILIZATION_EC2,
        "timestamp": "2026-11-27T01:02:03Z",
        "status": "warning",
        "resourcesSummary": {
            "resourcesProcessed": 10,
            "resourcesFlagged": 2,
            "resourcesIgnored": 0,
            "resourcesSuppressed": 1
        },
        "categorySpecificSummary": {
            "costOptimizing": {"estimatedMonthlySavings": 123.45, "estimatedPercentMonthlySavings": 7.5}
        },
        "flaggedResources": [
            {
                "status": "warning",
                "region": "ap-northeast-1",
                "resourceId": "i-0abc",
                "isSuppressed": false,
                "metadata": ["ap-northeast-1a", "i-0abc", null, "t3.large", "$61.72"]
            },
            {
                "status": "warning",
                "region": "ap-northeast-1",
                "resourceId": "i-0def",
                "isSuppressed": true,
                "metadata": ["ap-northeast-1c", "i-0def", "batch", "t3.large", "$61.73"]
            }
        ]
    })
}

/// A security check in error with one open security group and a timestamp AWS would not write.
pub fn open_ports_result() -> Value {
    json!({
        "checkId": SECURITY_GROUPS_PORTS,
        "timestamp": "not a time",
        "status": "error",
        "resourcesSummary": {
            "resourcesProcessed": 4,
            "resourcesFlagged": 1,
            "resourcesIgnored": 0,
            "resourcesSuppressed": 0
        },
        "categorySpecificSummary": {},
        "flaggedResources": [
            {
                "status": "error",
                "region": "ap-northeast-1",
                "resourceId": "sg-0123",
                "isSuppressed": false,
                "metadata": ["ap-northeast-1", "launch-wizard-1", "sg-0123", "tcp", "Red", "22"]
            }
        ]
    })
}

pub async fn seed_both(emulator: &Emulator) {
    emulator.seed_trusted_advisor(json!({"results": [low_utilization_result(), open_ports_result()]})).await;
}
