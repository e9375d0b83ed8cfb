use sea_orm::entity::prelude::*;

/// The IAM role the portal assumes for one linked account, and how its last test went (R7.8).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "aws_account_roles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub aws_account_id: Uuid,
    pub company_id: Uuid,
    pub role_arn: String,
    /// `support_api` or `trusted_advisor_api`.
    pub ta_provider: String,
    pub checked_at: Option<DateTimeUtc>,
    pub check_ok: Option<bool>,
    pub check_identity_arn: Option<String>,
    pub check_error_code: Option<String>,
    pub check_message: Option<String>,
    /// A replica's claim on the scheduled read of this account.
    pub refresh_claimed_until: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
