//! R7.2 in production mode: the welcome mail goes out over SMTP. The peer is a minimal SMTP server
//! on loopback (no SMTP emulator exists to install here); it speaks the protocol and keeps the DATA.

use portal_app::mail::MailSettings;
use portal_domain::company::OnboardCompanyRequest;
use portal_domain::eligibility::ContractType;
use portal_domain::Role;
use reqwest::StatusCode;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use crate::helpers::TestApp;

/// Accepts one session and sends (envelope recipients, message) to the channel.
async fn fake_smtp() -> (String, mpsc::Receiver<(Vec<String>, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(async move {
        let (sock, _) = listener.accept().await.unwrap();
        let (r, mut w) = sock.into_split();
        let mut lines = BufReader::new(r).lines();
        w.write_all(b"220 fake.smtp ESMTP\r\n").await.unwrap();
        let (mut rcpt, mut data, mut in_data) = (Vec::new(), String::new(), false);
        while let Ok(Some(line)) = lines.next_line().await {
            if in_data {
                if line == "." {
                    in_data = false;
                    w.write_all(b"250 2.0.0 queued\r\n").await.unwrap();
                    tx.send((std::mem::take(&mut rcpt), std::mem::take(&mut data))).await.unwrap();
                } else {
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                    data.push('\n');
                }
                continue;
            }
            let upper = line.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                b"250-fake.smtp\r\n250 8BITMIME\r\n"
            } else if upper.starts_with("MAIL FROM") {
                b"250 2.1.0 ok\r\n"
            } else if upper.starts_with("RCPT TO") {
                rcpt.push(line[8..].trim().trim_matches(|c| c == '<' || c == '>').to_owned());
                b"250 2.1.5 ok\r\n"
            } else if upper == "DATA" {
                in_data = true;
                b"354 end with .\r\n"
            } else if upper == "QUIT" {
                w.write_all(b"221 bye\r\n").await.unwrap();
                break;
            } else {
                b"250 ok\r\n"
            };
            w.write_all(reply).await.unwrap();
        }
    });
    (url, rx)
}

#[tokio::test]
async fn r7_2_welcome_mail_is_sent_over_smtp_when_configured() {
    let (url, mut rx) = fake_smtp().await;
    let app = TestApp::spawn_with(|s| s.mail = MailSettings::Smtp(url)).await;
    let (_, staff) = app.staff(Role::Admin).await;
    let form = OnboardCompanyRequest {
        code: "MAIL1".into(),
        name: "メール 株式会社".into(),
        contract_types: vec![ContractType::FlatRate],
        flags: Default::default(),
        representative_name: "送信 太郎".into(),
        representative_email: "taro@mail.example.jp".into(),
    };
    let res = app.post_json("/api/v1/admin/companies", Some(&staff), &form).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["mail_delivery"], "smtp");

    let (rcpt, message) = rx.recv().await.expect("one message");
    assert_eq!(rcpt, ["taro@mail.example.jp"]);
    assert!(message.contains("Content-Transfer-Encoding: base64"), "{message}");
    let body = crate::helpers::decode_base64(message.split("\n\n").nth(1).unwrap_or_default());
    assert!(body.contains("仮パスワード: "), "{body}");
    assert!(app.mails_to("taro@mail.example.jp").is_empty(), "nothing in the outbox");
}
