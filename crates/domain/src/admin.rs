//! Wire types of staff views of users.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::paging::PageLinks;
use crate::Role;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AdminUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub company_name: Option<String>,
    pub mfa_enabled: bool,
    pub must_change_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AdminUserPage {
    pub items: Vec<AdminUser>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// Links to the next and previous pages (older servers sent none).
    #[serde(default)]
    pub links: PageLinks,
}
