//! Inquiries (R7.7): the inquiry, its thread, read markers and files. A customer reaches them only
//! through the company's `CompanyScope`; staff get the scope of one inquiry from
//! [`scope_for_staff`], and the inbox reads across companies.

use std::collections::HashMap;

use portal_domain::inquiries::{InquiryCategory, InquiryState};
use portal_domain::{Rank, Role};
use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoCondition, LikeExpr, OnConflict, Query};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult,
    JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationDef, Set, Value,
};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{company, company_year, inquiry, inquiry_attachment, inquiry_message, inquiry_read, user};

pub struct NewInquiry<'a> {
    pub id: Uuid,
    pub category: InquiryCategory,
    pub subject: &'a str,
    pub opened_by: &'a user::Model,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    n: NewInquiry<'_>,
    now: DateTimeUtc,
) -> Result<inquiry::Model, DbErr> {
    inquiry::ActiveModel {
        id: Set(n.id),
        company_id: Set(scope.company_id()),
        category: Set(n.category),
        subject: Set(n.subject.to_owned()),
        state: Set(InquiryState::Open),
        opened_by: Set(n.opened_by.id),
        opened_by_label: Set(n.opened_by.email.clone()),
        assignee_id: Set(None),
        waiting_since: Set(Some(now)),
        last_message_at: Set(now),
        closed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, scope: CompanyScope, id: Uuid) -> Result<Option<inquiry::Model>, DbErr> {
    inquiry::Entity::find_by_id(id).filter(inquiry::Column::CompanyId.eq(scope.company_id())).one(db).await
}

/// The scope of one inquiry, for a staff member (None for anyone else or an unknown id).
pub async fn scope_for_staff(
    db: &impl ConnectionTrait,
    staff: &user::Model,
    id: Uuid,
) -> Result<Option<CompanyScope>, DbErr> {
    if !staff.role.is_staff() {
        return Ok(None);
    }
    Ok(inquiry::Entity::find_by_id(id).one(db).await?.and_then(|i| CompanyScope::for_staff(staff, i.company_id)))
}

/// How a company's list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Latest message first.
    Activity,
    /// Newest inquiry first.
    Created,
}

/// A page of the company's inquiries.
pub async fn page(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    state: Option<InquiryState>,
    order: Order,
    page: u64,
    per_page: u64,
) -> Result<(Vec<inquiry::Model>, u64), DbErr> {
    let mut q = inquiry::Entity::find().filter(inquiry::Column::CompanyId.eq(scope.company_id()));
    if let Some(s) = state {
        q = q.filter(inquiry::Column::State.eq(s));
    }
    let total = q.clone().count(db).await?;
    let q = match order {
        Order::Activity => q.order_by_desc(inquiry::Column::LastMessageAt),
        Order::Created => q.order_by_desc(inquiry::Column::CreatedAt),
    };
    let rows =
        q.order_by_desc(inquiry::Column::Id).offset(page.saturating_sub(1) * per_page).limit(per_page).all(db).await?;
    Ok((rows, total))
}

/// What staff filter the inbox by.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter<'a> {
    /// These states only (empty: every state).
    pub states: Vec<InquiryState>,
    pub category: Option<InquiryCategory>,
    pub assignee: Option<Uuid>,
    pub company: Option<Uuid>,
    /// Searched in the subject and every message's body, without regard to case.
    pub q: Option<&'a str>,
}

/// An inbox row: the inquiry with its company's name and rank now.
#[derive(Debug, Clone, FromQueryResult)]
pub struct InboxRow {
    #[sea_orm(nested)]
    pub inquiry: inquiry::Model,
    pub company_name: String,
    pub company_rank: Rank,
}

/// The latest fiscal year whose rollover ran for the inquiry's company: that year's rank is the
/// company's rank now (as `company_years::current_rank` reads it), also in the window after April 1
/// before the rollover reaches the company.
const LIVE_YEAR: &str = "(SELECT MAX(ly.fiscal_year) FROM company_years ly \
     WHERE ly.company_id = inquiries.company_id AND ly.rolled_over_at IS NOT NULL)";

/// A page of the inquiries across companies that match, and how many match. The database orders
/// them as the staff work them (R7.7): the company's rank now, PLATINUM first (REGULAR before its
/// first rollover); within a rank the inquiries waiting for us, longest first, then the others by
/// latest activity; the id last, so a page boundary never splits ties differently between pages.
pub async fn inbox(
    db: &impl ConnectionTrait,
    f: &InboxFilter<'_>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<InboxRow>, u64), DbErr> {
    // At most one row of company_years per inquiry: (company_id, fiscal_year) is unique.
    let live_year: RelationDef = inquiry::Entity::belongs_to(company_year::Entity)
        .from(inquiry::Column::CompanyId)
        .to(company_year::Column::CompanyId)
        .into();
    let live_year = live_year.on_condition(|_, right| {
        Expr::col((right, company_year::Column::FiscalYear)).eq(Expr::cust(LIVE_YEAR)).into_condition()
    });
    let company: RelationDef =
        inquiry::Entity::belongs_to(company::Entity).from(inquiry::Column::CompanyId).to(company::Column::Id).into();
    let mut q = inquiry::Entity::find().join(JoinType::InnerJoin, company).join(JoinType::LeftJoin, live_year);
    if !f.states.is_empty() {
        q = q.filter(inquiry::Column::State.is_in(f.states.iter().copied()));
    }
    if let Some(c) = f.category {
        q = q.filter(inquiry::Column::Category.eq(c));
    }
    if let Some(a) = f.assignee {
        q = q.filter(inquiry::Column::AssigneeId.eq(a));
    }
    if let Some(c) = f.company {
        q = q.filter(inquiry::Column::CompanyId.eq(c));
    }
    if let Some(text) = f.q.map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = super::contains_pattern(text);
        let like = |col: Expr| Expr::expr(Func::lower(col)).like(LikeExpr::new(pattern.clone()).escape('\\'));
        let in_messages = Query::select()
            .column(inquiry_message::Column::InquiryId)
            .from(inquiry_message::Entity)
            .and_where(like(Expr::col(inquiry_message::Column::Body)))
            .to_owned();
        q = q.filter(
            Condition::any()
                .add(like(Expr::col((inquiry::Entity, inquiry::Column::Subject))))
                .add(inquiry::Column::Id.in_subquery(in_messages)),
        );
    }
    let total = q.clone().count(db).await?;
    let rank = |col: company_year::Column, regular: Value| {
        Expr::expr(Func::coalesce([Expr::col((company_year::Entity, col)), Expr::val(regular)]))
    };
    let waiting_since = || Expr::col((inquiry::Entity, inquiry::Column::WaitingSince));
    // Latest activity orders only the inquiries not waiting: two waiting since the same instant
    // tie on the id, not on which got the later follow-up.
    let activity_when_not_waiting: Expr =
        Expr::case(waiting_since().is_null(), Expr::col((inquiry::Entity, inquiry::Column::LastMessageAt))).into();
    let rows = q
        .column_as(Expr::col((company::Entity, company::Column::Name)), "company_name")
        .column_as(rank(company_year::Column::Rank, Rank::Regular.to_value().into()), "company_rank")
        // rank_order is PLATINUM = 0 … REGULAR = 4.
        .order_by_asc(rank(company_year::Column::RankOrder, (Rank::Regular.sort_key() as i32).into()))
        .order_by_asc(waiting_since().is_null())
        .order_by_asc(waiting_since())
        .order_by_desc(activity_when_not_waiting)
        .order_by_asc(inquiry::Column::Id)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .into_model::<InboxRow>()
        .all(db)
        .await?;
    Ok((rows, total))
}

/// Moves an inquiry from `from` (only if it is still there: two moves at once do not both win).
pub struct Move {
    pub from: InquiryState,
    pub to: InquiryState,
    pub waiting_since: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    /// A new message's time.
    pub last_message_at: Option<DateTimeUtc>,
}

pub async fn set_state(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
    m: Move,
    now: DateTimeUtc,
) -> Result<bool, DbErr> {
    let mut u = inquiry::Entity::update_many()
        .col_expr(inquiry::Column::State, Expr::value(m.to))
        .col_expr(inquiry::Column::WaitingSince, Expr::value(m.waiting_since))
        .col_expr(inquiry::Column::ClosedAt, Expr::value(m.closed_at))
        .col_expr(inquiry::Column::UpdatedAt, Expr::value(now));
    if let Some(at) = m.last_message_at {
        u = u.col_expr(inquiry::Column::LastMessageAt, Expr::value(at));
    }
    let res = u
        .filter(inquiry::Column::Id.eq(id))
        .filter(inquiry::Column::CompanyId.eq(scope.company_id()))
        .filter(inquiry::Column::State.eq(m.from))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn set_assignee(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    id: Uuid,
    assignee: Option<Uuid>,
    now: DateTimeUtc,
) -> Result<bool, DbErr> {
    let res = inquiry::Entity::update_many()
        .col_expr(inquiry::Column::AssigneeId, Expr::value(assignee))
        .col_expr(inquiry::Column::UpdatedAt, Expr::value(now))
        .filter(inquiry::Column::Id.eq(id))
        .filter(inquiry::Column::CompanyId.eq(scope.company_id()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub struct NewMessage<'a> {
    pub inquiry_id: Uuid,
    pub author: &'a user::Model,
    pub body: String,
}

pub async fn post(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    m: NewMessage<'_>,
    now: DateTimeUtc,
) -> Result<inquiry_message::Model, DbErr> {
    inquiry_message::ActiveModel {
        id: Set(Uuid::new_v4()),
        inquiry_id: Set(m.inquiry_id),
        company_id: Set(scope.company_id()),
        author_id: Set(m.author.id),
        author_label: Set(m.author.email.clone()),
        from_staff: Set(m.author.role.is_staff()),
        body: Set(m.body),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// Oldest first.
pub async fn messages(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    inquiry_id: Uuid,
) -> Result<Vec<inquiry_message::Model>, DbErr> {
    inquiry_message::Entity::find()
        .filter(inquiry_message::Column::CompanyId.eq(scope.company_id()))
        .filter(inquiry_message::Column::InquiryId.eq(inquiry_id))
        .order_by_asc(inquiry_message::Column::CreatedAt)
        .order_by_asc(inquiry_message::Column::Id)
        .all(db)
        .await
}

pub async fn mark_read(
    db: &impl ConnectionTrait,
    inquiry_id: Uuid,
    user_id: Uuid,
    at: DateTimeUtc,
) -> Result<(), DbErr> {
    let row = inquiry_read::ActiveModel { inquiry_id: Set(inquiry_id), user_id: Set(user_id), last_read_at: Set(at) };
    inquiry_read::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([inquiry_read::Column::InquiryId, inquiry_read::Column::UserId])
                .update_column(inquiry_read::Column::LastReadAt)
                .to_owned(),
        )
        .exec(db)
        .await
        .map(|_| ())
}

/// Per inquiry of `ids` (read through a scope or by staff): how many messages, and how many of
/// them `viewer` has not read (their own never count).
pub async fn counts(db: &impl ConnectionTrait, ids: &[Uuid], viewer: Uuid) -> Result<HashMap<Uuid, (u64, u64)>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let read: HashMap<Uuid, DateTimeUtc> = inquiry_read::Entity::find()
        .filter(inquiry_read::Column::UserId.eq(viewer))
        .filter(inquiry_read::Column::InquiryId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.inquiry_id, r.last_read_at))
        .collect();
    let rows: Vec<(Uuid, Uuid, DateTimeUtc)> = inquiry_message::Entity::find()
        .select_only()
        .column(inquiry_message::Column::InquiryId)
        .column(inquiry_message::Column::AuthorId)
        .column(inquiry_message::Column::CreatedAt)
        .filter(inquiry_message::Column::InquiryId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, (u64, u64)> = HashMap::new();
    for (inquiry_id, author, at) in rows {
        let e = out.entry(inquiry_id).or_default();
        e.0 += 1;
        if author != viewer && read.get(&inquiry_id).is_none_or(|r| at > *r) {
            e.1 += 1;
        }
    }
    Ok(out)
}

pub struct NewAttachment<'a> {
    pub id: Uuid,
    pub inquiry_id: Uuid,
    pub message_id: Uuid,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub object_key: &'a str,
    pub uploaded_by: Uuid,
}

pub async fn add_attachment(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    a: NewAttachment<'_>,
    now: DateTimeUtc,
) -> Result<inquiry_attachment::Model, DbErr> {
    inquiry_attachment::ActiveModel {
        id: Set(a.id),
        inquiry_id: Set(a.inquiry_id),
        company_id: Set(scope.company_id()),
        message_id: Set(a.message_id),
        file_name: Set(a.file_name.to_owned()),
        content_type: Set(a.content_type.to_owned()),
        size_bytes: Set(a.size_bytes),
        object_key: Set(a.object_key.to_owned()),
        uploaded_by: Set(a.uploaded_by),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn attachments(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    inquiry_id: Uuid,
) -> Result<Vec<inquiry_attachment::Model>, DbErr> {
    inquiry_attachment::Entity::find()
        .filter(inquiry_attachment::Column::CompanyId.eq(scope.company_id()))
        .filter(inquiry_attachment::Column::InquiryId.eq(inquiry_id))
        .all(db)
        .await
}

/// One file of one inquiry of the scope's company.
pub async fn attachment(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    inquiry_id: Uuid,
    id: Uuid,
) -> Result<Option<inquiry_attachment::Model>, DbErr> {
    inquiry_attachment::Entity::find_by_id(id)
        .filter(inquiry_attachment::Column::CompanyId.eq(scope.company_id()))
        .filter(inquiry_attachment::Column::InquiryId.eq(inquiry_id))
        .one(db)
        .await
}

/// Active staff (CSMs and admins): who hears of an inquiry nobody is assigned to, and who may be
/// assigned one.
pub async fn active_staff(db: &impl ConnectionTrait) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Role.is_in([Role::Csm, Role::Admin]))
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::DisabledAt.is_null())
        .order_by_asc(user::Column::Email)
        .all(db)
        .await
}
