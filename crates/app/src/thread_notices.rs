//! E-mails that tell the other side of an application's thread that something new arrived: staff
//! messages and files go to the company's users, customers' to the staff who have worked the
//! application. A mail that cannot be sent is logged; what was posted stands.

use portal_db::entities::{application, user};
use portal_db::queries::{companies, users, CompanyScope};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::applications;
use crate::mail::Notices;

/// Tells the other side of an application's thread that something new arrived (a file, say).
pub(crate) async fn notify_new_message(
    db: &DatabaseConnection,
    notices: &Notices,
    scope: CompanyScope,
    application_id: Uuid,
    author: &user::Model,
) {
    match applications::find_scoped(db, scope, application_id).await {
        Ok(app) => notify(db, notices, scope, &app, author, author.role.is_staff()).await,
        Err(e) => tracing::error!(error = %e, "could not read the application to notify"),
    }
}

pub(crate) async fn notify(
    db: &DatabaseConnection,
    notices: &Notices,
    scope: CompanyScope,
    app: &application::Model,
    author: &user::Model,
    from_staff: bool,
) {
    let recipients: Vec<String> = if from_staff {
        match companies::users(db, scope).await {
            // Disabled users get no mail (deleted ones are not listed at all).
            Ok(us) => us.into_iter().filter(|u| u.disabled_at.is_none()).map(|u| u.email).collect(),
            Err(e) => {
                tracing::error!(error = %e, "could not list the company's users to notify");
                return;
            }
        }
    } else {
        let mut staff = Vec::new();
        for id in applications_events(db, app.id).await.into_iter().flatten() {
            if let Ok(Some(u)) = users::find(db, id).await {
                if u.role.is_staff() && !staff.contains(&u.email) {
                    staff.push(u.email);
                }
            }
        }
        staff
    };
    let link = format!("{}/applications/{}", notices.portal_url.trim_end_matches('/'), app.id);
    let subject = "【cloudpack+ PORTAL】お申し込みに新しいメッセージがあります".to_owned();
    for to in recipients.into_iter().filter(|e| *e != author.email) {
        let text = format!(
            "お申し込み（{}）のやり取りに新しいメッセージが届きました。\nポータルでご確認ください: {link}\n\n\
             A new message arrived on an application ({}). Please read it in the portal.\n",
            app.service_code, app.service_code
        );
        if let Err(e) = notices.send(&to, &subject, text).await {
            tracing::error!(error = %e, application.id = %app.id, "message notice not sent");
        }
    }
}

async fn applications_events(db: &DatabaseConnection, id: Uuid) -> Vec<Option<Uuid>> {
    match portal_db::queries::applications::events_of(db, &[id]).await {
        Ok(es) => es.into_iter().map(|e| e.actor_id).collect(),
        Err(e) => {
            tracing::error!(error = %e, "could not read the application's timeline");
            Vec::new()
        }
    }
}
