use actix_web::{get, web, HttpRequest};
use portal_db::queries::audit;
use portal_domain::audit::AuditAction;
use portal_domain::company::{AuditEntryView, AuditPage};
use portal_domain::ErrorCode;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Query, Staff};
use crate::routes::{page_links, Paged, Paging};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditFilter {
    /// Only this action; empty for all.
    #[param(value_type = Option<AuditAction>)]
    pub action: Option<String>,
    /// Only sign-in and credential events (`auth.*`, `user.reset_credentials`).
    pub security: Option<bool>,
    pub company_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
}

/// The audit log, newest first (staff)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin", "csm"])),
    params(AuditFilter, Paging),
    responses((status = 200, description = "A page of audit entries", body = AuditPage))
)]
#[get("/admin/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    _staff: Staff,
    filter: Query<AuditFilter>,
    paging: Query<Paging>,
    req: HttpRequest,
) -> Result<Paged<AuditPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let f = audit::Filter {
        action: match filter.action.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            None => None,
            Some(a) => Some(AuditAction::parse(a).ok_or_else(|| {
                ApiError::field("action", ErrorCode::Invalid, format!("{a:?} is not an action the audit log records"))
            })?),
        },
        security_only: filter.security.unwrap_or(false),
        company_id: filter.company_id,
        actor_id: filter.actor_id,
    };
    let (rows, total) = audit::page(&state.db, &f, page, per_page).await?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    let items = rows
        .into_iter()
        .map(|r| AuditEntryView {
            id: r.id,
            at: r.at,
            actor: r.actor_label,
            action: r.action.as_str().to_owned(),
            target_type: r.target_type,
            target_id: r.target_id,
            company_id: r.company_id,
            client_address: r.client_address,
            user_agent: r.user_agent,
            before: parse(r.before),
            after: parse(r.after),
        })
        .collect();
    let links = page_links(&req, page, per_page, total);
    Ok(Paged(AuditPage { items, total, page, per_page, links }))
}
