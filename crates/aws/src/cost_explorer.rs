//! Monthly unblended cost by service through Cost Explorer (GetCostAndUsage), as the role (R7.9).

use std::collections::BTreeMap;

use aws_sdk_costexplorer::types::{
    DateInterval, Granularity, GroupDefinition, GroupDefinitionType, MetricValue, ResultByTime,
};
use aws_sdk_costexplorer::Client;
use chrono::NaiveDate;
use portal_domain::aws_tools::{CostMonth, CostReport, ServiceCost};

use crate::error_map::{from_sdk, Call};
use crate::{AwsError, CostPeriod};

const GET_COST: Call = Call::role("GetCostAndUsage", "ce:GetCostAndUsage");
const METRIC: &str = "UnblendedCost";
const DEFAULT_CURRENCY: &str = "USD";

pub(crate) async fn cost_by_month(client: &Client, period: CostPeriod) -> Result<CostReport, AwsError> {
    let interval = DateInterval::builder()
        .start(period.start.format("%Y-%m-%d").to_string())
        .end(period.end.format("%Y-%m-%d").to_string())
        .build()
        .map_err(|err| AwsError::InvalidRequest { message: format!("cost period: {err}") })?;
    let by_service = GroupDefinition::builder().r#type(GroupDefinitionType::Dimension).key("SERVICE").build();
    let mut results = Vec::new();
    let mut next_page_token = None;
    loop {
        let output = client
            .get_cost_and_usage()
            .time_period(interval.clone())
            .granularity(Granularity::Monthly)
            .metrics(METRIC)
            .group_by(by_service.clone())
            .set_next_page_token(next_page_token)
            .send()
            .await
            .map_err(|err| from_sdk(GET_COST, &err))?;
        results.extend(output.results_by_time.unwrap_or_default());
        next_page_token = output.next_page_token.filter(|token| !token.is_empty());
        if next_page_token.is_none() {
            break;
        }
    }
    report(results)
}

/// One month as the pages tell it: AWS may split a month's groups over several pages.
struct MonthSoFar {
    end: NaiveDate,
    estimated: bool,
    total: Option<f64>,
    services: Vec<ServiceCost>,
}

/// ResultsByTime → months, oldest first. A month's total is the sum of its services, or AWS's
/// Total when it has no groups; services are listed by cost, highest first.
pub(crate) fn report(results: Vec<ResultByTime>) -> Result<CostReport, AwsError> {
    let mut currency = None;
    let mut months: BTreeMap<NaiveDate, MonthSoFar> = BTreeMap::new();
    for result in results {
        let interval = result.time_period.ok_or_else(|| unreadable("a result without TimePeriod"))?;
        let (start, end) = (date(&interval.start)?, date(&interval.end)?);
        let month = months.entry(start).or_insert(MonthSoFar { end, estimated: false, total: None, services: vec![] });
        month.end = month.end.max(end);
        month.estimated |= result.estimated;
        if let Some(total) = result.total.as_ref().and_then(|metrics| metrics.get(METRIC)) {
            month.total = Some(amount(total)?);
            currency = currency.or_else(|| total.unit.clone());
        }
        for group in result.groups.unwrap_or_default() {
            let Some(value) = group.metrics.as_ref().and_then(|metrics| metrics.get(METRIC)) else { continue };
            let service = group.keys.as_ref().and_then(|keys| keys.first()).cloned().unwrap_or_default();
            let cost = amount(value)?;
            currency = currency.or_else(|| value.unit.clone());
            match month.services.iter_mut().find(|known| known.service == service) {
                Some(known) => known.amount += cost,
                None => month.services.push(ServiceCost { service, amount: cost }),
            }
        }
    }
    let months = months
        .into_iter()
        .map(|(start, mut month)| {
            month.services.sort_by(|a, b| b.amount.total_cmp(&a.amount).then_with(|| a.service.cmp(&b.service)));
            let total = if month.services.is_empty() {
                month.total.unwrap_or(0.0)
            } else {
                month.services.iter().map(|service| service.amount).sum()
            };
            CostMonth { start, end: month.end, estimated: month.estimated, total, services: month.services }
        })
        .collect();
    Ok(CostReport {
        currency: currency.filter(|unit| !unit.is_empty()).unwrap_or_else(|| DEFAULT_CURRENCY.to_owned()),
        months,
    })
}

fn date(text: &str) -> Result<NaiveDate, AwsError> {
    text.get(..10)
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .ok_or_else(|| unreadable(&format!("the date {text:?}")))
}

fn amount(value: &MetricValue) -> Result<f64, AwsError> {
    let text = value.amount.as_deref().unwrap_or("0");
    // "NaN" and "inf" parse as f64 but are no amount, and JSON cannot store them.
    text.trim().parse::<f64>().ok().filter(|a| a.is_finite()).ok_or_else(|| unreadable(&format!("the amount {text:?}")))
}

fn unreadable(what: &str) -> AwsError {
    AwsError::Unavailable { message: format!("Cost Explorer answered {what}, which the portal cannot read") }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use aws_sdk_costexplorer::types::Group;

    use super::*;

    fn usd(amount: &str) -> HashMap<String, MetricValue> {
        HashMap::from([(METRIC.to_owned(), MetricValue::builder().amount(amount).unit("USD").build())])
    }

    fn month(start: &str, end: &str, groups: &[(&str, &str)], total: Option<&str>, estimated: bool) -> ResultByTime {
        let interval = DateInterval::builder().start(start).end(end).build().expect("interval");
        let groups =
            groups.iter().map(|(service, cost)| Group::builder().keys(*service).set_metrics(Some(usd(cost))).build());
        ResultByTime::builder()
            .time_period(interval)
            .set_total(total.map(usd))
            .set_groups(Some(groups.collect()))
            .estimated(estimated)
            .build()
    }

    #[test]
    fn r7_9_months_sum_their_services_and_merge_across_pages() {
        let report = report(vec![
            month("2026-10-01", "2026-11-01", &[("Amazon EC2", "10.5"), ("Amazon S3", "2.25")], None, false),
            month("2026-11-01", "2026-11-27", &[("Amazon S3", "1")], None, true),
            // The next page carries the rest of October.
            month("2026-10-01", "2026-11-01", &[("AWS Lambda", "20"), ("Amazon S3", "0.75")], None, false),
        ])
        .expect("report");
        assert_eq!(report.currency, "USD");
        assert_eq!(report.months.len(), 2);
        let october = &report.months[0];
        assert_eq!(october.total, 33.5);
        assert!(!october.estimated);
        let services: Vec<(&str, f64)> = october.services.iter().map(|s| (s.service.as_str(), s.amount)).collect();
        assert_eq!(services, vec![("AWS Lambda", 20.0), ("Amazon EC2", 10.5), ("Amazon S3", 3.0)]);
        let november = &report.months[1];
        assert!(november.estimated);
        assert_eq!(november.end, NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
    }

    #[test]
    fn r7_9_a_month_without_groups_takes_the_total() {
        let report = report(vec![month("2026-10-01", "2026-11-01", &[], Some("42.5"), false)]).expect("report");
        assert_eq!(report.months[0].total, 42.5);
        assert!(report.months[0].services.is_empty());
        assert_eq!(report.currency, "USD");
    }

    #[test]
    fn r7_9_an_unreadable_amount_is_an_unavailable_answer() {
        let result = report(vec![month("2026-10-01", "2026-11-01", &[("Amazon EC2", "lots")], None, false)]);
        assert!(matches!(result, Err(AwsError::Unavailable { .. })));
    }
}
