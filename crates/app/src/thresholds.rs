//! Rank thresholds (R2.3): staff-editable, versioned; earlier versions stay for the record.

use chrono::{DateTime, Utc};
use portal_db::entities::rank_threshold;
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::{thresholds, users};
use portal_domain::audit::AuditAction;
use portal_domain::company::ThresholdsVersion;
use portal_domain::inputs::ThresholdsChange;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;

use crate::error::AppError;

async fn view(db: &impl ConnectionTrait, m: rank_threshold::Model) -> Result<ThresholdsVersion, AppError> {
    let changed_by = match m.changed_by {
        Some(id) => users::find(db, id).await?.map(|u| u.email),
        None => None,
    };
    Ok(ThresholdsVersion {
        version: m.version,
        thresholds: thresholds::to_domain(&m),
        changed_by,
        changed_at: m.changed_at,
        note: m.note,
    })
}

/// Every version, newest (the one in force) first.
pub async fn history(db: &DatabaseConnection) -> Result<Vec<ThresholdsVersion>, AppError> {
    let mut out = Vec::new();
    for m in thresholds::history(db).await? {
        out.push(view(db, m).await?);
    }
    Ok(out)
}

pub async fn change(
    db: &DatabaseConnection,
    change: &ThresholdsChange,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ThresholdsVersion, AppError> {
    let by = actor.id.ok_or_else(|| AppError::internal("thresholds changed without a user"))?;
    // Read before the transaction: its first statement must be the write (SQLite), and a concurrent
    // change then collides on the version number (409) instead of being lost.
    let current = thresholds::current(db).await?.ok_or_else(|| AppError::internal("no thresholds"))?;
    let txn = db.begin().await?;
    let new = thresholds::insert(&txn, current.version, change.thresholds, by, change.note.as_str(), now).await?;
    let record = audit::Record {
        action: AuditAction::RankThresholdsUpdate,
        target_type: "rank_thresholds",
        target_id: new.version.to_string(),
        company_id: None,
        before: Some(json!(thresholds::to_domain(&current))),
        after: Some(json!({ "thresholds": change.thresholds, "note": change.note.as_str() })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    view(db, new).await
}
