//! Serves the built SPA, and answers every request no route took: an API path gets a problem, any
//! other path index.html so deep links survive a reload.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::guard::{self, GuardContext};
use actix_web::http::{header, Method};
use actix_web::{HttpRequest, HttpResponse, Responder};
use portal_domain::problem::Problem;
use portal_domain::ErrorCode;

use crate::error::problem_response;
use crate::route_table::{allow_header, RouteTable};

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

pub fn not_found() -> HttpResponse {
    problem_response(&Problem::new(404, ErrorCode::NotFound, "Not found"))
}

/// 405 with the methods the path does answer (RFC 9110 §15.5.6).
pub fn method_not_allowed(allowed: &[Method]) -> HttpResponse {
    let allow = allow_header(allowed);
    let p = Problem::new(405, ErrorCode::MethodNotAllowed, "This method is not allowed here")
        .with_detail(format!("This path answers {allow}"));
    let mut res = problem_response(&p);
    if let Ok(v) = header::HeaderValue::from_str(&allow) {
        res.headers_mut().insert(header::ALLOW, v);
    }
    res
}

/// `Files` at `/` for what the browser loads. Its routing guard leaves API paths and methods other
/// than GET/HEAD to the app's default service (`Fallback`): actix-files would answer those with a
/// plain-text 405 of its own, even for a path that does not exist.
pub fn service(dir: &Path, fallback: Fallback) -> Files {
    let static_read =
        |ctx: &GuardContext| !is_api(ctx.head().uri.path()) && matches!(ctx.head().method, Method::GET | Method::HEAD);
    Files::new("/", dir)
        .index_file("index.html")
        .guard(guard::fn_guard(static_read))
        .default_handler(fn_service(move |req: ServiceRequest| fallback.clone().answer(req)))
}

/// What answers when no route did; the app's default service (scopes inherit it) and the SPA's
/// handler for a file that is not there.
#[derive(Clone)]
pub struct Fallback {
    routes: Arc<RouteTable>,
    /// The SPA's index.html, when it was built.
    index: Option<PathBuf>,
}

impl Fallback {
    pub fn new(routes: Arc<RouteTable>, spa_dir: Option<&Path>) -> Fallback {
        Fallback { routes, index: spa_dir.map(|d| d.join("index.html")) }
    }

    pub async fn answer(self, req: ServiceRequest) -> Result<ServiceResponse, actix_web::Error> {
        let (req, _) = req.into_parts();
        let res = self.respond(&req).await;
        Ok(ServiceResponse::new(req, res))
    }

    async fn respond(&self, req: &HttpRequest) -> HttpResponse {
        let path = req.path();
        if is_api(path) {
            // The path exists under other methods: 405 naming them; otherwise there is nothing here.
            return match self.routes.allowed(path) {
                Some(allowed) if !allowed.contains(req.method()) => method_not_allowed(&allowed),
                _ => not_found(),
            };
        }
        if !matches!(*req.method(), Method::GET | Method::HEAD) {
            return method_not_allowed(&[Method::GET, Method::HEAD]);
        }
        match &self.index {
            Some(index) => match NamedFile::open_async(index).await {
                Ok(f) => f.respond_to(req).map_into_boxed_body(),
                Err(_) => missing_bundle(),
            },
            None => missing_bundle(),
        }
    }
}

/// What `/` says when the SPA was not built.
pub fn missing_bundle() -> HttpResponse {
    HttpResponse::NotFound().content_type("text/html; charset=utf-8").body(
        "<!doctype html><meta charset=utf-8><title>cloudpack+ PORTAL</title>\
         <p>The web app is not built. Run <code>cargo run -p xtask -- build-spa</code> or <code>scripts/run.sh</code>. \
         The API is at <a href=\"/api/docs\">/api/docs</a>.</p>",
    )
}
