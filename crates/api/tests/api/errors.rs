//! Whatever a client sends, the answer is a problem document, never a 500.

use portal_domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{body, problem, TestApp};

#[tokio::test]
async fn malformed_and_incomplete_bodies_are_4xx_problems_naming_the_field() {
    let app = TestApp::spawn().await;
    let url = app.url("/api/v1/auth/login");
    let res = app.http.post(&url).header("content-type", "application/json").body("{\"email\":").send().await.unwrap();
    problem(res, StatusCode::BAD_REQUEST, "malformed_body").await;

    let p = problem(
        app.post("/api/v1/auth/login", None, json!({"email": "a@example.com"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("password", "required"));

    let p = problem(
        app.post("/api/v1/auth/login", None, json!({"email": 42, "password": "x"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors.len(), 1);

    let p = problem(
        app.post_json("/api/v1/auth/login", None, &body::login("not-an-email", "x")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("email", "invalid_email"));

    let p = problem(
        app.post_json("/api/v1/auth/login", None, &body::login("  ", "x")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].code, "required");

    let res = app.http.post(&url).header("content-type", "text/plain").body("hello").send().await.unwrap();
    problem(res, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;

    let big = "x".repeat(100 * 1024);
    problem(
        app.post_json("/api/v1/auth/login", None, &body::login(&big, "x")).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = TestApp::spawn().await;
    problem(app.get("/api/v1/nothing-here", None).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(app.get("/api/elsewhere", None).await, StatusCode::NOT_FOUND, "not_found").await;
    let res = app.http.delete(app.url("/api/v1/me")).send().await.unwrap();
    assert!(res.status().is_client_error());
    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("application/problem+json"), "{ct}");
}

/// The `Allow` header of a 405 problem.
async fn method_not_allowed(res: reqwest::Response) -> String {
    let allow = res.headers().get("allow").map(|v| v.to_str().unwrap().to_owned());
    problem(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
    allow.expect("a 405 names the allowed methods")
}

#[tokio::test]
async fn a_known_path_under_another_method_is_405_with_allow_and_an_unknown_path_404() {
    let app = TestApp::spawn().await;
    let send = |method: reqwest::Method, path: &str| app.http.request(method, app.url(path)).send();
    assert_eq!(method_not_allowed(send(reqwest::Method::DELETE, "/api/v1/company").await.unwrap()).await, "GET");
    assert_eq!(
        method_not_allowed(send(reqwest::Method::DELETE, "/api/v1/admin/rank-thresholds").await.unwrap()).await,
        "GET, PUT"
    );
    let id = uuid::Uuid::new_v4();
    let adjust = format!("/api/v1/admin/companies/{id}/ticket-adjustments");
    assert_eq!(method_not_allowed(send(reqwest::Method::GET, &adjust).await.unwrap()).await, "POST");
    // Routes served beside the document say so too.
    assert_eq!(method_not_allowed(send(reqwest::Method::POST, "/api/openapi.json").await.unwrap()).await, "GET");
    assert_eq!(method_not_allowed(send(reqwest::Method::DELETE, "/api/docs").await.unwrap()).await, "GET");

    // Both methods of a path are still routed (here to the authorisation check).
    problem(app.put("/api/v1/admin/rank-thresholds", None, json!({})).await, StatusCode::UNAUTHORIZED, "unauthorized")
        .await;
    problem(app.get("/api/v1/admin/rank-thresholds", None).await, StatusCode::UNAUTHORIZED, "unauthorized").await;

    // No such path under any method: 404, whatever the method.
    problem(send(reqwest::Method::DELETE, "/api/v1/nothing").await.unwrap(), StatusCode::NOT_FOUND, "not_found").await;
    problem(app.get("/api/v1/company/", None).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        send(reqwest::Method::POST, "/api/v1/admin/companies/x/y/z").await.unwrap(),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn with_the_web_app_built_api_misses_stay_problems_and_other_paths_get_index_html() {
    let dir = std::env::temp_dir().join(format!("portal-test-spa-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>spa</title>").unwrap();
    std::fs::write(dir.join("app.js"), "console.log(1)").unwrap();
    let spa = dir.clone();
    let app = TestApp::spawn_with(move |s| s.spa_dir = Some(spa)).await;
    let send = |method: reqwest::Method, path: &str| app.http.request(method, app.url(path)).send();

    let asset = app.get("/app.js", None).await;
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(asset.text().await.unwrap(), "console.log(1)");
    let deep = app.get("/admin/companies/123", None).await;
    assert_eq!(deep.status(), StatusCode::OK);
    assert!(deep.text().await.unwrap().contains("<title>spa</title>"));

    assert_eq!(method_not_allowed(send(reqwest::Method::DELETE, "/api/v1/company").await.unwrap()).await, "GET");
    problem(send(reqwest::Method::DELETE, "/api/v1/nothing").await.unwrap(), StatusCode::NOT_FOUND, "not_found").await;
    problem(app.get("/api/elsewhere", None).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(send(reqwest::Method::DELETE, "/api/elsewhere").await.unwrap(), StatusCode::NOT_FOUND, "not_found").await;
    // The web app's pages are only read.
    assert_eq!(method_not_allowed(send(reqwest::Method::POST, "/admin").await.unwrap()).await, "GET, HEAD");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz", None).await.status(), StatusCode::OK);
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.json::<serde_json::Value>().await.unwrap()["status"], "ready");
}

#[tokio::test]
async fn every_answer_names_its_request_id_and_a_problem_repeats_it() {
    let app = TestApp::spawn().await;
    let ok = app.get("/healthz", None).await;
    assert!(ok.headers().contains_key("x-request-id"));
    // From a handler, from an extractor, and from the router's fallback.
    for res in [
        app.post("/api/v1/auth/login", None, json!({"email": "a@example.com"})).await,
        app.get("/api/v1/me", None).await,
        app.get("/api/v1/no-such-thing", None).await,
    ] {
        let header = res.headers()["x-request-id"].to_str().unwrap().to_owned();
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["request_id"], header.as_str(), "{body}");
        assert_eq!(header.len(), 36, "a UUID");
    }
}

#[tokio::test]
async fn query_and_path_values_that_do_not_parse_name_the_parameter_in_plain_words() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.staff(Role::Admin).await;
    let t = Some(admin.as_str());
    for (path, field, message) in [
        ("/api/v1/admin/companies?q=x&page=abc", "page", "page has an invalid value"),
        ("/api/v1/admin/users?per_page=ten", "per_page", "per_page has an invalid value"),
        ("/api/v1/admin/audit?company_id=not-a-uuid", "company_id", "company_id has an invalid value"),
        ("/api/v1/admin/audit?page=1&page=2", "page", "page is given more than once"),
    ] {
        let p = problem(app.get(path, t).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(p.errors.len(), 1, "{path}");
        assert_eq!((p.errors[0].field.as_str(), p.errors[0].message.as_str()), (field, message), "{path}");
    }

    // A path segment that cannot be an id names nothing: 404, naming the parameter, no parser text.
    for path in ["/api/v1/admin/companies/not-a-uuid", "/api/v1/admin/companies/123/tickets"] {
        let p = problem(app.get(path, t).await, StatusCode::NOT_FOUND, "not_found").await;
        let detail = p.detail.clone().unwrap_or_default();
        assert!(detail.contains("id") && !detail.contains("UUID") && !detail.contains("parse"), "{detail}");
        assert_eq!(p.errors[0].field, "id");
    }

    let company = app.company("Q001", "クエリ 株式会社").await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let p = problem(
        app.get("/api/v1/company/tickets.csv?lang=fr", Some(&rep)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].message.as_str()), ("lang", "lang must be `ja` or `en`"));
}

/// PostgreSQL cannot store U+0000 in text; on it these were 500s (the fuzzer runs on SQLite).
#[tokio::test]
async fn a_nul_character_in_any_body_text_is_a_422_naming_the_field_and_a_search_ignores_it() {
    let app = TestApp::spawn().await;
    let company = app.company("NUL", "ヌル 株式会社").await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let add = json!({ "email": "nul@example.jp", "display_name": "名\u{0}前", "role": "member" });
    let p = problem(
        app.post("/api/v1/company/users", Some(&rep), add).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("display_name", "invalid"));
    let sheet = json!({ "target": "https://example.jp", "actions": 3, "window_start": "2027-01-12",
        "window_end": "2027-01-20", "pre_work": "準備\u{0}" });
    let apply = json!({ "service_code": "web-vuln-lite", "hearing_sheet": sheet });
    let p = problem(
        app.post("/api/v1/company/applications", Some(&rep), apply).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p.errors[0].field, "hearing_sheet.pre_work");
    // A field the request does not have is ignored, whatever it holds (its name included).
    let extra = json!({ "email": "extra@example.jp", "display_name": "余分", "role": "member", "x\u{0}": "\u{0}" });
    assert_eq!(app.post("/api/v1/company/users", Some(&rep), extra).await.status(), StatusCode::CREATED);
    let found = app.get("/api/v1/company/users?q=%00", Some(&rep)).await;
    assert_eq!(found.status(), StatusCode::OK);
}
