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
`Authorization: Bearer <access_token>`. Errors are `application/problem+json` (RFC 9457) with a stable `code`.",
        license(name = "Apache-2.0")
    ),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Sign-in, MFA, sessions"),
        (name = "me", description = "The current user"),
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
    }
}
