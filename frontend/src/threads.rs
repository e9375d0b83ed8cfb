//! Pure helpers of an application's working parts, tested on the host: meeting times read from
//! `datetime-local` inputs as Tokyo time and written back in JST, file sizes, and what an upload's
//! refusal means for the form.

use chrono::{DateTime, NaiveDate, Utc};
use portal_domain::fiscal::to_jst;
use portal_domain::ErrorCode;

use crate::api::ApiError;
use crate::i18n::{Lang, ThreadMsg};

/// The server's limit for a file in a thread.
pub const MAX_UPLOAD_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// A `datetime-local` value (`YYYY-MM-DDTHH:MM`, seconds optional) as a time in Tokyo (UTC+9, no
/// daylight saving), whatever the browser's own time zone.
pub fn parse_jst_local(s: &str) -> Option<DateTime<Utc>> {
    let (date, time) = s.trim().split_once('T')?;
    let mut d = date.splitn(3, '-').map(str::parse::<u32>);
    let (y, m, day) = (d.next()?.ok()?, d.next()?.ok()?, d.next()?.ok()?);
    let mut t = time.splitn(3, ':').map(str::parse::<u32>);
    let (h, min) = (t.next()?.ok()?, t.next()?.ok()?);
    let sec = match t.next() {
        Some(s) => s.ok()?,
        None => 0,
    };
    let local = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, day)?.and_hms_opt(h, min, sec)?;
    Some(local.and_utc() - chrono::Duration::hours(9))
}

/// `2026-12-02 10:00〜11:00` (JST); the end's date is written when it differs.
pub fn slot_text(start: DateTime<Utc>, end: DateTime<Utc>, lang: Lang) -> String {
    let (s, e) = (to_jst(start), to_jst(end));
    let sep = lang.pick(("〜", " – "));
    let end_text = if s.date_naive() == e.date_naive() {
        e.format("%H:%M").to_string()
    } else {
        e.format("%Y-%m-%d %H:%M").to_string()
    };
    format!("{}{sep}{end_text}", s.format("%Y-%m-%d %H:%M"))
}

/// A file size in whole kilobytes, at least 1.
pub fn size_kb(bytes: u64) -> String {
    bytes.div_ceil(1024).max(1).to_string()
}

/// What a refused upload means for the form: the size limit in the portal's own words (the
/// generic "too large" text speaks of CSV imports), or the problem with a refused type named on
/// the file field (the server names it `content_type`).
pub fn upload_problem(err: ApiError) -> Result<ApiError, ThreadMsg> {
    let ApiError::Problem(mut p) = err else {
        return match err {
            ApiError::Unexpected(413) => Err(ThreadMsg::FileTooLarge),
            other => Ok(other),
        };
    };
    let too_large = |c: Option<ErrorCode>| c == Some(ErrorCode::PayloadTooLarge);
    if p.status == 413 || too_large(p.error_code()) || p.errors.iter().any(|e| too_large(e.error_code())) {
        return Err(ThreadMsg::FileTooLarge);
    }
    for e in &mut p.errors {
        if e.field == "content_type" || e.field == "file_name" {
            e.field = "file".to_owned();
        }
    }
    Ok(ApiError::Problem(p))
}

#[cfg(test)]
mod tests {
    use portal_domain::problem::{FieldError, Problem};

    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn datetime_inputs_are_tokyo_time() {
        assert_eq!(parse_jst_local("2026-12-02T10:00"), Some(utc("2026-12-02T01:00:00Z")));
        assert_eq!(parse_jst_local("2026-12-02T08:30:15"), Some(utc("2026-12-01T23:30:15Z")));
        for bad in ["", "2026-12-02", "2026-12-02T25:00", "2026-02-30T10:00", "x"] {
            assert_eq!(parse_jst_local(bad), None, "{bad}");
        }
    }

    #[test]
    fn slots_are_written_in_jst() {
        let (s, e) = (utc("2026-12-02T01:00:00Z"), utc("2026-12-02T02:00:00Z"));
        assert_eq!(slot_text(s, e, Lang::Ja), "2026-12-02 10:00〜11:00");
        assert_eq!(slot_text(s, utc("2026-12-02T15:30:00Z"), Lang::En), "2026-12-02 10:00 – 2026-12-03 00:30");
        assert_eq!(size_kb(0), "1");
        assert_eq!(size_kb(1025), "2");
    }

    #[test]
    fn a_refused_upload_names_the_limit_or_the_file() {
        let too_large = Problem::new(413, ErrorCode::PayloadTooLarge, "too large");
        assert_eq!(upload_problem(ApiError::Problem(too_large)), Err(ThreadMsg::FileTooLarge));
        assert_eq!(upload_problem(ApiError::Unexpected(413)), Err(ThreadMsg::FileTooLarge));
        let mut p = Problem::new(422, ErrorCode::ValidationFailed, "invalid");
        p.errors.push(FieldError::new("content_type", ErrorCode::AttachmentTypeNotAllowed, "\"text/html\""));
        let Ok(ApiError::Problem(mapped)) = upload_problem(ApiError::Problem(p)) else { panic!() };
        assert_eq!(mapped.errors[0].field, "file");
        assert_eq!(upload_problem(ApiError::Network), Ok(ApiError::Network));
    }
}
