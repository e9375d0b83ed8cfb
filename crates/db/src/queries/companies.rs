use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::DateTimeUtc;
use crate::entities::company;

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<company::Model>, DbErr> {
    company::Entity::find_by_id(id).one(db).await
}

pub async fn find_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<company::Model>, DbErr> {
    company::Entity::find().filter(company::Column::Code.eq(code)).one(db).await
}

pub async fn insert(
    db: &impl ConnectionTrait,
    code: &str,
    name: &str,
    now: DateTimeUtc,
) -> Result<company::Model, DbErr> {
    company::ActiveModel {
        id: Set(Uuid::new_v4()),
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        created_at: Set(now),
    }
    .insert(db)
    .await
}
