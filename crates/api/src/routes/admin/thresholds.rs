//! Rank thresholds (R2.3): staff-editable, versioned.

use actix_web::{get, put, web};
use chrono::Utc;
use portal_db::entities::rank_threshold;
use portal_db::queries::{audit, thresholds, users};
use portal_domain::company::{ThresholdsVersion, UpdateThresholdsRequest};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::json;

use crate::error::ApiError;
use crate::extractors::Staff;
use crate::state::AppState;

async fn view(db: &impl ConnectionTrait, m: rank_threshold::Model) -> Result<ThresholdsVersion, ApiError> {
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

/// Rank thresholds, newest version first (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, description = "Every version; the first is in force", body = Vec<ThresholdsVersion>))
)]
#[get("/admin/rank-thresholds")]
pub async fn list_thresholds(
    state: web::Data<AppState>,
    _staff: Staff,
) -> Result<web::Json<Vec<ThresholdsVersion>>, ApiError> {
    let mut out = Vec::new();
    for m in thresholds::history(&state.db).await? {
        out.push(view(&state.db, m).await?);
    }
    Ok(web::Json(out))
}

/// Change the rank thresholds (staff)
///
/// Stores a new version (who, when, why); earlier versions stay for the record. Values are yen
/// per calendar year and must descend strictly from PLATINUM to BRONZE.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = UpdateThresholdsRequest,
    responses(
        (status = 200, description = "The new version", body = ThresholdsVersion),
        (status = 409, description = "Changed concurrently; reload and retry", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not strictly descending, not positive, or no note", body = portal_domain::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/rank-thresholds")]
pub async fn update_thresholds(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<UpdateThresholdsRequest>,
) -> Result<web::Json<ThresholdsVersion>, ApiError> {
    body.thresholds
        .validate()
        .map_err(|e| ApiError::field(&format!("thresholds.{}", e.field()), e.code(), e.to_string()))?;
    let note = body.note.trim();
    if note.is_empty() || note.chars().count() > 500 {
        return Err(ApiError::field("note", "required", "say why (1–500 characters)"));
    }
    let now = Utc::now();
    // Read before the transaction: its first statement must be the write (SQLite), and a concurrent
    // change then collides on the version number (409) instead of being lost.
    let current = thresholds::current(&state.db).await?.ok_or_else(|| ApiError::internal("no thresholds"))?;
    let txn = state.db.begin().await?;
    let by = staff.actor().id.ok_or_else(|| ApiError::internal("staff without id"))?;
    let new = thresholds::insert(&txn, current.version, body.thresholds, by, note, now).await?;
    let record = audit::Record {
        action: "rank_thresholds.update",
        target_type: "rank_thresholds",
        target_id: new.version.to_string(),
        company_id: None,
        before: Some(json!(thresholds::to_domain(&current))),
        after: Some(json!({ "thresholds": body.thresholds, "note": note })),
    };
    audit::record(&txn, &staff.actor(), record, now).await?;
    txn.commit().await?;
    Ok(web::Json(view(&state.db, new).await?))
}
