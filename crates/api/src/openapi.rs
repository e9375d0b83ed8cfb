//! The OpenAPI document: paths come from what `routes::configure` registers (utoipa-actix-web);
//! this adds the metadata and the bearer scheme.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cloudpack+ PORTAL API",
        description = "REST API of the cloudpack+ customer portal. Sign in with `POST /api/v1/auth/login`, \
finish the steps it names (`change_password`, `enroll_mfa` or `verify_mfa`), then send \
`Authorization: Bearer <access_token>`. Integrators create a personal API token once \
(`POST /api/v1/me/api-tokens`, signed in) and send `Authorization: Bearer cpp_…` instead: an operation \
that lists the `api_token` scheme accepts it (a `read` token only for GET); sign-in steps and token \
management do not (403 `session_required`). Errors are `application/problem+json` (RFC 9457) with a stable `code`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    servers((url = "/", description = "This portal (the API is served beside the web app)")),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Sign-in, MFA, sessions"),
        (name = "me", description = "The current user"),
        (name = "applications", description = "Option services and applications (R4)"),
        (name = "trainings", description = "Trainings, free or with tickets (R5)"),
        (name = "inquiries", description = "Inquiries about cloudpack+ (R7.7); other matters go to Backlog, cloudpack support or sales"),
        (name = "optimization", description = "Cloud optimization support (R6): CSM, engagement, proposals, history"),
        (name = "aws-tools", description = "AWS tools (R7.8, R7.9): the IAM role the portal assumes, Trusted Advisor, estimated cost"),
        (name = "admin", description = "Staff operations"),
        (name = "health", description = "Probes"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
        components.add_security_scheme(
            API_TOKEN,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("cpp_ API token")
                    .description(Some(
                        "A personal API token of a customer user (`cpp_…`), sent as `Authorization: Bearer`. It acts with \
its user's current role; scope `read` allows GET operations only (else 403 `token_scope_insufficient`).",
                    ))
                    .build(),
            ),
        );
    }
}

/// The name of the API-token security scheme.
pub const API_TOKEN: &str = "api_token";

/// Operations that want a session, not an API token (403 `session_required`, see
/// `extractors::FullSession` and `AnyStage`): the sign-in steps and managing the tokens themselves.
pub fn session_only(path: &str, method: &str) -> bool {
    path.starts_with("/api/v1/auth/")
        || path.starts_with("/api/v1/me/api-tokens")
        // Changing the company's users hands out credentials (a new user's password, MFA and
        // tokens): a leaked token must not mint a representative of its own.
        || (path.starts_with("/api/v1/company/users") && !method.eq_ignore_ascii_case("get"))
}

/// Adds the API-token requirement beside the session's on every operation a customer's token may
/// call: any operation open to a customer role (or to any signed-in user) that is not
/// [`session_only`]. The roles are the same; staff hold no tokens.
fn with_api_token_security(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::security::SecurityRequirement;
    for (path, item) in api.paths.paths.iter_mut() {
        let ops = [
            ("get", &mut item.get),
            ("post", &mut item.post),
            ("put", &mut item.put),
            ("delete", &mut item.delete),
            ("patch", &mut item.patch),
        ];
        for (method, op) in ops {
            let Some(op) = op.as_mut() else { continue };
            if session_only(path, method) {
                continue;
            }
            let Some(security) = op.security.as_mut() else { continue };
            let roles: Option<Vec<String>> = security.iter().find_map(|req| {
                let v = serde_json::to_value(req).ok()?;
                serde_json::from_value(v.get("bearer")?.clone()).ok()
            });
            let Some(roles) = roles else { continue };
            let for_customers = roles.is_empty() || roles.iter().any(|r| r == "representative" || r == "member");
            let has_token =
                security.iter().any(|req| serde_json::to_value(req).is_ok_and(|v| v.get(API_TOKEN).is_some()));
            if for_customers && !has_token {
                security.push(SecurityRequirement::new(API_TOKEN, roles));
            }
        }
    }
}

/// Documents the answers every operation can give besides its own: problems for a missing or
/// expired token, a stage or role that does not allow it, an unreadable body or query. Applied to
/// the merged document (utoipa-actix-web adds the paths after `ApiDoc::openapi()`).
pub fn with_common_responses(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::header::HeaderBuilder;
    use utoipa::openapi::path::{Operation, ParameterIn};
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};

    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
            )
            .build()
    };
    let add = |op: &mut Operation, code: &str, description: &str| {
        op.responses.responses.entry(code.to_owned()).or_insert_with(|| problem(description).into());
    };
    with_api_token_security(&mut api);
    for item in api.paths.paths.values_mut() {
        let ops = [&mut item.get, &mut item.post, &mut item.put, &mut item.delete, &mut item.patch];
        for op in ops.into_iter().flatten() {
            // Public operations say so explicitly (`security: []`), so generators and linters do
            // not assume a global requirement.
            let security = op.security.get_or_insert_with(Vec::new);
            if !security.is_empty() {
                add(op, "401", "Not signed in, or the token expired (`unauthorized`, `token_expired`)");
                add(op, "403", "The session's stage, the caller's role or the API token's scope does not allow this");
            }
            if op.request_body.is_some() {
                add(op, "400", "The body is not valid JSON (`malformed_body`)");
                add(op, "413", "The body is too large (`payload_too_large`)");
                add(op, "415", "Wrong content type (`unsupported_media_type`)");
                add(op, "422", "A field is missing or invalid (`validation_failed`)");
            }
            let has_param = |op: &Operation, at: ParameterIn| {
                op.parameters
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == at))
            };
            if has_param(op, ParameterIn::Query) {
                add(op, "422", "A query parameter is invalid (`validation_failed`)");
            }
            // Every paged list (it takes `Paging`) answers with `routes::Paged`, which sends `Link`.
            let paged = op
                .parameters
                .as_deref()
                .unwrap_or_default()
                .iter()
                .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query && p.name == "page"));
            if let (true, Some(RefOr::T(ok))) = (paged, op.responses.responses.get_mut("200")) {
                let link = HeaderBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                    .description(Some(crate::routes::LINK_HEADER_DOC))
                    .build();
                ok.headers.entry("Link".to_owned()).or_insert_with(|| link.into());
            }
            if has_param(op, ParameterIn::Path) {
                add(op, "404", "Not found, or a path parameter is not a valid id (`not_found`, naming it)");
            }
        }
    }
    api
}
