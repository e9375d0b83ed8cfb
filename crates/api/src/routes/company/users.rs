//! The users of the caller's company (R7.4): everyone lists and views them; representatives add,
//! edit, disable, enable and delete them. Another company's user is 404, like one that does not exist.

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use portal_app::company_users;
use portal_domain::users::{
    CompanyUserCreated, CompanyUserPage, CompanyUserView, CreateCompanyUserRequest, NewCompanyUser,
    UpdateCompanyUserRequest, UserChange,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extractors::{Customer, JsonBody, Query};
use crate::routes::{page_links, Paged, Paging};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct UserSearch {
    /// Search in name and e-mail address.
    pub q: Option<String>,
}

type ProblemBody = portal_domain::problem::Problem;

/// Your company's users
///
/// Representatives first, then by name and e-mail address; paginated. Disabled users are listed
/// with `status: disabled`; deleted users are gone.
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative", "member"])),
    params(UserSearch, Paging),
    responses((status = 200, description = "A page of users", body = CompanyUserPage))
)]
#[get("/company/users")]
pub async fn list_company_users(
    state: web::Data<AppState>,
    customer: Customer,
    search: Query<UserSearch>,
    paging: Query<Paging>,
    req: HttpRequest,
) -> Result<Paged<CompanyUserPage>, ApiError> {
    let (page, per_page) = paging.resolve()?;
    let (items, total) = company_users::list(&state.db, customer.scope, search.q.as_deref(), page, per_page).await?;
    let links = page_links(&req, page, per_page, total);
    Ok(Paged(CompanyUserPage { items, total, page, per_page, links }))
}

/// One of your company's users
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative", "member"])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = CompanyUserView),
        (status = 404, description = "Not a user of your company", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/company/users/{id}")]
pub async fn get_company_user(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<CompanyUserView>, ApiError> {
    Ok(web::Json(company_users::get(&state.db, customer.scope, *id).await?))
}

/// Add a user (representatives)
///
/// Creates a representative or member with a temporary password, mailed to the new user (valid 72
/// hours by default); at the first sign-in they choose a password and enrol MFA. E-mail addresses
/// are unique across the portal regardless of case (409 `email_taken`). No limit on users.
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative"])),
    request_body = CreateCompanyUserRequest,
    responses(
        (status = 201, description = "Created; the temporary password was mailed", body = CompanyUserCreated),
        (status = 409, description = "`email_taken`", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/company/users")]
pub async fn create_company_user(
    state: web::Data<AppState>,
    customer: Customer,
    body: JsonBody<CreateCompanyUserRequest>,
) -> Result<HttpResponse, ApiError> {
    customer.in_session()?;
    customer.representative()?;
    let input = NewCompanyUser::parse(&body.parse().await?)?;
    let now = state.now();
    let until = state.settings.temp_password_until(now);
    let created =
        company_users::create(&state.db, &state.notices, customer.scope, &input, &customer.actor(), until, now).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Rename a user or change their role (representatives)
///
/// `role` is `representative` or `member`. The company's last active representative cannot be
/// made a member (409 `last_representative`, R7.4).
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative"])),
    params(("id" = Uuid, Path, description = "User id")),
    request_body = UpdateCompanyUserRequest,
    responses(
        (status = 200, description = "The user as changed", body = CompanyUserView),
        (status = 404, description = "Not a user of your company", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`last_representative`", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[patch("/company/users/{id}")]
pub async fn update_company_user(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
    body: JsonBody<UpdateCompanyUserRequest>,
) -> Result<web::Json<CompanyUserView>, ApiError> {
    customer.in_session()?;
    customer.representative()?;
    let change = UserChange::parse(&body.parse().await?)?;
    Ok(web::Json(company_users::update(&state.db, customer.scope, *id, &change, &customer.actor(), state.now()).await?))
}

/// Disable a user (representatives)
///
/// The user can no longer sign in; every session and API token of theirs ends at once. The
/// company's last active representative cannot be disabled (409 `last_representative`, R7.4).
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative"])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "Disabled", body = CompanyUserView),
        (status = 404, description = "Not a user of your company", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`last_representative`", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/company/users/{id}/disable")]
pub async fn disable_company_user(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<CompanyUserView>, ApiError> {
    customer.in_session()?;
    customer.representative()?;
    Ok(web::Json(
        company_users::set_disabled(&state.db, customer.scope, *id, true, &customer.actor(), state.now()).await?,
    ))
}

/// Enable a disabled user (representatives)
///
/// They sign in again with their password and MFA; API tokens revoked when they were disabled stay revoked.
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative"])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "Enabled", body = CompanyUserView),
        (status = 404, description = "Not a user of your company", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/company/users/{id}/enable")]
pub async fn enable_company_user(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<web::Json<CompanyUserView>, ApiError> {
    customer.in_session()?;
    customer.representative()?;
    Ok(web::Json(
        company_users::set_disabled(&state.db, customer.scope, *id, false, &customer.actor(), state.now()).await?,
    ))
}

/// Delete a user (representatives)
///
/// Every session and API token of theirs ends at once and their e-mail address is free again;
/// messages they wrote keep their name. The company's last active representative cannot be
/// deleted (409 `last_representative`, R7.4).
#[utoipa::path(
    tag = "company",
    security(("bearer" = ["representative"])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "Not a user of your company", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`last_representative`", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[delete("/company/users/{id}")]
pub async fn delete_company_user(
    state: web::Data<AppState>,
    customer: Customer,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    customer.in_session()?;
    customer.representative()?;
    company_users::delete(&state.db, customer.scope, *id, &customer.actor(), state.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}
