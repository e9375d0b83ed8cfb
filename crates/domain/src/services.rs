//! Option services and applications (R4): the catalogue's terms, whether a company may buy a
//! service now and why not, and the life of an application (R4.6). Pure: the caller stores.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::ErrorCode;
use crate::Rank;

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)"))]
        // The wire names are the variants in snake_case (utoipa does not read a per-variant rename
        // made by a macro); `as_str` gives the same names, and a test checks they agree.
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(
                #[cfg_attr(feature = "db", sea_orm(string_value = $s))]
                $variant,
            )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// What a service is about (R4.1).
    ServiceCategory { Cost => "cost", Security => "security", Training => "training" }
);

string_enum!(
    /// What one application of the service covers (R4.1).
    ServiceScope {
        Environment => "environment",
        AwsAccount => "aws_account",
        Training => "training",
        Actions => "actions",
    }
);

string_enum!(
    /// Staff may pause or end a service at any time (R4.1); existing applications go on.
    ServiceStatus { Active => "active", Paused => "paused", Ended => "ended" }
);

string_enum!(
    /// R4.6: `submitted → accepted → scheduled → in_progress → reported → completed`, plus
    /// `cancelled` (customer, while submitted, where the service allows) and `rejected` (staff).
    ApplicationState {
        Submitted => "submitted",
        Accepted => "accepted",
        Scheduled => "scheduled",
        InProgress => "in_progress",
        Reported => "reported",
        Completed => "completed",
        Cancelled => "cancelled",
        Rejected => "rejected",
    }
);

string_enum!(
    /// What moves an application on. `cancel` is the customer's; the others are staff's.
    ApplicationAction {
        Accept => "accept",
        Schedule => "schedule",
        Start => "start",
        Report => "report",
        Complete => "complete",
        Cancel => "cancel",
        Reject => "reject",
    }
);

string_enum!(
    /// Where the work report goes (R4.8).
    ReportChannel { Backlog => "backlog", Portal => "portal" }
);

string_enum!(
    /// Why the report goes where it goes, for both sides to read.
    ReportChannelReason {
        UnderMaintenance => "under_maintenance",
        NotUnderMaintenance => "not_under_maintenance",
        NoAwsAccount => "no_aws_account",
        BacklogNotConfigured => "backlog_not_configured",
    }
);

string_enum!(
    /// account-diagnosis's steps (R4.5), ticked by staff, seen by the customer.
    ChecklistItem {
        DiagnosisRoleCreated => "diagnosis_role_created",
        ConfigSecurityHubEnabled => "config_security_hub_enabled",
        ReportDelivered => "report_delivered",
        DiagnosisRoleDeleted => "diagnosis_role_deleted",
    }
);

/// R4.8: Backlog when the application's AWS account is under a maintenance contract and the portal
/// has Backlog configured; otherwise the portal thread. `account_under_maintenance` is `None` for
/// a service without an account.
pub fn report_channel(
    account_under_maintenance: Option<bool>,
    backlog_configured: bool,
) -> (ReportChannel, ReportChannelReason) {
    match account_under_maintenance {
        None => (ReportChannel::Portal, ReportChannelReason::NoAwsAccount),
        Some(false) => (ReportChannel::Portal, ReportChannelReason::NotUnderMaintenance),
        Some(true) if !backlog_configured => (ReportChannel::Portal, ReportChannelReason::BacklogNotConfigured),
        Some(true) => (ReportChannel::Backlog, ReportChannelReason::UnderMaintenance),
    }
}

/// The most actions a web-vuln-lite hearing sheet may list (R4.3).
pub const MAX_ACTIONS: u32 = 15;

/// An action that the application's state does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an application that is {} cannot be {action:?}ed", .from.as_str())]
pub struct IllegalTransition {
    pub from: ApplicationState,
    pub action: ApplicationAction,
}

impl ApplicationState {
    /// The state after `action`, or why it is not allowed. Whether the *customer* may cancel also
    /// depends on the service's terms: see [`may_customer_cancel`].
    pub fn after(self, action: ApplicationAction) -> Result<ApplicationState, IllegalTransition> {
        use ApplicationAction as A;
        use ApplicationState as S;
        let next = match (self, action) {
            (S::Submitted, A::Accept) => S::Accepted,
            (S::Accepted, A::Schedule) => S::Scheduled,
            (S::Scheduled, A::Start) => S::InProgress,
            (S::InProgress, A::Report) => S::Reported,
            (S::Reported, A::Complete) => S::Completed,
            (S::Submitted, A::Cancel) => S::Cancelled,
            // Staff may turn an application down until work has started.
            (S::Submitted | S::Accepted | S::Scheduled, A::Reject) => S::Rejected,
            _ => return Err(IllegalTransition { from: self, action }),
        };
        Ok(next)
    }

    /// Cancelled and rejected applications give their tickets back (R4.6).
    pub fn refunds(self) -> bool {
        matches!(self, ApplicationState::Cancelled | ApplicationState::Rejected)
    }

    pub fn is_open(self) -> bool {
        !matches!(self, ApplicationState::Completed | ApplicationState::Cancelled | ApplicationState::Rejected)
    }
}

/// The customer may cancel only while submitted, and only where the terms the application was
/// made under allow it (web-vuln-lite never, R4.4).
pub fn may_customer_cancel(state: ApplicationState, cancellable: bool) -> bool {
    cancellable && state == ApplicationState::Submitted
}

/// Why a company cannot apply for a service now. The API answers with the same reason the form
/// shows (409/422 with a stable code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Unavailable {
    /// The company's rank may not buy it (R4.2).
    RankNotAllowed {
        rank: Rank,
    },
    Paused,
    Ended,
    /// The yearly capacity is used up (R4.4).
    CapacityExhausted,
    /// The balance is below the cost (R3.3).
    InsufficientTickets {
        balance: i32,
        cost: i32,
    },
}

impl Unavailable {
    pub fn code(self) -> ErrorCode {
        match self {
            Unavailable::RankNotAllowed { .. } => ErrorCode::ServiceNotForRank,
            Unavailable::Paused | Unavailable::Ended => ErrorCode::ServiceNotOffered,
            Unavailable::CapacityExhausted => ErrorCode::ServiceCapacityExhausted,
            Unavailable::InsufficientTickets { .. } => ErrorCode::InsufficientTickets,
        }
    }
}

/// The terms a service is offered under, as the catalogue holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub status: ServiceStatus,
    pub ticket_cost: i32,
    pub ranks: Vec<Rank>,
    pub yearly_capacity: Option<u32>,
}

/// Whether a company of `rank` holding `balance` tickets may apply now, with `used` applications
/// of the service counted against its capacity this fiscal year. The first reason found, in the
/// order a person would fix them: the service itself, the rank, then the tickets.
pub fn availability(terms: &Terms, rank: Rank, balance: i32, used: u32) -> Result<(), Unavailable> {
    match terms.status {
        ServiceStatus::Ended => return Err(Unavailable::Ended),
        ServiceStatus::Paused => return Err(Unavailable::Paused),
        ServiceStatus::Active => {}
    }
    if !terms.ranks.contains(&rank) {
        return Err(Unavailable::RankNotAllowed { rank });
    }
    if terms.yearly_capacity.is_some_and(|cap| used >= cap) {
        return Err(Unavailable::CapacityExhausted);
    }
    if balance < terms.ticket_cost {
        return Err(Unavailable::InsufficientTickets { balance, cost: terms.ticket_cost });
    }
    Ok(())
}

// ---- wire types ----------------------------------------------------------------------------------

/// A service of the catalogue as a customer sees it: the terms and whether they may apply now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ServiceView {
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    pub description_ja: String,
    pub description_en: String,
    pub category: ServiceCategory,
    pub scope: ServiceScope,
    pub ticket_cost: i32,
    pub customer_cancellable: bool,
    /// Work starts no earlier than this many business days after the application (R4.4).
    pub min_lead_business_days: u32,
    pub yearly_capacity: Option<u32>,
    pub ranks: Vec<Rank>,
    pub status: ServiceStatus,
    /// Absent when the caller may apply now (or is staff).
    pub unavailable: Option<Unavailable>,
    /// The balance after applying, for the form.
    pub balance_after: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ServiceList {
    pub items: Vec<ServiceView>,
    pub balance: Option<i32>,
}

/// web-vuln-lite's hearing sheet (R4.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct HearingSheet {
    /// The target URL or system.
    pub target: String,
    /// 1–15 actions (screens or operations) to assess.
    pub actions: u32,
    pub window_start: chrono::NaiveDate,
    pub window_end: chrono::NaiveDate,
    /// What the customer will prepare (accounts, test data …).
    pub pre_work: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplyRequest {
    pub service_code: String,
    /// The linked AWS account (12 digits) for per-account services.
    #[serde(default)]
    pub aws_account_id: Option<String>,
    #[serde(default)]
    pub preferred_schedule: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub hearing_sheet: Option<HearingSheet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TransitionRequest {
    pub action: ApplicationAction,
    /// Required to reject; kept on the timeline otherwise.
    #[serde(default)]
    pub note: Option<String>,
}

/// One step of an application's life: who did what when (R4.6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationEventView {
    pub at: DateTime<Utc>,
    pub from_state: Option<ApplicationState>,
    pub to_state: ApplicationState,
    /// E-mail of who did it.
    pub actor: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationView {
    pub id: Uuid,
    pub company_id: Uuid,
    pub company_name: String,
    pub company_rank: Rank,
    pub service_code: String,
    pub service_name_ja: String,
    pub service_name_en: String,
    pub state: ApplicationState,
    /// The tickets it cost, under the terms of the day it was made.
    pub ticket_cost: i32,
    /// Whether the customer may cancel it now.
    pub customer_may_cancel: bool,
    pub aws_account_id: Option<String>,
    pub preferred_schedule: Option<String>,
    pub notes: Option<String>,
    pub hearing_sheet: Option<HearingSheet>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub timeline: Vec<ApplicationEventView>,
    /// Meeting times staff proposed; the customer picks one (which schedules the application).
    pub slots: Vec<SlotView>,
    /// Messages of the other side the caller has not read yet.
    pub unread_messages: u64,
    /// Where the work report goes, and why (R4.8).
    pub report_channel: ReportChannel,
    pub report_channel_reason: ReportChannelReason,
    /// account-diagnosis only: its steps and which are done (R4.5).
    pub checklist: Vec<ChecklistItemView>,
    /// The CSM working it (e-mail), when staff assigned one.
    pub assigned_csm: Option<String>,
}

/// Staff assign an application to a CSM (or clear it with `null`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AssignRequest {
    pub csm_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChecklistItemView {
    pub item: ChecklistItem,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChecklistUpdate {
    pub done: bool,
}

/// Staff deliver the work report (R4.8): into the portal thread, or as a comment on the
/// customer's Backlog issue when the application's channel is Backlog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ReportRequest {
    pub content: String,
    /// The customer's Backlog issue (`PROJ-123`), required when the channel is Backlog.
    #[serde(default)]
    pub backlog_issue_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SlotView {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub picked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SlotInput {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// Staff propose 1–5 meeting times inside service hours (weekdays 10:00–19:00 JST on business days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProposeSlotsRequest {
    pub slots: Vec<SlotInput>,
}

/// One message of an application's contact thread (R4.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MessageView {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// E-mail of who wrote it.
    pub author: String,
    /// Written by our staff (else by the company's users).
    pub from_staff: bool,
    pub body: String,
    /// Files sent with the message (reports, hearing sheets).
    #[serde(default)]
    pub attachments: Vec<AttachmentView>,
}

/// A file in an application's thread. Downloaded from the application's `attachments/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AttachmentView {
    pub id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MessageList {
    pub items: Vec<MessageView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PostMessageRequest {
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationPage {
    pub items: Vec<ApplicationView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    #[serde(default)]
    pub links: crate::paging::PageLinks,
}

/// The staff queue: open applications, PLATINUM first, then the oldest (R6.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationQueue {
    pub items: Vec<ApplicationView>,
}

/// An admin's change of a service's terms (R4.1, R4.2). Absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ServiceUpdate {
    #[cfg_attr(feature = "server", schema(min_length = 1))]
    pub name_ja: Option<String>,
    #[cfg_attr(feature = "server", schema(min_length = 1))]
    pub name_en: Option<String>,
    #[cfg_attr(feature = "server", schema(min_length = 1))]
    pub description_ja: Option<String>,
    #[cfg_attr(feature = "server", schema(min_length = 1))]
    pub description_en: Option<String>,
    #[cfg_attr(feature = "server", schema(minimum = 0, maximum = 1000))]
    pub ticket_cost: Option<i32>,
    pub customer_cancellable: Option<bool>,
    #[cfg_attr(feature = "server", schema(maximum = 250))]
    pub min_lead_business_days: Option<u32>,
    /// `null` keeps it; a number sets it. Use `remove_capacity` to drop it.
    #[cfg_attr(feature = "server", schema(maximum = 100000))]
    pub yearly_capacity: Option<u32>,
    #[serde(default)]
    pub remove_capacity: bool,
    pub ranks: Option<Vec<Rank>>,
    pub status: Option<ServiceStatus>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationAction as A;
    use ApplicationState as S;

    #[test]
    fn r4_6_the_happy_path_runs_in_order_and_nothing_skips_a_step() {
        let path = [
            (A::Accept, S::Accepted),
            (A::Schedule, S::Scheduled),
            (A::Start, S::InProgress),
            (A::Report, S::Reported),
            (A::Complete, S::Completed),
        ];
        let mut s = S::Submitted;
        for (action, next) in path {
            s = s.after(action).unwrap();
            assert_eq!(s, next);
        }
        assert_eq!(S::Submitted.after(A::Start), Err(IllegalTransition { from: S::Submitted, action: A::Start }));
        assert!(S::Completed.after(A::Reject).is_err());
    }

    #[test]
    fn r4_6_every_state_answers_every_action_and_only_open_ones_move() {
        for &s in S::ALL {
            for &a in A::ALL {
                if let Ok(next) = s.after(a) {
                    assert!(s.is_open(), "{s:?} --{a:?}--> {next:?}");
                    assert_ne!(s, next);
                }
            }
        }
    }

    #[test]
    fn r4_6_cancel_only_while_submitted_reject_until_work_starts_and_both_refund() {
        assert_eq!(S::Submitted.after(A::Cancel), Ok(S::Cancelled));
        assert!(S::Accepted.after(A::Cancel).is_err());
        for s in [S::Submitted, S::Accepted, S::Scheduled] {
            assert_eq!(s.after(A::Reject), Ok(S::Rejected));
        }
        assert!(S::InProgress.after(A::Reject).is_err());
        assert!(S::Cancelled.refunds() && S::Rejected.refunds() && !S::Completed.refunds());
        assert!(!may_customer_cancel(S::Submitted, false), "web-vuln-lite (R4.4)");
        assert!(may_customer_cancel(S::Submitted, true) && !may_customer_cancel(S::Accepted, true));
    }

    fn terms() -> Terms {
        Terms {
            status: ServiceStatus::Active,
            ticket_cost: 5,
            ranks: vec![Rank::Gold, Rank::Platinum],
            yearly_capacity: Some(2),
        }
    }

    #[test]
    fn availability_names_the_first_reason_a_person_would_fix() {
        assert_eq!(availability(&terms(), Rank::Gold, 5, 0), Ok(()));
        assert_eq!(
            availability(&terms(), Rank::Gold, 4, 0),
            Err(Unavailable::InsufficientTickets { balance: 4, cost: 5 })
        );
        assert_eq!(
            availability(&terms(), Rank::Silver, 50, 0),
            Err(Unavailable::RankNotAllowed { rank: Rank::Silver })
        );
        assert_eq!(availability(&terms(), Rank::Gold, 50, 2), Err(Unavailable::CapacityExhausted));
        let paused = Terms { status: ServiceStatus::Paused, ..terms() };
        assert_eq!(availability(&paused, Rank::Silver, 0, 9), Err(Unavailable::Paused));
        let ended = Terms { status: ServiceStatus::Ended, ..terms() };
        assert_eq!(availability(&ended, Rank::Gold, 50, 0), Err(Unavailable::Ended));
    }

    #[test]
    fn r4_8_backlog_only_for_accounts_under_maintenance_and_only_when_configured() {
        use ReportChannel as C;
        use ReportChannelReason as R;
        assert_eq!(report_channel(Some(true), true), (C::Backlog, R::UnderMaintenance));
        assert_eq!(report_channel(Some(true), false), (C::Portal, R::BacklogNotConfigured));
        assert_eq!(report_channel(Some(false), true), (C::Portal, R::NotUnderMaintenance));
        assert_eq!(report_channel(None, true), (C::Portal, R::NoAwsAccount));
    }

    fn same_names<T: Serialize + Copy>(all: &[T], name: impl Fn(T) -> &'static str) {
        for &v in all {
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{}\"", name(v)));
        }
    }

    #[test]
    fn names_round_trip() {
        for &s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
        same_names(S::ALL, S::as_str);
        same_names(A::ALL, A::as_str);
        same_names(ServiceCategory::ALL, ServiceCategory::as_str);
        same_names(ServiceScope::ALL, ServiceScope::as_str);
        same_names(ServiceStatus::ALL, ServiceStatus::as_str);
        same_names(ReportChannel::ALL, ReportChannel::as_str);
        same_names(ReportChannelReason::ALL, ReportChannelReason::as_str);
        same_names(ChecklistItem::ALL, ChecklistItem::as_str);
        assert_eq!(
            serde_json::to_string(&Unavailable::CapacityExhausted).unwrap(),
            r#"{"reason":"capacity_exhausted"}"#
        );
    }
}
