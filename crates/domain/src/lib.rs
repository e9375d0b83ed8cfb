//! Domain rules and wire types of cloudpack+ PORTAL.
//!
//! Nothing here performs I/O: the API crate parses, authorizes and persists; this crate decides.
//! The frontend depends on this crate (without the `server` feature) so both ends share one contract.

pub mod auth;
pub mod email;
pub mod password;
pub mod problem;
pub mod role;
pub mod throttle;
#[cfg(feature = "server")]
pub mod totp;

pub use role::Role;
