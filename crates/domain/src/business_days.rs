//! Business days in Japan (issue 9, Catalogue; R4.4's "20 business days"; service hours for scheduling).
//!
//! A business day is a weekday that is neither a Japanese public holiday (including the substitute
//! holidays and "citizens' holidays" the Public Holiday Act adds, listed as 休日) nor inside the
//! configurable year-end closure (default December 29 – January 3).
//!
//! The holidays are the Cabinet Office's published list, checked in as `data/jp-holidays.csv` (see
//! `data/README.md` for its source, date and how to refresh it), never typed by hand. That list only
//! reaches the next calendar year, so every question about a date in a year it does not cover is
//! answered with [`UncoveredYear`] instead of silently taking the date for a weekday: callers refuse
//! the request (or ask for the data to be refreshed) rather than promise a wrong date.
//!
//! Pure functions: nothing here reads the clock or the disk.

use std::ops::RangeInclusive;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use crate::fiscal::{jst, jst_date, to_jst};

/// `date,name` lines, sorted by date, from the Cabinet Office's `syukujitsu.csv`.
const HOLIDAYS_CSV: &str = include_str!("../data/jp-holidays.csv");

/// Service hours open at 10:00 JST (inclusive) …
pub const SERVICE_OPENS: NaiveTime = match NaiveTime::from_hms_opt(10, 0, 0) {
    Some(t) => t,
    None => panic!("10:00 is a valid time"),
};
/// … and close at 19:00 JST (exclusive: 19:00 itself is outside, a slot may end at it).
pub const SERVICE_CLOSES: NaiveTime = match NaiveTime::from_hms_opt(19, 0, 0) {
    Some(t) => t,
    None => panic!("19:00 is a valid time"),
};

/// One day off from the list, with its Japanese name as the Cabinet Office writes it
/// (「休日」 for substitute and citizens' holidays).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: &'static str,
}

/// The holiday data does not cover the year of a date that the answer depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the Japanese holiday data covers {first}–{last}; {year} is not covered")]
pub struct UncoveredYear {
    pub year: i32,
    pub first: i32,
    pub last: i32,
}

impl UncoveredYear {
    fn of(year: i32) -> UncoveredYear {
        let d = data();
        UncoveredYear { year, first: d.first_year, last: d.last_year }
    }
}

struct HolidayData {
    days: Vec<Holiday>,
    first_year: i32,
    last_year: i32,
}

fn data() -> &'static HolidayData {
    static DATA: OnceLock<HolidayData> = OnceLock::new();
    DATA.get_or_init(|| parse_holidays(HOLIDAYS_CSV))
}

/// The checked-in file is a constant of the build: a malformed one is a bug the tests catch, so
/// this panics naming the line rather than returning an error every caller would have to carry.
fn parse_holidays(text: &'static str) -> HolidayData {
    let mut days: Vec<Holiday> = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let parsed = line.split_once(',').and_then(|(date, name)| {
            let mut parts = date.split('-');
            let y = parts.next()?.parse::<i32>().ok()?;
            let m = parts.next()?.parse::<u32>().ok()?;
            let d = parts.next()?.parse::<u32>().ok()?;
            if parts.next().is_some() || name.is_empty() {
                return None;
            }
            Some(Holiday { date: NaiveDate::from_ymd_opt(y, m, d)?, name })
        });
        let holiday = parsed.unwrap_or_else(|| panic!("jp-holidays.csv line {}: not `YYYY-MM-DD,name`", i + 1));
        if let Some(prev) = days.last() {
            assert!(prev.date < holiday.date, "jp-holidays.csv line {}: dates must be strictly ascending", i + 1);
        }
        days.push(holiday);
    }
    let first_year = days.first().expect("jp-holidays.csv has holidays").date.year();
    let last_year = days.last().expect("jp-holidays.csv has holidays").date.year();
    HolidayData { days, first_year, last_year }
}

/// The calendar years the holiday data covers (every year in the range has its full list).
pub fn covered_years() -> RangeInclusive<i32> {
    let d = data();
    d.first_year..=d.last_year
}

fn check_covered(date: NaiveDate) -> Result<(), UncoveredYear> {
    if covered_years().contains(&date.year()) {
        Ok(())
    } else {
        Err(UncoveredYear::of(date.year()))
    }
}

/// The holiday on `date`, if any.
pub fn holiday_on(date: NaiveDate) -> Result<Option<Holiday>, UncoveredYear> {
    check_covered(date)?;
    let days = &data().days;
    Ok(days.binary_search_by_key(&date, |h| h.date).ok().map(|i| days[i]))
}

/// All holidays of a covered year, in date order.
pub fn holidays_in(year: i32) -> Result<&'static [Holiday], UncoveredYear> {
    if !covered_years().contains(&year) {
        return Err(UncoveredYear::of(year));
    }
    let days = &data().days;
    let start = days.partition_point(|h| h.date.year() < year);
    let end = days.partition_point(|h| h.date.year() <= year);
    Ok(&days[start..end])
}

/// A yearly closure from one month-day to another, both inclusive; when the start comes later in
/// the year than the end (the usual December → January), it wraps over New Year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct YearEndClosure {
    start: (u32, u32),
    end: (u32, u32),
}

/// A closure is written `MM-DD..MM-DD` with days that exist (February 29 allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a closure is written MM-DD..MM-DD with real calendar days, e.g. 12-29..01-03")]
pub struct InvalidClosure;

impl YearEndClosure {
    /// December 29 – January 3, the usual Japanese company closure (年末年始休業).
    pub const DEFAULT: YearEndClosure = YearEndClosure { start: (12, 29), end: (1, 3) };

    pub fn new(start_month: u32, start_day: u32, end_month: u32, end_day: u32) -> Result<Self, InvalidClosure> {
        // 2000 is a leap year, so February 29 is accepted (it then applies in leap years only).
        let valid = |m, d| NaiveDate::from_ymd_opt(2000, m, d).is_some();
        if valid(start_month, start_day) && valid(end_month, end_day) {
            Ok(YearEndClosure { start: (start_month, start_day), end: (end_month, end_day) })
        } else {
            Err(InvalidClosure)
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        let md = (date.month(), date.day());
        if self.start <= self.end {
            self.start <= md && md <= self.end
        } else {
            md >= self.start || md <= self.end
        }
    }
}

impl Default for YearEndClosure {
    fn default() -> Self {
        YearEndClosure::DEFAULT
    }
}

impl FromStr for YearEndClosure {
    type Err = InvalidClosure;

    /// `12-29..01-03`
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let month_day = |s: &str| -> Result<(u32, u32), InvalidClosure> {
            let (m, d) = s.trim().split_once('-').ok_or(InvalidClosure)?;
            Ok((m.parse().map_err(|_| InvalidClosure)?, d.parse().map_err(|_| InvalidClosure)?))
        };
        let (start, end) = s.split_once("..").ok_or(InvalidClosure)?;
        let ((sm, sd), (em, ed)) = (month_day(start)?, month_day(end)?);
        YearEndClosure::new(sm, sd, em, ed)
    }
}

impl std::fmt::Display for YearEndClosure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}..{:02}-{:02}", self.start.0, self.start.1, self.end.0, self.end.1)
    }
}

/// Business-day arithmetic in Japan. Every function that walks over dates needs each date it looks
/// at to be in [`covered_years`], and answers [`UncoveredYear`] otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessCalendar {
    closure: Option<YearEndClosure>,
}

/// With the default year-end closure (December 29 – January 3).
impl Default for BusinessCalendar {
    fn default() -> Self {
        BusinessCalendar::new(Some(YearEndClosure::DEFAULT))
    }
}

impl BusinessCalendar {
    /// `None`: no closure, only weekends and holidays are days off.
    pub const fn new(closure: Option<YearEndClosure>) -> Self {
        BusinessCalendar { closure }
    }

    pub fn closure(&self) -> Option<YearEndClosure> {
        self.closure
    }

    /// Whether the holiday data covers `year`; dates in other years are refused.
    pub fn covers(&self, year: i32) -> bool {
        covered_years().contains(&year)
    }

    pub fn is_closed_for_year_end(&self, date: NaiveDate) -> bool {
        self.closure.is_some_and(|c| c.contains(date))
    }

    /// A weekday that is not a holiday and not in the closure.
    pub fn is_business_day(&self, date: NaiveDate) -> Result<bool, UncoveredYear> {
        let holiday = holiday_on(date)?;
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        Ok(!weekend && holiday.is_none() && !self.is_closed_for_year_end(date))
    }

    /// The `n`-th business day strictly after `from` (`n == 0` gives `from` itself). R4.4: the
    /// earliest start of web-vuln-lite is `add_business_days(jst_date(applied_at), 20)`.
    pub fn add_business_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, UncoveredYear> {
        let mut date = from;
        let mut left = n;
        while left > 0 {
            date = next_day(date)?;
            if self.is_business_day(date)? {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// The number of business days `d` with `a < d <= b` (0 when `b <= a`).
    pub fn business_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<u32, UncoveredYear> {
        let mut count = 0;
        let mut date = a;
        while date < b {
            date = next_day(date)?;
            if self.is_business_day(date)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// `date` if it is a business day, else the next one.
    pub fn first_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, UncoveredYear> {
        let mut date = date;
        while !self.is_business_day(date)? {
            date = next_day(date)?;
        }
        Ok(date)
    }

    /// Whether `t` falls in service hours: 10:00 (inclusive) to 19:00 (exclusive) JST on a business
    /// day. An instant outside 10:00–19:00 is `Ok(false)` whatever its year.
    pub fn within_service_hours(&self, t: DateTime<Utc>) -> Result<bool, UncoveredYear> {
        let time = to_jst(t).time();
        if time < SERVICE_OPENS || time >= SERVICE_CLOSES {
            return Ok(false);
        }
        self.is_business_day(jst_date(t))
    }

    /// How much of `[a, b)` lies inside service hours (zero when `b <= a`). Only days whose service
    /// hours overlap `[a, b)` need to be covered by the holiday data.
    pub fn service_hours_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> Result<Duration, UncoveredYear> {
        let mut total = Duration::zero();
        if b <= a {
            return Ok(total);
        }
        let mut date = jst_date(a);
        let last = jst_date(b);
        while date <= last {
            let (opens, closes) = service_window(date);
            let (start, end) = (opens.max(a), closes.min(b));
            if start < end && self.is_business_day(date)? {
                total += end - start;
            }
            date = next_day(date)?;
        }
        Ok(total)
    }

    /// Whether the whole slot `[start, end)` lies inside service hours of business days (a meeting
    /// slot staff propose); an empty or reversed slot is not.
    pub fn slot_within_service_hours(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Result<bool, UncoveredYear> {
        Ok(start < end && self.service_hours_between(start, end)? == end - start)
    }
}

/// Service hours of `date` as UTC instants.
fn service_window(date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let at = |time: NaiveTime| {
        jst()
            .from_local_datetime(&date.and_time(time))
            .single()
            .expect("a fixed offset has no gaps or folds")
            .with_timezone(&Utc)
    };
    (at(SERVICE_OPENS), at(SERVICE_CLOSES))
}

fn next_day(date: NaiveDate) -> Result<NaiveDate, UncoveredYear> {
    date.succ_opt().ok_or_else(|| UncoveredYear::of(date.year().saturating_add(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn name(date: NaiveDate) -> Option<&'static str> {
        holiday_on(date).unwrap().map(|h| h.name)
    }

    fn cal() -> BusinessCalendar {
        BusinessCalendar::default()
    }

    #[test]
    fn data_covers_2016_to_at_least_2027_with_every_year_complete() {
        let years = covered_years();
        assert_eq!(*years.start(), 2016);
        assert!(*years.end() >= 2027, "refresh data/jp-holidays.csv (see data/README.md)");
        for year in years {
            let list = holidays_in(year).unwrap();
            // 15–16 national holidays a year, plus substitutes; never fewer than 15.
            assert!((15..=25).contains(&list.len()), "{year}: {} holidays", list.len());
            assert_eq!(list[0], Holiday { date: d(year, 1, 1), name: "元日" });
            assert!(list.iter().all(|h| h.date.year() == year && !h.name.trim().is_empty()));
            assert!(list.windows(2).all(|w| w[0].date < w[1].date));
        }
    }

    #[test]
    fn every_kyujitsu_is_a_substitute_or_citizens_holiday() {
        // The Act: a holiday on a Sunday moves to the next non-holiday (Art. 3-2); a day between
        // two holidays is a holiday (Art. 3-3). The data's 休日 must be one of the two.
        let is_holiday = |date: NaiveDate| holiday_on(date).ok().flatten().is_some();
        for year in covered_years() {
            for h in holidays_in(year).unwrap().iter().filter(|h| h.name == "休日") {
                let mut back = h.date.pred_opt().unwrap();
                let mut substitute = false;
                while is_holiday(back) {
                    if back.weekday() == Weekday::Sun {
                        substitute = true;
                        break;
                    }
                    back = back.pred_opt().unwrap();
                }
                let sandwiched = is_holiday(h.date.pred_opt().unwrap()) && is_holiday(h.date.succ_opt().unwrap());
                assert!(substitute || sandwiched, "{}: 休日 that the Act does not explain", h.date);
            }
        }
    }

    #[test]
    fn golden_week_2025_with_the_substitute_holiday_on_may_6() {
        assert_eq!(name(d(2025, 4, 29)), Some("昭和の日"));
        assert_eq!(name(d(2025, 5, 3)), Some("憲法記念日"));
        assert_eq!(name(d(2025, 5, 4)), Some("みどりの日"));
        assert_eq!(name(d(2025, 5, 5)), Some("こどもの日"));
        assert_eq!(d(2025, 5, 4).weekday(), Weekday::Sun);
        assert_eq!(name(d(2025, 5, 6)), Some("休日"));
        assert_eq!(name(d(2025, 5, 7)), None);
        for day in [d(2025, 4, 29), d(2025, 5, 5), d(2025, 5, 6)] {
            assert!(!cal().is_business_day(day).unwrap(), "{day}");
        }
        assert!(cal().is_business_day(d(2025, 4, 30)).unwrap());
        assert!(cal().is_business_day(d(2025, 5, 2)).unwrap());
        assert!(cal().is_business_day(d(2025, 5, 7)).unwrap());
    }

    #[test]
    fn golden_week_2026_and_2027() {
        // 2026: May 3 is a Sunday, so May 6 (Wed) is the substitute holiday.
        assert_eq!(d(2026, 5, 3).weekday(), Weekday::Sun);
        assert_eq!(name(d(2026, 5, 6)), Some("休日"));
        assert!(!cal().is_business_day(d(2026, 5, 6)).unwrap());
        assert!(cal().is_business_day(d(2026, 5, 7)).unwrap());
        // 2027: May 3–5 are Monday to Wednesday, no substitute.
        assert_eq!(name(d(2027, 5, 3)), Some("憲法記念日"));
        assert_eq!(name(d(2027, 5, 5)), Some("こどもの日"));
        assert_eq!(name(d(2027, 5, 6)), None);
        assert!(cal().is_business_day(d(2027, 5, 6)).unwrap());
    }

    #[test]
    fn emperors_birthday_is_february_23_and_moves_off_a_sunday() {
        for year in 2025..=2027 {
            assert_eq!(name(d(year, 2, 23)), Some("天皇誕生日"), "{year}");
        }
        assert_eq!(d(2025, 2, 23).weekday(), Weekday::Sun);
        assert_eq!(name(d(2025, 2, 24)), Some("休日"));
        assert!(!cal().is_business_day(d(2025, 2, 24)).unwrap());
        assert!(!cal().is_business_day(d(2026, 2, 23)).unwrap());
        assert!(!cal().is_business_day(d(2027, 2, 23)).unwrap());
    }

    #[test]
    fn happy_monday_holidays_fall_on_mondays() {
        let cases = [
            (d(2025, 9, 15), "敬老の日"),
            (d(2026, 9, 21), "敬老の日"),
            (d(2027, 9, 20), "敬老の日"),
            (d(2025, 10, 13), "スポーツの日"),
            (d(2026, 10, 12), "スポーツの日"),
            (d(2027, 10, 11), "スポーツの日"),
            (d(2026, 1, 12), "成人の日"),
            (d(2027, 7, 19), "海の日"),
        ];
        for (date, expected) in cases {
            assert_eq!(date.weekday(), Weekday::Mon, "{date}");
            assert_eq!(name(date), Some(expected), "{date}");
        }
    }

    #[test]
    fn equinoxes_and_the_2026_citizens_holiday() {
        assert_eq!(name(d(2026, 9, 23)), Some("秋分の日"));
        // Tuesday between Respect for the Aged Day and the equinox: a citizens' holiday (Art. 3-3).
        assert_eq!(name(d(2026, 9, 22)), Some("休日"));
        assert!(!cal().is_business_day(d(2026, 9, 22)).unwrap());
        assert_eq!(name(d(2026, 3, 20)), Some("春分の日"));
        assert_eq!(name(d(2027, 3, 21)), Some("春分の日"));
        assert_eq!(name(d(2027, 3, 22)), Some("休日"));
        assert_eq!(name(d(2027, 9, 23)), Some("秋分の日"));
    }

    /// Business days in `[a, b)` counted by hand-rolled iteration, for readability of the cases.
    fn business_days_in(a: NaiveDate, b: NaiveDate) -> u32 {
        a.iter_days().take_while(|x| *x < b).filter(|x| cal().is_business_day(*x).unwrap()).count() as u32
    }

    #[test]
    fn silver_week_2026_leaves_two_business_days() {
        // Sat 19 … Sun 27 September 2026: 21 Mon, 22 Tue, 23 Wed are off; 24 Thu and 25 Fri work.
        assert_eq!(business_days_in(d(2026, 9, 19), d(2026, 9, 28)), 2);
    }

    #[test]
    fn default_year_end_closure_is_december_29_to_january_3() {
        let c = cal();
        assert_eq!(c.closure(), Some(YearEndClosure::DEFAULT));
        assert!(c.is_business_day(d(2026, 12, 28)).unwrap());
        for date in d(2026, 12, 29).iter_days().take(6) {
            assert!(c.is_closed_for_year_end(date), "{date}");
            assert!(!c.is_business_day(date).unwrap(), "{date}");
        }
        assert_eq!(d(2027, 1, 4).weekday(), Weekday::Mon);
        assert!(c.is_business_day(d(2027, 1, 4)).unwrap());
        // 2025-12-29 and 30 are a Monday and Tuesday: closed all the same.
        assert!(!c.is_business_day(d(2025, 12, 30)).unwrap());
        assert!(c.is_business_day(d(2025, 12, 26)).unwrap());
        assert!(c.is_business_day(d(2026, 1, 5)).unwrap());
    }

    #[test]
    fn closure_is_configurable() {
        let none = BusinessCalendar::new(None);
        assert!(none.is_business_day(d(2026, 12, 29)).unwrap());
        assert!(none.is_business_day(d(2026, 12, 31)).unwrap());
        assert!(!none.is_business_day(d(2027, 1, 1)).unwrap(), "元日 is a holiday anyway");
        let longer = BusinessCalendar::new(Some("12-28..01-04".parse().unwrap()));
        assert!(!longer.is_business_day(d(2026, 12, 28)).unwrap());
        assert!(!longer.is_business_day(d(2027, 1, 4)).unwrap());
        assert!(longer.is_business_day(d(2027, 1, 5)).unwrap());
        let obon = YearEndClosure::new(8, 13, 8, 16).unwrap();
        assert!(obon.contains(d(2026, 8, 14)) && !obon.contains(d(2026, 8, 17)) && !obon.contains(d(2026, 12, 30)));
    }

    #[test]
    fn closure_parses_and_prints() {
        assert_eq!("12-29..01-03".parse::<YearEndClosure>(), Ok(YearEndClosure::DEFAULT));
        assert_eq!(" 12-29 .. 1-3".parse::<YearEndClosure>(), Ok(YearEndClosure::DEFAULT));
        assert_eq!(YearEndClosure::DEFAULT.to_string(), "12-29..01-03");
        assert_eq!(YearEndClosure::default(), YearEndClosure::DEFAULT);
        for bad in ["", "12-29", "12-29..", "13-01..01-03", "12-32..01-03", "02-30..03-01", "12/29..01/03", "a-b..c-d"]
        {
            assert_eq!(bad.parse::<YearEndClosure>(), Err(InvalidClosure), "{bad:?}");
        }
        assert!(YearEndClosure::new(2, 29, 3, 1).is_ok());
    }

    #[test]
    fn twenty_business_days_across_golden_week_2026() {
        // From Monday 2026-04-20, counted on a calendar: Apr 21–24 (4), 27, 28 (6), [29 Showa Day],
        // 30 (7), May 1 (8), [4, 5, 6 holidays], 7, 8 (10), 11–15 (15), 18–22 (20).
        assert_eq!(cal().add_business_days(d(2026, 4, 20), 20), Ok(d(2026, 5, 22)));
        assert_eq!(cal().business_days_between(d(2026, 4, 20), d(2026, 5, 22)), Ok(20));
        assert_eq!(cal().business_days_between(d(2026, 4, 20), d(2026, 5, 21)), Ok(19));
    }

    #[test]
    fn twenty_business_days_across_the_year_end() {
        // From Tuesday 2026-12-15: Dec 16–18 (3), 21–25 (8), 28 (9), [29 – Jan 3 closure],
        // Jan 4–8 (14), [11 Coming of Age Day], 12–15 (18), 18, 19 (20).
        assert_eq!(cal().add_business_days(d(2026, 12, 15), 20), Ok(d(2027, 1, 19)));
        // Without the closure, Dec 29–31 count and Jan 1 stays a holiday.
        assert_eq!(BusinessCalendar::new(None).add_business_days(d(2026, 12, 15), 20), Ok(d(2027, 1, 14)));
    }

    #[test]
    fn zero_and_small_steps() {
        let sat = d(2026, 5, 2);
        assert_eq!(cal().add_business_days(sat, 0), Ok(sat));
        assert_eq!(cal().add_business_days(sat, 1), Ok(d(2026, 5, 7)));
        assert_eq!(cal().first_on_or_after(sat), Ok(d(2026, 5, 7)));
        assert_eq!(cal().first_on_or_after(d(2026, 5, 7)), Ok(d(2026, 5, 7)));
        assert_eq!(cal().business_days_between(d(2026, 5, 7), d(2026, 5, 1)), Ok(0));
        assert_eq!(cal().business_days_between(sat, sat), Ok(0));
    }

    #[test]
    fn uncovered_years_are_refused_not_guessed() {
        let last = *covered_years().end();
        let c = cal();
        assert!(c.covers(2016) && c.covers(2026) && c.covers(last));
        assert!(!c.covers(2015) && !c.covers(last + 1));
        let err = UncoveredYear { year: last + 1, first: 2016, last };
        // A weekday in an uncovered year might be a holiday nobody has announced yet.
        assert_eq!(c.is_business_day(d(last + 1, 6, 7)), Err(err));
        assert_eq!(holiday_on(d(last + 1, 1, 1)), Err(err));
        assert_eq!(holidays_in(last + 1), Err(err));
        assert_eq!(c.add_business_days(d(last, 12, 1), 40), Err(err));
        assert_eq!(c.business_days_between(d(last, 12, 1), d(last + 1, 2, 1)), Err(err));
        assert_eq!(c.first_on_or_after(d(last, 12, 29)), Err(err));
        assert_eq!(c.is_business_day(d(2015, 12, 28)).unwrap_err().year, 2015);
        assert_eq!(c.add_business_days(d(2015, 12, 31), 1), Ok(d(2016, 1, 4)));
        assert!(err.to_string().contains(&format!("{}", last + 1)));
    }

    #[test]
    fn service_hours_are_10_to_19_jst_on_business_days() {
        let c = cal();
        // Thursday 2026-05-07.
        assert!(c.within_service_hours(utc("2026-05-07T10:00:00+09:00")).unwrap());
        assert!(c.within_service_hours(utc("2026-05-07T18:59:59+09:00")).unwrap());
        assert!(!c.within_service_hours(utc("2026-05-07T09:59:59+09:00")).unwrap());
        assert!(!c.within_service_hours(utc("2026-05-07T19:00:00+09:00")).unwrap());
        // 01:00 UTC is 10:00 in Tokyo: the JST date and time decide.
        assert!(c.within_service_hours(utc("2026-05-07T01:00:00Z")).unwrap());
        assert!(!c.within_service_hours(utc("2026-05-07T00:59:00Z")).unwrap());
        // Substitute holiday, Saturday, closure.
        assert!(!c.within_service_hours(utc("2026-05-06T12:00:00+09:00")).unwrap());
        assert!(!c.within_service_hours(utc("2026-05-09T12:00:00+09:00")).unwrap());
        assert!(!c.within_service_hours(utc("2026-12-30T12:00:00+09:00")).unwrap());
        // Outside the clock hours no holiday data is needed; inside them it is.
        let last = *covered_years().end();
        assert_eq!(c.within_service_hours(utc(&format!("{}-06-07T21:00:00+09:00", last + 1))), Ok(false));
        assert!(c.within_service_hours(utc(&format!("{}-06-07T12:00:00+09:00", last + 1))).is_err());
    }

    #[test]
    fn service_hours_between_counts_only_business_hours() {
        let c = cal();
        let h = Duration::hours;
        // Friday 18:00 to Monday 11:00 (2026-05-15 → 18): one hour each side.
        assert_eq!(
            c.service_hours_between(utc("2026-05-15T18:00:00+09:00"), utc("2026-05-18T11:00:00+09:00")),
            Ok(h(2))
        );
        // A plain week, Monday 00:00 to the next Monday 00:00: 5 × 9 h.
        assert_eq!(
            c.service_hours_between(utc("2026-05-11T00:00:00+09:00"), utc("2026-05-18T00:00:00+09:00")),
            Ok(h(45))
        );
        // Golden Week 2026, Wed Apr 29 to Thu May 7 00:00: Apr 30 and May 1 only.
        assert_eq!(
            c.service_hours_between(utc("2026-04-29T00:00:00+09:00"), utc("2026-05-07T00:00:00+09:00")),
            Ok(h(18))
        );
        // Within one afternoon, and reversed or empty intervals.
        let (a, b) = (utc("2026-05-07T13:15:00+09:00"), utc("2026-05-07T14:45:00+09:00"));
        assert_eq!(c.service_hours_between(a, b), Ok(Duration::minutes(90)));
        assert_eq!(c.service_hours_between(b, a), Ok(Duration::zero()));
        assert_eq!(c.service_hours_between(a, a), Ok(Duration::zero()));
        // Meeting slots.
        assert_eq!(c.slot_within_service_hours(a, b), Ok(true));
        assert_eq!(
            c.slot_within_service_hours(utc("2026-05-07T18:00:00+09:00"), utc("2026-05-07T19:00:00+09:00")),
            Ok(true)
        );
        assert_eq!(
            c.slot_within_service_hours(utc("2026-05-07T18:30:00+09:00"), utc("2026-05-07T19:30:00+09:00")),
            Ok(false)
        );
        assert_eq!(
            c.slot_within_service_hours(utc("2026-05-06T13:00:00+09:00"), utc("2026-05-06T14:00:00+09:00")),
            Ok(false)
        );
        assert_eq!(c.slot_within_service_hours(b, a), Ok(false));
    }

    /// Dates from 2016-01-01 to the last covered day.
    fn covered_date() -> impl Strategy<Value = NaiveDate> {
        let first = d(*covered_years().start(), 1, 1);
        let last = d(*covered_years().end(), 12, 31);
        (0..=(last - first).num_days()).prop_map(move |n| first + Duration::days(n))
    }

    fn covered_instant() -> impl Strategy<Value = DateTime<Utc>> {
        let first = utc(&format!("{}-01-01T00:00:00+09:00", covered_years().start())).timestamp();
        let last = utc(&format!("{}-01-01T00:00:00+09:00", covered_years().end() + 1)).timestamp() - 1;
        (first..=last).prop_map(|s| DateTime::<Utc>::from_timestamp(s, 0).unwrap())
    }

    proptest! {
        #[test]
        fn prop_add_lands_on_a_business_day_n_days_later(from in covered_date(), n in 1u32..120) {
            let c = cal();
            if let Ok(to) = c.add_business_days(from, n) {
                prop_assert!(to > from);
                prop_assert!(c.is_business_day(to).unwrap());
                prop_assert_eq!(c.business_days_between(from, to), Ok(n));
                prop_assert_eq!(c.business_days_between(from, to.pred_opt().unwrap()), Ok(n - 1));
            } else {
                // Refused only when the walk would leave the data.
                let next_year = d(*covered_years().end() + 1, 1, 1);
                prop_assert!(c.business_days_between(from, next_year - Duration::days(1)).unwrap() < n);
            }
        }

        #[test]
        fn prop_add_is_strictly_monotonic_in_n(from in covered_date(), n in 0u32..100) {
            let c = cal();
            if let (Ok(a), Ok(b)) = (c.add_business_days(from, n), c.add_business_days(from, n + 1)) {
                prop_assert!(a < b);
                prop_assert_eq!(c.business_days_between(a, b), Ok(1));
            }
        }

        #[test]
        fn prop_adding_one_n_times_is_adding_n(from in covered_date(), n in 0u32..60) {
            let c = cal();
            let stepwise = (0..n).try_fold(from, |date, _| c.add_business_days(date, 1));
            prop_assert_eq!(stepwise, c.add_business_days(from, n));
        }

        #[test]
        fn prop_first_on_or_after_is_the_nearest_business_day(date in covered_date()) {
            let c = cal();
            if let Ok(first) = c.first_on_or_after(date) {
                prop_assert!(first >= date);
                prop_assert!(c.is_business_day(first).unwrap());
                prop_assert_eq!(c.business_days_between(date, first), Ok(u32::from(first > date)));
                // first_on_or_after(d) is add 1 from the day before.
                prop_assert_eq!(c.add_business_days(date.pred_opt().unwrap(), 1), Ok(first));
            }
        }

        #[test]
        fn prop_between_is_additive(a in covered_date(), b in covered_date(), c_ in covered_date()) {
            let mut v = [a, b, c_];
            v.sort();
            let c = cal();
            let (ab, bc, ac) = (c.business_days_between(v[0], v[1]), c.business_days_between(v[1], v[2]), c.business_days_between(v[0], v[2]));
            prop_assert_eq!(ab.unwrap() + bc.unwrap(), ac.unwrap());
            prop_assert!(ac.unwrap() as i64 <= (v[2] - v[0]).num_days());
        }

        #[test]
        fn prop_service_hours_are_additive_and_bounded(a in covered_instant(), b in covered_instant(), len in 0i64..(20 * 86_400)) {
            let c = cal();
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            let b = b.min(a + Duration::seconds(len));
            let mid = a + (b - a) / 2;
            let (whole, first, second) = (c.service_hours_between(a, b), c.service_hours_between(a, mid), c.service_hours_between(mid, b));
            if let (Ok(whole), Ok(first), Ok(second)) = (whole, first, second) {
                prop_assert_eq!(whole, first + second);
                prop_assert!(whole <= b - a);
                let days = c.business_days_between(jst_date(a).pred_opt().unwrap(), jst_date(b)).unwrap();
                prop_assert!(whole <= Duration::hours(9) * days as i32);
            }
        }

        #[test]
        fn prop_within_service_hours_agrees_with_one_second_of_service_hours(t in covered_instant()) {
            let c = cal();
            let inside = c.within_service_hours(t).unwrap();
            prop_assert_eq!(inside, c.service_hours_between(t, t + Duration::seconds(1)).unwrap() == Duration::seconds(1));
        }
    }
}
