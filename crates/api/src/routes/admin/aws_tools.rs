//! The AWS tools for staff (R7.8, R7.9): the same Trusted Advisor and cost pages of any company's
//! account, and which contract types may use each tool (admins change it).

use actix_web::{get, post, put, web, HttpResponse};
use portal_app::trusted_advisor::CheckRef;
use portal_app::{aws_cost, aws_roles, proposal_evidence, tool_settings, trusted_advisor};
use portal_domain::aws_tools::{
    AttachEvidenceRequest, AwsTool, AwsToolsSetupView, CostView, EvidenceView, TaCheckView, ToolSetting,
    TrustedAdvisorView, UpdateToolSetting,
};
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Admin, JsonBody, Query, Staff};
use crate::routes::company::aws_tools::{csv_response, LangQuery};
use crate::state::AppState;

type Problem = portal_domain::problem::Problem;

/// A company's account: set-up and role state (staff)
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id"), ("account_id" = Uuid, Path, description = "AWS account link id")),
    responses(
        (status = 200, description = "Set-up and state", body = AwsToolsSetupView),
        (status = 404, description = "No such company or account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/companies/{id}/aws-accounts/{account_id}/role-setup")]
pub async fn staff_role_setup(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<AwsToolsSetupView>, ApiError> {
    let (company_id, id) = path.into_inner();
    let scope = staff.scope(company_id)?;
    Ok(web::Json(aws_roles::setup(&state.db, &state.aws, scope, id, state.now()).await?))
}

/// A company's Trusted Advisor, as last read (staff)
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id"), ("account_id" = Uuid, Path, description = "AWS account link id"), LangQuery),
    responses(
        (status = 200, description = "Trusted Advisor", body = TrustedAdvisorView),
        (status = 403, description = "`tool_not_in_contract`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such company or account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/companies/{id}/aws-accounts/{account_id}/trusted-advisor")]
pub async fn staff_trusted_advisor(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(Uuid, Uuid)>,
    q: Query<LangQuery>,
) -> Result<web::Json<TrustedAdvisorView>, ApiError> {
    let (company_id, id) = path.into_inner();
    let scope = staff.scope(company_id)?;
    Ok(web::Json(trusted_advisor::view(&state.db, scope, id, q.language()).await?))
}

/// Read a company's Trusted Advisor from AWS now (staff)
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id"), ("account_id" = Uuid, Path, description = "AWS account link id"), LangQuery),
    responses(
        (status = 200, description = "Trusted Advisor, just read", body = TrustedAdvisorView),
        (status = 404, description = "No such company or account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`aws_role_not_set`", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "AWS refused or failed", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`aws_not_configured` or `aws_throttled`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`tool_not_in_contract`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/companies/{id}/aws-accounts/{account_id}/trusted-advisor/fetch")]
pub async fn staff_fetch_trusted_advisor(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(Uuid, Uuid)>,
    q: Query<LangQuery>,
) -> Result<web::Json<TrustedAdvisorView>, ApiError> {
    let (company_id, id) = path.into_inner();
    let scope = staff.scope(company_id)?;
    Ok(web::Json(trusted_advisor::fetch(&state.db, &state.aws, scope, id, q.language(), state.now()).await?))
}

/// A company's check with its flagged resources (staff)
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id"), ("account_id" = Uuid, Path, description = "AWS account link id"), ("check_id" = String, Path, description = "Trusted Advisor check id"), LangQuery),
    responses(
        (status = 200, description = "The check and its resources", body = TaCheckView),
        (status = 404, description = "No such company, account or check", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "AWS refused or failed", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`aws_not_configured` or `aws_throttled`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`tool_not_in_contract`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`aws_role_not_set`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/companies/{id}/aws-accounts/{account_id}/trusted-advisor/checks/{check_id}")]
pub async fn staff_check(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(Uuid, Uuid, String)>,
    q: Query<LangQuery>,
) -> Result<web::Json<TaCheckView>, ApiError> {
    let (company_id, id, check_id) = path.into_inner();
    let which = CheckRef { aws_account_id: id, check_id: &check_id };
    let scope = staff.scope(company_id)?;
    let now = state.now();
    Ok(web::Json(trusted_advisor::check(&state.db, &state.aws, scope, which, q.language(), false, now).await?))
}

/// A company's check's flagged resources as CSV (staff)
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id"), ("account_id" = Uuid, Path, description = "AWS account link id"), ("check_id" = String, Path, description = "Trusted Advisor check id"), LangQuery),
    responses(
        (status = 200, description = "CSV file (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 404, description = "No such company, account or check", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`tool_not_in_contract`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`aws_role_not_set`", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "AWS refused or failed", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`aws_not_configured` or `aws_throttled`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/companies/{id}/aws-accounts/{account_id}/trusted-advisor/checks/{check_id}/resources.csv")]
pub async fn staff_check_csv(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(Uuid, Uuid, String)>,
    q: Query<LangQuery>,
) -> Result<HttpResponse, ApiError> {
    let (company_id, id, check_id) = path.into_inner();
    let which = CheckRef { aws_account_id: id, check_id: &check_id };
    let scope = staff.scope(company_id)?;
    let now = state.now();
    csv_response(&trusted_advisor::check(&state.db, &state.aws, scope, which, q.language(), false, now).await?)
}

/// A company's estimated cost, as last read (staff)
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Company id"), ("account_id" = Uuid, Path, description = "AWS account link id")),
    responses(
        (status = 200, description = "Estimated cost", body = CostView),
        (status = 404, description = "No such company or account", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`tool_not_in_contract`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/companies/{id}/aws-accounts/{account_id}/cost")]
pub async fn staff_cost(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<CostView>, ApiError> {
    let (company_id, id) = path.into_inner();
    let scope = staff.scope(company_id)?;
    Ok(web::Json(aws_cost::view(&state.db, scope, id, state.now()).await?))
}

/// Which contract types may use each AWS tool
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin", "csm"])),
    responses((status = 200, description = "Every tool with its contract types", body = Vec<ToolSetting>))
)]
#[get("/admin/tool-settings")]
pub async fn list_tool_settings(
    state: web::Data<AppState>,
    _staff: Staff,
) -> Result<web::Json<Vec<ToolSetting>>, ApiError> {
    Ok(web::Json(tool_settings::list(&state.db).await?))
}

/// Change which contract types may use a tool (admins)
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin"])),
    params(("tool" = AwsTool, Path, description = "`trusted_advisor` or `cost_estimate`")),
    request_body = UpdateToolSetting,
    responses(
        (status = 200, description = "Changed", body = ToolSetting),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tool", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown contract type", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/tool-settings/{tool}")]
pub async fn update_tool_setting(
    state: web::Data<AppState>,
    admin: Admin,
    tool: web::Path<String>,
    body: JsonBody<UpdateToolSetting>,
) -> Result<web::Json<ToolSetting>, ApiError> {
    let tool = AwsTool::parse(&tool).ok_or(ApiError::NotFound)?;
    let body = body.parse().await?;
    Ok(web::Json(tool_settings::update(&state.db, tool, &body, &admin.0.actor(), state.now()).await?))
}

/// Attach a Trusted Advisor check to a proposal as its evidence (staff)
///
/// The check of one of the proposal's company's accounts, with its flagged resources as the
/// portal last read them (read from AWS when it never did). The proposal keeps them as they are now.
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    request_body = AttachEvidenceRequest,
    responses(
        (status = 201, description = "Attached", body = EvidenceView),
        (status = 404, description = "No such proposal, account of its company, or check", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "AWS refused or failed", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`aws_not_configured` or `aws_throttled`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`tool_not_in_contract`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`aws_role_not_set`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong; `errors` names it", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/optimization/proposals/{id}/evidence")]
pub async fn attach_evidence(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
    body: JsonBody<AttachEvidenceRequest>,
) -> Result<HttpResponse, ApiError> {
    let scope = portal_app::optimization_proposals::staff_scope(&state.db, &staff.0.user, *id).await?;
    let body = body.parse().await?;
    let view = proposal_evidence::attach(&state.db, &state.aws, scope, *id, &body, &staff.actor(), state.now()).await?;
    Ok(HttpResponse::Created().json(view))
}

/// A proposal's evidence (staff)
#[utoipa::path(
    tag = "aws-tools",
    security(("bearer" = ["admin", "csm"])),
    params(("id" = Uuid, Path, description = "Proposal id")),
    responses(
        (status = 200, description = "Evidence, oldest first", body = Vec<EvidenceView>),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/optimization/proposals/{id}/evidence")]
pub async fn staff_list_evidence(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<EvidenceView>>, ApiError> {
    let scope = portal_app::optimization_proposals::staff_scope(&state.db, &staff.0.user, *id).await?;
    Ok(web::Json(proposal_evidence::list(&state.db, scope, *id).await?))
}
