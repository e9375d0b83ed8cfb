//! Serves the built SPA; any non-API path falls back to index.html so deep links survive a reload.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::{HttpResponse, Responder};
use portal_domain::problem::Problem;
use portal_domain::ErrorCode;

use crate::error::problem_response;

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

pub fn not_found() -> HttpResponse {
    problem_response(&Problem::new(404, ErrorCode::NotFound, "Not found"))
}

/// `Files` at `/` with a fallback that answers API misses with a problem and the rest with index.html.
pub fn service(dir: &Path) -> Files {
    let index: PathBuf = dir.join("index.html");
    Files::new("/", dir).index_file("index.html").default_handler(fn_service(move |req: ServiceRequest| {
        let index = index.clone();
        async move {
            let (req, _) = req.into_parts();
            if is_api(req.path()) {
                let res = not_found();
                return Ok(ServiceResponse::new(req, res));
            }
            let res = match NamedFile::open_async(&index).await {
                Ok(f) => f.respond_to(&req).map_into_boxed_body(),
                Err(_) => missing_bundle(),
            };
            Ok(ServiceResponse::new(req, res))
        }
    }))
}

/// What `/` says when the SPA was not built.
pub fn missing_bundle() -> HttpResponse {
    HttpResponse::NotFound().content_type("text/html; charset=utf-8").body(
        "<!doctype html><meta charset=utf-8><title>cloudpack+ PORTAL</title>\
         <p>The web app is not built. Run <code>cargo run -p xtask -- build-spa</code> or <code>scripts/run.sh</code>. \
         The API is at <a href=\"/api/docs\">/api/docs</a>.</p>",
    )
}

pub async fn default_service(req: ServiceRequest) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _) = req.into_parts();
    let res = if is_api(req.path()) { not_found() } else { missing_bundle() };
    Ok(ServiceResponse::new(req, res))
}
