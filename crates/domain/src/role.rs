use serde::{Deserialize, Serialize};

/// Who a user is. Customer roles belong to a company; staff roles do not.
///
/// Ordered so that checks read `role >= Role::Representative` within a side; use
/// [`Role::is_staff`] first, since a staff role is not "more" than a customer role in any tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Representative,
    Csm,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::Representative, Role::Csm, Role::Admin];

    pub fn is_staff(self) -> bool {
        matches!(self, Role::Csm | Role::Admin)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Representative => "representative",
            Role::Csm => "csm",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn staff_roles_are_csm_and_admin_only() {
        assert!(!Role::Member.is_staff());
        assert!(!Role::Representative.is_staff());
        assert!(Role::Csm.is_staff());
        assert!(Role::Admin.is_staff());
        assert!(Role::Admin > Role::Csm && Role::Representative > Role::Member);
    }
}
