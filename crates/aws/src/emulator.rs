//! The AWS emulator for tests (feature `emulator`): `scripts/aws_emulator.py`, moto server plus the
//! Support operations, the Trusted Advisor API, seeding, request recording and fault injection the
//! portal needs. Each [`Emulator`] is its own server process on a free loopback port, killed on drop.
//!
//! The helpers panic on failure: they are for tests, where a panic with the reason is the report.

use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::{AwsToolsSettings, SdkAwsTools};

/// How long the emulator may take to answer after it is spawned (it is ready in 2–4 s when idle).
const READY_POLLS: u32 = 600;
const READY_POLL_INTERVAL: Duration = Duration::from_millis(50);
/// Attempts at a free port: another process may take the one found before the emulator binds it.
const PORT_ATTEMPTS: u32 = 3;

/// One request the emulator received, as `GET /moto-api/portal/requests` lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// The service of the SigV4 credential scope (`sts`, `support`, `ce`, `trustedadvisor`).
    pub service: Option<String>,
    /// The region of the SigV4 credential scope.
    pub region: Option<String>,
    /// `AssumeRole`, `DescribeTrustedAdvisorChecks`, `ListRecommendations` …
    pub operation: Option<String>,
    /// The `X-Amz-Target` header of JSON protocols.
    pub target: Option<String>,
    /// The decoded query, form or JSON parameters.
    pub params: Value,
}

impl RecordedRequest {
    /// A parameter as text (`ExternalId`, `language`, `checkId` …).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.get(name).and_then(Value::as_str)
    }
}

/// A running emulator.
pub struct Emulator {
    child: Child,
    url: String,
    log: PathBuf,
    http: reqwest::Client,
}

impl Emulator {
    /// Starts the emulator with the moto venv's python (`PORTAL_AWS_EMULATOR_PYTHON`, else
    /// `~/.cache/cloudpack-portal/venv/bin/python`, which `scripts/lib.sh ensure_aws_emulator`
    /// installs) and waits until it answers.
    pub async fn start() -> Emulator {
        let python = python();
        let script = script();
        assert!(
            python.exists(),
            "no python for the AWS emulator at {} (run `source scripts/lib.sh && ensure_aws_emulator`, or set \
             PORTAL_AWS_EMULATOR_PYTHON)",
            python.display()
        );
        let http = reqwest::Client::builder().no_proxy().build().expect("an HTTP client");
        let mut failures = Vec::new();
        for _ in 0..PORT_ATTEMPTS {
            match Emulator::spawn(&python, &script, http.clone()).await {
                Ok(emulator) => return emulator,
                Err(failure) => failures.push(failure),
            }
        }
        panic!("the AWS emulator did not start:\n{}", failures.join("\n---\n"));
    }

    async fn spawn(python: &Path, script: &Path, http: reqwest::Client) -> Result<Emulator, String> {
        let port = free_port();
        // Tells this emulator from any other server that took the port meanwhile.
        static STARTED: AtomicU64 = AtomicU64::new(0);
        let token = format!("{}-{}", std::process::id(), STARTED.fetch_add(1, Ordering::Relaxed));
        let log = std::env::temp_dir().join(format!("portal-aws-emulator-{}-{port}.log", std::process::id()));
        let log_file = File::create(&log).map_err(|err| format!("cannot create {}: {err}", log.display()))?;
        let child = Command::new(python)
            .arg(script)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("PORTAL_AWS_EMULATOR_TOKEN", &token)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .map_err(|err| format!("cannot run {}: {err}", python.display()))?;
        // From here on, Drop kills the child whatever happens.
        let mut emulator = Emulator { child, url: format!("http://127.0.0.1:{port}"), log, http };
        for _ in 0..READY_POLLS {
            if let Ok(Some(status)) = emulator.child.try_wait() {
                return Err(format!("it exited with {status}:\n{}", emulator.log_tail()));
            }
            if emulator.answers_as(&token).await {
                return Ok(emulator);
            }
            tokio::time::sleep(READY_POLL_INTERVAL).await;
        }
        Err(format!("it did not answer on {} in time:\n{}", emulator.url, emulator.log_tail()))
    }

    async fn answers_as(&self, token: &str) -> bool {
        let Ok(response) = self.http.get(format!("{}/moto-api/portal/whoami", self.url)).send().await else {
            return false;
        };
        let Ok(body) = response.json::<Value>().await else { return false };
        body.get("token").and_then(Value::as_str) == Some(token)
    }

    /// `http://127.0.0.1:PORT`, the endpoint URL of every service.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Settings that reach this emulator: static test credentials, short retries.
    pub fn settings(&self) -> AwsToolsSettings {
        AwsToolsSettings {
            endpoint_url: Some(self.url.clone()),
            region: Some("ap-northeast-1".to_owned()),
            static_credentials: Some(("testing".to_owned(), "testing".to_owned())),
            default_chain: false,
            max_attempts: 3,
            initial_backoff: Duration::from_millis(10),
        }
    }

    /// An [`SdkAwsTools`] on [`Emulator::settings`].
    pub async fn tools(&self) -> SdkAwsTools {
        SdkAwsTools::new(self.settings()).await
    }

    /// Clears moto's state and the emulator's seeds, recorded requests and faults.
    pub async fn reset(&self) {
        self.post("/moto-api/reset", json!({})).await;
    }

    /// Every AWS request received since the start or the last reset, oldest first.
    pub async fn requests(&self) -> Vec<RecordedRequest> {
        let response = self
            .http
            .get(format!("{}/moto-api/portal/requests", self.url))
            .send()
            .await
            .expect("the emulator lists its requests");
        response.json().await.expect("recorded requests as JSON")
    }

    /// The recorded requests of one operation (`AssumeRole` …).
    pub async fn requests_for(&self, operation: &str) -> Vec<RecordedRequest> {
        let mut requests = self.requests().await;
        requests.retain(|request| request.operation.as_deref() == Some(operation));
        requests
    }

    /// Seeds Trusted Advisor results: `{"results": [<DescribeTrustedAdvisorCheckResult "result">…]}`,
    /// optionally with `"account_id"` to seed them for one account only.
    pub async fn seed_trusted_advisor(&self, body: Value) {
        self.post("/moto-api/portal/trusted-advisor", body).await;
    }

    /// Queues GetCostAndUsage answers (each a whole response: `ResultsByTime`, `NextPageToken` …)
    /// for `account_id`, the account of the role that will ask (moto files them by caller).
    pub async fn seed_cost(&self, account_id: &str, results: Value) {
        self.post("/moto-api/static/ce/cost-and-usage-results", json!({"account_id": account_id, "results": results}))
            .await;
    }

    /// The next `times` requests of `operation` answer `status` with AWS error `code`.
    pub async fn fail_next(&self, operation: &str, status: u16, code: &str, message: &str, times: u32) {
        let fault = json!({"operation": operation, "status": status, "code": code, "message": message, "times": times});
        self.post("/moto-api/portal/faults", fault).await;
    }

    async fn post(&self, path: &str, body: Value) {
        let response = self
            .http
            .post(format!("{}{path}", self.url))
            .json(&body)
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST {path} to the AWS emulator: {err}"));
        let status = response.status();
        assert!(status.is_success(), "POST {path} to the AWS emulator answered {status}");
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("PORTAL_AWS_EMULATOR_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    home.join(".cache/cloudpack-portal/venv/bin/python")
}

/// `scripts/aws_emulator.py` of this checkout: crates/aws is two levels below the workspace root.
fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/aws_emulator.py")
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.local_addr().expect("its address").port()
}
