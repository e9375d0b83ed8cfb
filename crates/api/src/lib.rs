//! The HTTP edge of cloudpack+ PORTAL. Data flows one way: extractor (who is calling) → handler
//! (parse the body into domain inputs) → use case in `portal_app` (decide, persist, audit) → view.

pub mod auth;
pub mod counters;
pub mod database;
pub mod error;
pub mod extractors;
pub mod metrics;
pub mod openapi;
pub mod request_id;
pub mod route_table;
pub mod routes;
pub mod security_headers;
pub mod settings;
pub mod spa;
pub mod startup;
pub mod state;

pub use settings::ApiSettings;
pub use startup::Application;
