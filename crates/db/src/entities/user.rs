use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub role: portal_domain::Role,
    pub company_id: Option<Uuid>,
    pub totp_secret: Option<String>,
    pub totp_pending_secret: Option<String>,
    pub totp_last_step: Option<i64>,
    /// Until when the temporary password signs in; `None` for a chosen password (or one issued
    /// before temporary passwords expired).
    pub temp_password_expires_at: Option<DateTimeUtc>,
    /// Set while a representative has disabled the user (R7.4): no sign-in, no session, no token.
    pub disabled_at: Option<DateTimeUtc>,
    /// Set when the user was deleted: the row stays for the history that names it, with its
    /// e-mail address replaced so the address can be used again.
    pub deleted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::company::Entity", from = "Column::CompanyId", to = "super::company::Column::Id")]
    Company,
}

impl Related<super::company::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Company.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
