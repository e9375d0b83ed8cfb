//! The Japanese fiscal year (R2.2) and Asia/Tokyo wall-clock helpers.
//!
//! Asia/Tokyo has had no daylight saving time since 1951, so a fixed UTC+9 offset is exact and keeps
//! the tz database out of the browser bundle. Nothing here reads the clock: callers pass `now` in.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

pub const JST_OFFSET_SECS: i32 = 9 * 3600;

pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(JST_OFFSET_SECS).expect("UTC+9 is a valid offset")
}

/// Fiscal year N runs from N-04-01 00:00 JST to (N+1)-03-31 23:59:59.999 JST.
///
/// Named by the calendar year in which it starts, as in 「2026年度」.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema), schema(minimum = 2000, maximum = 2100, example = 2026))]
#[serde(transparent)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// The fiscal year is decided by the JST date, not the UTC date: 2026-03-31T15:00Z is already
    /// April 1 in Tokyo.
    pub fn containing(t: DateTime<Utc>) -> FiscalYear {
        let d = jst_date(t);
        FiscalYear(if d.month() >= 4 { d.year() } else { d.year() - 1 })
    }

    pub fn start(self) -> DateTime<Utc> {
        jst()
            .with_ymd_and_hms(self.0, 4, 1, 0, 0, 0)
            .single()
            .expect("a fixed offset has no gaps or folds")
            .with_timezone(&Utc)
    }

    pub fn next_start(self) -> DateTime<Utc> {
        self.next().start()
    }

    /// The last representable millisecond, as stored and shown (tickets expire "end of day March 31").
    pub fn end(self) -> DateTime<Utc> {
        self.next_start() - Duration::milliseconds(1)
    }

    /// R2.2: the rank of FY N is decided by the volume of calendar year N-1 (Jan–Dec), which is
    /// complete three months before FY N starts.
    pub fn volume_year(self) -> i32 {
        self.0 - 1
    }

    pub fn next(self) -> FiscalYear {
        FiscalYear(self.0 + 1)
    }

    pub fn prev(self) -> FiscalYear {
        FiscalYear(self.0 - 1)
    }

    pub fn label_ja(self) -> String {
        format!("{}年度", self.0)
    }
}

impl std::fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FY{}", self.0)
    }
}

pub fn to_jst(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&jst())
}

/// Tokyo wall clock without offset: what staff expect in CSV exports and on screen.
pub fn format_jst(t: DateTime<Utc>) -> String {
    to_jst(t).format("%Y-%m-%d %H:%M:%S").to_string()
}

pub fn jst_date(t: DateTime<Utc>) -> NaiveDate {
    to_jst(t).date_naive()
}

/// When the yearly job (R2.5, R3.1) must next run; a rollover exactly at `t` is already due,
/// so the answer is strictly later.
pub fn next_rollover_after(t: DateTime<Utc>) -> DateTime<Utc> {
    FiscalYear::containing(t).next_start()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn r2_2_fiscal_year_starts_april_1_midnight_jst() {
        assert_eq!(FiscalYear(2026).start(), utc("2026-04-01T00:00:00+09:00"));
        assert_eq!(FiscalYear(2026).start(), utc("2026-03-31T15:00:00Z"));
        assert_eq!(format_jst(FiscalYear(2026).start()), "2026-04-01 00:00:00");
    }

    #[test]
    fn r2_2_last_millisecond_of_march_31_jst_is_previous_fiscal_year() {
        let last = utc("2026-03-31T23:59:59.999+09:00");
        assert_eq!(FiscalYear::containing(last), FiscalYear(2025));
        assert_eq!(FiscalYear(2025).end(), last);
        let first = utc("2026-04-01T00:00:00+09:00");
        assert_eq!(FiscalYear::containing(first), FiscalYear(2026));
    }

    #[test]
    fn r2_2_utc_date_differs_from_jst_date_and_jst_decides() {
        assert_eq!(FiscalYear::containing(utc("2026-03-31T15:00:00Z")), FiscalYear(2026));
        assert_eq!(FiscalYear::containing(utc("2026-03-31T14:59:59Z")), FiscalYear(2025));
        assert_eq!(jst_date(utc("2026-03-31T15:00:00Z")), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        assert_eq!(jst_date(utc("2026-03-31T14:59:59Z")), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    }

    #[test]
    fn r2_2_january_to_march_belong_to_previous_fiscal_year() {
        assert_eq!(FiscalYear::containing(utc("2026-01-01T00:00:00+09:00")), FiscalYear(2025));
        assert_eq!(FiscalYear::containing(utc("2025-12-31T23:59:59+09:00")), FiscalYear(2025));
        assert_eq!(FiscalYear::containing(utc("2025-04-01T00:00:00+09:00")), FiscalYear(2025));
        assert_eq!(FiscalYear::containing(utc("2025-03-31T12:00:00+09:00")), FiscalYear(2024));
    }

    #[test]
    fn r2_2_leap_day_is_inside_fiscal_year_ending_that_march() {
        let leap = utc("2024-02-29T12:00:00+09:00");
        assert_eq!(FiscalYear::containing(leap), FiscalYear(2023));
        assert_eq!(FiscalYear(2023).end(), utc("2024-03-31T23:59:59.999+09:00"));
        assert_eq!(FiscalYear(2023).next_start() - FiscalYear(2023).start(), Duration::days(366));
        assert_eq!(FiscalYear(2024).next_start() - FiscalYear(2024).start(), Duration::days(365));
    }

    #[test]
    fn r3_1_end_plus_one_millisecond_is_next_start() {
        for y in [1999, 2023, 2024, 2025, 2026, 2100] {
            let fy = FiscalYear(y);
            assert_eq!(fy.end() + Duration::milliseconds(1), fy.next_start());
            assert_eq!(fy.next_start(), fy.next().start());
            assert_eq!(format_jst(fy.end()), format!("{}-03-31 23:59:59", y + 1));
        }
    }

    #[test]
    fn r2_2_volume_of_2024_decides_fiscal_2025() {
        assert_eq!(FiscalYear(2025).volume_year(), 2024);
    }

    #[test]
    fn next_and_prev_are_inverse_and_ordered() {
        let fy = FiscalYear(2026);
        assert_eq!(fy.next(), FiscalYear(2027));
        assert_eq!(fy.prev(), FiscalYear(2025));
        assert_eq!(fy.next().prev(), fy);
        assert!(fy.prev() < fy && fy < fy.next());
    }

    #[test]
    fn labels_in_japanese_and_english() {
        assert_eq!(FiscalYear(2026).label_ja(), "2026年度");
        assert_eq!(FiscalYear(2026).to_string(), "FY2026");
    }

    #[test]
    fn fiscal_year_serializes_as_bare_number() {
        assert_eq!(serde_json::to_string(&FiscalYear(2026)).unwrap(), "2026");
        assert_eq!(serde_json::from_str::<FiscalYear>("2025").unwrap(), FiscalYear(2025));
    }

    #[test]
    fn to_jst_keeps_the_instant_and_shows_tokyo_time() {
        let t = utc("2026-03-31T15:30:45Z");
        let j = to_jst(t);
        assert_eq!(j.offset().local_minus_utc(), JST_OFFSET_SECS);
        assert_eq!(j.with_timezone(&Utc), t);
        assert_eq!(format_jst(t), "2026-04-01 00:30:45");
    }

    #[test]
    fn r2_5_next_rollover_is_strictly_after() {
        let start = FiscalYear(2026).start();
        assert_eq!(next_rollover_after(start), FiscalYear(2027).start());
        assert_eq!(next_rollover_after(start - Duration::milliseconds(1)), start);
        assert_eq!(next_rollover_after(utc("2026-10-15T09:00:00+09:00")), FiscalYear(2027).start());
        assert_eq!(next_rollover_after(utc("2027-02-15T09:00:00+09:00")), FiscalYear(2027).start());
    }

    proptest! {
        #[test]
        fn prop_fiscal_year_contains_its_instants(ms in -2_208_988_800_000i64..7_258_118_400_000i64) {
            let t = DateTime::<Utc>::from_timestamp_millis(ms).unwrap();
            let fy = FiscalYear::containing(t);
            prop_assert!(fy.start() <= t);
            prop_assert!(t <= fy.end());
            prop_assert!(next_rollover_after(t) > t);
            prop_assert_eq!(next_rollover_after(t), fy.next_start());
        }
    }
}
