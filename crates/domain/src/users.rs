//! The users of a customer company (R7.4): wire types, the parsed inputs, and the rule that a
//! company never loses its last active representative.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::ErrorCode;
use crate::email::Email;
use crate::paging::PageLinks;
use crate::problem::FieldError;
use crate::Role;

/// The roles a company's users can have; staff roles are not given out here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CustomerRole {
    Representative,
    Member,
}

impl CustomerRole {
    pub fn role(self) -> Role {
        match self {
            CustomerRole::Representative => Role::Representative,
            CustomerRole::Member => Role::Member,
        }
    }
}

/// Whether a user may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    /// Disabled by a representative: no sign-in, no session, no API token.
    Disabled,
}

/// One user of the caller's company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyUserView {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub status: UserStatus,
    pub mfa_enabled: bool,
    /// Still on the temporary password (has not signed in yet).
    pub must_change_password: bool,
    pub created_at: DateTime<Utc>,
}

/// A page of the company's users: representatives first, then by name and e-mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyUserPage {
    pub items: Vec<CompanyUserView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    #[serde(default)]
    pub links: PageLinks,
}

/// A representative adds a user; the temporary password goes to `email` by mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateCompanyUserRequest {
    /// Unique across the portal, compared without regard to case.
    #[cfg_attr(feature = "server", schema(format = Email, max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 100))]
    pub display_name: String,
    pub role: CustomerRole,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyUserCreated {
    pub user: CompanyUserView,
    /// Until when the mailed temporary password signs in.
    pub temporary_password_expires_at: DateTime<Utc>,
    /// `outbox`, `smtp`, or `failed` (the user exists either way; staff can issue a new password).
    pub mail_delivery: String,
}

/// Changes to a user; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateCompanyUserRequest {
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 100))]
    pub display_name: Option<String>,
    #[serde(default)]
    pub role: Option<CustomerRole>,
}

const NAME_MAX: usize = 100;

fn display_name(value: &str, errors: &mut Vec<FieldError>) -> String {
    let v = value.trim();
    let n = v.chars().count();
    if n == 0 {
        errors.push(FieldError::new("display_name", ErrorCode::Required, "display_name is required"));
    } else if n > NAME_MAX {
        errors.push(FieldError::new("display_name", ErrorCode::TooLong, format!("at most {NAME_MAX} characters")));
    }
    v.to_owned()
}

/// A new user, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCompanyUser {
    pub email: Email,
    pub display_name: String,
    pub role: Role,
}

impl NewCompanyUser {
    pub fn parse(req: &CreateCompanyUserRequest) -> Result<NewCompanyUser, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = Email::parse(&req.email);
        if email.is_err() {
            errors.push(FieldError::new("email", ErrorCode::InvalidEmail, "not a valid e-mail address"));
        }
        let display_name = display_name(&req.display_name, &mut errors);
        match email {
            Ok(email) if errors.is_empty() => Ok(NewCompanyUser { email, display_name, role: req.role.role() }),
            _ => Err(errors),
        }
    }
}

/// A change, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChange {
    pub display_name: Option<String>,
    pub role: Option<Role>,
}

impl UserChange {
    pub fn parse(req: &UpdateCompanyUserRequest) -> Result<UserChange, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = req.display_name.as_deref().map(|n| display_name(n, &mut errors));
        if errors.is_empty() {
            Ok(UserChange { display_name: name, role: req.role.map(CustomerRole::role) })
        } else {
            Err(errors)
        }
    }
}

/// R7.4 [decision]: a company keeps at least one active representative, so its last one cannot be
/// demoted, disabled or deleted. `active_representatives` counts the company's active
/// representatives *including* the target, read under the company's lock;
/// `target_is_active_representative` says whether the change takes one away.
pub fn keeps_a_representative(
    active_representatives: u64,
    target_is_active_representative: bool,
) -> Result<(), ErrorCode> {
    if target_is_active_representative && active_representatives <= 1 {
        Err(ErrorCode::LastRepresentative)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r7_4_the_last_active_representative_stays() {
        assert_eq!(keeps_a_representative(1, true), Err(ErrorCode::LastRepresentative));
        assert_eq!(keeps_a_representative(2, true), Ok(()));
        // A member (or a disabled representative) takes no representative away.
        assert_eq!(keeps_a_representative(1, false), Ok(()));
    }

    #[test]
    fn new_users_are_parsed_once_with_every_field_named() {
        let req = CreateCompanyUserRequest {
            email: "  Hanako@Example.JP ".into(),
            display_name: " 花子 ".into(),
            role: CustomerRole::Member,
        };
        let u = NewCompanyUser::parse(&req).unwrap();
        assert_eq!((u.email.as_str(), u.display_name.as_str(), u.role), ("hanako@example.jp", "花子", Role::Member));
        let bad =
            CreateCompanyUserRequest { email: "nope".into(), display_name: " ".into(), role: CustomerRole::Member };
        let fields: Vec<_> = NewCompanyUser::parse(&bad).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["email", "display_name"]);
        let long = UpdateCompanyUserRequest { display_name: Some("x".repeat(101)), role: None };
        assert_eq!(UserChange::parse(&long).unwrap_err()[0].code, "too_long");
        assert_eq!(UserChange::parse(&UpdateCompanyUserRequest::default()).unwrap(), UserChange::default());
    }
}
