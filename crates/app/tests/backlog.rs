//! The Backlog client against a real HTTP server on loopback that records each request and answers
//! as Backlog does (R4.8): the path, the form body and the apiKey parameter are what Backlog's API
//! v2 expects, every answer maps to its error, and the API key never shows in an error or settings.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use portal_app::backlog::{Backlog, BacklogClient, BacklogComment, BacklogError, BacklogSettings};
use secrecy::SecretString;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Characters that need encoding in a query, so that both the raw and the encoded form are checked.
const API_KEY: &str = "Zq8sEcReTkEy+/=w9";
const API_KEY_ENCODED: &str = "Zq8sEcReTkEy%2B%2F%3Dw9";

#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn query_pairs(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.query.as_bytes()).into_owned().collect()
    }

    fn form(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(&self.body).into_owned().collect()
    }
}

/// What the server answers to every request.
#[derive(Clone)]
enum Answer {
    Respond {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Reads the request and never answers.
    Hang,
}

struct FakeBacklog {
    base_url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl FakeBacklog {
    async fn start(answer: Answer) -> FakeBacklog {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                let recorded = recorded.clone();
                let answer = answer.clone();
                tokio::spawn(async move { serve(stream, recorded, answer).await });
            }
        });
        FakeBacklog { base_url, requests }
    }

    fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    fn client(&self) -> BacklogClient {
        client_for(&self.base_url, Duration::from_secs(5))
    }
}

fn client_for(base_url: &str, timeout: Duration) -> BacklogClient {
    let settings = BacklogSettings::from_parts(base_url, SecretString::from(API_KEY)).unwrap().with_timeout(timeout);
    BacklogClient::new(settings).unwrap()
}

/// One HTTP/1.1 request (head up to the blank line, then Content-Length bytes), then one answer
/// with `Connection: close`.
async fn serve(mut stream: TcpStream, recorded: Arc<Mutex<Vec<Recorded>>>, answer: Answer) {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.unwrap();
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8(buf[..head_end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap().split(' ');
    let method = request_line.next().unwrap().to_string();
    let target = request_line.next().unwrap().to_string();
    let headers: Vec<(String, String)> = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_string(), v.trim().to_string())
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.parse().unwrap())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.unwrap();
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.clone(), String::new()),
    };
    recorded.lock().unwrap().push(Recorded { method, path, query, headers, body });
    match answer {
        Answer::Hang => {
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        Answer::Respond { status, headers, body } => {
            let mut out = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
            for (n, v) in headers {
                out.push_str(&format!("{n}: {v}\r\n"));
            }
            out.push_str("\r\n");
            out.push_str(&body);
            let _ = stream.write_all(out.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
    }
}

fn json(status: u16, body: &str) -> Answer {
    Answer::Respond {
        status,
        headers: vec![("Content-Type", "application/json;charset=utf-8".to_string())],
        body: body.to_string(),
    }
}

fn backlog_error(status: u16, message: &str, code: u32) -> Answer {
    json(status, &format!(r#"{{"errors":[{{"message":"{message}","code":{code},"moreInfo":""}}]}}"#))
}

/// Backlog's answer to "add comment", trimmed to the fields that matter and a few that do not.
const COMMENT: &str = r#"{
    "id": 6586, "projectId": 5, "issueId": 50, "content": "作業報告", "changeLog": null,
    "createdUser": {"id": 1, "userId": "admin", "name": "admin", "roleType": 1, "lang": "ja"},
    "created": "2013-08-05T06:15:06Z", "updated": "2013-08-05T06:15:06Z", "stars": [], "notifications": []
}"#;

fn assert_no_key(text: &str) {
    assert!(!text.contains(API_KEY), "the API key shows in: {text}");
    assert!(!text.contains(API_KEY_ENCODED), "the encoded API key shows in: {text}");
    assert!(!text.contains("apiKey"), "a URL with the API key shows in: {text}");
}

/// Posts once and returns the error, after checking that neither its Display nor Debug shows the key.
async fn post_error(server: &FakeBacklog) -> BacklogError {
    let e = server.client().post_comment("PROJ-12", "報告").await.unwrap_err();
    assert_no_key(&e.to_string());
    assert_no_key(&format!("{e:?}"));
    e
}

/// In a module named like the file, so that `cargo test -p portal-app backlog` runs them all.
mod backlog {
    use super::*;

    #[tokio::test]
    async fn a_report_is_posted_as_a_form_with_the_api_key_and_japanese_text_intact() {
        let server = FakeBacklog::start(json(201, COMMENT)).await;
        let content = "月次作業報告: Security Hub を有効化しました。\n詳細 & 次回 = 100% 完了?";
        let comment = server.client().post_comment("PROJ-12", content).await.unwrap();
        assert_eq!(comment, BacklogComment { id: 6586, created: Utc.with_ymd_and_hms(2013, 8, 5, 6, 15, 6).unwrap() });

        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        let r = &requests[0];
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/api/v2/issues/PROJ-12/comments");
        assert_eq!(r.query_pairs(), vec![("apiKey".to_string(), API_KEY.to_string())]);
        assert_eq!(r.header("content-type"), Some("application/x-www-form-urlencoded"));
        assert_eq!(r.form(), vec![("content".to_string(), content.to_string())]);
        // Encoded on the wire: no raw '&', '=' or newline of the content splits the form.
        let raw = String::from_utf8(r.body.clone()).unwrap();
        assert!(raw.starts_with("content=") && !raw[8..].contains(['&', '=', '\n', '月']), "{raw}");
    }

    #[tokio::test]
    async fn a_numeric_issue_id_and_a_path_prefix_are_kept() {
        let server = FakeBacklog::start(json(200, COMMENT)).await;
        let client = client_for(&format!("{}/backlog/", server.base_url), Duration::from_secs(5));
        client.post_comment("1234567", "report").await.unwrap();
        assert_eq!(server.requests()[0].path, "/backlog/api/v2/issues/1234567/comments");
    }

    #[tokio::test]
    async fn a_bad_issue_key_or_an_empty_report_is_refused_before_any_request() {
        let server = FakeBacklog::start(json(201, COMMENT)).await;
        let e = server.client().post_comment("../PROJ-1", "report").await.unwrap_err();
        assert!(matches!(e, BacklogError::InvalidIssueKey { .. }), "{e:?}");
        let e = server.client().post_comment("PROJ-1", " \n").await.unwrap_err();
        assert_eq!(e, BacklogError::EmptyContent);
        assert!(server.requests().is_empty());
    }

    #[tokio::test]
    async fn a_refused_api_key_is_unauthorized() {
        let server = FakeBacklog::start(backlog_error(401, "Authentication failure.", 11)).await;
        let e = post_error(&server).await;
        assert_eq!(e, BacklogError::Unauthorized);
        assert!(e.to_string().contains("API key"), "{e}");
    }

    #[tokio::test]
    async fn a_missing_issue_is_not_found_with_backlogs_message() {
        let server = FakeBacklog::start(backlog_error(404, "No issue.", 6)).await;
        let e = post_error(&server).await;
        assert_eq!(e, BacklogError::IssueNotFound { issue_key: "PROJ-12".into(), message: "No issue.".into() });
        assert!(e.to_string().contains("PROJ-12"), "{e}");
    }

    #[tokio::test]
    async fn a_project_out_of_reach_is_forbidden() {
        let server = FakeBacklog::start(backlog_error(403, "Access denied.", 4)).await;
        let e = post_error(&server).await;
        assert!(matches!(e, BacklogError::Forbidden { ref issue_key, .. } if issue_key == "PROJ-12"), "{e:?}");
    }

    #[tokio::test]
    async fn the_rate_limit_carries_its_reset_time() {
        let server = FakeBacklog::start(Answer::Respond {
            status: 429,
            headers: vec![
                ("X-RateLimit-Limit", "150".into()),
                ("X-RateLimit-Remaining", "0".into()),
                ("X-RateLimit-Reset", "1605484860".into()),
            ],
            body: r#"{"errors":[{"message":"Too many requests.","code":13,"moreInfo":""}]}"#.into(),
        })
        .await;
        let e = post_error(&server).await;
        assert_eq!(
            e,
            BacklogError::RateLimited { reset_at: Some(Utc.with_ymd_and_hms(2020, 11, 16, 0, 1, 0).unwrap()) }
        );
        assert!(e.to_string().contains("2020-11-16 09:01:00 JST"), "{e}");

        let server = FakeBacklog::start(json(429, "")).await;
        assert_eq!(post_error(&server).await, BacklogError::RateLimited { reset_at: None });
    }

    #[tokio::test]
    async fn a_backlog_failure_is_a_server_error() {
        let server = FakeBacklog::start(backlog_error(503, "Under maintenance.", 1)).await;
        let e = post_error(&server).await;
        assert_eq!(e, BacklogError::Server { status: 503, message: "Under maintenance.".into() });
        // Not JSON at all: the status alone.
        let server = FakeBacklog::start(Answer::Respond { status: 502, headers: vec![], body: "<html>".into() }).await;
        assert_eq!(post_error(&server).await, BacklogError::Server { status: 502, message: String::new() });
    }

    #[tokio::test]
    async fn a_refused_comment_keeps_backlogs_message_without_the_key() {
        // Even if Backlog (or a proxy) echoes the key, it is taken out.
        let echo = format!("The Content must be no longer than 50,000 characters. (key {API_KEY})");
        let server = FakeBacklog::start(backlog_error(400, &echo, 7)).await;
        let e = post_error(&server).await;
        match e {
            BacklogError::Rejected { status: 400, ref message } => {
                assert!(message.starts_with("The Content must be no longer"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn an_answer_that_is_not_a_comment_is_an_invalid_response() {
        let server = FakeBacklog::start(json(200, r#"{"id":"six"}"#)).await;
        assert!(matches!(post_error(&server).await, BacklogError::InvalidResponse { .. }));
        let server = FakeBacklog::start(json(200, "not json")).await;
        assert!(matches!(post_error(&server).await, BacklogError::InvalidResponse { .. }));
    }

    #[tokio::test]
    async fn a_redirect_is_not_followed_so_the_key_goes_nowhere_else() {
        let target = FakeBacklog::start(json(201, COMMENT)).await;
        let server = FakeBacklog::start(Answer::Respond {
            status: 302,
            headers: vec![("Location", format!("{}/elsewhere", target.base_url))],
            body: String::new(),
        })
        .await;
        let e = post_error(&server).await;
        assert!(matches!(e, BacklogError::InvalidResponse { .. }), "{e:?}");
        assert_eq!(server.requests().len(), 1);
        assert!(target.requests().is_empty());
    }

    #[tokio::test]
    async fn no_server_is_a_network_error_naming_the_host() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let client = client_for(&format!("http://{addr}"), Duration::from_secs(5));
        let e = client.post_comment("PROJ-12", "報告").await.unwrap_err();
        assert_no_key(&e.to_string());
        assert_no_key(&format!("{e:?}"));
        match e {
            BacklogError::Network { ref host, ref detail } => {
                assert_eq!(host, &addr.to_string());
                assert!(detail.contains("could not connect"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn a_server_that_never_answers_times_out() {
        let server = FakeBacklog::start(Answer::Hang).await;
        let client = client_for(&server.base_url, Duration::from_millis(300));
        let started = std::time::Instant::now();
        let e = client.post_comment("PROJ-12", "報告").await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_no_key(&e.to_string());
        assert_no_key(&format!("{e:?}"));
        match e {
            BacklogError::Network { ref detail, .. } => assert!(detail.contains("no answer within 0.3 s"), "{detail}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn settings_and_client_never_show_the_key() {
        let settings = BacklogSettings::from_parts("https://example.backlog.jp", SecretString::from(API_KEY)).unwrap();
        assert_no_key(&format!("{settings:?}"));
        let client = BacklogClient::new(settings).unwrap();
        assert_no_key(&format!("{client:?}"));
        // Refused settings do not echo the key either.
        let e = BacklogSettings::from_parts("http://example.backlog.jp", SecretString::from(API_KEY)).unwrap_err();
        assert_no_key(&e.to_string());
        assert_no_key(&format!("{e:?}"));
    }

    #[test]
    fn the_client_works_as_a_trait_object() {
        let client: Arc<dyn Backlog> = Arc::new(client_for("https://example.backlog.jp", Duration::from_secs(1)));
        drop(client);
    }
}
