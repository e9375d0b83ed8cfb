//! Trainings (R5): the menu of the fiscal year, free bookings up to the rank's count, and the
//! ticket route through the option service aws-training once they are used (R5.2).
//!
//! A booking takes the company's ledger lock (its free count and its tickets), then the menu's
//! lock (its seats): concurrent bookings of the last seat give one booking and one `training_full`.

use chrono::{DateTime, Utc};
use portal_db::entities::{training_booking, training_menu, user};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::{applications as application_rows, ledger, services, trainings, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::fiscal::FiscalYear;
use portal_domain::problem::FieldError;
use portal_domain::services::availability;
use portal_domain::trainings::{
    may_book, offered_route, BookingFacts, BookingRefusal, BookingRoute, BookingView, NewTrainingMenu, TrainingList,
    TrainingMenuView,
};
use portal_domain::ErrorCode;
use sea_orm::{DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::applications::{rank_and_year, refused, spend_and_record, terms};
use crate::error::AppError;
use crate::rollover;

const AWS_TRAINING: &str = "aws-training";

fn refusal(r: BookingRefusal) -> AppError {
    let detail = match r {
        BookingRefusal::NoFreeTrainings { rank } => format!("{} companies have no free trainings", rank.as_str()),
        BookingRefusal::FreeTrainingsUsedUp { ticket_cost } => {
            format!("this year's free trainings are used; book it with {ticket_cost} tickets (aws-training)")
        }
        BookingRefusal::AlreadyBooked => "your company has booked this training already".into(),
        BookingRefusal::Full => "all seats are taken".into(),
        BookingRefusal::Past => "the training has started".into(),
    };
    AppError::ConflictDetail { code: r.code(), detail }
}

fn booking_view(b: training_booking::Model) -> BookingView {
    BookingView {
        id: b.id,
        menu_id: b.menu_id,
        route: if b.free_booking { BookingRoute::Free } else { BookingRoute::Tickets },
        application_id: b.application_id,
        booked_at: b.created_at,
        cancelled_at: b.cancelled_at,
    }
}

fn menu_view(
    m: &training_menu::Model,
    seats_taken: u32,
    booking: Option<&training_booking::Model>,
    offer: Option<Result<BookingRoute, BookingRefusal>>,
) -> TrainingMenuView {
    let seat_limit = m.seat_limit.map(|s| s.max(0) as u32);
    TrainingMenuView {
        id: m.id,
        fiscal_year: m.fiscal_year,
        title_ja: m.title_ja.clone(),
        title_en: m.title_en.clone(),
        format: m.format,
        starts_at: m.starts_at,
        duration_minutes: m.duration_minutes.max(0) as u32,
        seat_limit,
        seats_left: seat_limit.map(|l| l.saturating_sub(seats_taken)),
        ticket_cost: m.ticket_cost,
        booked: booking.is_some(),
        booking: booking.cloned().map(booking_view),
        offered_route: offer.and_then(|o| o.ok()),
        refusal: offer.and_then(|o| o.err()),
    }
}

/// The menu of the year in force; for a customer's company, with what it may do with each.
pub async fn list(
    db: &DatabaseConnection,
    scope: Option<CompanyScope>,
    now: DateTime<Utc>,
) -> Result<TrainingList, AppError> {
    let (rank, fy) = match scope {
        Some(s) => {
            let (rank, fy) = rank_and_year(db, s, now).await?;
            (Some(rank), fy)
        }
        None => (None, FiscalYear::containing(now)),
    };
    let mine = match scope {
        Some(s) => trainings::bookings(db, s, fy.0).await?,
        None => Vec::new(),
    };
    let free_used = mine.iter().filter(|b| b.free_booking).count() as u32;
    let mut items = Vec::new();
    for m in trainings::menus(db, fy.0).await? {
        let taken = trainings::seats_taken(db, m.id).await? as u32;
        let booking = mine.iter().find(|b| b.menu_id == m.id);
        let booked = booking.is_some();
        let offer = rank.map(|rank| {
            let route = offered_route(rank, free_used);
            let facts = BookingFacts {
                rank,
                free_used,
                already_booked: booked,
                seat_limit: m.seat_limit.map(|s| s.max(0) as u32),
                seats_taken: taken,
                starts_in_future: m.starts_at > now,
                ticket_cost: m.ticket_cost,
            };
            may_book(route, facts).map(|()| route)
        });
        items.push(menu_view(&m, taken, booking, offer));
    }
    let free_left = rank.map(|r| r.benefits().free_trainings.saturating_sub(free_used));
    Ok(TrainingList { items, free_left })
}

/// An admin adds a training to a fiscal year's menu (R5.3).
pub async fn create_menu(
    db: &DatabaseConnection,
    m: &NewTrainingMenu,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<TrainingMenuView, AppError> {
    let mut errors = Vec::new();
    if m.title_ja.trim().is_empty() {
        errors.push(FieldError::new("title_ja", ErrorCode::Required, "a Japanese title"));
    }
    if m.title_en.trim().is_empty() {
        errors.push(FieldError::new("title_en", ErrorCode::Required, "an English title"));
    }
    if m.ticket_cost < 2 || m.ticket_cost > 100 {
        errors.push(FieldError::new("ticket_cost", ErrorCode::OutOfRange, "2–100 tickets (R4.1: 2 or more)"));
    }
    if !(15..=24 * 60).contains(&m.duration_minutes) {
        errors.push(FieldError::new("duration_minutes", ErrorCode::OutOfRange, "15 minutes to 24 hours"));
    }
    if m.seat_limit == Some(0) {
        errors.push(FieldError::new("seat_limit", ErrorCode::OutOfRange, "at least 1 seat, or none for no limit"));
    }
    if FiscalYear::containing(m.starts_at).0 != m.fiscal_year {
        errors.push(FieldError::new(
            "starts_at",
            ErrorCode::OutOfRange,
            format!("inside fiscal year {}", m.fiscal_year),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = db.begin().await?;
    let row = trainings::insert_menu(
        &txn,
        training_menu::ActiveModel {
            id: Set(Uuid::new_v4()),
            fiscal_year: Set(m.fiscal_year),
            title_ja: Set(m.title_ja.trim().to_owned()),
            title_en: Set(m.title_en.trim().to_owned()),
            format: Set(m.format),
            starts_at: Set(m.starts_at),
            duration_minutes: Set(m.duration_minutes as i32),
            seat_limit: Set(m.seat_limit.map(|s| s as i32)),
            ticket_cost: Set(m.ticket_cost),
            created_at: Set(now),
        },
    )
    .await?;
    let record = audit::Record {
        action: AuditAction::TrainingMenuCreate,
        target_type: "training_menu",
        target_id: row.id.to_string(),
        company_id: None,
        before: None,
        after: Some(
            json!({ "fiscal_year": m.fiscal_year, "title_ja": m.title_ja, "ticket_cost": m.ticket_cost, "seat_limit": m.seat_limit }),
        ),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(menu_view(&row, 0, None, None))
}

/// A representative books a training, free or with tickets (R5.1, R5.2).
pub async fn book(
    db: &DatabaseConnection,
    scope: CompanyScope,
    booker: &user::Model,
    menu_id: Uuid,
    route: BookingRoute,
    now: DateTime<Utc>,
) -> Result<BookingView, AppError> {
    let txn = db.begin().await?;
    ledger::lock(&txn, scope).await?;
    rollover::ensure_rolled(&txn, scope, &Actor::system(), now).await?;
    trainings::lock_menu(&txn, menu_id).await?;
    let menu = trainings::menu(&txn, menu_id).await?.ok_or(AppError::NotFound)?;
    let (rank, fy) = rank_and_year(&txn, scope, now).await?;
    if menu.fiscal_year != fy.0 {
        return Err(AppError::NotFound);
    }
    let mine = trainings::bookings(&txn, scope, fy.0).await?;
    let facts = BookingFacts {
        rank,
        free_used: mine.iter().filter(|b| b.free_booking).count() as u32,
        already_booked: mine.iter().any(|b| b.menu_id == menu_id),
        seat_limit: menu.seat_limit.map(|s| s.max(0) as u32),
        seats_taken: trainings::seats_taken(&txn, menu_id).await? as u32,
        starts_in_future: menu.starts_at > now,
        ticket_cost: menu.ticket_cost,
    };
    may_book(route, facts).map_err(refusal)?;

    let application_id = match route {
        BookingRoute::Free => None,
        BookingRoute::Tickets => {
            let service = services::find(&txn, AWS_TRAINING).await?.ok_or(AppError::NotFound)?;
            let mut t = terms(&service)?;
            t.ticket_cost = menu.ticket_cost;
            let balance = ledger::balance(&txn, scope).await?;
            availability(&t, rank, balance, 0).map_err(refused)?;
            let new = application_rows::NewApplication {
                service_code: service.code.clone(),
                ticket_cost: menu.ticket_cost,
                cancellable: service.customer_cancellable,
                fiscal_year: fy.0,
                aws_account_id: None,
                preferred_schedule: None,
                notes: Some(menu.title_ja.clone()),
                hearing_sheet: None,
                created_by: booker.id,
                idempotency_key: None,
                request_hash: None,
                report_channel: portal_domain::services::ReportChannel::Portal,
                report_channel_reason: portal_domain::services::ReportChannelReason::NoAwsAccount,
            };
            let app = application_rows::insert(&txn, scope, new, now).await?;
            spend_and_record(&txn, scope, booker, &app, balance, now).await?;
            Some(app.id)
        }
    };
    let booking = trainings::book(
        &txn,
        scope,
        trainings::NewBooking {
            menu_id,
            fiscal_year: fy.0,
            free: route == BookingRoute::Free,
            application_id,
            booked_by: booker.id,
        },
        now,
    )
    .await?;
    let actor = Actor { id: Some(booker.id), label: booker.email.clone() };
    let record = audit::Record {
        action: AuditAction::TrainingBook,
        target_type: "training_booking",
        target_id: booking.id.to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(json!({ "menu": menu_id, "route": route, "application": application_id })),
    };
    audit::record(&txn, &actor, record, now).await?;
    txn.commit().await?;
    Ok(booking_view(booking))
}

/// Cancelling a free booking before the training returns the free count. A booking made with
/// tickets is cancelled through its aws-training application, which refunds them and ends the
/// booking with it.
pub async fn cancel(
    db: &DatabaseConnection,
    scope: CompanyScope,
    booking_id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<BookingView, AppError> {
    let b = trainings::booking(db, scope, booking_id).await?.ok_or(AppError::NotFound)?;
    let menu = trainings::menu(db, b.menu_id).await?.ok_or(AppError::NotFound)?;
    let conflict =
        |detail: &str| AppError::ConflictDetail { code: ErrorCode::InvalidTransition, detail: detail.to_owned() };
    if b.cancelled_at.is_some() {
        return Err(conflict("the booking is cancelled already"));
    }
    if !b.free_booking {
        return Err(conflict("a booking made with tickets is cancelled through its aws-training application"));
    }
    if menu.starts_at <= now {
        return Err(conflict("the training has started"));
    }
    let txn = db.begin().await?;
    ledger::lock(&txn, scope).await?;
    if !trainings::cancel(&txn, scope, booking_id, now).await? {
        txn.rollback().await?;
        return Err(conflict("the booking is cancelled already"));
    }
    let record = audit::Record {
        action: AuditAction::TrainingCancel,
        target_type: "training_booking",
        target_id: booking_id.to_string(),
        company_id: Some(scope.company_id()),
        before: Some(json!({ "menu": b.menu_id })),
        after: None,
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    let b = trainings::booking(db, scope, booking_id).await?.ok_or(AppError::NotFound)?;
    Ok(booking_view(b))
}
