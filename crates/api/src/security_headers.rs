//! Headers every response carries (ASVS 5.0 V3.4): a Content-Security-Policy the SPA runs under,
//! `nosniff`, no referrer, HSTS on https; and `Cache-Control: no-store` on every `/api` answer,
//! because tokens, TOTP secrets, recovery codes and temporary passwords pass through them (V14.3.2).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

use crate::state::AppState;

/// The SPA: its own scripts and the WebAssembly they compile, nothing inline, no plugins, no
/// `<base>` rewriting, never framed.
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The API reference page (vendored Scalar) styles itself inline and shows data: images; it holds
/// no credentials, and everything else stays as strict as the SPA's.
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const HSTS: &str = "max-age=31536000; includeSubDomains";

pub async fn apply(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path();
    let docs = path == "/api/docs" || path.starts_with("/api/docs/");
    let api = path == "/api" || path.starts_with("/api/");
    let https = req.app_data::<web::Data<AppState>>().is_some_and(|s| s.settings.is_https());
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(if docs { DOCS_CSP } else { CSP }));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if https {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    if api && !docs {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}
