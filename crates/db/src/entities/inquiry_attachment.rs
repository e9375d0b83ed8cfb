use sea_orm::entity::prelude::*;

/// A file sent in an inquiry's thread; its bytes are in the attachment store under `object_key`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry_attachments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub inquiry_id: Uuid,
    pub company_id: Uuid,
    pub message_id: Uuid,
    /// As the uploader named it: shown and offered as the download's name, never used as a path.
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub object_key: String,
    pub uploaded_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
