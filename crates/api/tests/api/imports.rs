//! R2.3, R2.4: transaction imports are all-or-nothing; thresholds are versioned; everything is audited.

use portal_db::entities::transaction;
use portal_domain::company::{AuditPage, ImportReport, ThresholdsVersion, UpdateThresholdsRequest};
use portal_domain::rank::Thresholds;
use portal_domain::Role;
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::helpers::{ok_json, problem, TestApp};

async fn send_csv(app: &TestApp, token: &str, csv: &str) -> reqwest::Response {
    app.http
        .post(app.url("/api/v1/admin/transactions/import?filename=2025.csv"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn r2_4_one_bad_row_rejects_the_whole_file_with_every_row_error() {
    let app = TestApp::spawn().await;
    app.company("ACME", "アクメ 株式会社").await;
    let (_, staff) = app.staff(Role::Admin).await;
    let csv =
        "company_code,year_month,amount_yen\nACME,2025-01,100\nACME,2025-13,100\nNOPE!,2025-02,-5\nACME,2025-03,200\n";
    let p = problem(send_csv(&app, &staff, csv).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert!(fields.contains(&"line 3: year_month"), "{fields:?}");
    assert!(fields.iter().any(|f| f.starts_with("line 4: ")), "{fields:?}");
    assert_eq!(transaction::Entity::find().count(&app.db).await.unwrap(), 0, "nothing half-imported");

    let unknown = "company_code,year_month,amount_yen\nACME,2025-01,100\nGHOST,2025-01,100\n";
    let p = problem(send_csv(&app, &staff, unknown).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("line 3: company_code", "unknown_company"));
    assert_eq!(transaction::Entity::find().count(&app.db).await.unwrap(), 0);

    let res = app
        .http
        .post(app.url("/api/v1/admin/transactions/import"))
        .bearer_auth(&staff)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    problem(res, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;
}

#[tokio::test]
async fn r2_4_reimporting_a_month_replaces_it_and_the_audit_log_records_both() {
    let app = TestApp::spawn().await;
    app.company("ACME", "アクメ 株式会社").await;
    let (_, staff) = app.staff(Role::Admin).await;
    let first: ImportReport = ok_json(
        send_csv(&app, &staff, "company_code,year_month,amount_yen\nACME,2025-01,100\nACME,2025-02,200\n").await,
    )
    .await;
    assert_eq!((first.rows, first.companies, first.replaced), (2, 1, 0));
    app.clock.advance(chrono::Duration::seconds(1));
    let second: ImportReport =
        ok_json(send_csv(&app, &staff, "company_code,year_month,amount_yen\nACME,2025-02,250\n").await).await;
    assert_eq!(second.replaced, 1);
    let rows = transaction::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows.iter().map(|r| r.amount_yen).sum::<i64>(), 350);

    let audit: AuditPage = ok_json(app.get("/api/v1/admin/audit?action=transactions.import", Some(&staff)).await).await;
    assert_eq!(audit.total, 2);
    let newest = &audit.items[0];
    assert_eq!(newest.after.as_ref().unwrap()["replaced"][0]["old"], 200);
    assert_eq!(newest.after.as_ref().unwrap()["replaced"][0]["new"], 250);
    assert!(newest.actor.starts_with("admin-"));
}

#[tokio::test]
async fn r2_3_thresholds_are_seeded_versioned_and_validated() {
    let app = TestApp::spawn().await;
    let (admin, staff) = app.staff(Role::Admin).await;
    let list: Vec<ThresholdsVersion> = ok_json(app.get("/api/v1/admin/rank-thresholds", Some(&staff)).await).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].thresholds, portal_domain::rank::Thresholds::EXAMPLE);

    let update = |platinum, gold, silver, bronze, note: &str| UpdateThresholdsRequest {
        thresholds: Thresholds { platinum, gold, silver, bronze },
        note: note.to_owned(),
    };
    let bad = update(100, 200, 50, 10, "oops");
    let p = problem(
        app.put_json("/api/v1/admin/rank-thresholds", Some(&staff), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert!(p.errors[0].field.starts_with("thresholds."));
    let no_note = update(400, 300, 200, 100, "");
    problem(
        app.put_json("/api/v1/admin/rank-thresholds", Some(&staff), &no_note).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;

    let good = update(70_000_000, 14_000_000, 4_000_000, 700_000, "FY2027 review");
    let v: ThresholdsVersion = ok_json(app.put_json("/api/v1/admin/rank-thresholds", Some(&staff), &good).await).await;
    assert_eq!(v.version, 2);
    assert_eq!(v.changed_by.as_deref(), Some(admin.email.as_str()));
    let list: Vec<ThresholdsVersion> = ok_json(app.get("/api/v1/admin/rank-thresholds", Some(&staff)).await).await;
    assert_eq!(list.iter().map(|v| v.version).collect::<Vec<_>>(), [2, 1]);
    let audit: AuditPage =
        ok_json(app.get("/api/v1/admin/audit?action=rank_thresholds.update", Some(&staff)).await).await;
    assert_eq!(audit.items[0].before.as_ref().unwrap()["gold"], 12000000);
}

#[tokio::test]
async fn r2_4_a_year_of_five_thousand_companies_imports_in_one_file_and_more_is_413() {
    let app = TestApp::spawn().await;
    let (_, staff) = app.staff(Role::Admin).await;
    {
        use sea_orm::TransactionTrait;
        let txn = app.db.begin().await.unwrap();
        for i in 0..5000 {
            portal_db::queries::companies::insert(&txn, &format!("C{i:05}"), &format!("会社 {i}"), app.now())
                .await
                .unwrap();
        }
        txn.commit().await.unwrap();
    }
    let mut csv = String::from("company_code,year_month,amount_yen\n");
    for i in 0..5000 {
        for m in 1..=12 {
            csv += &format!("C{i:05},2020-{m:02},{}\n", 1000 * m);
        }
    }
    let report: ImportReport = ok_json(send_csv(&app, &staff, &csv).await).await;
    assert_eq!((report.rows, report.companies, report.replaced), (60_000, 5000, 0));
    assert_eq!(transaction::Entity::find().count(&app.db).await.unwrap(), 60_000);
    // The same file again replaces every month, in place.
    let again: ImportReport = ok_json(send_csv(&app, &staff, &csv).await).await;
    assert_eq!(again.replaced, 60_000);
    assert_eq!(transaction::Entity::find().count(&app.db).await.unwrap(), 60_000);

    // One row more is refused whole, as a problem, before anything is looked up.
    let over = csv.clone() + "C99999,2020-01,1\n";
    let p = problem(send_csv(&app, &staff, &over).await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    assert!(p.detail.unwrap().contains("60000"), "names the limit");
    let huge = format!("company_code,year_month,amount_yen\n{}", "A,2020-01,1\n".repeat(800_000));
    problem(send_csv(&app, &staff, &huge).await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}
