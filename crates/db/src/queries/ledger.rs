//! The ticket ledger (R3.2): append-only rows; the balance is the running sum; every write takes
//! the company's ledger lock first, so concurrent writers queue instead of racing.

use portal_domain::ledger::{self, EntryKind, LedgerError, LedgerReason};
use std::collections::HashMap;

use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{company, ticket_ledger};

#[derive(Debug, Clone)]
pub struct Posting {
    pub kind: EntryKind,
    pub amount: i32,
    /// The fiscal-year bucket the tickets belong to.
    pub fiscal_year: i32,
    pub expires_at: Option<DateTimeUtc>,
    pub reason: LedgerReason,
    pub actor_id: Option<Uuid>,
    /// Set by jobs: a second posting with the same key is refused by the database.
    pub idempotency_key: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PostError {
    #[error(transparent)]
    Rule(#[from] LedgerError),
    #[error("company not found")]
    NoCompany,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Serializes ledger writers of one company until the surrounding transaction ends: a row lock on
/// PostgreSQL, the write lock on SQLite (so on SQLite it must be the transaction's first statement,
/// or a stale read snapshot could not be upgraded). `post` takes the same lock itself.
pub async fn lock(txn: &impl ConnectionTrait, scope: CompanyScope) -> Result<(), PostError> {
    let res = company::Entity::update_many()
        .col_expr(company::Column::LedgerSeq, Expr::col(company::Column::LedgerSeq))
        .filter(company::Column::Id.eq(scope.company_id()))
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(PostError::NoCompany);
    }
    Ok(())
}

/// Appends one entry after checking the domain rule against the balance, under the company's
/// ledger lock. On error the caller must roll the transaction back (dropping it does).
pub async fn post(
    txn: &impl ConnectionTrait,
    scope: CompanyScope,
    p: Posting,
    now: DateTimeUtc,
) -> Result<ticket_ledger::Model, PostError> {
    let res = company::Entity::update_many()
        .col_expr(company::Column::LedgerSeq, Expr::col(company::Column::LedgerSeq).add(1))
        .filter(company::Column::Id.eq(scope.company_id()))
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(PostError::NoCompany);
    }
    let seq = company::Entity::find_by_id(scope.company_id()).one(txn).await?.ok_or(PostError::NoCompany)?.ledger_seq;
    let balance = balance(txn, scope).await?;
    let balance_after = if p.kind == EntryKind::Expire {
        // An expiry empties one fiscal year's bucket, exactly (a refund into a year that had
        // already ended lapses at once); the balance is what the other buckets hold after it.
        let bucket = bucket_balance(txn, scope, p.fiscal_year).await?;
        ledger::check(p.kind, p.amount, bucket)?;
        balance + p.amount
    } else {
        ledger::check(p.kind, p.amount, balance)?
    };
    Ok(entry_row(scope, seq, balance_after, p, now).insert(txn).await?)
}

fn entry_row(
    scope: CompanyScope,
    seq: i64,
    balance_after: i32,
    p: Posting,
    now: DateTimeUtc,
) -> ticket_ledger::ActiveModel {
    let (kind, params) = p.reason.to_parts();
    ticket_ledger::ActiveModel {
        id: Set(Uuid::new_v4()),
        company_id: Set(scope.company_id()),
        seq: Set(seq),
        kind: Set(p.kind),
        amount: Set(p.amount),
        balance_after: Set(balance_after),
        fiscal_year: Set(p.fiscal_year),
        expires_at: Set(p.expires_at),
        reason: Set(p.reason.text_ja()),
        reason_kind: Set(kind),
        reason_params: Set(Some(params.to_string())),
        actor_id: Set(p.actor_id),
        idempotency_key: Set(p.idempotency_key),
        created_at: Set(now),
    }
}

#[derive(Debug, FromQueryResult)]
struct Sum {
    total: Option<i64>,
}

pub async fn balance(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<i32, DbErr> {
    sum_where(db, scope, None).await
}

/// What is left of one fiscal year's tickets.
pub async fn bucket_balance(db: &impl ConnectionTrait, scope: CompanyScope, fiscal_year: i32) -> Result<i32, DbErr> {
    sum_where(db, scope, Some(fiscal_year)).await
}

async fn sum_where(db: &impl ConnectionTrait, scope: CompanyScope, fy: Option<i32>) -> Result<i32, DbErr> {
    let mut q = ticket_ledger::Entity::find()
        .select_only()
        .column_as(Expr::col(ticket_ledger::Column::Amount).sum(), "total")
        .filter(ticket_ledger::Column::CompanyId.eq(scope.company_id()));
    if let Some(fy) = fy {
        q = q.filter(ticket_ledger::Column::FiscalYear.eq(fy));
    }
    let s = q.into_model::<Sum>().one(db).await?;
    Ok(s.and_then(|s| s.total).unwrap_or(0) as i32)
}

/// Buckets older than `before` that still hold tickets: (fiscal year, remaining).
pub async fn live_buckets_before(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    before: i32,
) -> Result<Vec<(i32, i32)>, DbErr> {
    #[derive(Debug, FromQueryResult)]
    struct Bucket {
        fiscal_year: i32,
        total: Option<i64>,
    }
    let rows = ticket_ledger::Entity::find()
        .select_only()
        .column(ticket_ledger::Column::FiscalYear)
        .column_as(Expr::col(ticket_ledger::Column::Amount).sum(), "total")
        .filter(ticket_ledger::Column::CompanyId.eq(scope.company_id()))
        .filter(ticket_ledger::Column::FiscalYear.lt(before))
        .group_by(ticket_ledger::Column::FiscalYear)
        .into_model::<Bucket>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|b| (b.fiscal_year, b.total.unwrap_or(0) as i32)).filter(|(_, t)| *t != 0).collect())
}

/// What one fiscal year's rank has given so far: its grants net of withdrawals by rank changes.
pub async fn rank_granted_net(db: &impl ConnectionTrait, scope: CompanyScope, fiscal_year: i32) -> Result<i32, DbErr> {
    let s = ticket_ledger::Entity::find()
        .select_only()
        .column_as(Expr::col(ticket_ledger::Column::Amount).sum(), "total")
        .filter(ticket_ledger::Column::CompanyId.eq(scope.company_id()))
        .filter(ticket_ledger::Column::FiscalYear.eq(fiscal_year))
        .filter(ticket_ledger::Column::Kind.is_in([EntryKind::Grant, EntryKind::Withdraw]))
        .into_model::<Sum>()
        .one(db)
        .await?;
    Ok(s.and_then(|s| s.total).unwrap_or(0) as i32)
}

#[derive(Debug, FromQueryResult)]
struct PagedEntry {
    id: Uuid,
    company_id: Uuid,
    seq: i64,
    kind: EntryKind,
    amount: i32,
    balance_after: i32,
    fiscal_year: i32,
    expires_at: Option<DateTimeUtc>,
    reason: String,
    reason_kind: String,
    reason_params: Option<String>,
    actor_id: Option<Uuid>,
    idempotency_key: Option<String>,
    created_at: DateTimeUtc,
    total: i64,
}

/// Newest first; the page and the total in one statement (`COUNT(*) OVER ()`). Only a page past
/// the end costs a second one, to still say how many entries there are.
pub async fn page(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    page: u64,
    per_page: u64,
) -> Result<(Vec<ticket_ledger::Model>, u64), DbErr> {
    let q = ticket_ledger::Entity::find().filter(ticket_ledger::Column::CompanyId.eq(scope.company_id()));
    let rows = q
        .clone()
        .column_as(Expr::cust("COUNT(*) OVER ()"), "total")
        .order_by_desc(ticket_ledger::Column::Seq)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .into_model::<PagedEntry>()
        .all(db)
        .await?;
    let total = match rows.first() {
        Some(r) => u64::try_from(r.total).unwrap_or(0),
        None => q.count(db).await?,
    };
    let items = rows
        .into_iter()
        .map(|r| ticket_ledger::Model {
            id: r.id,
            company_id: r.company_id,
            seq: r.seq,
            kind: r.kind,
            amount: r.amount,
            balance_after: r.balance_after,
            fiscal_year: r.fiscal_year,
            expires_at: r.expires_at,
            reason: r.reason,
            reason_kind: r.reason_kind,
            reason_params: r.reason_params,
            actor_id: r.actor_id,
            idempotency_key: r.idempotency_key,
            created_at: r.created_at,
        })
        .collect();
    Ok((items, total))
}

/// Every entry, oldest first (CSV export).
pub async fn all(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<Vec<ticket_ledger::Model>, DbErr> {
    ticket_ledger::Entity::find()
        .filter(ticket_ledger::Column::CompanyId.eq(scope.company_id()))
        .order_by_asc(ticket_ledger::Column::Seq)
        .all(db)
        .await
}

pub async fn entry(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
) -> Result<Option<ticket_ledger::Model>, DbErr> {
    ticket_ledger::Entity::find_by_id(id).filter(ticket_ledger::Column::CompanyId.eq(scope.company_id())).one(db).await
}

fn ids_of(scopes: &[CompanyScope]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = scopes.iter().map(|s| s.company_id()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The ledger locks of many companies in one statement, taken in id order (so two writers never
/// wait on each other in a cycle), with each company's ledger sequence. On SQLite the write lock
/// of the database does it, and must be the transaction's first statement.
pub async fn lock_many(db: &impl ConnectionTrait, scopes: &[CompanyScope]) -> Result<HashMap<Uuid, i64>, DbErr> {
    let ids = ids_of(scopes);
    if db.get_database_backend() == DbBackend::Sqlite {
        company::Entity::update_many()
            .col_expr(company::Column::LedgerSeq, Expr::col(company::Column::LedgerSeq))
            .filter(company::Column::Id.is_in(ids.clone()))
            .exec(db)
            .await?;
    }
    let rows: Vec<(Uuid, i64)> = company::Entity::find()
        .select_only()
        .column(company::Column::Id)
        .column(company::Column::LedgerSeq)
        .filter(company::Column::Id.is_in(ids))
        .order_by_asc(company::Column::Id)
        .lock_exclusive()
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// What is left of each fiscal-year bucket of many companies: company → [(fiscal year, remaining)].
pub async fn buckets_many(
    db: &impl ConnectionTrait,
    scopes: &[CompanyScope],
) -> Result<HashMap<Uuid, Vec<(i32, i32)>>, DbErr> {
    let rows: Vec<(Uuid, i32, Option<i64>)> = ticket_ledger::Entity::find()
        .select_only()
        .column(ticket_ledger::Column::CompanyId)
        .column(ticket_ledger::Column::FiscalYear)
        .column_as(Expr::col(ticket_ledger::Column::Amount).sum(), "total")
        .filter(ticket_ledger::Column::CompanyId.is_in(ids_of(scopes)))
        .group_by(ticket_ledger::Column::CompanyId)
        .group_by(ticket_ledger::Column::FiscalYear)
        .order_by_asc(ticket_ledger::Column::FiscalYear)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, Vec<(i32, i32)>> = HashMap::new();
    for (company, fy, total) in rows {
        out.entry(company).or_default().push((fy, total.unwrap_or(0) as i32));
    }
    Ok(out)
}

/// Appends many entries, in order, for companies whose ledger locks this transaction holds
/// (`lock_many`; `seqs` is what it returned). Each entry passes `portal_domain::ledger::check`
/// against its company's running balance, exactly as `post` does one at a time; on the first
/// refusal nothing is written and the caller rolls back.
pub async fn post_many(
    txn: &impl ConnectionTrait,
    seqs: &HashMap<Uuid, i64>,
    balances: &HashMap<Uuid, i32>,
    postings: Vec<(CompanyScope, Posting)>,
    now: DateTimeUtc,
) -> Result<(), PostError> {
    let mut seqs = seqs.clone();
    let mut balances = balances.clone();
    let mut rows = Vec::with_capacity(postings.len());
    let mut touched = std::collections::BTreeSet::new();
    for (scope, p) in postings {
        let id = scope.company_id();
        touched.insert(id);
        let seq = seqs.get_mut(&id).ok_or(PostError::NoCompany)?;
        let balance = balances.entry(id).or_insert(0);
        let balance_after = ledger::check(p.kind, p.amount, *balance)?;
        *seq += 1;
        *balance = balance_after;
        rows.push(entry_row(scope, *seq, balance_after, p, now));
    }
    if rows.is_empty() {
        return Ok(());
    }
    let touched: Vec<Uuid> = touched.into_iter().collect();
    for chunk in rows.chunks(1000) {
        ticket_ledger::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }
    for chunk in touched.chunks(500) {
        let mut case = CaseStatement::new();
        for id in chunk {
            case = case.case(Expr::col(company::Column::Id).eq(*id), seqs[id]);
        }
        company::Entity::update_many()
            .col_expr(company::Column::LedgerSeq, case.finally(Expr::col(company::Column::LedgerSeq)).into())
            .filter(company::Column::Id.is_in(chunk.to_vec()))
            .exec(txn)
            .await?;
    }
    Ok(())
}
