//! Every operation of the OpenAPI document declares who may call it (`security: [{"bearer": [roles]}]`,
//! an empty list meaning any signed-in user, `security: []` meaning public). This walks every
//! operation with every role and checks the answer against that declaration, so a new endpoint is
//! covered without anyone remembering to add it here (issue 6 §5).

use portal_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::{ok_json, TestApp};

/// A role refusal: 403 with code `forbidden` (a sign-in stage refusal has codes of its own).
async fn refused_by_role(res: reqwest::Response) -> (StatusCode, bool) {
    let status = res.status();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, status == StatusCode::FORBIDDEN && body["code"] == "forbidden")
}

#[tokio::test]
async fn every_operation_answers_every_role_as_the_openapi_document_declares() {
    let app = TestApp::spawn().await;
    let company = app.company("ROLES", "ロール 株式会社").await;
    // Path ids: the company for company paths; a bystander for user paths, so a permitted
    // credential reset does not end the sessions this test signs in with.
    let bystander = app.user(Role::Member, Some(company)).await;
    let mut callers = Vec::new();
    for role in Role::ALL {
        let (_, token) = if role.is_staff() { app.staff(role).await } else { app.customer(role, company).await };
        callers.push((role, token));
    }
    let doc: Value = ok_json(app.get("/api/openapi.json", None).await).await;
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            operations.push((path.clone(), method.to_uppercase(), op.clone()));
        }
    }
    // Logging out ends the caller's session: walk it last.
    operations.sort_by_key(|(path, _, _)| path.ends_with("/logout"));
    let mut checked = 0;
    for (path, method, op) in operations {
        let security = op["security"].as_array().unwrap_or_else(|| panic!("{method} {path} declares no security"));
        // No requirement: public. Otherwise the roles of the bearer requirement (empty: any role).
        let declared: Option<Vec<Role>> = security.first().map(|req| {
            req["bearer"]
                .as_array()
                .unwrap_or_else(|| panic!("{method} {path}: bearer requirement"))
                .iter()
                .map(|r| serde_json::from_value(r.clone()).unwrap_or_else(|_| panic!("{method} {path}: role {r}")))
                .collect()
        });
        let url = app.url(
            &path
                .replace("{id}", &if path.contains("/users/") { bystander.id } else { company }.to_string())
                .replace("{slot_id}", &uuid::Uuid::new_v4().to_string())
                .replace("{account_id}", &uuid::Uuid::new_v4().to_string())
                .replace("{attachment_id}", &uuid::Uuid::new_v4().to_string())
                .replace("{code}", "cost-consulting"),
        );
        let method: Method = method.parse().unwrap();
        let send = |token: Option<&str>| {
            let mut req = app.http.request(method.clone(), &url).header("content-type", "application/json").body("{}");
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            req.send()
        };
        if declared.is_some() {
            let res = send(None).await.unwrap();
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{method} {path} without a token");
        }
        for (role, token) in &callers {
            let (status, refused) = refused_by_role(send(Some(token)).await.unwrap()).await;
            let allowed = declared.as_ref().is_none_or(|roles| roles.is_empty() || roles.contains(role));
            // A public operation may refuse its own credential (`{}` to refresh: no cookie, 401).
            assert!(status != StatusCode::UNAUTHORIZED || declared.is_none(), "{method} {path} as {role}: {status}");
            assert_eq!(refused, !allowed, "{method} {path} as {role}: {status}, declared {declared:?}");
            checked += 1;
        }
    }
    assert!(checked >= 4 * 25, "walked {checked} operation × role pairs");
}
