//! The estimated cost by month as an SVG bar chart that does not rely on colour (R7.9): one
//! horizontal bar a month, hatched and outlined (a dotted outline and the word "estimated" for a
//! month that is not final), its month written before it and its amount after it; `role="img"`
//! with an `aria-label` that reads every value, `<title>` and `<desc>`. Built as text from numbers,
//! dates and catalogue strings only (the currency code is escaped), so it can be set as the markup
//! of its figure.

use portal_domain::aws_tools::CostMonth;

use crate::format::{money, month_label};
use crate::i18n::{AwsToolsMsg as A, Lang, Msg};

const WIDTH: u32 = 680;
const LABEL_W: u32 = 110;
const VALUE_W: u32 = 210;
const BAR_H: u32 = 22;
const GAP: u32 = 10;

fn month_value(m: &CostMonth, currency: &str, lang: Lang) -> String {
    let amount = money(m.total, currency);
    if m.estimated {
        format!("{amount}{}", lang.pick(("（見込み）", " (estimated)")))
    } else {
        amount
    }
}

/// `2025年11月 $812.50、2025年12月 $640.00（見込み）` — what the chart says, for its label.
pub fn cost_summary(months: &[CostMonth], currency: &str, lang: Lang) -> String {
    let sep = lang.pick(("、", ", "));
    months
        .iter()
        .map(|m| format!("{} {}", month_label(m.start, lang), month_value(m, currency, lang)))
        .collect::<Vec<_>>()
        .join(sep)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The chart's markup.
pub fn cost_chart_svg(months: &[CostMonth], currency: &str, lang: Lang) -> String {
    let max = months.iter().map(|m| m.total.max(0.0)).fold(0.0_f64, f64::max).max(0.01);
    let height = GAP + months.len() as u32 * (BAR_H + GAP);
    let room = WIDTH - LABEL_W - VALUE_W;
    let title = escape(Msg::from(A::ChartLabel).text(lang));
    let summary = escape(&cost_summary(months, currency, lang));
    let desc = escape(Msg::from(A::ChartDesc).text(lang));
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="cost-chart-title cost-chart-desc" aria-label="{title}: {summary}" data-testid="cost-chart-svg" focusable="false">"#
    );
    out.push_str(&format!(
        r#"<title id="cost-chart-title">{title}: {summary}</title><desc id="cost-chart-desc">{desc}</desc>"#
    ));
    out.push_str(
        r##"<defs><pattern id="cost-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#dbe7f5"/><line x1="0" y1="0" x2="0" y2="8" stroke="#1d4f91" stroke-width="3"/></pattern><pattern id="cost-hatch-estimated" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="8" height="8" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#5b6776" stroke-width="2"/></pattern></defs>"##,
    );
    for (i, m) in months.iter().enumerate() {
        let top = GAP + i as u32 * (BAR_H + GAP);
        let w = ((m.total.max(0.0) / max) * room as f64).round().max(2.0) as u32;
        let mid = top + BAR_H / 2 + 5;
        let label = escape(&month_label(m.start, lang));
        let amount = escape(&month_value(m, currency, lang));
        let (fill, dash) = if m.estimated {
            ("url(#cost-hatch-estimated)", r#" stroke-dasharray="4 3""#)
        } else {
            ("url(#cost-hatch)", "")
        };
        out.push_str(&format!(
            r##"<g data-testid="cost-bar" data-month="{month}" data-value="{value:.2}" data-estimated="{est}"><text x="{lx}" y="{mid}" text-anchor="end" font-size="14" fill="#1a1a1a">{label}</text><rect x="{LABEL_W}" y="{top}" width="{w}" height="{BAR_H}" fill="{fill}" stroke="#1a1a1a" stroke-width="1.5"{dash}/><text x="{vx}" y="{mid}" font-size="14" font-weight="bold" fill="#1a1a1a">{amount}</text></g>"##,
            month = m.start.format("%Y-%m"),
            value = m.total,
            est = m.estimated,
            lx = LABEL_W - 8,
            vx = LABEL_W + w + 8,
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn month(m: u32, total: f64, estimated: bool) -> CostMonth {
        let start = NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        CostMonth { start, end: NaiveDate::from_ymd_opt(2026, m + 1, 1).unwrap(), estimated, total, services: vec![] }
    }

    #[test]
    fn the_chart_writes_every_month_and_says_which_are_estimates() {
        let months = [month(10, 852.75, false), month(11, 300.0, true)];
        let svg = cost_chart_svg(&months, "USD", Lang::Ja);
        assert!(svg.contains(r#"role="img""#) && svg.contains("<title") && svg.contains("<desc"));
        assert!(svg.contains("$852.75") && svg.contains("$300.00（見込み）"), "{svg}");
        assert!(svg.contains("2026年10月"));
        assert!(svg.contains(r#"data-month="2026-10" data-value="852.75""#));
        assert_eq!(cost_summary(&months, "USD", Lang::En), "Oct 2026 $852.75, Nov 2026 $300.00 (estimated)");
        // Nothing drawn with colour alone: hatched and outlined, the estimate's outline dotted.
        assert!(svg.contains("url(#cost-hatch)") && svg.contains(r#"stroke-dasharray="4 3""#));
        // A currency code from the server is text, never markup.
        assert!(cost_chart_svg(&months, "<b>", Lang::En).contains("&lt;b&gt;"));
    }
}
