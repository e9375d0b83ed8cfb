use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::aws_account;

pub struct NewAwsAccount<'a> {
    pub account_id: &'a str,
    pub display_name: &'a str,
    pub root_held_by_us: bool,
    pub under_maintenance: bool,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    a: NewAwsAccount<'_>,
    now: DateTimeUtc,
) -> Result<aws_account::Model, DbErr> {
    aws_account::ActiveModel {
        id: Set(Uuid::new_v4()),
        company_id: Set(scope.company_id()),
        account_id: Set(a.account_id.to_owned()),
        display_name: Set(a.display_name.to_owned()),
        root_held_by_us: Set(a.root_held_by_us),
        under_maintenance: Set(a.under_maintenance),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn list(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<Vec<aws_account::Model>, DbErr> {
    aws_account::Entity::find()
        .filter(aws_account::Column::CompanyId.eq(scope.company_id()))
        .order_by_asc(aws_account::Column::DisplayName)
        .all(db)
        .await
}

pub async fn get(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
) -> Result<Option<aws_account::Model>, DbErr> {
    aws_account::Entity::find_by_id(id).filter(aws_account::Column::CompanyId.eq(scope.company_id())).one(db).await
}
