//! E-mails that tell the other side of an inquiry that a message arrived: staff messages go to the
//! company's active users, customers' to the assigned CSM (or, while nobody is assigned, to every
//! active CSM and admin). The author never gets their own. A mail that cannot be sent is logged;
//! the message stands.

use portal_db::entities::{inquiry, user};
use portal_db::queries::{companies, inquiries, users, CompanyScope};
use sea_orm::DatabaseConnection;

use crate::mail::Notices;

pub(crate) async fn notify(
    db: &DatabaseConnection,
    notices: &Notices,
    scope: CompanyScope,
    i: &inquiry::Model,
    author: &user::Model,
) {
    let from_staff = author.role.is_staff();
    let recipients: Result<Vec<user::Model>, _> = if from_staff {
        companies::users(db, scope).await
    } else {
        // The assignee, while they can act; else every active staff member, so that a message to
        // someone who has left still reaches someone.
        let assignee = match i.assignee_id {
            Some(a) => {
                users::find(db, a).await.map(|u| u.filter(|u| u.disabled_at.is_none() && u.deleted_at.is_none()))
            }
            None => Ok(None),
        };
        match assignee {
            Ok(Some(u)) => Ok(vec![u]),
            Ok(None) => inquiries::active_staff(db).await,
            Err(e) => Err(e),
        }
    };
    let recipients = match recipients {
        Ok(us) => us,
        Err(e) => {
            tracing::error!(error = %e, inquiry.id = %i.id, "could not read who to tell of an inquiry message");
            return;
        }
    };
    let base = notices.portal_url.trim_end_matches('/');
    let link =
        if from_staff { format!("{base}/inquiries/{}", i.id) } else { format!("{base}/admin/inquiries/{}", i.id) };
    let subject = "【cloudpack+ PORTAL】お問い合わせに新しいメッセージがあります";
    for u in recipients.into_iter().filter(|u| u.id != author.id && u.disabled_at.is_none() && u.deleted_at.is_none()) {
        let text = format!(
            "お問い合わせ「{}」に新しいメッセージが届きました。\nポータルでご確認ください: {link}\n\n\
             A new message arrived on the inquiry \"{}\". Please read it in the portal.\n",
            i.subject, i.subject
        );
        if let Err(e) = notices.send(&u.email, subject, text).await {
            tracing::error!(error = %e, inquiry.id = %i.id, "inquiry notice not sent");
        }
    }
}
