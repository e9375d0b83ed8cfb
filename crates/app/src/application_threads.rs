//! Working an application together: the contact thread between the company's users and staff
//! (R4.7), with unread markers and an e-mail to the other side on each new message; and the
//! meeting slots staff propose and the customer picks, which schedules the application.

use chrono::{DateTime, Utc};
use portal_db::entities::user;
use portal_db::queries::audit::Actor;
use portal_db::queries::{threads, CompanyScope};
use portal_domain::business_days::BusinessCalendar;
use portal_domain::fiscal::jst;
use portal_domain::problem::FieldError;
use portal_domain::services::{ApplicationState, ApplicationView, MessageList, MessageView, SlotInput};
use portal_domain::ErrorCode;
use sea_orm::{DatabaseConnection, TransactionTrait};
use uuid::Uuid;

use crate::applications;
use crate::error::AppError;
use crate::mail::Notices;
use crate::thread_notices;

const BODY_LIMIT: usize = 10_000;
const MAX_SLOTS: usize = 5;

fn message_view(m: portal_db::entities::application_message::Model) -> MessageView {
    MessageView {
        id: m.id,
        at: m.created_at,
        author: m.author_label,
        from_staff: m.from_staff,
        body: m.body,
        attachments: Vec::new(),
    }
}

/// The thread, oldest first; reading it marks it read for `reader`.
pub async fn messages(
    db: &DatabaseConnection,
    scope: CompanyScope,
    application_id: Uuid,
    reader: &user::Model,
    now: DateTime<Utc>,
) -> Result<MessageList, AppError> {
    applications::find_scoped(db, scope, application_id).await?;
    let files = crate::attachments::of_thread(db, scope, application_id).await?;
    let items = threads::messages(db, scope, application_id)
        .await?
        .into_iter()
        .map(|m| {
            let mut v = message_view(m);
            v.attachments = files.iter().filter(|(mid, _)| *mid == v.id).map(|(_, a)| a.clone()).collect();
            v
        })
        .collect();
    threads::mark_read(db, application_id, reader.id, now).await?;
    Ok(MessageList { items })
}

/// Posts to the thread and tells the other side by e-mail: staff messages go to the company's
/// users, customer messages to the staff who have worked the application. A mail that cannot be
/// sent is logged; the message stands.
pub async fn post(
    db: &DatabaseConnection,
    notices: &Notices,
    scope: CompanyScope,
    application_id: Uuid,
    author: &user::Model,
    body: &str,
    now: DateTime<Utc>,
) -> Result<MessageView, AppError> {
    let app = applications::find_scoped(db, scope, application_id).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", ErrorCode::Required, "write a message"));
    }
    if body.chars().count() > BODY_LIMIT {
        return Err(AppError::field("body", ErrorCode::TooLong, format!("at most {BODY_LIMIT} characters")));
    }
    let from_staff = author.role.is_staff();
    let m = threads::post(
        db,
        scope,
        threads::NewMessage {
            application_id,
            author_id: author.id,
            author_label: &author.email,
            from_staff,
            body: body.to_owned(),
        },
        now,
    )
    .await?;
    threads::mark_read(db, application_id, author.id, now).await?;
    thread_notices::notify(db, notices, scope, &app, author, from_staff).await;
    Ok(message_view(m))
}

/// Staff propose 1–5 meeting times for an accepted application, each inside service hours
/// (weekdays 10:00–19:00 JST on business days) and in the future.
pub async fn propose_slots(
    db: &DatabaseConnection,
    staff: &user::Model,
    application_id: Uuid,
    slots: &[SlotInput],
    now: DateTime<Utc>,
) -> Result<ApplicationView, AppError> {
    let scope = portal_db::queries::applications::scope_for_staff(db, staff, application_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let app = applications::find_scoped(db, scope, application_id).await?;
    if app.state != ApplicationState::Accepted {
        return Err(AppError::ConflictDetail {
            code: ErrorCode::InvalidTransition,
            detail: format!("the application is {}; slots are proposed once it is accepted", app.state.as_str()),
        });
    }
    if slots.is_empty() || slots.len() > MAX_SLOTS {
        return Err(AppError::field("slots", ErrorCode::OutOfRange, format!("propose 1 to {MAX_SLOTS} times")));
    }
    let calendar = BusinessCalendar::default();
    let mut errors = Vec::new();
    for (i, s) in slots.iter().enumerate() {
        let field = format!("slots[{i}]");
        let inside = calendar.slot_within_service_hours(s.starts_at, s.ends_at).map_err(AppError::internal)?;
        if s.starts_at <= now {
            errors.push(FieldError::new(&field, ErrorCode::TimeInPast, "must be in the future"));
        } else if !inside {
            let at = s.starts_at.with_timezone(&jst()).format("%Y-%m-%d %H:%M");
            errors.push(FieldError::new(
                &field,
                ErrorCode::OutsideServiceHours,
                format!("{at} JST is outside service hours (weekdays 10:00–19:00 JST on business days)"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = db.begin().await?;
    for s in slots {
        threads::add_slot(&txn, application_id, s.starts_at, s.ends_at, staff.id, now).await?;
    }
    txn.commit().await?;
    applications::get(db, scope, application_id, staff.id).await
}

/// The customer picks one of the proposed times: the application is scheduled.
pub async fn pick_slot(
    db: &DatabaseConnection,
    scope: CompanyScope,
    application_id: Uuid,
    slot_id: Uuid,
    picker: &user::Model,
    now: DateTime<Utc>,
) -> Result<ApplicationView, AppError> {
    let app = applications::find_scoped(db, scope, application_id).await?;
    let slots = threads::slots_of(db, &[application_id]).await?;
    let slot = slots.iter().find(|s| s.id == slot_id).ok_or(AppError::NotFound)?;
    if app.state != ApplicationState::Accepted || slots.iter().any(|s| s.picked_at.is_some()) {
        return Err(AppError::ConflictDetail {
            code: ErrorCode::InvalidTransition,
            detail: format!("the application is {}; a time was already chosen", app.state.as_str()),
        });
    }
    let at = slot.starts_at.with_timezone(&jst()).format("%Y-%m-%d %H:%M").to_string();
    let taken =
        || AppError::ConflictDetail { code: ErrorCode::InvalidTransition, detail: "a time was already chosen".into() };
    // One transaction: the slot, the state and the timeline change together or not at all.
    let txn = db.begin().await?;
    if !threads::pick(&txn, application_id, slot_id, now).await?
        || !portal_db::queries::applications::set_state(
            &txn,
            scope,
            application_id,
            ApplicationState::Accepted,
            ApplicationState::Scheduled,
            now,
        )
        .await?
    {
        txn.rollback().await?;
        return Err(taken());
    }
    let actor = Actor { id: Some(picker.id), label: picker.email.clone() };
    let after = serde_json::json!({ "state": ApplicationState::Scheduled, "slot": slot_id });
    let states = (ApplicationState::Accepted, ApplicationState::Scheduled);
    applications::record_move(&txn, scope, application_id, states, &actor, Some(format!("{at} JST")), after, now)
        .await?;
    txn.commit().await?;
    applications::get(db, scope, application_id, picker.id).await
}
