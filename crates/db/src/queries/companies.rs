use portal_domain::company::RankSource;
use portal_domain::eligibility::{CompanyFlags, ContractType};
use portal_domain::Rank;
use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoCondition, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{company, company_year, user};

pub async fn find(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<Option<company::Model>, DbErr> {
    company::Entity::find_by_id(scope.company_id()).one(db).await
}

pub async fn find_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<company::Model>, DbErr> {
    company::Entity::find().filter(company::Column::Code.eq(code)).one(db).await
}

/// Every company, for jobs that visit each one (the rollover).
pub async fn all_scopes(db: &impl ConnectionTrait) -> Result<Vec<CompanyScope>, DbErr> {
    let ids: Vec<Uuid> = company::Entity::find()
        .select_only()
        .column(company::Column::Id)
        .order_by_asc(company::Column::Code)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().map(CompanyScope::new).collect())
}

/// Code → scope for the given codes (transaction import, a staff operation).
pub async fn scopes_by_code(
    db: &impl ConnectionTrait,
    codes: Vec<String>,
) -> Result<Vec<(String, CompanyScope)>, DbErr> {
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
        out.extend(rows.into_iter().map(|(code, id)| (code, CompanyScope::new(id))));
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
) -> Result<(company::Model, CompanyScope), DbErr> {
    insert_with(db, code, name, &[ContractType::BillingAgency], CompanyFlags::default(), now).await
}

pub async fn insert_with(
    db: &impl ConnectionTrait,
    code: &str,
    name: &str,
    contracts: &[ContractType],
    flags: CompanyFlags,
    now: DateTimeUtc,
) -> Result<(company::Model, CompanyScope), DbErr> {
    let row = company::ActiveModel {
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
    .await?;
    let scope = CompanyScope::new(row.id);
    Ok((row, scope))
}

pub async fn users(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::CompanyId.eq(scope.company_id()))
        .filter(user::Column::DeletedAt.is_null())
        .order_by_asc(user::Column::Email)
        .all(db)
        .await
}

#[derive(Debug, FromQueryResult)]
pub struct ListRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub rank: Option<Rank>,
    pub balance: Option<i64>,
}

impl ListRow {
    /// REGULAR when no year was ever rolled over for the company.
    pub fn rank(&self) -> Rank {
        self.rank.unwrap_or(Rank::Regular)
    }
}

/// The latest fiscal year whose rollover ran for the company in the outer query: its rank holds
/// until the next rollover reaches the company (also in the window after April 1 00:00 JST).
const LIVE_YEAR: &str = "(SELECT MAX(ly.fiscal_year) FROM company_years ly \
     WHERE ly.company_id = companies.id AND ly.rolled_over_at IS NOT NULL)";

/// Free trainings the company in the outer query has booked (and not cancelled) in its live year:
/// the bookings are the record, not a counter (R5.1).
const FREE_TRAININGS_BOOKED: &str = "(SELECT CAST(COUNT(*) AS INTEGER) FROM training_bookings tb \
     WHERE tb.company_id = companies.id AND tb.free_booking = TRUE AND tb.cancelled_at IS NULL \
     AND tb.fiscal_year = (SELECT MAX(ly.fiscal_year) FROM company_years ly \
     WHERE ly.company_id = companies.id AND ly.rolled_over_at IS NOT NULL))";

/// The ticket balance of the company in the outer query.
const BALANCE: &str = "(SELECT SUM(tl.amount) FROM ticket_ledger tl WHERE tl.company_id = companies.id)";

/// Joins the company's year in force (see `LIVE_YEAR`).
fn live_year_join() -> sea_orm::RelationDef {
    company::Relation::Years.def().on_condition(|_, right| {
        Expr::col((right, company_year::Column::FiscalYear)).eq(Expr::cust(LIVE_YEAR)).into_condition()
    })
}

/// Staff list: the rank in force (REGULAR when none is stored), PLATINUM first, then name.
pub async fn list_for_staff(
    db: &impl ConnectionTrait,
    rank: Option<Rank>,
    q: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<ListRow>, u64), DbErr> {
    let rank_order = Func::coalesce([
        Expr::col((company_year::Entity, company_year::Column::RankOrder)),
        Expr::val(Rank::Regular.sort_key() as i32),
    ]);
    let mut query = company::Entity::find()
        .select_only()
        .column(company::Column::Id)
        .column(company::Column::Code)
        .column(company::Column::Name)
        .column_as(Expr::col((company_year::Entity, company_year::Column::Rank)), "rank")
        .column_as(Expr::cust(BALANCE), "balance")
        .join(JoinType::LeftJoin, live_year_join());
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

/// Companies whose rollover into `fiscal_year` has not run (no rolled row for that year).
pub async fn count_not_rolled(db: &impl ConnectionTrait, fiscal_year: i32) -> Result<u64, DbErr> {
    company::Entity::find()
        .join(
            JoinType::LeftJoin,
            company::Relation::Years.def().on_condition(move |_, right| {
                Expr::col((right, company_year::Column::FiscalYear)).eq(fiscal_year).into_condition()
            }),
        )
        .filter(Expr::col((company_year::Entity, company_year::Column::RolledOverAt)).is_null())
        .count(db)
        .await
}

/// What the company page shows besides the AWS accounts, in one statement: the company, the
/// latest year whose rollover ran (its rank holds until the next one) and the ticket balance.
#[derive(Debug, FromQueryResult)]
pub struct OverviewRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub fiscal_year: Option<i32>,
    pub rank: Option<Rank>,
    pub source: Option<RankSource>,
    pub volume_yen: Option<i64>,
    pub free_trainings_used: Option<i32>,
    pub balance: Option<i64>,
}

pub async fn overview_row(db: &impl ConnectionTrait, scope: CompanyScope) -> Result<Option<OverviewRow>, DbErr> {
    let year = |c: company_year::Column| Expr::col((company_year::Entity, c));
    company::Entity::find_by_id(scope.company_id())
        .select_only()
        .column(company::Column::Id)
        .column(company::Column::Code)
        .column(company::Column::Name)
        .column_as(year(company_year::Column::FiscalYear), "fiscal_year")
        .column_as(year(company_year::Column::Rank), "rank")
        .column_as(year(company_year::Column::Source), "source")
        .column_as(year(company_year::Column::VolumeYen), "volume_yen")
        .column_as(Expr::cust(FREE_TRAININGS_BOOKED), "free_trainings_used")
        .column_as(Expr::cust(BALANCE), "balance")
        .join(JoinType::LeftJoin, live_year_join())
        .into_model::<OverviewRow>()
        .one(db)
        .await
}
