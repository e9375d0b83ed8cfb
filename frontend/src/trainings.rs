//! Pure helpers of the trainings page (R5), tested on the host: what the company may do with each
//! training (book free, book with tickets, what is missing, or why not) and the reasons in words.

use portal_domain::services::Unavailable;
use portal_domain::trainings::{BookingRefusal, BookingRoute, BookingView, TrainingMenuView};

use crate::i18n::{Lang, Msg, ServiceMsg as V, TrainingMsg as T};

/// What the page offers for one training.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offer {
    /// The company's booking (free: it may be cancelled before the date).
    Booked(BookingView),
    /// Book by this route now.
    Book(BookingRoute),
    /// The ticket route, but the balance is short.
    Short {
        cost: i32,
        balance: i32,
    },
    /// The option service aws-training cannot be bought (rank, paused, ended).
    ServiceUnavailable(Unavailable),
    Refused(BookingRefusal),
    /// Nothing to offer (staff, or the server said neither).
    Nothing,
}

/// `balance` is the company's tickets; `aws_training` why the aws-training option is not for sale,
/// if it is not (its own ticket shortfall is ignored: the menu's cost decides).
pub fn offer(t: &TrainingMenuView, balance: Option<i32>, aws_training: Option<Unavailable>) -> Offer {
    if let Some(b) = &t.booking {
        return Offer::Booked(b.clone());
    }
    if let Some(r) = t.refusal {
        return Offer::Refused(r);
    }
    match t.offered_route {
        Some(BookingRoute::Free) => Offer::Book(BookingRoute::Free),
        Some(BookingRoute::Tickets) => {
            if let Some(u) = aws_training.filter(|u| !matches!(u, Unavailable::InsufficientTickets { .. })) {
                return Offer::ServiceUnavailable(u);
            }
            match balance {
                Some(b) if b < t.ticket_cost => Offer::Short { cost: t.ticket_cost, balance: b },
                _ => Offer::Book(BookingRoute::Tickets),
            }
        }
        None => Offer::Nothing,
    }
}

/// Why a training cannot be booked, in words.
pub fn refusal_text(r: BookingRefusal, lang: Lang) -> String {
    let m = |t: T| Msg::from(t);
    match r {
        BookingRefusal::NoFreeTrainings { rank } => m(T::RefNoFree).fill(lang, &[("rank", rank.as_str())]),
        BookingRefusal::FreeTrainingsUsedUp { .. } => m(T::RefUsedUp).text(lang).to_owned(),
        BookingRefusal::AlreadyBooked => m(T::RefAlreadyBooked).text(lang).to_owned(),
        BookingRefusal::Full => m(T::RefFull).text(lang).to_owned(),
        BookingRefusal::Past => m(T::RefPast).text(lang).to_owned(),
    }
}

/// What is missing to book with tickets, in the catalogue's words.
pub fn short_text(cost: i32, balance: i32, lang: Lang) -> String {
    Msg::from(V::UnTickets).fill(
        lang,
        &[("n", &(cost - balance).to_string()), ("cost", &cost.to_string()), ("balance", &balance.to_string())],
    )
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use portal_domain::trainings::TrainingFormat;
    use portal_domain::Rank;
    use uuid::Uuid;

    use super::*;

    fn menu(route: Option<BookingRoute>) -> TrainingMenuView {
        TrainingMenuView {
            id: Uuid::nil(),
            fiscal_year: 2026,
            title_ja: "入門".into(),
            title_en: "Intro".into(),
            format: TrainingFormat::HandsOn,
            starts_at: "2026-12-10T01:00:00Z".parse::<DateTime<Utc>>().unwrap(),
            duration_minutes: 120,
            seat_limit: Some(10),
            seats_left: Some(3),
            ticket_cost: 4,
            booked: false,
            booking: None,
            offered_route: route,
            refusal: None,
        }
    }

    #[test]
    fn free_first_then_tickets_or_what_is_missing() {
        assert_eq!(offer(&menu(Some(BookingRoute::Free)), Some(0), None), Offer::Book(BookingRoute::Free));
        assert_eq!(offer(&menu(Some(BookingRoute::Tickets)), Some(4), None), Offer::Book(BookingRoute::Tickets));
        assert_eq!(offer(&menu(Some(BookingRoute::Tickets)), Some(3), None), Offer::Short { cost: 4, balance: 3 });
        // The catalogue's own shortfall (its cost, not the menu's) does not decide.
        let short = Some(Unavailable::InsufficientTickets { balance: 9, cost: 10 });
        assert_eq!(offer(&menu(Some(BookingRoute::Tickets)), Some(9), short), Offer::Book(BookingRoute::Tickets));
        let paused = Some(Unavailable::Paused);
        assert_eq!(
            offer(&menu(Some(BookingRoute::Tickets)), Some(9), paused),
            Offer::ServiceUnavailable(Unavailable::Paused)
        );
        let full = TrainingMenuView { refusal: Some(BookingRefusal::Full), ..menu(None) };
        assert_eq!(offer(&full, Some(9), None), Offer::Refused(BookingRefusal::Full));
        assert_eq!(offer(&menu(None), None, None), Offer::Nothing);
        assert_eq!(short_text(4, 3, Lang::Ja), "チケットが 1 枚不足しています（必要 4 枚、残高 3 枚）。");
    }

    #[test]
    fn every_refusal_is_put_into_words() {
        let all = [
            BookingRefusal::NoFreeTrainings { rank: Rank::Regular },
            BookingRefusal::FreeTrainingsUsedUp { ticket_cost: 2 },
            BookingRefusal::AlreadyBooked,
            BookingRefusal::Full,
            BookingRefusal::Past,
        ];
        for r in all {
            for lang in [Lang::Ja, Lang::En] {
                let t = refusal_text(r, lang);
                assert!(!t.is_empty() && !t.contains('{'), "{r:?} {t}");
            }
        }
    }
}
