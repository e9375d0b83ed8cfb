use sea_orm::entity::prelude::*;

/// Append-only: rows are inserted, never updated or deleted (R3.2).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_ledger")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub company_id: Uuid,
    pub seq: i64,
    pub kind: portal_domain::ledger::EntryKind,
    pub amount: i32,
    pub balance_after: i32,
    pub fiscal_year: i32,
    pub expires_at: Option<DateTimeUtc>,
    /// The reason in Japanese as written (for people reading the table); the kind and its
    /// parameters below are what the portal reads.
    pub reason: String,
    /// `portal_domain::ledger::LedgerReason`'s kind; `note` for entries written before kinds.
    pub reason_kind: String,
    /// Its parameters as JSON; absent for a `note` written before kinds (its text is `reason`).
    pub reason_params: Option<String>,
    pub actor_id: Option<Uuid>,
    /// Makes a job's entry happen once however often or concurrently it runs.
    #[sea_orm(unique)]
    pub idempotency_key: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
