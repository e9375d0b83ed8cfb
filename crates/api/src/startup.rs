//! Builds the actix application and binds it. Tests use the same path on port 0.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{fn_service, Server};
use actix_web::http::Method;
use actix_web::middleware::{from_fn, Compress, ErrorHandlers};
use actix_web::{web, App, HttpResponse, HttpServer};
use sea_orm::DatabaseConnection;
use utoipa::OpenApi;
use utoipa_actix_web::{scope, AppExt};
use utoipa_scalar::{Scalar, Servable};

use portal_app::mail::{Mailer, Notices};
use portal_app::scheduler::{self, SchedulerHandle};
use portal_app::SharedClock;

use crate::auth::tokens::JwtKeys;
use crate::error::{ensure_problem, json_error, path_error, query_error};
use crate::openapi::ApiDoc;
use crate::route_table::RouteTable;
use crate::settings::ApiSettings;
use crate::state::AppState;
use crate::{routes, spa};

pub struct Application {
    port: u16,
    server: Server,
    scheduler: Option<SchedulerHandle>,
    housekeeping: Option<tokio::sync::watch::Receiver<Option<portal_app::housekeeping::Swept>>>,
    aws_refresh: Option<tokio::sync::watch::Receiver<Option<portal_app::aws_refresh::Refreshed>>>,
}

impl Application {
    /// Binds the listener and, when `settings.scheduler` is on, starts the yearly rollover
    /// scheduler on the same clock (so tests that move the clock move the scheduler too).
    pub fn build(settings: ApiSettings, db: DatabaseConnection, clock: SharedClock) -> std::io::Result<Application> {
        let listener = TcpListener::bind(&settings.addr)?;
        let port = listener.local_addr()?.port();
        let workers = settings.workers.max(1);
        let mailer = Mailer::new(&settings.mail).map_err(std::io::Error::other)?;
        let notices = Notices { mailer, from: settings.mail_from.clone(), portal_url: settings.public_url.clone() };
        let scheduler = settings.scheduler.then(|| scheduler::spawn(db.clone(), clock.clone()));
        let max_age = chrono::Duration::from_std(settings.session_max_age).map_err(std::io::Error::other)?;
        let housekeeping =
            settings.scheduler.then(|| portal_app::housekeeping::spawn(db.clone(), clock.clone(), max_age));
        let mut db = db;
        let metrics = crate::counters::Metrics::instrument(&mut db);
        let sealer = portal_app::credentials::sealing::Sealer::new(&settings.secrets_key);
        let backlog = match &settings.backlog {
            Some(b) => {
                let client = portal_app::backlog::BacklogClient::new(b.clone()).map_err(std::io::Error::other)?;
                Some(Arc::new(client) as Arc<dyn portal_app::backlog::Backlog>)
            }
            None => None,
        };
        let attachments =
            portal_app::attachments::AttachmentStore::new(&settings.attachments).map_err(std::io::Error::other)?;
        // Scheduled AWS reads only where the operator gave the portal AWS access.
        let aws_refresh = match (&settings.aws, settings.scheduler) {
            (Some(aws), true) => Some(portal_app::aws_refresh::spawn(db.clone(), aws.clone(), clock.clone())),
            _ => None,
        };
        let aws = settings.aws.clone().unwrap_or_else(|| Arc::new(portal_app::aws_tools::NoAwsAccess));
        let state = web::Data::new(AppState {
            aws,
            jwt: JwtKeys::new(&settings.jwt_secret),
            sealer,
            db,
            settings,
            notices,
            clock,
            metrics,
            backlog,
            attachments,
        });
        let routes = Arc::new(route_table());
        let bundle = match state.settings.spa_dir.as_deref().filter(|d| d.join("index.html").is_file()) {
            Some(dir) => Some(Arc::new(spa::Bundle::load(dir)?)),
            None => None,
        };
        let server = HttpServer::new(move || {
            let (app, api) = App::new()
                .into_utoipa_app()
                .openapi(ApiDoc::openapi())
                .app_data(state.clone())
                .app_data(web::JsonConfig::default().limit(crate::extractors::JSON_LIMIT).error_handler(json_error))
                .app_data(web::PathConfig::default().error_handler(path_error))
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .service(routes::health::healthz)
                .service(routes::health::readyz)
                .service(crate::metrics::get_metrics)
                .service(scope::scope("/api/v1").configure(routes::configure))
                .split_for_parts();
            let api = crate::openapi::with_common_responses(api);
            let spec = web::Data::new(api.clone());
            let app = app
                .wrap(ErrorHandlers::new().default_handler(ensure_problem))
                .wrap(Compress::default())
                .wrap(from_fn(crate::metrics::count_requests))
                .wrap(from_fn(crate::request_id::propagate))
                .wrap(tracing_actix_web::TracingLogger::default())
                .wrap(from_fn(crate::security_headers::apply))
                .app_data(spec)
                .route("/api/openapi.json", web::get().to(openapi_json))
                .route("/api/docs/scalar.js", web::get().to(scalar_js))
                .service(Scalar::with_url("/api/docs", api).custom_html(SCALAR_HTML).title("cloudpack+ PORTAL API"));
            let fallback = spa::Fallback::new(routes.clone(), bundle.clone());
            app.default_service(fn_service(move |req| fallback.clone().answer(req)))
        })
        .workers(workers)
        .listen(listener)?
        .run();
        Ok(Application { port, server, scheduler, housekeeping, aws_refresh })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The rollover scheduler's reports, when it runs.
    pub fn scheduler(&self) -> Option<SchedulerHandle> {
        self.scheduler.clone()
    }

    /// The daily sweep's results, when the scheduler runs.
    pub fn housekeeping(&self) -> Option<tokio::sync::watch::Receiver<Option<portal_app::housekeeping::Swept>>> {
        self.housekeeping.clone()
    }

    /// The scheduled AWS tool reads, when the scheduler runs and AWS access is configured.
    pub fn aws_refresh(&self) -> Option<tokio::sync::watch::Receiver<Option<portal_app::aws_refresh::Refreshed>>> {
        self.aws_refresh.clone()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// The API reference page's script, served by the portal itself (no CDN): see assets/scalar/README.md.
const SCALAR_JS: &[u8] = include_bytes!("../assets/scalar/standalone.js");
const SCALAR_HTML: &str = r#"<!doctype html>
<html>
<head>
    <title>$title</title>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
</head>
<body>
<script id="api-reference" type="application/json" data-configuration='{"withDefaultFonts":false}'>
    $spec
</script>
<script src="/api/docs/scalar.js"></script>
</body>
</html>"#;

async fn scalar_js() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((actix_web::http::header::CACHE_CONTROL, "public, max-age=86400"))
        .body(SCALAR_JS)
}

async fn openapi_json(spec: web::Data<utoipa::openapi::OpenApi>) -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(spec.to_pretty_json().unwrap_or_default())
}

/// The OpenAPI document exactly as the server serves it (for `portal openapi` and the snapshot test).
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(routes::health::healthz)
        .service(routes::health::readyz)
        .service(crate::metrics::get_metrics)
        .service(scope::scope("/api/v1").configure(routes::configure))
        .split_for_parts();
    crate::openapi::with_common_responses(api)
}

/// The methods each path answers (for 405 + `Allow`): the document's operations and the routes
/// served beside it.
fn route_table() -> RouteTable {
    RouteTable::from_openapi(&openapi_document())
        .with("/api/openapi.json", &[Method::GET])
        .with("/api/docs", &[Method::GET])
        .with("/api/docs/scalar.js", &[Method::GET])
}
