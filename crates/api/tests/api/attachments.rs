//! Issue 9: files in application threads (R4.7): the store (a local folder, or S3 — tested against
//! the AWS emulator, moto server), type and size checks, downloads as attachments, per company.

use portal_domain::services::{ApplicationView, MessageList, MessageView};
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{ok_json, problem, TestApp};

const ACCOUNT: &str = "123456789012";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

async fn upload(
    app: &TestApp,
    url: &str,
    token: &str,
    name: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.http
        .post(app.url(url))
        .query(&[("file_name", name)])
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// A company with an accepted application, its representative, a member and a CSM.
async fn setup(app: &TestApp, code: &str, account: &str) -> (ApplicationView, String, String, String) {
    let company = app.build_company(code).rank(Rank::Gold).tickets(15).aws_account(account).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let (_, member) = app.customer(Role::Member, company).await;
    let (_, csm) = app.staff(Role::Csm).await;
    let body = json!({ "service_code": "cost-consulting-lite", "aws_account_id": account });
    let a: ApplicationView = ok_json(app.post("/api/v1/company/applications", Some(&rep), body).await).await;
    (a, rep, member, csm)
}

async fn a_report_travels_from_staff_to_the_customer(app: &TestApp) {
    let (a, rep, member, csm) = setup(app, "FILE", ACCOUNT).await;
    let staff_url = format!("/api/v1/admin/applications/{}/attachments", a.id);
    let res = upload(app, &staff_url, &csm, "../../診断報告書 2026.pdf", "application/pdf", PDF.to_vec()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let m: MessageView = res.json().await.unwrap();
    assert_eq!(m.attachments.len(), 1);
    let file = &m.attachments[0];
    assert_eq!(
        (file.file_name.as_str(), file.content_type.as_str(), file.size_bytes),
        ("../../診断報告書 2026.pdf", "application/pdf", PDF.len() as u64)
    );

    let thread: MessageList =
        ok_json(app.get(&format!("/api/v1/company/applications/{}/messages", a.id), Some(&member)).await).await;
    assert_eq!(thread.items[0].attachments, m.attachments);
    for token in [&rep, &member] {
        let res = app.get(&format!("/api/v1/company/applications/{}/attachments/{}", a.id, file.id), Some(token)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(disposition.starts_with("attachment; "), "{disposition}");
        assert!(
            disposition.contains("filename*=UTF-8''..%2F..%2F%E8%A8%BA"),
            "the name as sent, encoded: {disposition}"
        );
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    }

    // A customer's hearing sheet goes the other way.
    let customer_url = format!("/api/v1/company/applications/{}/attachments", a.id);
    let sheet = "項目,内容\n対象,https://shop.example.jp\n".as_bytes().to_vec();
    let res = upload(app, &customer_url, &member, "ヒアリングシート.csv", "text/csv", sheet.clone()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let m: MessageView = res.json().await.unwrap();
    let res =
        app.get(&format!("/api/v1/admin/applications/{}/attachments/{}", a.id, m.attachments[0].id), Some(&csm)).await;
    assert_eq!(res.bytes().await.unwrap().as_ref(), sheet.as_slice());

    // Refused: a type not accepted, bytes that lie about their type, an empty file, too large.
    let p = problem(
        upload(app, &customer_url, &rep, "x.html", "text/html", b"<html>".to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].code, "attachment_type_not_allowed");
    let p = problem(
        upload(app, &customer_url, &rep, "x.pdf", "application/pdf", b"<script>alert(1)</script>".to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].code, "attachment_type_mismatch");
    let p = problem(
        upload(app, &customer_url, &rep, "x.txt", "text/plain", Vec::new()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].code, "empty_file");
    let big = [b"%PDF-".to_vec(), vec![b'a'; 10 * 1024 * 1024]].concat();
    problem(
        upload(app, &customer_url, &rep, "big.pdf", "application/pdf", big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;

    // Another company reaches none of it.
    let (_, stranger, _, _) = setup(app, "FILB", "210987654321").await;
    problem(
        app.get(&format!("/api/v1/company/applications/{}/attachments/{}", a.id, file.id), Some(&stranger)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        upload(app, &customer_url, &stranger, "x.pdf", "application/pdf", PDF.to_vec()).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn r4_7_files_in_the_thread_with_the_embedded_folder_store() {
    let app = TestApp::spawn().await;
    a_report_travels_from_staff_to_the_customer(&app).await;
}

/// moto server on a free loopback port, with a bucket; killed when dropped.
struct Moto {
    child: std::process::Child,
    url: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

async fn moto_with_bucket(bucket: &str) -> Moto {
    let bin = std::env::var("PORTAL_MOTO_SERVER").unwrap_or_else(|_| {
        format!("{}/.cache/cloudpack-portal/venv/bin/moto_server", std::env::var("HOME").unwrap_or_default())
    });
    assert!(std::path::Path::new(&bin).is_file(), "moto server not found at {bin}: scripts/test.sh installs it");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = std::process::Command::new(&bin)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start moto server");
    let url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if http.get(format!("{url}/moto-api/")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(up, "moto server did not start on {url}");
    let res = http.put(format!("{url}/{bucket}")).send().await.unwrap();
    assert!(res.status().is_success(), "create bucket: {}", res.status());
    Moto { child, url }
}

#[tokio::test]
async fn r4_7_files_in_the_thread_with_s3_on_the_aws_emulator() {
    let moto = moto_with_bucket("portal-attachments").await;
    let endpoint = moto.url.clone();
    let app = TestApp::spawn_with(move |s| {
        s.attachments = portal_app::attachments::AttachmentSettings::S3 {
            bucket: "portal-attachments".into(),
            region: "ap-northeast-1".into(),
            endpoint: Some(endpoint),
            static_keys: Some(("testing".into(), "testing".into())),
        }
    })
    .await;
    a_report_travels_from_staff_to_the_customer(&app).await;
    // The bytes are in the bucket, under ids, not under the name the file was sent with.
    let listing =
        reqwest::get(format!("{}/portal-attachments?list-type=2", moto.url)).await.unwrap().text().await.unwrap();
    assert!(listing.contains("<Key>applications/"), "{listing}");
    assert!(!listing.contains("診断") && !listing.contains(".."), "{listing}");
}
