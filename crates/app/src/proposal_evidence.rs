//! Trusted Advisor checks as the evidence of a cloud-optimization proposal (R6.4, R7.8): staff
//! attach a check of one of the company's accounts, and the proposal keeps it with its flagged
//! resources as they were then, whatever AWS says later.

use chrono::{DateTime, Utc};
use portal_aws::TaLanguage;
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::aws_tools::{self as store, NewEvidence};
use portal_db::queries::optimization as q;
use portal_db::queries::CompanyScope;
use portal_domain::audit::AuditAction;
use portal_domain::aws_tools::{AttachEvidenceRequest, EvidenceView};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::aws_tools::SharedAws;
use crate::error::AppError;
use crate::trusted_advisor::{self, CheckRef};

fn view(row: portal_db::entities::proposal_evidence::Model) -> Result<EvidenceView, AppError> {
    Ok(EvidenceView {
        id: row.id,
        proposal_id: row.proposal_id,
        attached_by: row.attached_by,
        attached_at: row.attached_at,
        check: serde_json::from_str(&row.payload)
            .map_err(|e| AppError::internal(format!("evidence unreadable: {e}")))?,
    })
}

/// Attaches the check as the portal last read it (reading it from AWS if it never did).
pub async fn attach(
    db: &DatabaseConnection,
    aws: &SharedAws,
    scope: CompanyScope,
    proposal_id: Uuid,
    input: &AttachEvidenceRequest,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<EvidenceView, AppError> {
    q::proposal(db, scope, proposal_id).await?.ok_or(AppError::NotFound)?;
    let which = CheckRef { aws_account_id: input.aws_account_id, check_id: &input.check_id };
    let check = trusted_advisor::check(db, aws, scope, which, TaLanguage::Ja, false, now).await?;
    let payload = serde_json::to_string(&check).map_err(AppError::internal)?;
    let txn = db.begin().await?;
    let new = NewEvidence {
        proposal_id,
        aws_account_id: input.aws_account_id,
        check_id: &input.check_id,
        payload,
        attached_by: &actor.label,
    };
    let row = store::insert_evidence(&txn, scope, new, now).await?;
    let record = audit::Record {
        action: AuditAction::ProposalEvidenceAttach,
        target_type: "proposal",
        target_id: proposal_id.to_string(),
        company_id: Some(scope.company_id()),
        before: None,
        after: Some(json!({
            "aws_account_id": input.aws_account_id,
            "check_id": input.check_id,
            "flagged": check.result.flagged_resources.len(),
            "fetched_at": check.fetched_at,
        })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    view(row)
}

pub async fn list(
    db: &impl ConnectionTrait,
    scope: CompanyScope,
    proposal_id: Uuid,
) -> Result<Vec<EvidenceView>, AppError> {
    q::proposal(db, scope, proposal_id).await?.ok_or(AppError::NotFound)?;
    store::evidence(db, scope, proposal_id).await?.into_iter().map(view).collect()
}
