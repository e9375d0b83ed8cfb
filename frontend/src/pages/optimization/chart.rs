//! The measured monthly savings per fiscal year as an SVG bar chart that does not rely on colour
//! (R6.3): one horizontal bar a year, filled with hatching and outlined, its year written before it
//! and its amount after it; `role="img"` with an `aria-label` that reads every value, `<title>` and
//! `<desc>`. Built as text from numbers and catalogue strings only (nothing a user typed), so it can
//! be set as the markup of its figure.

use portal_domain::optimization::YearSavings;

use crate::format::{fiscal_label, yen};
use crate::i18n::{Lang, Msg, OptimizationMsg as O};

const WIDTH: u32 = 640;
const LABEL_W: u32 = 110;
const VALUE_W: u32 = 150;
const BAR_H: u32 = 28;
const GAP: u32 = 14;

/// `2026年度 ¥60,000、2027年度 ¥12,000` — what the chart says, for its label.
pub fn chart_summary(years: &[YearSavings], lang: Lang) -> String {
    let sep = lang.pick(("、", ", "));
    years
        .iter()
        .map(|y| format!("{} {}", fiscal_label(y.fiscal_year, lang), yen(y.monthly_saving_yen)))
        .collect::<Vec<_>>()
        .join(sep)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The chart's markup.
pub fn chart_svg(years: &[YearSavings], lang: Lang) -> String {
    let max = years.iter().map(|y| y.monthly_saving_yen.max(0)).max().unwrap_or(0).max(1);
    let height = GAP + years.len() as u32 * (BAR_H + GAP);
    let room = WIDTH - LABEL_W - VALUE_W;
    let title = escape(Msg::from(O::ChartLabel).text(lang));
    let summary = escape(&chart_summary(years, lang));
    let desc = escape(Msg::from(O::ChartDesc).text(lang));
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="savings-chart-title savings-chart-desc" aria-label="{title}: {summary}" data-testid="savings-chart-svg" focusable="false">"#
    );
    out.push_str(&format!(
        r#"<title id="savings-chart-title">{title}: {summary}</title><desc id="savings-chart-desc">{desc}</desc>"#
    ));
    out.push_str(
        r##"<defs><pattern id="savings-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#dbe7f5"/><line x1="0" y1="0" x2="0" y2="8" stroke="#1d4f91" stroke-width="3"/></pattern></defs>"##,
    );
    for (i, y) in years.iter().enumerate() {
        let top = GAP + i as u32 * (BAR_H + GAP);
        let value = y.monthly_saving_yen.max(0);
        let w = ((value as f64 / max as f64) * room as f64).round().max(2.0) as u32;
        let mid = top + BAR_H / 2 + 5;
        let label = escape(&fiscal_label(y.fiscal_year, lang));
        let amount = escape(&yen(y.monthly_saving_yen));
        out.push_str(&format!(
            r##"<g data-testid="savings-bar" data-year="{fy}" data-value="{v}"><text x="{lx}" y="{mid}" text-anchor="end" font-size="14" fill="#1a1a1a">{label}</text><rect x="{LABEL_W}" y="{top}" width="{w}" height="{BAR_H}" fill="url(#savings-hatch)" stroke="#1a1a1a" stroke-width="1.5"/><text x="{vx}" y="{mid}" font-size="14" font-weight="bold" fill="#1a1a1a">{amount}</text></g>"##,
            fy = y.fiscal_year.0,
            v = y.monthly_saving_yen,
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
    use portal_domain::fiscal::FiscalYear;

    #[test]
    fn the_chart_writes_every_value_and_says_them() {
        let years = [
            YearSavings { fiscal_year: FiscalYear(2025), monthly_saving_yen: 12_000, measurements: 1 },
            YearSavings { fiscal_year: FiscalYear(2026), monthly_saving_yen: 60_000, measurements: 2 },
        ];
        let svg = chart_svg(&years, Lang::Ja);
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains("<title") && svg.contains("<desc"));
        assert!(svg.contains("¥60,000") && svg.contains("¥12,000"), "{svg}");
        assert!(svg.contains("2026年度"));
        assert_eq!(chart_summary(&years, Lang::En), "FY2025 ¥12,000, FY2026 ¥60,000");
        // Nothing drawn with colour alone: the bars are hatched and outlined.
        assert!(svg.contains("url(#savings-hatch)") && svg.contains(r##"stroke="#1a1a1a""##));
    }
}
