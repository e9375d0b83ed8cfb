use chrono::{DateTime, Utc};
use portal_app::credentials::{passwords, secrets};
use portal_db::queries::users::{self, NewUser};
use portal_domain::email::Email;
use portal_domain::Role;
use sea_orm::DatabaseConnection;

use super::CmdResult;
use crate::cli::StaffRole;

pub async fn create_staff(
    db: &DatabaseConnection,
    email: &str,
    role: StaffRole,
    name: Option<&str>,
    temp_password_until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> CmdResult {
    let email = Email::parse(email).map_err(|e| format!("--email: {e}"))?;
    if users::find_by_email(db, email.as_str()).await?.is_some() {
        return Err(format!("a user with e-mail {email} already exists").into());
    }
    let role = match role {
        StaffRole::Admin => Role::Admin,
        StaffRole::Csm => Role::Csm,
    };
    let temporary = secrets::temporary_password();
    let user = users::insert(
        db,
        NewUser {
            email: email.as_str(),
            display_name: name.unwrap_or(email.as_str()),
            password_hash: passwords::hash(&temporary)?,
            must_change_password: true,
            temp_password_expires_at: Some(temp_password_until),
            role,
            company_id: None,
        },
        now,
    )
    .await?;
    println!("created {role} {email} (id {})", user.id);
    println!("temporary password: {temporary}");
    let until = temp_password_until.with_timezone(&portal_domain::fiscal::jst()).format("%Y-%m-%d %H:%M JST");
    println!("it signs in until {until}");
    println!("the first sign-in must set a new password and enrol MFA");
    Ok(())
}
