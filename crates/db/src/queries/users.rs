use portal_domain::Role;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{company, user};

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: String,
    pub must_change_password: bool,
    /// Until when a temporary password signs in.
    pub temp_password_expires_at: Option<DateTimeUtc>,
    pub role: Role,
    pub company_id: Option<Uuid>,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewUser<'_>, now: DateTimeUtc) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(new.email.to_owned()),
        display_name: Set(new.display_name.to_owned()),
        password_hash: Set(new.password_hash),
        must_change_password: Set(new.must_change_password),
        role: Set(new.role),
        company_id: Set(new.company_id),
        totp_secret: Set(None),
        totp_pending_secret: Set(None),
        totp_last_step: Set(None),
        temp_password_expires_at: Set(new.temp_password_expires_at),
        disabled_at: Set(None),
        deleted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(db).await
}

/// `email` must already be normalised (see `portal_domain::email::Email`).
pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await
}

/// A password the user chose (a temporary one comes only from [`reset_credentials`] or [`insert`]).
pub async fn set_password(db: &impl ConnectionTrait, id: Uuid, hash: String, now: DateTimeUtc) -> Result<(), DbErr> {
    user::ActiveModel {
        id: Set(id),
        password_hash: Set(hash),
        must_change_password: Set(false),
        temp_password_expires_at: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}

pub async fn set_pending_totp(
    db: &impl ConnectionTrait,
    id: Uuid,
    secret: &str,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    user::ActiveModel {
        id: Set(id),
        totp_pending_secret: Set(Some(secret.to_owned())),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}

/// Every user's stored TOTP secrets, for re-encrypting them (see `portal_app::credentials::sealing`).
pub async fn totp_secrets(db: &impl ConnectionTrait) -> Result<Vec<(Uuid, Option<String>, Option<String>)>, DbErr> {
    user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::TotpSecret)
        .column(user::Column::TotpPendingSecret)
        .filter(
            Condition::any()
                .add(user::Column::TotpSecret.is_not_null())
                .add(user::Column::TotpPendingSecret.is_not_null()),
        )
        .into_tuple()
        .all(db)
        .await
}

pub async fn set_totp_secrets(
    db: &impl ConnectionTrait,
    id: Uuid,
    secret: Option<String>,
    pending: Option<String>,
) -> Result<(), DbErr> {
    user::ActiveModel { id: Set(id), totp_secret: Set(secret), totp_pending_secret: Set(pending), ..Default::default() }
        .update(db)
        .await
        .map(|_| ())
}

/// Promotes the pending secret; `step` is the time step of the confirming code (now used).
pub async fn activate_totp(
    db: &impl ConnectionTrait,
    id: Uuid,
    secret: &str,
    step: i64,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    user::ActiveModel {
        id: Set(id),
        totp_secret: Set(Some(secret.to_owned())),
        totp_pending_secret: Set(None),
        totp_last_step: Set(Some(step)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}

/// Records `step` as used, only if it is later than the last used step. Returns false when another
/// request used this or a later step first: the code is a replay.
pub async fn claim_totp_step(db: &impl ConnectionTrait, id: Uuid, step: i64) -> Result<bool, DbErr> {
    let res = user::Entity::update_many()
        .col_expr(user::Column::TotpLastStep, Expr::value(step))
        .filter(user::Column::Id.eq(id))
        .filter(Condition::any().add(user::Column::TotpLastStep.is_null()).add(user::Column::TotpLastStep.lt(step)))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Staff reset (R7.5): a new temporary password and no MFA; the user starts over.
pub async fn reset_credentials(
    db: &impl ConnectionTrait,
    id: Uuid,
    temp_hash: String,
    expires_at: DateTimeUtc,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    user::ActiveModel {
        id: Set(id),
        password_hash: Set(temp_hash),
        must_change_password: Set(true),
        temp_password_expires_at: Set(Some(expires_at)),
        totp_secret: Set(None),
        totp_pending_secret: Set(None),
        totp_last_step: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}

pub struct UserPage {
    pub items: Vec<(user::Model, Option<company::Model>)>,
    pub total: u64,
}

/// Users for the staff list: optional case-insensitive search on e-mail, name and company name,
/// ordered by company name (staff last), then e-mail.
pub async fn list_for_staff(
    db: &impl ConnectionTrait,
    q: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<UserPage, DbErr> {
    let mut query = user::Entity::find().find_also_related(company::Entity).filter(user::Column::DeletedAt.is_null());
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = super::contains_pattern(q);
        let like = |col: Expr| {
            Expr::expr(Func::lower(col)).like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            Condition::any()
                .add(like(Expr::col((user::Entity, user::Column::Email))))
                .add(like(Expr::col((user::Entity, user::Column::DisplayName))))
                .add(like(Expr::col((company::Entity, company::Column::Name)))),
        );
    }
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_asc(Expr::col((company::Entity, company::Column::Name)).is_null())
        .order_by_asc(company::Column::Name)
        .order_by_asc(user::Column::Email)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok(UserPage { items, total })
}

// ---- One company's users (R7.4). Every query takes the company's scope. ----------------------

/// The company's users (deleted ones are gone): representatives first, then by name and e-mail;
/// `q` searches name and e-mail without regard to case.
pub async fn list_in_company(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    q: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<user::Model>, u64), DbErr> {
    let mut query = user::Entity::find()
        .filter(user::Column::CompanyId.eq(scope.company_id()))
        .filter(user::Column::DeletedAt.is_null());
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = super::contains_pattern(q);
        let like = |col: user::Column| {
            Expr::expr(Func::lower(Expr::col(col)))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(Condition::any().add(like(user::Column::Email)).add(like(user::Column::DisplayName)));
    }
    let total = query.clone().count(db).await?;
    // `representative` sorts after `member`: descending puts representatives first.
    let items = query
        .order_by_desc(user::Column::Role)
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Email)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((items, total))
}

/// One (not deleted) user of the company; another company's user is simply not found.
pub async fn find_in_company(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id)
        .filter(user::Column::CompanyId.eq(scope.company_id()))
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await
}

/// Serialises changes to the company's users until the transaction ends: a row lock on the
/// company (PostgreSQL), the write lock (SQLite; so it must come first in the transaction). Two
/// representatives demoting each other at once thus run one after the other, and the second sees
/// the first's change. False when the company does not exist.
pub async fn lock_company(txn: &impl ConnectionTrait, scope: CompanyScope) -> Result<bool, DbErr> {
    let res = company::Entity::update_many()
        .col_expr(company::Column::Name, Expr::col(company::Column::Name))
        .filter(company::Column::Id.eq(scope.company_id()))
        .exec(txn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Representatives of the company that may sign in (neither disabled nor deleted).
pub async fn count_active_representatives(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<u64, DbErr> {
    user::Entity::find()
        .filter(user::Column::CompanyId.eq(scope.company_id()))
        .filter(user::Column::Role.eq(Role::Representative))
        .filter(user::Column::DisabledAt.is_null())
        .filter(user::Column::DeletedAt.is_null())
        .count(db)
        .await
}

pub async fn update_profile(
    db: &impl ConnectionTrait,
    id: Uuid,
    display_name: Option<&str>,
    role: Option<Role>,
    now: DateTimeUtc,
) -> Result<user::Model, DbErr> {
    let mut row = user::ActiveModel { id: Set(id), updated_at: Set(now), ..Default::default() };
    if let Some(name) = display_name {
        row.display_name = Set(name.to_owned());
    }
    if let Some(role) = role {
        row.role = Set(role);
    }
    row.update(db).await
}

/// Disables (`Some(now)`) or enables (`None`) a user.
pub async fn set_disabled(
    db: &impl ConnectionTrait,
    id: Uuid,
    disabled_at: Option<DateTimeUtc>,
    now: DateTimeUtc,
) -> Result<user::Model, DbErr> {
    user::ActiveModel { id: Set(id), disabled_at: Set(disabled_at), updated_at: Set(now), ..Default::default() }
        .update(db)
        .await
}

/// Deletes a user softly: the row stays (threads and the audit log name it), without credentials,
/// and its address becomes `deleted+<id>@deleted.invalid` so the real one can be used again.
pub async fn mark_deleted(db: &impl ConnectionTrait, id: Uuid, now: DateTimeUtc) -> Result<(), DbErr> {
    user::ActiveModel {
        id: Set(id),
        email: Set(format!("deleted+{}@deleted.invalid", id.simple())),
        // Not a PHC string: no password verifies against it.
        password_hash: Set("!deleted".to_owned()),
        must_change_password: Set(false),
        temp_password_expires_at: Set(None),
        totp_secret: Set(None),
        totp_pending_secret: Set(None),
        deleted_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}
