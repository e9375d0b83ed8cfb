//! Tenancy in one place: every query that reads or changes one company's data takes a
//! `CompanyScope`, and filters by it. Outside this crate a scope comes only from a signed-in user
//! row: a customer's own company ([`CompanyScope::of_customer`]) or any company for staff
//! ([`CompanyScope::for_staff`]). Jobs get theirs from [`super::companies::all_scopes`].

use uuid::Uuid;

use crate::entities::user;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompanyScope {
    company_id: Uuid,
}

impl CompanyScope {
    pub(crate) fn new(company_id: Uuid) -> CompanyScope {
        CompanyScope { company_id }
    }

    /// The one company a customer user may see; `None` for staff and for users without a company.
    pub fn of_customer(user: &user::Model) -> Option<CompanyScope> {
        let customer = !user.role.is_staff();
        user.company_id.filter(|_| customer).map(CompanyScope::new)
    }

    /// Any company, for a staff member; `None` when `staff` is not staff.
    pub fn for_staff(staff: &user::Model, company_id: Uuid) -> Option<CompanyScope> {
        staff.role.is_staff().then(|| CompanyScope::new(company_id))
    }

    pub fn company_id(self) -> Uuid {
        self.company_id
    }
}
