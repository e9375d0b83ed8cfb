//! Issue 8: the web app's files leave the server precompressed and cacheable. `xtask build-spa`
//! writes each file with its `.br` and `.gz` forms and content-hashed names; the server picks the
//! smallest form the browser accepts and lets browsers keep hashed files for a year.

use reqwest::StatusCode;

use crate::helpers::TestApp;

const WASM: &str = "portal_frontend_bg-0123456789abcdef.wasm";

async fn spa_app() -> (TestApp, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("portal-test-bundle-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>spa</title>").unwrap();
    std::fs::write(dir.join("index.html.br"), "BR-INDEX").unwrap();
    std::fs::write(dir.join("staff.html"), "<!doctype html><title>staff</title>").unwrap();
    std::fs::write(dir.join(WASM), "identity bytes").unwrap();
    std::fs::write(dir.join(format!("{WASM}.br")), "br bytes").unwrap();
    std::fs::write(dir.join(format!("{WASM}.gz")), "gz bytes").unwrap();
    let spa = dir.clone();
    (TestApp::spawn_with(move |s| s.spa_dir = Some(spa)).await, dir)
}

async fn get(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    app.http.get(app.url(path)).header("Accept-Encoding", accept).send().await.unwrap()
}

#[tokio::test]
async fn each_browser_gets_the_smallest_form_it_accepts() {
    let (app, dir) = spa_app().await;
    let path = format!("/{WASM}");
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", Some("br"), "br bytes"),
        ("gzip, deflate", Some("gzip"), "gz bytes"),
        ("br;q=0, gzip", Some("gzip"), "gz bytes"),
        ("identity", None, "identity bytes"),
    ] {
        let res = get(&app, &path, accept).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers().get("content-encoding").map(|v| v.to_str().unwrap()), encoding, "{accept}");
        assert_eq!(res.headers()["content-type"], "application/wasm");
        assert_eq!(res.headers()["vary"], "Accept-Encoding");
        assert_eq!(res.text().await.unwrap(), body, "{accept}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn hashed_files_are_kept_for_a_year_and_index_html_is_always_revalidated() {
    let (app, dir) = spa_app().await;
    let wasm = get(&app, &format!("/{WASM}"), "br").await;
    assert_eq!(wasm.headers()["cache-control"], "public, max-age=31536000, immutable");
    for path in ["/", "/index.html", "/company/tickets"] {
        let res = get(&app, path, "gzip, br").await;
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert_eq!(res.headers()["content-encoding"], "br", "{path}");
        assert_eq!(res.text().await.unwrap(), "BR-INDEX", "{path}: deep links get the app");
    }
    // Revalidation costs no body.
    let first = get(&app, "/", "br").await;
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again =
        app.http.get(app.url("/")).header("Accept-Encoding", "br").header("If-None-Match", &etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // A file of an older build is gone, not answered with the app.
    assert_eq!(get(&app, "/portal_frontend_bg-ffffffffffffffff.wasm", "br").await.status(), StatusCode::NOT_FOUND);
    // The precompressed forms are not files of their own.
    assert_eq!(get(&app, &format!("/{WASM}.br"), "br").await.status(), StatusCode::NOT_FOUND);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_staff_area_starts_from_the_staff_bundle_and_everything_else_from_the_customers_one() {
    let (app, dir) = spa_app().await;
    for path in ["/admin", "/admin/companies", "/admin/companies/123?tab=tickets"] {
        let res = get(&app, path, "identity").await;
        assert!(res.text().await.unwrap().contains("<title>staff</title>"), "{path}");
    }
    for path in ["/", "/login", "/company", "/administrator"] {
        let res = get(&app, path, "identity").await;
        assert!(res.text().await.unwrap().contains("<title>spa</title>"), "{path}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
