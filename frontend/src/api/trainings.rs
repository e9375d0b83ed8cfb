//! Trainings (R5): the fiscal year's menu with what the company may do with each, booking (free or
//! with tickets as aws-training) and cancelling a free booking; admins add to the menu and edit the
//! option-service catalogue.

use gloo_net::http::Method;
#[cfg(feature = "staff")]
use portal_domain::services::{ServiceUpdate, ServiceView};
use portal_domain::trainings::{BookTrainingRequest, BookingRoute, BookingView, TrainingList};
#[cfg(feature = "staff")]
use portal_domain::trainings::{NewTrainingMenu, TrainingMenuView};
use uuid::Uuid;

use super::{authed, decode, json, ApiError};
use crate::session::Session;

pub async fn trainings(session: Session) -> Result<TrainingList, ApiError> {
    decode(authed(session, Method::GET, "/trainings", &[], None).await?).await
}

pub async fn book_training(session: Session, menu: Uuid, route: BookingRoute) -> Result<BookingView, ApiError> {
    let path = format!("/company/trainings/{menu}/bookings");
    decode(authed(session, Method::POST, &path, &[], Some(json(&BookTrainingRequest { route })?)).await?).await
}

pub async fn cancel_booking(session: Session, booking: Uuid) -> Result<BookingView, ApiError> {
    let path = format!("/company/training-bookings/{booking}/cancel");
    decode(authed(session, Method::POST, &path, &[], None).await?).await
}

#[cfg(feature = "staff")]
pub async fn create_training(session: Session, req: &NewTrainingMenu) -> Result<TrainingMenuView, ApiError> {
    decode(authed(session, Method::POST, "/admin/trainings", &[], Some(json(req)?)).await?).await
}

#[cfg(feature = "staff")]
pub async fn update_service(session: Session, code: &str, req: &ServiceUpdate) -> Result<ServiceView, ApiError> {
    let path = format!("/admin/services/{code}");
    decode(authed(session, Method::PUT, &path, &[], Some(json(req)?)).await?).await
}
