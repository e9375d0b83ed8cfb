//! Tenancy in one place: every query that reads or changes one company's data takes a
//! `CompanyScope`, and filters by it. The API builds it from the caller (a customer's own company)
//! or from a staff route's path after checking the caller is staff.

use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompanyScope {
    company_id: Uuid,
}

impl CompanyScope {
    pub fn new(company_id: Uuid) -> CompanyScope {
        CompanyScope { company_id }
    }

    pub fn company_id(self) -> Uuid {
        self.company_id
    }
}
