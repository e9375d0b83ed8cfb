//! The HTTP edge of cloudpack+ PORTAL. Data flows one way: extractor (who is calling) → handler
//! (parse, authorize, open the transaction) → domain (decide) → db (persist) → DTO.

pub mod auth;
pub mod database;
pub mod error;
pub mod extractors;
pub mod mail;
pub mod openapi;
pub mod routes;
pub mod services;
pub mod settings;
pub mod spa;
pub mod startup;
pub mod state;

pub use settings::ApiSettings;
pub use startup::Application;
