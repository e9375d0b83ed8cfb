//! The checked-in contract equals what the code serves.

use crate::helpers::TestApp;

#[tokio::test]
async fn api_spec_openapi_json_is_current() {
    let app = TestApp::spawn().await;
    let served = app.get("/api/openapi.json", None).await.text().await.unwrap();
    let served: serde_json::Value = serde_json::from_str(&served).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../api-spec/openapi.json");
    let pretty = serde_json::to_string_pretty(&served).unwrap() + "\n";
    if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &pretty).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    let on_disk: serde_json::Value = serde_json::from_str(&on_disk).unwrap_or_default();
    assert!(
        on_disk == served,
        "api-spec/openapi.json is stale; regenerate it with:\n  UPDATE_OPENAPI=1 cargo test -p portal-api --test api openapi"
    );
    // The browsable docs are there too.
    let docs = app.get("/api/docs", None).await;
    assert_eq!(docs.status(), reqwest::StatusCode::OK);
    let page = docs.text().await.unwrap();
    assert!(page.contains("/api/docs/scalar.js") && !page.contains("cdn.") && !page.contains("jsdelivr"), "{page}");
    let js = app.get("/api/docs/scalar.js", None).await;
    assert_eq!(js.status(), reqwest::StatusCode::OK);
    assert!(js.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
}
