//! Inquiries about cloudpack+ (R7.7): what a company's users ask our staff, the life of an
//! inquiry (open → answered → open … → closed, reopened within 14 days), and how long one has been
//! waiting for us, counted in service hours. Pure: the caller stores.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::business_days::{BusinessCalendar, UncoveredYear};
use crate::codes::ErrorCode;
use crate::paging::PageLinks;
use crate::problem::FieldError;
use crate::Rank;

/// What an inquiry is about. Only cloudpack+ matters are taken here; requests about the
/// cloudpack services themselves (operations, maintenance) go to Backlog, cloudpack support or
/// sales (§4.5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum InquiryCategory {
    /// Ranks, tickets and their balance.
    #[cfg_attr(feature = "db", sea_orm(string_value = "tickets"))]
    Tickets,
    /// Option services and applications.
    #[cfg_attr(feature = "db", sea_orm(string_value = "services"))]
    Services,
    /// Trainings and their bookings.
    #[cfg_attr(feature = "db", sea_orm(string_value = "trainings"))]
    Trainings,
    /// Cloud optimization support.
    #[cfg_attr(feature = "db", sea_orm(string_value = "optimization"))]
    Optimization,
    /// Using the portal itself: users, sign-in, API tokens.
    #[cfg_attr(feature = "db", sea_orm(string_value = "portal"))]
    Portal,
    /// Anything else about cloudpack+.
    #[cfg_attr(feature = "db", sea_orm(string_value = "other"))]
    Other,
}

impl InquiryCategory {
    pub const ALL: [InquiryCategory; 6] = [
        InquiryCategory::Tickets,
        InquiryCategory::Services,
        InquiryCategory::Trainings,
        InquiryCategory::Optimization,
        InquiryCategory::Portal,
        InquiryCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InquiryCategory::Tickets => "tickets",
            InquiryCategory::Services => "services",
            InquiryCategory::Trainings => "trainings",
            InquiryCategory::Optimization => "optimization",
            InquiryCategory::Portal => "portal",
            InquiryCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<InquiryCategory> {
        InquiryCategory::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Where an inquiry stands: `open` waits for our staff, `answered` for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum InquiryState {
    #[cfg_attr(feature = "db", sea_orm(string_value = "open"))]
    Open,
    #[cfg_attr(feature = "db", sea_orm(string_value = "answered"))]
    Answered,
    #[cfg_attr(feature = "db", sea_orm(string_value = "closed"))]
    Closed,
}

impl InquiryState {
    pub const ALL: [InquiryState; 3] = [InquiryState::Open, InquiryState::Answered, InquiryState::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            InquiryState::Open => "open",
            InquiryState::Answered => "answered",
            InquiryState::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<InquiryState> {
        InquiryState::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// How long after closing the customer may reopen an inquiry.
pub const REOPEN_DAYS: i64 = 14;
pub const SUBJECT_LIMIT: usize = 200;
pub const BODY_LIMIT: usize = 10_000;

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub code: ErrorCode,
    pub detail: String,
}

fn refused(code: ErrorCode, detail: impl Into<String>) -> Refused {
    Refused { code, detail: detail.into() }
}

/// The state after a new message: staff answer (`answered`), the customer replies (`open`). A
/// closed inquiry takes no messages until the customer reopens it.
pub fn after_message(state: InquiryState, from_staff: bool) -> Result<InquiryState, Refused> {
    match state {
        InquiryState::Closed => {
            Err(refused(ErrorCode::InvalidTransition, "the inquiry is closed; reopen it to write again"))
        }
        _ if from_staff => Ok(InquiryState::Answered),
        _ => Ok(InquiryState::Open),
    }
}

/// Either side may close an inquiry that is not closed yet.
pub fn close(state: InquiryState) -> Result<InquiryState, Refused> {
    match state {
        InquiryState::Closed => Err(refused(ErrorCode::InvalidTransition, "the inquiry is already closed")),
        _ => Ok(InquiryState::Closed),
    }
}

/// The customer reopens a closed inquiry within [`REOPEN_DAYS`] days of its closing; it is open
/// (waiting for us) again.
pub fn reopen(
    state: InquiryState,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<InquiryState, Refused> {
    if state != InquiryState::Closed {
        return Err(refused(
            ErrorCode::InvalidTransition,
            format!("the inquiry is {}; only a closed one reopens", state.as_str()),
        ));
    }
    match closed_at {
        Some(at) if now - at <= Duration::days(REOPEN_DAYS) => Ok(InquiryState::Open),
        _ => Err(refused(
            ErrorCode::ReopenPeriodOver,
            format!("an inquiry can be reopened within {REOPEN_DAYS} days of closing; open a new one"),
        )),
    }
}

/// Since when an inquiry waits for us after a move to `to`: a customer's message starts the wait
/// unless one is already running (several replies in a row wait since the first); staff answers
/// and closing end it.
pub fn waiting_since(to: InquiryState, before: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match to {
        InquiryState::Open => Some(before.unwrap_or(now)),
        InquiryState::Answered | InquiryState::Closed => None,
    }
}

/// Whole minutes of service hours (weekdays 10:00–19:00 JST on business days) from `since` to
/// `now`: how long the customer has been waiting for us, as staff count it.
pub fn waiting_service_minutes(
    calendar: &BusinessCalendar,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, UncoveredYear> {
    Ok(calendar.service_hours_between(since, now)?.num_minutes().max(0) as u64)
}

/// The checked fields of a new inquiry.
pub struct NewInquiry {
    pub category: InquiryCategory,
    pub subject: String,
    pub body: String,
}

/// A message body: trimmed, not empty, at most [`BODY_LIMIT`] characters.
pub fn parse_body(field: &str, body: &str) -> Result<String, FieldError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required, "write a message"));
    }
    if body.chars().count() > BODY_LIMIT {
        return Err(FieldError::new(field, ErrorCode::TooLong, format!("at most {BODY_LIMIT} characters")));
    }
    // Line breaks and tabs are text; other control characters (NUL above all) are not.
    if body.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(FieldError::new(field, ErrorCode::Invalid, "control characters are not allowed"));
    }
    Ok(body.to_owned())
}

impl OpenInquiryRequest {
    /// Every field's problem at once.
    pub fn parse(&self) -> Result<NewInquiry, Vec<FieldError>> {
        let mut errors = Vec::new();
        let subject = self.subject.trim();
        if subject.is_empty() {
            errors.push(FieldError::new("subject", ErrorCode::Required, "write a subject"));
        } else if subject.chars().count() > SUBJECT_LIMIT {
            errors.push(FieldError::new("subject", ErrorCode::TooLong, format!("at most {SUBJECT_LIMIT} characters")));
        } else if subject.chars().any(char::is_control) {
            errors.push(FieldError::new("subject", ErrorCode::Invalid, "one line without control characters"));
        }
        let body = parse_body("body", &self.body).map_err(|e| errors.push(e)).ok();
        match body {
            Some(body) if errors.is_empty() => {
                Ok(NewInquiry { category: self.category, subject: subject.to_owned(), body })
            }
            _ => Err(errors),
        }
    }
}

/// A company's user opens an inquiry about cloudpack+. Only cloudpack+ matters are taken here:
/// requests about the cloudpack services themselves (operations and maintenance of your AWS
/// environment, billing) go to Backlog or cloudpack support as before, and contracts to sales
/// (§4.5.3). Files are sent afterwards to the inquiry's `attachments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OpenInquiryRequest {
    pub category: InquiryCategory,
    /// One line, 1–200 characters.
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 200))]
    pub subject: String,
    /// The question, 1–10,000 characters; it becomes the thread's first message.
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 10000))]
    pub body: String,
}

/// Who an inquiry is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InquiryAssignee {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
}

/// One inquiry, as a row of a list and as the detail above its thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InquiryView {
    pub id: Uuid,
    pub company_id: Uuid,
    pub company_name: String,
    pub company_rank: Rank,
    pub category: InquiryCategory,
    pub subject: String,
    pub state: InquiryState,
    /// E-mail of the user who opened it.
    pub opened_by: String,
    pub created_at: DateTime<Utc>,
    /// The latest message.
    pub last_message_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Until when the customer may reopen it (closed inquiries only).
    pub reopen_until: Option<DateTime<Utc>>,
    /// Waiting for us since (while `open`): the customer's first message after our last answer.
    pub waiting_since: Option<DateTime<Utc>>,
    /// How long it has waited for us, in minutes of service hours (weekdays 10:00–19:00 JST on
    /// business days).
    pub waiting_service_minutes: Option<u64>,
    pub assignee: Option<InquiryAssignee>,
    pub message_count: u64,
    /// Messages the caller has not read yet (their own never count).
    pub unread: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InquiryPage {
    pub items: Vec<InquiryView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    #[serde(default)]
    pub links: PageLinks,
}

/// Staff assign an inquiry to a CSM or an admin (or clear it with `null`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AssignInquiryRequest {
    pub assignee_id: Option<Uuid>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn staff_answer_the_customer_reopens_the_wait_and_closed_takes_no_messages() {
        assert_eq!(after_message(InquiryState::Open, true), Ok(InquiryState::Answered));
        assert_eq!(after_message(InquiryState::Answered, false), Ok(InquiryState::Open));
        assert_eq!(after_message(InquiryState::Open, false), Ok(InquiryState::Open));
        assert_eq!(after_message(InquiryState::Answered, true), Ok(InquiryState::Answered));
        assert_eq!(after_message(InquiryState::Closed, false).unwrap_err().code, ErrorCode::InvalidTransition);
        assert_eq!(close(InquiryState::Answered), Ok(InquiryState::Closed));
        assert_eq!(close(InquiryState::Closed).unwrap_err().code, ErrorCode::InvalidTransition);
    }

    #[test]
    fn reopening_is_for_14_days_after_closing() {
        let closed = utc("2026-05-01T12:00:00Z");
        assert_eq!(reopen(InquiryState::Closed, Some(closed), closed + Duration::days(14)), Ok(InquiryState::Open));
        let late = reopen(InquiryState::Closed, Some(closed), closed + Duration::days(14) + Duration::seconds(1));
        assert_eq!(late.unwrap_err().code, ErrorCode::ReopenPeriodOver);
        assert_eq!(reopen(InquiryState::Open, None, closed).unwrap_err().code, ErrorCode::InvalidTransition);
    }

    #[test]
    fn the_wait_starts_at_the_first_unanswered_message() {
        let (a, b) = (utc("2026-05-07T01:00:00Z"), utc("2026-05-07T02:00:00Z"));
        assert_eq!(waiting_since(InquiryState::Open, None, a), Some(a));
        assert_eq!(waiting_since(InquiryState::Open, Some(a), b), Some(a));
        assert_eq!(waiting_since(InquiryState::Answered, Some(a), b), None);
        assert_eq!(waiting_since(InquiryState::Closed, Some(a), b), None);
    }

    #[test]
    fn waiting_counts_service_hours_only() {
        let c = BusinessCalendar::default();
        // Thursday 2026-05-07 18:00 JST to Friday 11:00 JST: 1 h + 1 h.
        let m = waiting_service_minutes(&c, utc("2026-05-07T18:00:00+09:00"), utc("2026-05-08T11:00:00+09:00"));
        assert_eq!(m, Ok(120));
        // Friday 18:30 to Monday 10:30: 30 min + 30 min, the weekend not counted.
        let m = waiting_service_minutes(&c, utc("2026-05-08T18:30:00+09:00"), utc("2026-05-11T10:30:00+09:00"));
        assert_eq!(m, Ok(60));
        // Golden Week: Saturday 2 May to Wednesday 6 May 2026 are no business days.
        let m = waiting_service_minutes(&c, utc("2026-05-01T18:00:00+09:00"), utc("2026-05-07T10:00:00+09:00"));
        assert_eq!(m, Ok(60));
        // Asked in the night, read before opening: nothing yet.
        let m = waiting_service_minutes(&c, utc("2026-05-07T22:00:00+09:00"), utc("2026-05-08T09:59:00+09:00"));
        assert_eq!(m, Ok(0));
    }

    #[test]
    fn a_new_inquiry_names_each_bad_field() {
        let req = OpenInquiryRequest { category: InquiryCategory::Tickets, subject: " ".into(), body: "".into() };
        let errors = req.parse().err().unwrap();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(fields, [("subject", "required"), ("body", "required")]);
        let long = OpenInquiryRequest { subject: "x".repeat(201), body: "ok".into(), ..req.clone() };
        assert_eq!(long.parse().err().unwrap()[0].code, "too_long");
        let nul = OpenInquiryRequest { subject: "a".into(), body: "a\0b".into(), ..req.clone() };
        assert_eq!(nul.parse().err().unwrap()[0].field, "body");
        assert!(parse_body("body", "一行目\r\n\t二行目").is_ok());
        let ok = OpenInquiryRequest { subject: " 残高 ".into(), body: " 教えて ".into(), ..req };
        let parsed = ok.parse().ok().unwrap();
        assert_eq!((parsed.subject.as_str(), parsed.body.as_str()), ("残高", "教えて"));
    }

    proptest! {
        /// Waiting time adds up over any split, never exceeds the time that passed, and never
        /// more than 9 hours a calendar day.
        #[test]
        fn waiting_is_additive_and_bounded(a in 0i64..60 * 24 * 40, d1 in 0i64..60 * 24 * 20, d2 in 0i64..60 * 24 * 20) {
            let c = BusinessCalendar::default();
            let base = utc("2026-04-01T00:00:00Z");
            let (t0, t1, t2) = (base + Duration::minutes(a), base + Duration::minutes(a + d1), base + Duration::minutes(a + d1 + d2));
            let whole = c.service_hours_between(t0, t2).unwrap();
            prop_assert_eq!(whole, c.service_hours_between(t0, t1).unwrap() + c.service_hours_between(t1, t2).unwrap());
            prop_assert!(whole <= t2 - t0);
            let days = (t2 - t0).num_days() + 2;
            prop_assert!(whole <= Duration::hours(9 * days));
            let m = waiting_service_minutes(&c, t0, t2).unwrap();
            prop_assert_eq!(m as i64, whole.num_minutes());
            prop_assert!(waiting_service_minutes(&c, t0, t1).unwrap() <= m);
        }
    }
}
