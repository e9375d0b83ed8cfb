//! Trainings (R5): an admin-edited menu per fiscal year; BRONZE and above book them free up to
//! their rank's yearly count, one booking per menu; after that the same menu is booked as the
//! option service aws-training, with tickets (R5.2). Pure: the caller stores and locks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::ErrorCode;
use crate::Rank;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum TrainingFormat {
    #[cfg_attr(feature = "db", sea_orm(string_value = "seminar"))]
    Seminar,
    #[cfg_attr(feature = "db", sea_orm(string_value = "hands_on"))]
    HandsOn,
}

/// How a booking is paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingRoute {
    /// One of the rank's free trainings of the year (R5.1).
    Free,
    /// The option service aws-training, with the menu's tickets (R5.2).
    Tickets,
}

/// Why a booking cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum BookingRefusal {
    /// The rank has no free trainings (REGULAR).
    NoFreeTrainings {
        rank: Rank,
    },
    /// This year's free trainings are used; the ticket route remains (R5.2).
    FreeTrainingsUsedUp {
        ticket_cost: i32,
    },
    AlreadyBooked,
    /// A hands-on menu's seats are taken.
    Full,
    /// The training has started (or is over).
    Past,
}

impl BookingRefusal {
    pub fn code(self) -> ErrorCode {
        match self {
            BookingRefusal::NoFreeTrainings { .. } => ErrorCode::ServiceNotForRank,
            BookingRefusal::FreeTrainingsUsedUp { .. } => ErrorCode::FreeTrainingsUsedUp,
            BookingRefusal::AlreadyBooked => ErrorCode::AlreadyBooked,
            BookingRefusal::Full => ErrorCode::TrainingFull,
            BookingRefusal::Past => ErrorCode::ServiceNotOffered,
        }
    }
}

/// What a booking needs to know, read under the locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingFacts {
    pub rank: Rank,
    pub free_used: u32,
    pub already_booked: bool,
    pub seat_limit: Option<u32>,
    pub seats_taken: u32,
    pub starts_in_future: bool,
    pub ticket_cost: i32,
}

/// Whether the booking may be made by `route`. The ticket route's balance is the ledger's rule,
/// checked when the tickets are spent.
pub fn may_book(route: BookingRoute, f: BookingFacts) -> Result<(), BookingRefusal> {
    if !f.starts_in_future {
        return Err(BookingRefusal::Past);
    }
    if f.already_booked {
        return Err(BookingRefusal::AlreadyBooked);
    }
    if f.seat_limit.is_some_and(|limit| f.seats_taken >= limit) {
        return Err(BookingRefusal::Full);
    }
    if route == BookingRoute::Free {
        let allowed = f.rank.benefits().free_trainings;
        if allowed == 0 {
            return Err(BookingRefusal::NoFreeTrainings { rank: f.rank });
        }
        if f.free_used >= allowed {
            return Err(BookingRefusal::FreeTrainingsUsedUp { ticket_cost: f.ticket_cost });
        }
    }
    Ok(())
}

/// The route the portal offers first (R5.2: free first, then tickets).
pub fn offered_route(rank: Rank, free_used: u32) -> BookingRoute {
    if free_used < rank.benefits().free_trainings {
        BookingRoute::Free
    } else {
        BookingRoute::Tickets
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NewTrainingMenu {
    /// The fiscal year `starts_at` falls in.
    pub fiscal_year: i32,
    #[cfg_attr(feature = "server", schema(min_length = 1))]
    pub title_ja: String,
    #[cfg_attr(feature = "server", schema(min_length = 1))]
    pub title_en: String,
    pub format: TrainingFormat,
    pub starts_at: DateTime<Utc>,
    #[cfg_attr(feature = "server", schema(minimum = 15, maximum = 1440))]
    pub duration_minutes: u32,
    /// Hands-on menus may limit seats (companies).
    #[cfg_attr(feature = "server", schema(minimum = 1))]
    pub seat_limit: Option<u32>,
    /// Tickets when booked as aws-training (2 or more, R4.1).
    #[cfg_attr(feature = "server", schema(minimum = 2, maximum = 100))]
    pub ticket_cost: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TrainingMenuView {
    pub id: Uuid,
    pub fiscal_year: i32,
    pub title_ja: String,
    pub title_en: String,
    pub format: TrainingFormat,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: u32,
    pub seat_limit: Option<u32>,
    pub seats_left: Option<u32>,
    pub ticket_cost: i32,
    /// The caller's company has booked it.
    pub booked: bool,
    /// The caller's company's booking of it (its id cancels a free booking; a ticket booking names
    /// its aws-training application).
    #[serde(default)]
    pub booking: Option<BookingView>,
    /// The route the portal offers the caller now, when it may book.
    pub offered_route: Option<BookingRoute>,
    /// Why the caller cannot book it now (absent for staff).
    pub refusal: Option<BookingRefusal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TrainingList {
    pub items: Vec<TrainingMenuView>,
    /// Free trainings the caller's company has left this fiscal year.
    pub free_left: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BookTrainingRequest {
    pub route: BookingRoute,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BookingView {
    pub id: Uuid,
    pub menu_id: Uuid,
    pub route: BookingRoute,
    /// The aws-training application, for the ticket route.
    pub application_id: Option<Uuid>,
    pub booked_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(rank: Rank, free_used: u32) -> BookingFacts {
        BookingFacts {
            rank,
            free_used,
            already_booked: false,
            seat_limit: Some(10),
            seats_taken: 3,
            starts_in_future: true,
            ticket_cost: 2,
        }
    }

    #[test]
    fn r5_1_free_up_to_the_ranks_count_then_tickets() {
        assert_eq!(may_book(BookingRoute::Free, facts(Rank::Platinum, 1)), Ok(()));
        assert_eq!(
            may_book(BookingRoute::Free, facts(Rank::Platinum, 2)),
            Err(BookingRefusal::FreeTrainingsUsedUp { ticket_cost: 2 })
        );
        assert_eq!(may_book(BookingRoute::Tickets, facts(Rank::Platinum, 2)), Ok(()));
        assert_eq!(may_book(BookingRoute::Free, facts(Rank::Bronze, 0)), Ok(()));
        assert_eq!(
            may_book(BookingRoute::Free, facts(Rank::Regular, 0)),
            Err(BookingRefusal::NoFreeTrainings { rank: Rank::Regular })
        );
        assert_eq!(offered_route(Rank::Gold, 0), BookingRoute::Free);
        assert_eq!(offered_route(Rank::Gold, 1), BookingRoute::Tickets);
    }

    #[test]
    fn r5_1_one_booking_per_menu_seats_and_dates_hold_for_both_routes() {
        let booked = BookingFacts { already_booked: true, ..facts(Rank::Gold, 0) };
        let full = BookingFacts { seats_taken: 10, ..facts(Rank::Gold, 0) };
        let past = BookingFacts { starts_in_future: false, ..facts(Rank::Gold, 0) };
        for route in [BookingRoute::Free, BookingRoute::Tickets] {
            assert_eq!(may_book(route, booked), Err(BookingRefusal::AlreadyBooked));
            assert_eq!(may_book(route, full), Err(BookingRefusal::Full));
            assert_eq!(may_book(route, past), Err(BookingRefusal::Past));
        }
        let seminar = BookingFacts { seat_limit: None, seats_taken: 500, ..facts(Rank::Gold, 0) };
        assert_eq!(may_book(BookingRoute::Free, seminar), Ok(()));
    }
}
