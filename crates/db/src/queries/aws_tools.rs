//! The AWS tools' rows (R7.8, R7.9): a company's ExternalId, each account's role and last
//! connection test, the snapshots of what AWS answered, and the tools' contract types. Everything
//! about a company's accounts goes through its `CompanyScope`.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use super::{CompanyScope, DateTimeUtc};
use crate::entities::{aws_account_role, aws_tool_snapshot, company_aws_identity, proposal_evidence, tool_setting};

/// The company's ExternalId, made with `generate` the first time it is asked for. Two first asks at
/// once both insert; the second insert does nothing and both read the one that won.
pub async fn external_id(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    generate: impl FnOnce() -> String,
    now: DateTimeUtc,
) -> Result<String, DbErr> {
    if let Some(row) = company_aws_identity::Entity::find_by_id(scope.company_id()).one(db).await? {
        return Ok(row.external_id);
    }
    let row = company_aws_identity::ActiveModel {
        company_id: Set(scope.company_id()),
        external_id: Set(generate()),
        created_at: Set(now),
    };
    company_aws_identity::Entity::insert(row)
        .on_conflict(OnConflict::column(company_aws_identity::Column::CompanyId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    company_aws_identity::Entity::find_by_id(scope.company_id())
        .one(db)
        .await?
        .map(|r| r.external_id)
        .ok_or_else(|| DbErr::RecordNotFound("company_aws_identities".into()))
}

pub async fn role(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    aws_account_id: Uuid,
) -> Result<Option<aws_account_role::Model>, DbErr> {
    aws_account_role::Entity::find_by_id(aws_account_id)
        .filter(aws_account_role::Column::CompanyId.eq(scope.company_id()))
        .one(db)
        .await
}

/// Registers (or replaces) the role; a new role has not been tested yet. One upsert, so two first
/// registrations at once both succeed (the later one wins) instead of one breaking the key.
pub async fn set_role(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    aws_account_id: Uuid,
    role_arn: &str,
    ta_provider: &str,
    now: DateTimeUtc,
) -> Result<aws_account_role::Model, DbErr> {
    use aws_account_role::Column as C;
    let row = aws_account_role::ActiveModel {
        aws_account_id: Set(aws_account_id),
        company_id: Set(scope.company_id()),
        role_arn: Set(role_arn.to_owned()),
        ta_provider: Set(ta_provider.to_owned()),
        checked_at: Set(None),
        check_ok: Set(None),
        check_identity_arn: Set(None),
        check_error_code: Set(None),
        check_message: Set(None),
        refresh_claimed_until: Set(None),
        updated_at: Set(now),
    };
    aws_account_role::Entity::insert(row)
        .on_conflict(
            OnConflict::column(C::AwsAccountId)
                .update_columns([
                    C::RoleArn,
                    C::TaProvider,
                    C::CheckedAt,
                    C::CheckOk,
                    C::CheckIdentityArn,
                    C::CheckErrorCode,
                    C::CheckMessage,
                    C::RefreshClaimedUntil,
                    C::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    role(db, scope, aws_account_id).await?.ok_or_else(|| DbErr::RecordNotFound("aws_account_roles".into()))
}

pub struct ConnectionOutcome<'a> {
    pub ok: bool,
    pub identity_arn: Option<&'a str>,
    pub error_code: Option<&'a str>,
    pub message: Option<&'a str>,
}

pub async fn record_check(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    aws_account_id: Uuid,
    role_arn: &str,
    outcome: ConnectionOutcome<'_>,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    aws_account_role::Entity::update_many()
        .col_expr(aws_account_role::Column::CheckedAt, Some(now).into())
        .col_expr(aws_account_role::Column::CheckOk, Some(outcome.ok).into())
        .col_expr(aws_account_role::Column::CheckIdentityArn, outcome.identity_arn.map(str::to_owned).into())
        .col_expr(aws_account_role::Column::CheckErrorCode, outcome.error_code.map(str::to_owned).into())
        .col_expr(aws_account_role::Column::CheckMessage, outcome.message.map(str::to_owned).into())
        .filter(aws_account_role::Column::AwsAccountId.eq(aws_account_id))
        .filter(aws_account_role::Column::CompanyId.eq(scope.company_id()))
        .filter(aws_account_role::Column::RoleArn.eq(role_arn))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn snapshot(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    aws_account_id: Uuid,
    kind: &str,
    key: &str,
) -> Result<Option<aws_tool_snapshot::Model>, DbErr> {
    aws_tool_snapshot::Entity::find_by_id((aws_account_id, kind.to_owned(), key.to_owned()))
        .filter(aws_tool_snapshot::Column::CompanyId.eq(scope.company_id()))
        .one(db)
        .await
}

/// Replaces what is stored under (account, kind, key).
pub async fn put_snapshot(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    aws_account_id: Uuid,
    kind: &str,
    key: &str,
    payload: String,
    now: DateTimeUtc,
) -> Result<(), DbErr> {
    let row = aws_tool_snapshot::ActiveModel {
        aws_account_id: Set(aws_account_id),
        kind: Set(kind.to_owned()),
        key: Set(key.to_owned()),
        company_id: Set(scope.company_id()),
        payload: Set(payload),
        fetched_at: Set(now),
    };
    aws_tool_snapshot::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                aws_tool_snapshot::Column::AwsAccountId,
                aws_tool_snapshot::Column::Kind,
                aws_tool_snapshot::Column::Key,
            ])
            .update_columns([aws_tool_snapshot::Column::Payload, aws_tool_snapshot::Column::FetchedAt])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn tool_settings(db: &impl ConnectionTrait) -> Result<Vec<tool_setting::Model>, DbErr> {
    tool_setting::Entity::find().order_by_asc(tool_setting::Column::Tool).all(db).await
}

pub async fn update_tool_setting(
    db: &impl ConnectionTrait,
    tool: &str,
    contract_types: &str,
    now: DateTimeUtc,
) -> Result<tool_setting::Model, DbErr> {
    let row = tool_setting::ActiveModel {
        tool: Set(tool.to_owned()),
        contract_types: Set(contract_types.to_owned()),
        updated_at: Set(Some(now)),
    };
    tool_setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(tool_setting::Column::Tool)
                .update_columns([tool_setting::Column::ContractTypes, tool_setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    tool_setting::Entity::find_by_id(tool.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("tool_settings".into()))
}

/// Every registered role with its company's scope, for the scheduled reads (a job, across companies).
pub async fn all_roles(db: &impl ConnectionTrait) -> Result<Vec<(CompanyScope, aws_account_role::Model)>, DbErr> {
    let rows = aws_account_role::Entity::find().order_by_asc(aws_account_role::Column::AwsAccountId).all(db).await?;
    Ok(rows.into_iter().map(|r| (CompanyScope::new(r.company_id), r)).collect())
}

/// Claims the scheduled read of one account until `until`; false when another replica holds it.
/// One conditional UPDATE, so two replicas asking at once cannot both get it.
pub async fn claim_refresh(
    db: &impl ConnectionTrait,
    aws_account_id: Uuid,
    now: DateTimeUtc,
    until: DateTimeUtc,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Condition;
    let res = aws_account_role::Entity::update_many()
        .col_expr(aws_account_role::Column::RefreshClaimedUntil, Some(until).into())
        .filter(aws_account_role::Column::AwsAccountId.eq(aws_account_id))
        .filter(
            Condition::any()
                .add(aws_account_role::Column::RefreshClaimedUntil.is_null())
                .add(aws_account_role::Column::RefreshClaimedUntil.lte(now)),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub struct NewEvidence<'a> {
    pub proposal_id: Uuid,
    pub aws_account_id: Uuid,
    pub check_id: &'a str,
    pub payload: String,
    pub attached_by: &'a str,
}

pub async fn insert_evidence(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    e: NewEvidence<'_>,
    now: DateTimeUtc,
) -> Result<proposal_evidence::Model, DbErr> {
    proposal_evidence::ActiveModel {
        id: Set(Uuid::new_v4()),
        proposal_id: Set(e.proposal_id),
        company_id: Set(scope.company_id()),
        aws_account_id: Set(e.aws_account_id),
        check_id: Set(e.check_id.to_owned()),
        payload: Set(e.payload),
        attached_by: Set(e.attached_by.to_owned()),
        attached_at: Set(now),
    }
    .insert(db)
    .await
}

/// A proposal's evidence, oldest first.
pub async fn evidence(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    proposal_id: Uuid,
) -> Result<Vec<proposal_evidence::Model>, DbErr> {
    proposal_evidence::Entity::find()
        .filter(proposal_evidence::Column::ProposalId.eq(proposal_id))
        .filter(proposal_evidence::Column::CompanyId.eq(scope.company_id()))
        .order_by_asc(proposal_evidence::Column::AttachedAt)
        .order_by_asc(proposal_evidence::Column::Id)
        .all(db)
        .await
}

/// Takes the linked account's row lock (a no-op update) first in a transaction, so two
/// registrations of its role are decided one after the other (on SQLite: the write lock is taken
/// before any read, instead of two readers failing to upgrade). False when the company has no
/// such account.
pub async fn lock_account(db: &impl ConnectionTrait, scope: CompanyScope, aws_account_id: Uuid) -> Result<bool, DbErr> {
    use crate::entities::aws_account;
    use sea_orm::sea_query::Expr;
    let res = aws_account::Entity::update_many()
        .col_expr(aws_account::Column::DisplayName, Expr::col(aws_account::Column::DisplayName))
        .filter(aws_account::Column::Id.eq(aws_account_id))
        .filter(aws_account::Column::CompanyId.eq(scope.company_id()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
