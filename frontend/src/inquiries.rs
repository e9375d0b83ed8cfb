//! Pure helpers of the inquiry screens (R7.7), tested on the host: until when a closed inquiry may
//! be reopened, and a wait in service hours in words.

use chrono::{DateTime, Duration, Utc};
use portal_domain::inquiries::{InquiryState, InquiryView, REOPEN_DAYS};

use crate::i18n::Lang;

/// Until when an inquiry closed at `at` may be reopened (what the confirmation says before
/// closing; a closed inquiry carries the server's own `reopen_until`).
pub fn reopen_until_if_closed(at: DateTime<Utc>) -> DateTime<Utc> {
    at + Duration::days(REOPEN_DAYS)
}

/// The customer may still reopen `i` at `now` (the server decides; this only picks what to show).
pub fn may_reopen(i: &InquiryView, now: DateTime<Utc>) -> bool {
    i.state == InquiryState::Closed && i.reopen_until.is_some_and(|until| now <= until)
}

/// A wait of `minutes` service minutes: `2 時間 5 分` / `2 h 5 min`.
#[cfg_attr(not(any(feature = "staff", test)), allow(dead_code))]
pub fn waiting_text(minutes: u64, lang: Lang) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match lang {
        Lang::Ja => format!("{h} 時間 {m} 分"),
        Lang::En => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_hours_and_minutes() {
        assert_eq!(waiting_text(125, Lang::Ja), "2 時間 5 分");
        assert_eq!(waiting_text(0, Lang::En), "0 h 0 min");
        assert_eq!(waiting_text(60 * 9 * 3, Lang::En), "27 h 0 min");
    }

    #[test]
    fn reopening_is_offered_until_the_servers_deadline() {
        let closed: DateTime<Utc> = "2026-05-01T03:00:00Z".parse().unwrap();
        assert_eq!(reopen_until_if_closed(closed), "2026-05-15T03:00:00Z".parse::<DateTime<Utc>>().unwrap());
        let mut i: InquiryView = serde_json::from_value(serde_json::json!({
            "id": "5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c11", "company_id": "5d1f5a52-3c1e-4b8e-9d57-4f0e4f3f0c12",
            "company_name": "A", "company_rank": "GOLD", "category": "tickets", "subject": "s", "state": "closed",
            "opened_by": "a@example.com", "created_at": "2026-04-30T00:00:00Z", "last_message_at": "2026-05-01T03:00:00Z",
            "closed_at": "2026-05-01T03:00:00Z", "reopen_until": "2026-05-15T03:00:00Z", "waiting_since": null,
            "waiting_service_minutes": null, "assignee": null, "message_count": 2, "unread": 0
        }))
        .unwrap();
        assert!(may_reopen(&i, "2026-05-15T03:00:00Z".parse().unwrap()));
        assert!(!may_reopen(&i, "2026-05-15T03:00:01Z".parse().unwrap()));
        i.state = InquiryState::Answered;
        assert!(!may_reopen(&i, "2026-05-02T00:00:00Z".parse().unwrap()));
    }
}
