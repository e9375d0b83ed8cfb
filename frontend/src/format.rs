//! How numbers, dates and fiscal years are written on screen. Times are Asia/Tokyo wall clock
//! (UTC+9, no daylight saving), whatever the browser's own time zone.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use portal_domain::fiscal::{to_jst, FiscalYear};

use crate::i18n::Lang;

/// `YYYY-MM-DD HH:mm` in JST.
pub fn jst_minute(t: DateTime<Utc>) -> String {
    to_jst(t).format("%Y-%m-%d %H:%M").to_string()
}

/// `YYYY-MM-DD` in JST.
pub fn jst_date(t: DateTime<Utc>) -> String {
    to_jst(t).format("%Y-%m-%d").to_string()
}

/// Digits grouped by three: `12,000,000`.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `¥12,000,000`.
pub fn yen(n: i64) -> String {
    if n < 0 {
        format!("-¥{}", grouped(-n))
    } else {
        format!("¥{}", grouped(n))
    }
}

/// An amount of money with cents, grouped: `$1,234.56` in US dollars (Cost Explorer's and
/// Trusted Advisor's unit), `1,234.56 EUR` in another currency.
pub fn money(amount: f64, currency: &str) -> String {
    let cents = (amount * 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let body = format!("{}.{:02}", grouped((abs / 100) as i64), abs % 100);
    if currency.is_empty() || currency.eq_ignore_ascii_case("USD") {
        format!("{sign}${body}")
    } else {
        format!("{sign}{body} {currency}")
    }
}

/// `$1,234.56`.
pub fn usd(amount: f64) -> String {
    money(amount, "USD")
}

/// The month of `day`: 「2026年11月」 / `Nov 2026`.
pub fn month_label(day: NaiveDate, lang: Lang) -> String {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    match lang {
        Lang::Ja => format!("{}年{}月", day.year(), day.month()),
        Lang::En => format!("{} {}", EN[day.month0() as usize], day.year()),
    }
}

/// A ledger amount with its sign: `+15`, `-3`, `0`.
pub fn signed(n: i32) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// 「2026年度」 / `FY2026`.
pub fn fiscal_label(fy: FiscalYear, lang: Lang) -> String {
    match lang {
        Lang::Ja => fy.label_ja(),
        Lang::En => format!("FY{}", fy.0),
    }
}

/// `2026-04-01〜2027-03-31` (JST dates).
pub fn period(start: DateTime<Utc>, end: DateTime<Utc>, lang: Lang) -> String {
    let sep = match lang {
        Lang::Ja => "〜",
        Lang::En => " – ",
    };
    format!("{}{sep}{}", jst_date(start), jst_date(end))
}

/// The browser's clock.
pub fn now() -> DateTime<Utc> {
    let ms = web_sys::js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The fiscal year under way in Tokyo now.
pub fn current_fiscal_year() -> FiscalYear {
    FiscalYear::containing(now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn times_are_shown_in_tokyo() {
        assert_eq!(jst_minute(utc("2026-03-31T15:00:00Z")), "2026-04-01 00:00");
        assert_eq!(jst_minute(utc("2025-12-31T14:59:59Z")), "2025-12-31 23:59");
        assert_eq!(jst_date(utc("2027-03-31T14:59:59.999Z")), "2027-03-31");
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(-1_234_567), "-1,234,567");
        assert_eq!(yen(60_000_000), "¥60,000,000");
        assert_eq!(signed(15), "+15");
        assert_eq!(signed(-3), "-3");
        assert_eq!(signed(0), "0");
    }

    #[test]
    fn money_has_cents_and_its_currency() {
        assert_eq!(usd(123.45), "$123.45");
        assert_eq!(usd(1112.5), "$1,112.50");
        assert_eq!(usd(0.0), "$0.00");
        assert_eq!(usd(-12.5), "-$12.50");
        assert_eq!(money(1234.5, "EUR"), "1,234.50 EUR");
        let nov = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        assert_eq!(month_label(nov, Lang::Ja), "2026年11月");
        assert_eq!(month_label(nov, Lang::En), "Nov 2026");
    }

    #[test]
    fn fiscal_years_read_as_in_japan() {
        let fy = FiscalYear(2026);
        assert_eq!(fiscal_label(fy, Lang::Ja), "2026年度");
        assert_eq!(fiscal_label(fy, Lang::En), "FY2026");
        assert_eq!(period(fy.start(), fy.end(), Lang::Ja), "2026-04-01〜2027-03-31");
    }
}
