//! Application threads (R4.7) and meeting slots. Every read and write takes the application's
//! `CompanyScope`: a message or slot is only reached through its company's application.

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{application_attachment, application_message, application_read, meeting_slot};

pub struct NewMessage<'a> {
    pub application_id: Uuid,
    pub author_id: Uuid,
    pub author_label: &'a str,
    pub from_staff: bool,
    pub body: String,
}

pub async fn post(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    m: NewMessage<'_>,
    now: DateTimeUtc,
) -> Result<application_message::Model, DbErr> {
    application_message::ActiveModel {
        id: Set(Uuid::new_v4()),
        application_id: Set(m.application_id),
        company_id: Set(scope.company_id()),
        author_id: Set(m.author_id),
        author_label: Set(m.author_label.to_owned()),
        from_staff: Set(m.from_staff),
        body: Set(m.body),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// Oldest first.
pub async fn messages(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    application_id: Uuid,
) -> Result<Vec<application_message::Model>, DbErr> {
    application_message::Entity::find()
        .filter(application_message::Column::CompanyId.eq(scope.company_id()))
        .filter(application_message::Column::ApplicationId.eq(application_id))
        .order_by_asc(application_message::Column::CreatedAt)
        .order_by_asc(application_message::Column::Id)
        .all(db)
        .await
}

pub async fn mark_read(
    db: &impl ConnectionTrait,
    application_id: Uuid,
    user_id: Uuid,
    at: DateTimeUtc,
) -> Result<(), DbErr> {
    let row = application_read::ActiveModel {
        application_id: Set(application_id),
        user_id: Set(user_id),
        last_read_at: Set(at),
    };
    application_read::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([application_read::Column::ApplicationId, application_read::Column::UserId])
                .update_column(application_read::Column::LastReadAt)
                .to_owned(),
        )
        .exec(db)
        .await
        .map(|_| ())
}

/// Messages of the other side that `user_id` has not read (a user's own never count).
pub async fn unread(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    application_id: Uuid,
    user_id: Uuid,
) -> Result<u64, DbErr> {
    let read = application_read::Entity::find_by_id((application_id, user_id)).one(db).await?;
    let mut q = application_message::Entity::find()
        .filter(application_message::Column::CompanyId.eq(scope.company_id()))
        .filter(application_message::Column::ApplicationId.eq(application_id))
        .filter(application_message::Column::AuthorId.ne(user_id));
    if let Some(r) = read {
        q = q.filter(application_message::Column::CreatedAt.gt(r.last_read_at));
    }
    q.count(db).await
}

pub async fn add_slot(
    db: &impl ConnectionTrait,
    application_id: Uuid,
    starts_at: DateTimeUtc,
    ends_at: DateTimeUtc,
    proposed_by: Uuid,
    now: DateTimeUtc,
) -> Result<meeting_slot::Model, DbErr> {
    meeting_slot::ActiveModel {
        id: Set(Uuid::new_v4()),
        application_id: Set(application_id),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        proposed_by: Set(proposed_by),
        picked_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// The slots of applications read through a scope (or by staff), by start.
pub async fn slots_of(db: &impl ConnectionTrait, application_ids: &[Uuid]) -> Result<Vec<meeting_slot::Model>, DbErr> {
    if application_ids.is_empty() {
        return Ok(Vec::new());
    }
    meeting_slot::Entity::find()
        .filter(meeting_slot::Column::ApplicationId.is_in(application_ids.iter().copied()))
        .order_by_asc(meeting_slot::Column::StartsAt)
        .all(db)
        .await
}

/// Marks `slot_id` picked if it belongs to `application_id` and none of its slots is picked yet.
pub async fn pick(
    db: &impl ConnectionTrait,
    application_id: Uuid,
    slot_id: Uuid,
    now: DateTimeUtc,
) -> Result<bool, DbErr> {
    let already = meeting_slot::Entity::find()
        .filter(meeting_slot::Column::ApplicationId.eq(application_id))
        .filter(meeting_slot::Column::PickedAt.is_not_null())
        .count(db)
        .await?;
    if already > 0 {
        return Ok(false);
    }
    let res = meeting_slot::Entity::update_many()
        .col_expr(meeting_slot::Column::PickedAt, Expr::value(now))
        .filter(meeting_slot::Column::Id.eq(slot_id))
        .filter(meeting_slot::Column::ApplicationId.eq(application_id))
        .filter(meeting_slot::Column::PickedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub struct NewAttachment<'a> {
    pub id: Uuid,
    pub application_id: Uuid,
    pub message_id: Uuid,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub object_key: &'a str,
    pub uploaded_by: Uuid,
}

pub async fn add_attachment(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    a: NewAttachment<'_>,
    now: DateTimeUtc,
) -> Result<application_attachment::Model, DbErr> {
    application_attachment::ActiveModel {
        id: Set(a.id),
        application_id: Set(a.application_id),
        company_id: Set(scope.company_id()),
        message_id: Set(a.message_id),
        file_name: Set(a.file_name.to_owned()),
        content_type: Set(a.content_type.to_owned()),
        size_bytes: Set(a.size_bytes),
        object_key: Set(a.object_key.to_owned()),
        uploaded_by: Set(a.uploaded_by),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// The attachments of an application's thread.
pub async fn attachments(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    application_id: Uuid,
) -> Result<Vec<application_attachment::Model>, DbErr> {
    application_attachment::Entity::find()
        .filter(application_attachment::Column::CompanyId.eq(scope.company_id()))
        .filter(application_attachment::Column::ApplicationId.eq(application_id))
        .all(db)
        .await
}

/// One attachment of one application of the scope's company.
pub async fn attachment(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    application_id: Uuid,
    id: Uuid,
) -> Result<Option<application_attachment::Model>, DbErr> {
    application_attachment::Entity::find_by_id(id)
        .filter(application_attachment::Column::CompanyId.eq(scope.company_id()))
        .filter(application_attachment::Column::ApplicationId.eq(application_id))
        .one(db)
        .await
}
