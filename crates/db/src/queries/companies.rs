use portal_domain::eligibility::{CompanyFlags, ContractType};
use portal_domain::Rank;
use sea_orm::sea_query::{Expr, Func, IntoCondition, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{company, company_year, user};

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<company::Model>, DbErr> {
    company::Entity::find_by_id(id).one(db).await
}

pub async fn find_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<company::Model>, DbErr> {
    company::Entity::find().filter(company::Column::Code.eq(code)).one(db).await
}

pub async fn all_ids(db: &impl ConnectionTrait) -> Result<Vec<Uuid>, DbErr> {
    company::Entity::find()
        .select_only()
        .column(company::Column::Id)
        .order_by_asc(company::Column::Code)
        .into_tuple()
        .all(db)
        .await
}

/// Code → id for the given codes (transaction import).
pub async fn ids_by_code(db: &impl ConnectionTrait, codes: Vec<String>) -> Result<Vec<(String, Uuid)>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        let rows: Vec<(String, Uuid)> = company::Entity::find()
            .select_only()
            .column(company::Column::Code)
            .column(company::Column::Id)
            .filter(company::Column::Code.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

pub fn contract_types(c: &company::Model) -> Vec<ContractType> {
    c.contract_types.split(',').filter_map(|s| ContractType::parse(s.trim())).collect()
}

pub fn flags(c: &company::Model) -> CompanyFlags {
    CompanyFlags { public_body: c.public_body, partner: c.partner, via_third_party: c.via_third_party }
}

/// A company without contract details (demo data, tests).
pub async fn insert(
    db: &impl ConnectionTrait,
    code: &str,
    name: &str,
    now: DateTimeUtc,
) -> Result<company::Model, DbErr> {
    insert_with(db, code, name, &[ContractType::BillingAgency], CompanyFlags::default(), now).await
}

pub async fn insert_with(
    db: &impl ConnectionTrait,
    code: &str,
    name: &str,
    contracts: &[ContractType],
    flags: CompanyFlags,
    now: DateTimeUtc,
) -> Result<company::Model, DbErr> {
    company::ActiveModel {
        id: Set(Uuid::new_v4()),
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        created_at: Set(now),
        contract_types: Set(contracts.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")),
        public_body: Set(flags.public_body),
        partner: Set(flags.partner),
        via_third_party: Set(flags.via_third_party),
        ledger_seq: Set(0),
    }
    .insert(db)
    .await
}

pub async fn users(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::CompanyId.eq(scope.company_id()))
        .order_by_asc(user::Column::Email)
        .all(db)
        .await
}

#[derive(Debug, FromQueryResult)]
pub struct ListRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub rank: Option<String>,
    pub balance: Option<i64>,
}

impl ListRow {
    pub fn rank(&self) -> Rank {
        self.rank.as_deref().and_then(Rank::parse).unwrap_or(Rank::Regular)
    }
}

/// Staff list: rank of `fiscal_year` (REGULAR when none is stored), PLATINUM first, then name.
pub async fn list_for_staff(
    db: &impl ConnectionTrait,
    fiscal_year: i32,
    rank: Option<Rank>,
    q: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<ListRow>, u64), DbErr> {
    let rank_order = Func::coalesce([
        Expr::col((company_year::Entity, company_year::Column::RankOrder)).into(),
        Expr::val(Rank::Regular.sort_key() as i32).into(),
    ]);
    let mut query = company::Entity::find()
        .select_only()
        .column(company::Column::Id)
        .column(company::Column::Code)
        .column(company::Column::Name)
        .column_as(Expr::col((company_year::Entity, company_year::Column::Rank)), "rank")
        .column_as(
            Expr::cust("(SELECT SUM(tl.amount) FROM ticket_ledger tl WHERE tl.company_id = companies.id)"),
            "balance",
        )
        .join(
            JoinType::LeftJoin,
            company::Relation::Years.def().on_condition(move |_, right| {
                Expr::col((right, company_year::Column::FiscalYear)).eq(fiscal_year).into_condition()
            }),
        );
    if let Some(r) = rank {
        query = query.filter(Expr::expr(rank_order.clone()).eq(r.sort_key() as i32));
    }
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = super::contains_pattern(q);
        let like = |col: company::Column| {
            Expr::expr(Func::lower(Expr::col((company::Entity, col)))).like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(Condition::any().add(like(company::Column::Name)).add(like(company::Column::Code)));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(Expr::expr(rank_order))
        .order_by_asc(company::Column::Name)
        .order_by_asc(company::Column::Code)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .into_model::<ListRow>()
        .all(db)
        .await?;
    Ok((rows, total))
}
