//! Which methods each path answers, for `405 Method Not Allowed` with an `Allow` header.
//!
//! The routing macros put the method guard on the resource, so actix skips a resource whose path
//! matches under another method and ends in the default service, which cannot tell "no such path"
//! from "not this method". The table is read once from the OpenAPI document the app serves (the
//! same registrations, so it cannot drift) plus the few routes the document does not describe.

use actix_web::http::Method;
use utoipa::openapi::OpenApi;

/// Methods in the order `Allow` lists them.
const ORDER: [Method; 8] = [
    Method::GET,
    Method::HEAD,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
    Method::OPTIONS,
    Method::TRACE,
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    /// `{name}`: any one non-empty segment, as actix's default `{name}` pattern matches.
    Param,
}

#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<Segment>, Vec<Method>)>,
}

impl RouteTable {
    /// Every path template of the document with the methods it has operations for.
    pub fn from_openapi(api: &OpenApi) -> RouteTable {
        let mut table = RouteTable::default();
        for (template, item) in &api.paths.paths {
            let ops = [
                (Method::GET, &item.get),
                (Method::HEAD, &item.head),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::PATCH, &item.patch),
                (Method::DELETE, &item.delete),
                (Method::OPTIONS, &item.options),
                (Method::TRACE, &item.trace),
            ];
            let methods: Vec<Method> = ops.into_iter().filter(|(_, op)| op.is_some()).map(|(m, _)| m).collect();
            table = table.with(template, &methods);
        }
        table
    }

    /// Adds a route the document does not describe (the document itself, the reference page).
    pub fn with(mut self, template: &str, methods: &[Method]) -> RouteTable {
        if !methods.is_empty() {
            self.routes.push((parse(template), methods.to_vec()));
        }
        self
    }

    /// The methods `path` answers, `None` when no template matches it. Several templates may
    /// match one path (`/x/{id}` and `/x/new`); the router would try each, so their methods add up.
    pub fn allowed(&self, path: &str) -> Option<Vec<Method>> {
        let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
        let mut found: Option<Vec<Method>> = None;
        for (template, methods) in &self.routes {
            if matches(template, &segments) {
                let all = found.get_or_insert_with(Vec::new);
                for m in methods {
                    if !all.contains(m) {
                        all.push(m.clone());
                    }
                }
            }
        }
        found.map(|mut all| {
            all.sort_by_key(|m| ORDER.iter().position(|o| o == m).unwrap_or(ORDER.len()));
            all
        })
    }
}

/// The `Allow` header's value: `GET, PUT`.
pub fn allow_header(methods: &[Method]) -> String {
    methods.iter().map(Method::as_str).collect::<Vec<_>>().join(", ")
}

fn parse(template: &str) -> Vec<Segment> {
    template
        .strip_prefix('/')
        .unwrap_or(template)
        .split('/')
        .map(|s| {
            if s.len() > 2 && s.starts_with('{') && s.ends_with('}') {
                Segment::Param
            } else {
                Segment::Literal(s.to_owned())
            }
        })
        .collect()
}

fn matches(template: &[Segment], path: &[&str]) -> bool {
    template.len() == path.len()
        && template.iter().zip(path).all(|(t, p)| match t {
            Segment::Literal(l) => l == p,
            Segment::Param => !p.is_empty(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> RouteTable {
        RouteTable::default()
            .with("/api/v1/company", &[Method::GET])
            .with("/api/v1/admin/rank-thresholds", &[Method::GET, Method::PUT])
            .with("/api/v1/admin/companies/{id}", &[Method::GET])
            .with("/api/v1/admin/companies/{id}/ticket-adjustments", &[Method::POST])
            .with("/api/v1/admin/companies/export", &[Method::POST])
    }

    #[test]
    fn literal_and_parameter_segments_match_whole_segments() {
        let t = table();
        assert_eq!(t.allowed("/api/v1/company"), Some(vec![Method::GET]));
        assert_eq!(t.allowed("/api/v1/admin/rank-thresholds"), Some(vec![Method::GET, Method::PUT]));
        assert_eq!(t.allowed("/api/v1/admin/companies/abc/ticket-adjustments"), Some(vec![Method::POST]));
        assert_eq!(t.allowed("/api/v1/company/"), None);
        assert_eq!(t.allowed("/api/v1/companyx"), None);
        assert_eq!(t.allowed("/api/v1/admin/companies//ticket-adjustments"), None);
        assert_eq!(t.allowed("/api/v1/nothing"), None);
    }

    #[test]
    fn overlapping_templates_add_up_in_allow_order() {
        let t = table();
        assert_eq!(t.allowed("/api/v1/admin/companies/export"), Some(vec![Method::GET, Method::POST]));
        assert_eq!(allow_header(&[Method::GET, Method::PUT]), "GET, PUT");
    }

    #[test]
    fn the_served_document_yields_every_operation() {
        let t = RouteTable::from_openapi(&crate::startup::openapi_document());
        assert_eq!(t.allowed("/api/v1/me"), Some(vec![Method::GET]));
        assert_eq!(t.allowed("/api/v1/auth/login"), Some(vec![Method::POST]));
        assert_eq!(t.allowed("/api/v1/admin/rank-thresholds"), Some(vec![Method::GET, Method::PUT]));
    }
}
