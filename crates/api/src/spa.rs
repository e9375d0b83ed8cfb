//! Serves the built SPA, and answers every request no route took: an API path gets a problem, any
//! other path index.html so deep links survive a reload.
//!
//! The bundle (`xtask build-spa`) is a handful of files, read into memory at start-up with the
//! brotli and gzip forms the build wrote beside them. Each answer is the smallest form the browser
//! accepts (`Accept-Encoding`), with an `ETag`; content-hashed names (`style-<16 hex>.css`) may be
//! kept for a year, `index.html` and anything unhashed are revalidated every time. The staff area
//! (`/admin/…`) starts from `staff.html`, the bundle with the staff screens; the sign-in pages
//! ([`SIGN_IN_PAGES`]) from `signin.html`, which has only them; every other page from `index.html`,
//! which has no staff screens.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use portal_domain::auth::SIGN_IN_PAGES;
use portal_domain::problem::Problem;
use portal_domain::ErrorCode;
use sha2::{Digest, Sha256};

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

/// One file in its three forms.
#[derive(Debug, Clone)]
struct Asset {
    content_type: &'static str,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
    /// A content-hashed name: the same URL never has other content.
    immutable: bool,
    etag: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Asset {
    fn load(path: &Path) -> std::io::Result<Asset> {
        let identity = Bytes::from(std::fs::read(path)?);
        let sibling = |ext: &str| {
            let mut p = path.as_os_str().to_owned();
            p.push(ext);
            std::fs::read(p).ok().map(Bytes::from)
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let digest = Sha256::digest(&identity);
        let etag = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        Ok(Asset {
            content_type: content_type(name),
            brotli: sibling(".br"),
            gzip: sibling(".gz"),
            identity,
            immutable: is_hashed(name),
            etag,
        })
    }

    /// The smallest form `accept_encoding` allows.
    fn pick(&self, accept_encoding: &str) -> (Coding, &Bytes) {
        let accepts = |coding: &str| {
            accept_encoding.split(',').any(|part| {
                let mut it = part.split(';');
                let name = it.next().unwrap_or_default().trim();
                let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok());
                (name.eq_ignore_ascii_case(coding) || name == "*") && q.is_none_or(|q| q > 0.0)
            })
        };
        match (&self.brotli, &self.gzip) {
            (Some(br), _) if accepts("br") => (Coding::Brotli, br),
            (_, Some(gz)) if accepts("gzip") => (Coding::Gzip, gz),
            _ => (Coding::Identity, &self.identity),
        }
    }

    fn respond(&self, req: &HttpRequest) -> HttpResponse {
        let accept = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
        let (coding, body) = self.pick(accept);
        let etag = match coding {
            Coding::Brotli => format!("\"{}-br\"", self.etag),
            Coding::Gzip => format!("\"{}-gz\"", self.etag),
            Coding::Identity => format!("\"{}\"", self.etag),
        };
        let cache = if self.immutable { "public, max-age=31536000, immutable" } else { "no-cache" };
        let fresh = req
            .headers()
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
        let mut res = if fresh { HttpResponse::NotModified() } else { HttpResponse::Ok() };
        res.insert_header((header::CACHE_CONTROL, cache))
            .insert_header((header::ETAG, etag))
            .insert_header((header::VARY, "Accept-Encoding"));
        if fresh {
            return res.finish();
        }
        res.insert_header((header::CONTENT_TYPE, self.content_type));
        match coding {
            Coding::Brotli => {
                res.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("br")));
            }
            Coding::Gzip => {
                res.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")));
            }
            Coding::Identity => {}
        }
        res.body(body.clone())
    }
}

/// `name-<16 hex>.ext`, as `xtask build-spa` names what it hashes.
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    stem.rsplit_once('-').is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The built SPA, keyed by URL path (`/style-….css`).
#[derive(Debug, Default)]
pub struct Bundle {
    files: HashMap<String, Asset>,
}

impl Bundle {
    /// Reads the top level of `dir` (the bundle has no folders); `.br` and `.gz` files are the
    /// forms of the file they extend, never served under their own names.
    pub fn load(dir: &Path) -> std::io::Result<Bundle> {
        let mut files = HashMap::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !entry.file_type()?.is_file() || name.starts_with('.') || name.ends_with(".br") || name.ends_with(".gz")
            {
                continue;
            }
            files.insert(format!("/{name}"), Asset::load(&entry.path())?);
        }
        Ok(Bundle { files })
    }

    /// The page that starts the app for `path`: the staff bundle for the staff area, the sign-in
    /// bundle for the sign-in pages (each when built), the customers' bundle for the rest.
    fn page_for(&self, path: &str) -> Option<&Asset> {
        let own = if path == "/admin" || path.starts_with("/admin/") {
            self.files.get("/staff.html")
        } else if SIGN_IN_PAGES.contains(&path) {
            self.files.get("/signin.html")
        } else {
            None
        };
        own.or_else(|| self.files.get("/index.html"))
    }
}

/// What answers when no route did: the app's default service (scopes inherit it).
#[derive(Clone)]
pub struct Fallback {
    routes: Arc<RouteTable>,
    /// The SPA, when it was built.
    bundle: Option<Arc<Bundle>>,
}

impl Fallback {
    pub fn new(routes: Arc<RouteTable>, bundle: Option<Arc<Bundle>>) -> Fallback {
        Fallback { routes, bundle }
    }

    pub async fn answer(self, req: ServiceRequest) -> Result<ServiceResponse, actix_web::Error> {
        let (req, _) = req.into_parts();
        let res = self.respond(&req);
        Ok(ServiceResponse::new(req, res))
    }

    fn respond(&self, req: &HttpRequest) -> HttpResponse {
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
        let Some(bundle) = &self.bundle else { return missing_bundle() };
        let file = if path == "/" { "/index.html" } else { path };
        match bundle.files.get(file) {
            Some(asset) => asset.respond(req),
            // A file-like path that is not in the bundle is a 404, not the app: a stale page asking
            // for last build's script must not get HTML back.
            None if file.rsplit('/').next().is_some_and(|last| last.contains('.')) => {
                HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body("Not found")
            }
            None => match bundle.page_for(path) {
                Some(page) => page.respond(req),
                None => missing_bundle(),
            },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_the_ones_xtask_writes() {
        assert!(is_hashed("style-0123456789abcdef.css"));
        assert!(is_hashed("portal_frontend_bg-0123456789abcdef.wasm"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("style.css"));
        assert!(!is_hashed("my-file.css"));
    }

    #[test]
    fn the_smallest_accepted_form_is_chosen() {
        let a = Asset {
            content_type: "text/css",
            identity: Bytes::from_static(b"identity"),
            brotli: Some(Bytes::from_static(b"br")),
            gzip: Some(Bytes::from_static(b"gz")),
            immutable: true,
            etag: "x".into(),
        };
        assert_eq!(a.pick("gzip, deflate, br, zstd").0, Coding::Brotli);
        assert_eq!(a.pick("gzip, deflate").0, Coding::Gzip);
        assert_eq!(a.pick("br;q=0, gzip").0, Coding::Gzip);
        assert_eq!(a.pick("").0, Coding::Identity);
        assert_eq!(a.pick("identity").0, Coding::Identity);
    }
}
