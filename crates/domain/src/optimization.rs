//! Cloud optimization support (R6): which ranks have it, who their CSM is, the engagement a CSM
//! opens with a kickoff, the proposals and their life (R6.2), and the history of measured effects
//! (R6.3). Pure: the caller stores.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::business_days::BusinessCalendar;
use crate::codes::ErrorCode;
use crate::fiscal::FiscalYear;
use crate::inquiries::parse_body;
use crate::problem::FieldError;
use crate::rank::CsmKind;
use crate::services::{string_enum, MessageView, SlotInput, SlotView};
use crate::Rank;

/// The lowest rank that has the service (R6.1).
pub const UNLOCKS_AT: Rank = Rank::Silver;
pub const TITLE_LIMIT: usize = 200;
pub const MAX_SLOTS: usize = 5;

/// Whether a company of `rank` (its current fiscal year's) has the service.
pub fn available(rank: Rank) -> bool {
    rank >= UNLOCKS_AT
}

string_enum!(
    /// What a proposal improves.
    ProposalCategory {
        Cost => "cost",
        Security => "security",
        Architecture => "architecture",
        Performance => "performance",
        Operations => "operations",
    }
);

string_enum!(
    /// `proposed → agreed → in_progress → done`, or `declined` (by the customer, before work starts).
    ProposalStatus {
        Proposed => "proposed",
        Agreed => "agreed",
        InProgress => "in_progress",
        Done => "done",
        Declined => "declined",
    }
);

string_enum!(
    /// What moves a proposal on: `agree` and `decline` are the customer's, `start` and `complete` the CSM's.
    ProposalAction { Agree => "agree", Decline => "decline", Start => "start", Complete => "complete" }
);

string_enum!(
    /// Agreed with the customer (§3.1.2): the CSM proposes one, the customer may change it on agreeing.
    Priority { High => "high", Medium => "medium", Low => "low" }
);

string_enum!(
    /// How the build or configuration work is ordered (R6.4): the portal only records it.
    WorkOrder { MaintenanceContract => "maintenance_contract", SeparateQuote => "separate_quote" }
);

string_enum!(
    /// The unit of an effect measurement; only `yen_per_month` counts as a monthly saving.
    MeasurementUnit {
        YenPerMonth => "yen_per_month",
        Percent => "percent",
        HoursPerMonth => "hours_per_month",
        Count => "count",
    }
);

string_enum!(
    /// An engagement is open from its kickoff until the CSM closes it or the rank falls below SILVER.
    EngagementState { Open => "open", Closed => "closed" }
);

/// Why a move is refused: the code and the state it was refused in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub code: ErrorCode,
    pub detail: String,
}

impl ProposalAction {
    pub fn by_customer(self) -> bool {
        matches!(self, ProposalAction::Agree | ProposalAction::Decline)
    }
}

impl ProposalStatus {
    /// The status after `action`, or 409 `invalid_transition` naming the current status.
    pub fn after(self, action: ProposalAction) -> Result<ProposalStatus, Refused> {
        use ProposalAction as A;
        use ProposalStatus as S;
        match (self, action) {
            (S::Proposed, A::Agree) => Ok(S::Agreed),
            (S::Proposed | S::Agreed, A::Decline) => Ok(S::Declined),
            (S::Agreed, A::Start) => Ok(S::InProgress),
            (S::InProgress, A::Complete) => Ok(S::Done),
            (s, a) => Err(Refused {
                code: ErrorCode::InvalidTransition,
                detail: format!("the proposal is {}; it cannot {}", s.as_str(), a.as_str()),
            }),
        }
    }
}

/// The kind of CSM a company of `rank` is given: dedicated for PLATINUM, shared for GOLD and
/// SILVER, none below (R6.1).
pub fn csm_kind(rank: Rank) -> CsmKind {
    rank.benefits().csm
}

/// A CSM holds at most one dedicated company unless an admin overrides with a reason.
/// `other_dedicated` counts the CSM's dedicated companies other than this one.
pub fn check_dedicated(kind: CsmKind, other_dedicated: u64, override_reason: Option<&str>) -> Result<(), Refused> {
    if kind != CsmKind::Dedicated || other_dedicated == 0 || override_reason.is_some() {
        return Ok(());
    }
    Err(Refused {
        code: ErrorCode::CsmAlreadyDedicated,
        detail: format!(
            "this CSM is already the dedicated CSM of {other_dedicated} company; give override_reason to assign anyway"
        ),
    })
}

/// The monthly saving in yen a measurement shows: `baseline - result` when measured in yen per month.
pub fn monthly_saving_yen(unit: MeasurementUnit, baseline: f64, result: f64) -> Option<i64> {
    (unit == MeasurementUnit::YenPerMonth).then(|| (baseline - result).round() as i64)
}

/// The fiscal year (April to March) of a calendar date.
pub fn fiscal_year_of(date: NaiveDate) -> FiscalYear {
    FiscalYear(if date.month() >= 4 { date.year() } else { date.year() - 1 })
}

/// Meeting times a CSM proposes: 1–[`MAX_SLOTS`], each in the future and inside service hours
/// (weekdays 10:00–19:00 JST on business days), the same rule as an application's slots.
pub fn check_slots(
    calendar: &BusinessCalendar,
    slots: &[SlotInput],
    now: DateTime<Utc>,
) -> Result<(), Vec<FieldError>> {
    if slots.is_empty() || slots.len() > MAX_SLOTS {
        return Err(vec![FieldError::new("slots", ErrorCode::OutOfRange, format!("propose 1 to {MAX_SLOTS} times"))]);
    }
    let mut errors = Vec::new();
    for (i, s) in slots.iter().enumerate() {
        let field = format!("slots[{i}]");
        let inside = calendar.slot_within_service_hours(s.starts_at, s.ends_at).unwrap_or(false);
        if s.starts_at <= now {
            errors.push(FieldError::new(&field, ErrorCode::TimeInPast, "must be in the future"));
        } else if !inside {
            errors.push(FieldError::new(
                &field,
                ErrorCode::OutsideServiceHours,
                "outside service hours (weekdays 10:00–19:00 JST on business days)",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The company's CSM as the company sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CsmView {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    /// `dedicated` (PLATINUM) or `shared` (GOLD, SILVER).
    pub kind: CsmKind,
    /// Why an admin gave a CSM a second dedicated company (staff only see it; empty otherwise).
    #[serde(default)]
    pub override_reason: Option<String>,
}

/// An admin assigns the company's CSM (R6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AssignCsmRequest {
    pub csm_id: Uuid,
    /// Required to make a CSM the dedicated CSM of a second PLATINUM company.
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 500))]
    pub override_reason: Option<String>,
}

/// The CSM opens the engagement with a kickoff message and meeting times (R6.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OpenEngagementRequest {
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 10000))]
    pub kickoff: String,
    /// 1–5 kickoff meeting times inside service hours.
    pub slots: Vec<SlotInput>,
}

/// The company's engagement: open, or the last one closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EngagementDetail {
    pub id: Uuid,
    pub state: EngagementState,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Why it was closed (e.g. the rank fell below SILVER at the yearly rollover).
    pub close_note: Option<String>,
    /// Kickoff meeting times; the customer picks one.
    pub slots: Vec<SlotView>,
    /// The kickoff message first, then the conversation, oldest first.
    pub messages: Vec<MessageView>,
}

/// Cloud optimization for one company. A company below SILVER gets this too, with `available`
/// false and `unlocks_at`, not an error: the page says what the service is and which rank opens it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EngagementView {
    pub available: bool,
    /// The company's rank in its current fiscal year.
    pub rank: Rank,
    /// The lowest rank with the service: SILVER.
    pub unlocks_at: Rank,
    pub csm: Option<CsmView>,
    pub engagement: Option<EngagementDetail>,
}

/// A CSM's proposal (R6.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProposalRequest {
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 200))]
    pub title: String,
    pub category: ProposalCategory,
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 10000))]
    pub findings: String,
    /// In words: e.g. the saving, or the risk reduced.
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 10000))]
    pub expected_effect: String,
    /// The expected saving in yen per month, when there is one.
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(minimum = 0, maximum = 1_000_000_000_000_i64))]
    pub expected_saving_yen_per_month: Option<i64>,
    /// E.g. "2 person-days".
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 200))]
    pub estimated_effort: String,
    pub priority: Priority,
    pub work_order: WorkOrder,
}

/// The checked fields of a proposal.
pub struct NewProposal {
    pub title: String,
    pub category: ProposalCategory,
    pub findings: String,
    pub expected_effect: String,
    pub expected_saving_yen_per_month: Option<i64>,
    pub estimated_effort: String,
    pub priority: Priority,
    pub work_order: WorkOrder,
}

fn short(field: &str, value: &str, limit: usize) -> Result<String, FieldError> {
    let v = parse_body(field, value)?;
    if v.chars().count() > limit {
        return Err(FieldError::new(field, ErrorCode::TooLong, format!("at most {limit} characters")));
    }
    Ok(v)
}

impl ProposalRequest {
    /// Every field's problem at once.
    pub fn parse(&self) -> Result<NewProposal, Vec<FieldError>> {
        let title = short("title", &self.title, TITLE_LIMIT);
        let findings = parse_body("findings", &self.findings);
        let effect = parse_body("expected_effect", &self.expected_effect);
        let effort = short("estimated_effort", &self.estimated_effort, TITLE_LIMIT);
        let saving = match self.expected_saving_yen_per_month {
            Some(y) if !(0..=1_000_000_000_000).contains(&y) => Err(FieldError::new(
                "expected_saving_yen_per_month",
                ErrorCode::OutOfRange,
                "0 to 1,000,000,000,000 yen",
            )),
            other => Ok(other),
        };
        match (title, findings, effect, effort, saving) {
            (Ok(title), Ok(findings), Ok(expected_effect), Ok(estimated_effort), Ok(saving)) => Ok(NewProposal {
                title,
                category: self.category,
                findings,
                expected_effect,
                expected_saving_yen_per_month: saving,
                estimated_effort,
                priority: self.priority,
                work_order: self.work_order,
            }),
            (a, b, c, d, e) => Err([a.err(), b.err(), c.err(), d.err(), e.err()].into_iter().flatten().collect()),
        }
    }
}

/// The customer agrees, optionally changing the priority (agreed with them, §3.1.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AgreeRequest {
    #[serde(default)]
    pub priority: Option<Priority>,
}

/// The CSM moves an agreed proposal on: `start` or `complete`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProposalTransitionRequest {
    pub action: ProposalAction,
}

/// The effect measured after completion (§3.1.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MeasurementRequest {
    #[cfg_attr(feature = "server", schema(minimum = -1e15, maximum = 1e15))]
    pub baseline: f64,
    #[cfg_attr(feature = "server", schema(minimum = -1e15, maximum = 1e15))]
    pub result: f64,
    pub unit: MeasurementUnit,
    pub measured_on: NaiveDate,
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(max_length = 10000))]
    pub note: String,
}

impl MeasurementRequest {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, v) in [("baseline", self.baseline), ("result", self.result)] {
            if !v.is_finite() || v.abs() > 1e15 {
                errors.push(FieldError::new(field, ErrorCode::OutOfRange, "a finite number up to 1e15"));
            }
        }
        if self.note.chars().count() > crate::inquiries::BODY_LIMIT {
            errors.push(FieldError::new("note", ErrorCode::TooLong, "at most 10000 characters"));
        }
        if self.note.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            errors.push(FieldError::new("note", ErrorCode::Invalid, "control characters are not allowed"));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MeasurementView {
    pub baseline: f64,
    pub result: f64,
    pub unit: MeasurementUnit,
    pub measured_on: NaiveDate,
    pub note: String,
    /// `baseline - result` in yen when the unit is `yen_per_month`.
    pub monthly_saving_yen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProposalView {
    pub id: Uuid,
    pub title: String,
    pub category: ProposalCategory,
    pub findings: String,
    pub expected_effect: String,
    pub expected_saving_yen_per_month: Option<i64>,
    pub estimated_effort: String,
    pub priority: Priority,
    pub work_order: WorkOrder,
    pub status: ProposalStatus,
    /// E-mail of the CSM who proposed it.
    pub proposed_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub measurement: Option<MeasurementView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProposalList {
    /// Newest first.
    pub items: Vec<ProposalView>,
}

/// A comment on a proposal, from either side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CommentRequest {
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 10000))]
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: ProposalStatus,
    pub count: u64,
}

/// Measured monthly savings of one fiscal year (by the measurement date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct YearSavings {
    pub fiscal_year: FiscalYear,
    /// Sum of the monthly savings (yen) measured in that year.
    pub monthly_saving_yen: i64,
    /// How many yen-per-month measurements were taken.
    pub measurements: u64,
}

/// The company's improvement history (R6.3): readable whatever the rank is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct HistoryView {
    /// Every status, in the order of the life of a proposal, with zero where there is none.
    pub by_status: Vec<StatusCount>,
    /// Oldest year first, only years with a measurement.
    pub years: Vec<YearSavings>,
    pub total_monthly_saving_yen: i64,
}

/// One proposal as the history counts it: its status and, if measured, the date and monthly saving.
pub type HistoryRow = (ProposalStatus, Option<(NaiveDate, Option<i64>)>);

/// Builds the history from each proposal's status and, if measured, its date and monthly saving.
pub fn history(rows: &[HistoryRow]) -> HistoryView {
    let by_status = ProposalStatus::ALL
        .iter()
        .map(|&status| StatusCount { status, count: rows.iter().filter(|(s, _)| *s == status).count() as u64 })
        .collect();
    let mut years: Vec<YearSavings> = Vec::new();
    for (_, m) in rows {
        if let Some((on, Some(yen))) = m {
            let fy = fiscal_year_of(*on);
            match years.iter_mut().find(|y| y.fiscal_year == fy) {
                Some(y) => {
                    y.monthly_saving_yen += yen;
                    y.measurements += 1;
                }
                None => years.push(YearSavings { fiscal_year: fy, monthly_saving_yen: *yen, measurements: 1 }),
            }
        }
    }
    years.sort_by_key(|y| y.fiscal_year);
    let total_monthly_saving_yen = years.iter().map(|y| y.monthly_saving_yen).sum();
    HistoryView { by_status, years, total_monthly_saving_yen }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_silver_and_above_have_the_service() {
        assert!(!available(Rank::Regular) && !available(Rank::Bronze));
        assert!(available(Rank::Silver) && available(Rank::Gold) && available(Rank::Platinum));
    }

    #[test]
    fn the_life_of_a_proposal() {
        use ProposalAction as A;
        use ProposalStatus as S;
        assert_eq!(S::Proposed.after(A::Agree), Ok(S::Agreed));
        assert_eq!(S::Agreed.after(A::Start), Ok(S::InProgress));
        assert_eq!(S::InProgress.after(A::Complete), Ok(S::Done));
        assert_eq!(S::Proposed.after(A::Decline), Ok(S::Declined));
        let refused = S::Done.after(A::Decline).unwrap_err();
        assert_eq!(refused.code, ErrorCode::InvalidTransition);
        assert!(refused.detail.contains("done"), "{}", refused.detail);
        assert!(S::Proposed.after(A::Start).is_err() && S::Declined.after(A::Agree).is_err());
    }

    #[test]
    fn a_second_dedicated_company_needs_an_override() {
        assert!(check_dedicated(CsmKind::Dedicated, 0, None).is_ok());
        assert_eq!(check_dedicated(CsmKind::Dedicated, 1, None).unwrap_err().code, ErrorCode::CsmAlreadyDedicated);
        assert!(check_dedicated(CsmKind::Dedicated, 1, Some("引継ぎ期間")).is_ok());
        assert!(check_dedicated(CsmKind::Shared, 3, None).is_ok());
    }

    #[test]
    fn savings_are_summed_per_fiscal_year() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let rows = [
            (ProposalStatus::Done, Some((d("2026-03-31"), Some(1000)))),
            (ProposalStatus::Done, Some((d("2026-04-01"), Some(2000)))),
            (ProposalStatus::Done, Some((d("2027-03-01"), Some(500)))),
            (ProposalStatus::Done, Some((d("2026-05-01"), None))),
            (ProposalStatus::Proposed, None),
        ];
        let h = history(&rows);
        assert_eq!(
            h.years.iter().map(|y| (y.fiscal_year.0, y.monthly_saving_yen, y.measurements)).collect::<Vec<_>>(),
            [(2025, 1000, 1), (2026, 2500, 2)]
        );
        assert_eq!(h.total_monthly_saving_yen, 3500);
        assert_eq!(h.by_status[0], StatusCount { status: ProposalStatus::Proposed, count: 1 });
        assert_eq!(monthly_saving_yen(MeasurementUnit::YenPerMonth, 120_000.0, 80_000.0), Some(40_000));
        assert_eq!(monthly_saving_yen(MeasurementUnit::Percent, 50.0, 20.0), None);
    }
}
