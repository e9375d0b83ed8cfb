//! One migration tree, written with sea-query's backend-neutral builders so the same steps run on
//! SQLite (the embedded default) and PostgreSQL (production and CI).

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_identity;
mod m20261126_000002_programme;
mod m20261127_000003_ledger_reasons;
mod m20261127_000004_sign_in_hardening;
mod m20261127_000005_option_services;
mod m20261127_000006_application_threads;
mod m20261127_000007_trainings;
mod m20261127_000008_reports_and_checklists;
mod m20261127_000009_application_assignee;
mod m20261127_000010_attachments;
mod m20261127_000011_company_users_and_api_tokens;
mod m20261127_000012_inquiries;
mod m20261127_000013_optimization;
mod m20261127_000014_aws_tools;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_identity::Migration),
            Box::new(m20261126_000002_programme::Migration),
            Box::new(m20261127_000003_ledger_reasons::Migration),
            Box::new(m20261127_000004_sign_in_hardening::Migration),
            Box::new(m20261127_000005_option_services::Migration),
            Box::new(m20261127_000006_application_threads::Migration),
            Box::new(m20261127_000007_trainings::Migration),
            Box::new(m20261127_000008_reports_and_checklists::Migration),
            Box::new(m20261127_000009_application_assignee::Migration),
            Box::new(m20261127_000010_attachments::Migration),
            Box::new(m20261127_000011_company_users_and_api_tokens::Migration),
            Box::new(m20261127_000012_inquiries::Migration),
            Box::new(m20261127_000013_optimization::Migration),
            Box::new(m20261127_000014_aws_tools::Migration),
        ]
    }
}
