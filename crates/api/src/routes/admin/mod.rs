pub mod applications;
pub mod audit;
pub mod companies;
pub mod inquiries;
pub mod rollover;
pub mod thresholds;
pub mod transactions;
pub mod users;
