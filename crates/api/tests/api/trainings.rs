//! Issue 9: trainings (R5.1–R5.3): free up to the rank's count, then the ticket route; one booking
//! per training; seats under concurrency; the company page's count comes from the bookings.

use portal_domain::company::CompanyOverview;
use portal_domain::trainings::{BookingRoute, BookingView, TrainingList, TrainingMenuView};
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{ok_json, problem, TestApp};

async fn menu(app: &TestApp, admin: &str, title: &str, seats: Option<u32>) -> TrainingMenuView {
    let body = json!({
        "fiscal_year": 2026, "title_ja": title, "title_en": format!("{title} (en)"),
        "format": if seats.is_some() { "hands_on" } else { "seminar" },
        "starts_at": "2026-09-10T05:00:00Z", "duration_minutes": 120, "seat_limit": seats, "ticket_cost": 2,
    });
    let res = app.post("/api/v1/admin/trainings", Some(admin), body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

async fn book(app: &TestApp, token: &str, id: uuid::Uuid, route: &str) -> reqwest::Response {
    app.post(&format!("/api/v1/company/trainings/{id}/bookings"), Some(token), json!({ "route": route })).await
}

#[tokio::test]
async fn r5_a_platinum_company_books_two_free_trainings_and_the_third_is_offered_with_tickets() {
    let app = TestApp::spawn_at("2026-06-01T01:00:00Z".parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let menus = [
        menu(&app, &admin, "AWS 入門", None).await,
        menu(&app, &admin, "セキュリティ基礎", None).await,
        menu(&app, &admin, "コスト最適化", None).await,
    ];
    let company = app.build_company("TRAIN").rank(Rank::Platinum).create().await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    let (_, member) = app.customer(Role::Member, company).await;

    let list: TrainingList = ok_json(app.get("/api/v1/trainings", Some(&rep)).await).await;
    assert_eq!(list.free_left, Some(2));
    assert!(list.items.iter().all(|m| m.offered_route == Some(BookingRoute::Free)));
    problem(book(&app, &member, menus[0].id, "free").await, StatusCode::FORBIDDEN, "forbidden").await;

    let first: BookingView = ok_json(book(&app, &rep, menus[0].id, "free").await).await;
    problem(book(&app, &rep, menus[0].id, "free").await, StatusCode::CONFLICT, "already_booked").await;
    let _: BookingView = ok_json(book(&app, &rep, menus[1].id, "free").await).await;
    let c: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!(c.free_trainings_left, 0, "counted from the bookings");

    // The third: no free one left; the same screen offers the ticket route (R5.2).
    let p = problem(book(&app, &rep, menus[2].id, "free").await, StatusCode::CONFLICT, "free_trainings_used_up").await;
    assert!(p.detail.unwrap().contains("2 tickets"));
    let list: TrainingList = ok_json(app.get("/api/v1/trainings", Some(&rep)).await).await;
    assert_eq!(list.free_left, Some(0));
    assert_eq!(list.items.iter().find(|m| m.id == menus[2].id).unwrap().offered_route, Some(BookingRoute::Tickets));
    // Each booked training names the company's booking, whose id cancels it.
    let booked = list.items.iter().find(|m| m.id == menus[0].id).unwrap();
    assert_eq!(booked.booking.as_ref().map(|b| (b.id, b.route)), Some((first.id, BookingRoute::Free)));
    assert!(list.items.iter().find(|m| m.id == menus[2].id).unwrap().booking.is_none());
    let paid: BookingView = ok_json(book(&app, &rep, menus[2].id, "tickets").await).await;
    assert_eq!(paid.route, BookingRoute::Tickets);
    let application: portal_domain::services::ApplicationView =
        ok_json(app.get(&format!("/api/v1/company/applications/{}", paid.application_id.unwrap()), Some(&rep)).await)
            .await;
    assert_eq!((application.service_code.as_str(), application.ticket_cost), ("aws-training", 2));
    let c: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!(c.ticket_balance, 28);

    // Cancelling a free booking before its date gives the free training back.
    let cancelled: BookingView = ok_json(
        app.post(&format!("/api/v1/company/training-bookings/{}/cancel", first.id), Some(&rep), json!({})).await,
    )
    .await;
    assert!(cancelled.cancelled_at.is_some());
    let c: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!(c.free_trainings_left, 1);
    problem(
        app.post(&format!("/api/v1/company/training-bookings/{}/cancel", paid.id), Some(&rep), json!({})).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    // …through its application instead: the tickets come back and the training is bookable again.
    let cancelled: portal_domain::services::ApplicationView = ok_json(
        app.post(
            &format!("/api/v1/company/applications/{}/cancel", paid.application_id.unwrap()),
            Some(&rep),
            json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(cancelled.state, portal_domain::services::ApplicationState::Cancelled);
    let c: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!(c.ticket_balance, 30);
    let list: TrainingList = ok_json(app.get("/api/v1/trainings", Some(&rep)).await).await;
    let third = list.items.iter().find(|m| m.id == menus[2].id).unwrap();
    assert!(!third.booked, "the booking ended with its application");
    assert_eq!(third.offered_route, Some(BookingRoute::Free), "a free training is back after the first was cancelled");
}

#[tokio::test]
async fn r5_1_regular_companies_have_no_free_trainings_and_the_last_seat_goes_to_one_company() {
    let app = TestApp::spawn_at("2026-06-01T01:00:00Z".parse().unwrap()).await;
    let (_, admin) = app.staff(Role::Admin).await;
    let hands_on = menu(&app, &admin, "ハンズオン", Some(1)).await;
    let regular = app.build_company("REGU").create().await;
    let (_, rep_regular) = app.customer(Role::Representative, regular).await;
    problem(book(&app, &rep_regular, hands_on.id, "free").await, StatusCode::CONFLICT, "service_not_for_rank").await;

    let a = app.build_company("SEATA").rank(Rank::Gold).create().await;
    let b = app.build_company("SEATB").rank(Rank::Gold).create().await;
    let (_, rep_a) = app.customer(Role::Representative, a).await;
    let (_, rep_b) = app.customer(Role::Representative, b).await;
    let url = app.url(&format!("/api/v1/company/trainings/{}/bookings", hands_on.id));
    let send = |token: String| {
        let (http, url) = (app.http.clone(), url.clone());
        tokio::spawn(async move {
            http.post(url).bearer_auth(token).json(&json!({ "route": "free" })).send().await.unwrap().status()
        })
    };
    let (ra, rb) = (send(rep_a), send(rep_b));
    let mut statuses = [ra.await.unwrap(), rb.await.unwrap()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT], "one seat, one booking");
    let list: TrainingList = ok_json(app.get("/api/v1/trainings", Some(&rep_regular)).await).await;
    assert_eq!(list.items[0].seats_left, Some(0));
}
