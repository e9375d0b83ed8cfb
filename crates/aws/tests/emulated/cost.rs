//! Estimated cost by month and service through Cost Explorer (R7.9).

use chrono::NaiveDate;
use portal_aws::{AwsTools, CostPeriod};
use portal_domain::aws_tools::TaProvider;
use serde_json::json;

use crate::{now, started, target, CUSTOMER_ACCOUNT};

fn group(service: &str, amount: &str) -> serde_json::Value {
    json!({"Keys": [service], "Metrics": {"UnblendedCost": {"Amount": amount, "Unit": "USD"}}})
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

#[tokio::test]
async fn r7_9_cost_explorer_months_come_back_by_service_across_pages() {
    let (emulator, tools) = started().await;
    // Two pages: October's groups are split over both, November (the month under way) is estimated.
    emulator
        .seed_cost(
            CUSTOMER_ACCOUNT,
            json!([
                {
                    "ResultsByTime": [{
                        "TimePeriod": {"Start": "2026-10-01", "End": "2026-11-01"},
                        "Total": {},
                        "Groups": [group("Amazon Elastic Compute Cloud - Compute", "1200.5"), group("Amazon Simple Storage Service", "30.25")],
                        "Estimated": false
                    }],
                    "NextPageToken": "page-2"
                },
                {
                    "ResultsByTime": [
                        {
                            "TimePeriod": {"Start": "2026-10-01", "End": "2026-11-01"},
                            "Total": {},
                            "Groups": [group("AWS Lambda", "4.25")],
                            "Estimated": false
                        },
                        {
                            "TimePeriod": {"Start": "2026-11-01", "End": "2026-11-27"},
                            "Total": {},
                            "Groups": [group("Amazon Elastic Compute Cloud - Compute", "980")],
                            "Estimated": true
                        }
                    ]
                }
            ]),
        )
        .await;
    let period = CostPeriod { start: day("2025-11-01"), end: day("2026-11-27") };

    let report = tools.cost_by_month(&target(TaProvider::SupportApi), period, now()).await.expect("report");

    assert_eq!(report.currency, "USD");
    assert_eq!(report.months.len(), 2);
    let october = &report.months[0];
    assert_eq!((october.start, october.end, october.estimated), (day("2026-10-01"), day("2026-11-01"), false));
    assert_eq!(october.total, 1235.0);
    let services: Vec<_> = october.services.iter().map(|s| (s.service.as_str(), s.amount)).collect();
    assert_eq!(
        services,
        [
            ("Amazon Elastic Compute Cloud - Compute", 1200.5),
            ("Amazon Simple Storage Service", 30.25),
            ("AWS Lambda", 4.25)
        ]
    );
    let november = &report.months[1];
    assert!(november.estimated);
    assert_eq!(november.total, 980.0);

    let calls = emulator.requests_for("GetCostAndUsage").await;
    assert_eq!(calls.len(), 2);
    let first = &calls[0].params;
    assert_eq!(first["TimePeriod"], json!({"Start": "2025-11-01", "End": "2026-11-27"}));
    assert_eq!(first["Granularity"], "MONTHLY");
    assert_eq!(first["Metrics"], json!(["UnblendedCost"]));
    assert_eq!(first["GroupBy"], json!([{"Type": "DIMENSION", "Key": "SERVICE"}]));
    assert_eq!(calls[0].region.as_deref(), Some("us-east-1"));
    assert_eq!(calls[1].param("NextPageToken"), Some("page-2"));
}

#[tokio::test]
async fn r7_9_an_account_without_cost_data_has_no_months() {
    let (_emulator, tools) = started().await;
    let period = CostPeriod { start: day("2025-11-01"), end: day("2026-11-27") };

    let report = tools.cost_by_month(&target(TaProvider::SupportApi), period, now()).await.expect("report");

    assert_eq!(report.currency, "USD");
    assert!(report.months.is_empty());
}
