//! A company's users (R7.4): every user lists and views them; representatives (checked by the
//! caller) add, edit, disable, enable and delete them. Changes that could take away a
//! representative run under the company's lock, so the last active representative stays even when
//! two representatives demote each other at the same moment. Every change is audited.

use chrono::{DateTime, Utc};
use portal_db::entities::user;
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::{api_tokens, companies, recovery_codes, sessions, users, CompanyScope};
use portal_domain::audit::AuditAction;
use portal_domain::email::Email;
use portal_domain::users::{
    keeps_a_representative, CompanyUserCreated, CompanyUserView, NewCompanyUser, UserChange, UserStatus,
};
use portal_domain::{ErrorCode, Role};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::credentials::{passwords, secrets};
use crate::error::AppError;
use crate::mail::Notices;

pub fn view(u: user::Model) -> CompanyUserView {
    CompanyUserView {
        id: u.id,
        status: if u.disabled_at.is_some() { UserStatus::Disabled } else { UserStatus::Active },
        mfa_enabled: u.totp_secret.is_some(),
        must_change_password: u.must_change_password,
        role: u.role,
        email: u.email,
        display_name: u.display_name,
        created_at: u.created_at,
    }
}

pub async fn list(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    q: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<CompanyUserView>, u64), AppError> {
    let (rows, total) = users::list_in_company(db, scope, q, page, per_page).await?;
    Ok((rows.into_iter().map(view).collect(), total))
}

pub async fn get(db: &impl ConnectionTrait, scope: CompanyScope, id: Uuid) -> Result<CompanyUserView, AppError> {
    users::find_in_company(db, scope, id).await?.map(view).ok_or(AppError::NotFound)
}

/// Adds a user with a temporary password, mailed to them as onboarding mails a representative's;
/// they change it and enrol MFA at their first sign-in. An address in use anywhere in the portal
/// (any case) is 409 `email_taken`.
pub async fn create(
    db: &DatabaseConnection,
    notices: &Notices,
    scope: CompanyScope,
    input: &NewCompanyUser,
    actor: &Actor,
    temp_password_until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<CompanyUserCreated, AppError> {
    let company = companies::find(db, scope).await?.ok_or(AppError::NotFound)?;
    if users::find_by_email(db, input.email.as_str()).await?.is_some() {
        return Err(AppError::Conflict(ErrorCode::EmailTaken));
    }
    let temporary_password = secrets::temporary_password();
    let hash = passwords::hash_blocking(temporary_password.clone()).await?;
    let txn = db.begin().await?;
    lock_as_representative(&txn, scope, actor).await?;
    let new = users::NewUser {
        email: input.email.as_str(),
        display_name: &input.display_name,
        password_hash: hash,
        must_change_password: true,
        temp_password_expires_at: Some(temp_password_until),
        role: input.role,
        company_id: Some(scope.company_id()),
    };
    // Two requests for one address at once: the unique index decides, and says so in our words.
    let created = users::insert(&txn, new, now).await.map_err(|e| match AppError::from(e) {
        AppError::Conflict(ErrorCode::AlreadyExists) => AppError::Conflict(ErrorCode::EmailTaken),
        other => other,
    })?;
    let record = audit::Record {
        action: AuditAction::UserCreate,
        target_type: "user",
        target_id: created.id.to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(json!({ "email": created.email, "display_name": created.display_name, "role": created.role })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;

    let (subject, text) = welcome_mail(
        &company.name,
        &input.display_name,
        &input.email,
        &temporary_password,
        temp_password_until,
        notices,
    );
    let mail_delivery = match notices.send(input.email.as_str(), &subject, text).await {
        Ok(()) => notices.mailer.kind().to_owned(),
        Err(e) => {
            tracing::error!(error = %e, user.id = %created.id, "welcome mail not sent");
            "failed".to_owned()
        }
    };
    tracing::info!(company.id = %scope.company_id(), user.id = %created.id, "company user created");
    Ok(CompanyUserCreated { user: view(created), temporary_password_expires_at: temp_password_until, mail_delivery })
}

fn welcome_mail(
    company_name: &str,
    name: &str,
    email: &Email,
    temporary_password: &str,
    valid_until: DateTime<Utc>,
    notices: &Notices,
) -> (String, String) {
    let until = valid_until.with_timezone(&portal_domain::fiscal::jst()).format("%Y年%m月%d日 %H:%M");
    let portal_url = &notices.portal_url;
    let subject = "【cloudpack+ PORTAL】アカウント開設のお知らせ".to_owned();
    let body = format!(
        "{company_name}\n{name} 様\n\n\
cloudpack+ PORTAL のユーザーアカウントを、貴社の代表者が開設しました。\n\n\
ログインID: {email}\n\
仮パスワード: {temporary_password}\n\
仮パスワードの有効期限: {until}（日本時間）まで\n\
URL: {portal_url}\n\n\
初回ログイン時に新しいパスワードの設定と、多要素認証（認証アプリ）の登録をお願いいたします。\n\
有効期限を過ぎた場合は、担当者に仮パスワードの再発行をご依頼ください。\n\
このメールにお心当たりがない場合は、破棄してください。\n"
    );
    (subject, body)
}

/// Takes the company's lock (first, see `users::lock_company`), checks under it that the caller
/// is still an active representative (one being demoted at this moment changes no one), and reads
/// the target.
async fn locked_target(
    txn: &DatabaseTransaction,
    scope: CompanyScope,
    actor: &Actor,
    id: Uuid,
) -> Result<user::Model, AppError> {
    lock_as_representative(txn, scope, actor).await?;
    users::find_in_company(txn, scope, id).await?.ok_or(AppError::NotFound)
}

async fn lock_as_representative(txn: &DatabaseTransaction, scope: CompanyScope, actor: &Actor) -> Result<(), AppError> {
    if !users::lock_company(txn, scope).await? {
        return Err(AppError::NotFound);
    }
    let caller = match actor.id {
        Some(id) => users::find_in_company(txn, scope, id).await?,
        None => None,
    };
    match caller {
        Some(c) if c.role == Role::Representative && c.disabled_at.is_none() && c.deleted_at.is_none() => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// R7.4: refuses a change that would leave the company without an active representative.
async fn check_keeps_a_representative(
    txn: &DatabaseTransaction,
    scope: CompanyScope,
    target: &user::Model,
) -> Result<(), AppError> {
    let active_rep = target.role == Role::Representative && target.disabled_at.is_none();
    let count = if active_rep { users::count_active_representatives(txn, scope).await? } else { 0 };
    keeps_a_representative(count, active_rep).map_err(|code| AppError::ConflictDetail {
        code,
        detail: "the company's last active representative cannot be demoted, disabled or deleted (R7.4)".into(),
    })
}

/// Renames a user or changes their role (representative ⇄ member).
pub async fn update(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    change: &UserChange,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<CompanyUserView, AppError> {
    let txn = db.begin().await?;
    let target = locked_target(&txn, scope, actor, id).await?;
    let role = change.role.filter(|r| *r != target.role);
    let name = change.display_name.as_deref().filter(|n| *n != target.display_name);
    if role.is_none() && name.is_none() {
        return Ok(view(target));
    }
    if role == Some(Role::Member) {
        check_keeps_a_representative(&txn, scope, &target).await?;
    }
    let updated = users::update_profile(&txn, id, name, role, now).await?;
    let record = audit::Record {
        action: AuditAction::UserUpdate,
        target_type: "user",
        target_id: id.to_string(),
        company_id: Some(scope.company_id()),
        before: Some(json!({ "display_name": target.display_name, "role": target.role })),
        after: Some(json!({ "display_name": updated.display_name, "role": updated.role })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(view(updated))
}

/// Ends every session and API token of the user, in the caller's transaction.
async fn end_access(
    txn: &DatabaseTransaction,
    id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(u64, u64), AppError> {
    let sessions = sessions::revoke_all_for_user(txn, id, reason, now).await?;
    let tokens = api_tokens::revoke_all_for_user(txn, id, reason, now).await?;
    Ok((sessions, tokens))
}

/// Disables (`disabled`) or enables a user. Disabling ends every session and API token of theirs
/// at once; enabling lets them sign in again (revoked tokens stay revoked).
pub async fn set_disabled(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    disabled: bool,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<CompanyUserView, AppError> {
    let txn = db.begin().await?;
    let target = locked_target(&txn, scope, actor, id).await?;
    if target.disabled_at.is_some() == disabled {
        return Ok(view(target));
    }
    let (action, after) = if disabled {
        check_keeps_a_representative(&txn, scope, &target).await?;
        let (sessions, tokens) = end_access(&txn, id, "user_disabled", now).await?;
        (
            AuditAction::UserDisable,
            json!({ "status": "disabled", "sessions_ended": sessions, "tokens_revoked": tokens }),
        )
    } else {
        (AuditAction::UserEnable, json!({ "status": "active" }))
    };
    let updated = users::set_disabled(&txn, id, disabled.then_some(now), now).await?;
    let record = audit::Record {
        action,
        target_type: "user",
        target_id: id.to_string(),
        company_id: Some(scope.company_id()),
        before: Some(json!({ "status": if disabled { "active" } else { "disabled" } })),
        after: Some(after),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(view(updated))
}

/// Deletes a user: every session and token ends, the credentials go, the address is freed; the
/// row stays for the threads and the audit log that name them.
pub async fn delete(
    db: &DatabaseConnection,
    scope: CompanyScope,
    id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let target = locked_target(&txn, scope, actor, id).await?;
    check_keeps_a_representative(&txn, scope, &target).await?;
    let (sessions, tokens) = end_access(&txn, id, "user_deleted", now).await?;
    recovery_codes::delete_all(&txn, id).await?;
    users::mark_deleted(&txn, id, now).await?;
    let record = audit::Record {
        action: AuditAction::UserDelete,
        target_type: "user",
        target_id: id.to_string(),
        company_id: Some(scope.company_id()),
        before: Some(json!({ "email": target.email, "display_name": target.display_name, "role": target.role })),
        after: Some(json!({ "sessions_ended": sessions, "tokens_revoked": tokens })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    tracing::info!(company.id = %scope.company_id(), user.id = %id, "company user deleted");
    Ok(())
}
