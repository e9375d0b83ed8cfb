//! How numbers, dates and fiscal years are written on screen. Times are Asia/Tokyo wall clock
//! (UTC+9, no daylight saving), whatever the browser's own time zone.

use chrono::{DateTime, Utc};
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
    fn fiscal_years_read_as_in_japan() {
        let fy = FiscalYear(2026);
        assert_eq!(fiscal_label(fy, Lang::Ja), "2026年度");
        assert_eq!(fiscal_label(fy, Lang::En), "FY2026");
        assert_eq!(period(fy.start(), fy.end(), Lang::Ja), "2026-04-01〜2027-03-31");
    }
}
