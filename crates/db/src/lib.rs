//! Persistence: sea-orm entities (one file per table, shaped like generated code) and hand-written
//! queries that take `&impl ConnectionTrait`, so a handler decides where the transaction begins.

pub mod entities;
pub mod queries;

pub use sea_orm;
