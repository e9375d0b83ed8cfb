//! `/trainings` (R5): the fiscal year's menu (title, format, JST date, duration, seats left for
//! hands-on), the company's free trainings left and its tickets. Representatives book free while
//! the count lasts; then the same menu is offered with tickets as the aws-training option (after a
//! confirmation naming the cost and the balance after), or the page says what is missing. A free
//! booking may be cancelled before its date (confirmation; the free count comes back).

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::services::{ServiceList, Unavailable};
use portal_domain::trainings::{BookingRoute, BookingView, TrainingList, TrainingMenuView};
use portal_domain::Role;

use crate::api::{self, ApiError};
use crate::applications::unavailable_text;
use crate::components::{load_latest, ConfirmDialog, ErrorMessage, Loading, TableScroll};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, Lang, Msg, ServiceMsg as V, TrainingMsg as T};
use crate::session::use_session;
use crate::trainings::{offer, refusal_text, short_text, Offer};

const AWS_TRAINING: &str = "aws-training";

#[derive(Clone)]
struct Data {
    role: Role,
    list: TrainingList,
    services: ServiceList,
}

/// A booking asked for, waiting for its confirmation.
#[derive(Clone)]
enum Asking {
    Tickets(TrainingMenuView),
    Cancel(TrainingMenuView, BookingView),
}

fn title(m: &TrainingMenuView, lang: Lang) -> String {
    match lang {
        Lang::Ja => m.title_ja.clone(),
        Lang::En => m.title_en.clone(),
    }
}

#[component]
pub fn TrainingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = load_latest(move || {
        reload.track();
        async move {
            let role = api::me(session).await?.role;
            let list = api::trainings(session).await?;
            let services = api::services(session).await?;
            Ok(Data { role, list, services })
        }
    });
    let notice = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let asking = RwSignal::new(None::<Asking>);
    let pending = RwSignal::new(false);

    let book = move |m: TrainingMenuView, route: BookingRoute| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            let result = api::book_training(session, m.id, route).await;
            pending.set(false);
            asking.set(None);
            match result {
                Ok(_) => {
                    notice.set(Some(Msg::from(T::Booked).fill(i18n.lang(), &[("title", &title(&m, i18n.lang()))])));
                    reload.update(|n| *n += 1);
                }
                Err(e) => {
                    error.set(Some(e));
                    reload.update(|n| *n += 1);
                }
            }
        });
    };
    let cancel = move |b: BookingView| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            let result = api::cancel_booking(session, b.id).await;
            pending.set(false);
            asking.set(None);
            match result {
                Ok(_) => notice.set(Some(i18n.t(T::BookingCancelled).to_owned())),
                Err(e) => error.set(Some(e)),
            }
            reload.update(|n| *n += 1);
        });
    };
    let confirm = move || match asking.get_untracked() {
        Some(Asking::Tickets(m)) => book(m, BookingRoute::Tickets),
        Some(Asking::Cancel(_, b)) => cancel(b),
        None => {}
    };
    let balance = move || loaded.data.with(|d| d.as_ref().and_then(|d| d.services.balance));
    let dialog_title = Signal::derive(move || match asking.get() {
        Some(Asking::Cancel(..)) => T::CancelBookingTitle,
        _ => T::BookConfirmTitle,
    });
    let body = Signal::derive(move || {
        let lang = i18n.lang();
        match asking.get() {
            Some(Asking::Tickets(m)) => {
                let after = balance().map(|b| (b - m.ticket_cost).to_string()).unwrap_or_default();
                Msg::from(T::BookConfirmBody)
                    .fill(lang, &[("title", &title(&m, lang)), ("n", &m.ticket_cost.to_string()), ("after", &after)])
            }
            Some(Asking::Cancel(m, _)) => Msg::from(T::CancelBookingBody).fill(lang, &[("title", &title(&m, lang))]),
            None => String::new(),
        }
    });
    let is_cancel = move || matches!(asking.get(), Some(Asking::Cancel(..)));

    view! {
        <section class="card card-wide">
            <h1>{t(T::TrainingsTitle)}</h1>
            <p class="muted">{t(T::TrainingsIntro)}</p>
            {move || notice.get().map(|n| view! { <p class="alert alert-success" role="status" data-testid="trainings-notice">{n}</p> })}
            <ErrorMessage error=error/>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(d) => view! { <Menu data=d asking=asking pending=pending on_free=move |m| book(m, BookingRoute::Free)/> }.into_any(),
            }}
        </section>
        <Show when=move || asking.with(Option::is_some)>
            {move || view! {
                <ConfirmDialog
                    title=dialog_title.get()
                    body=body
                    confirm_label=if is_cancel() { T::DoCancelBooking } else { T::DoBook }
                    pending=pending
                    on_confirm=confirm
                    on_cancel=move || asking.set(None)
                />
            }}
        </Show>
    }
}

#[component]
fn Menu(
    data: Data,
    asking: RwSignal<Option<Asking>>,
    pending: RwSignal<bool>,
    on_free: impl Fn(TrainingMenuView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let rep = data.role == Role::Representative;
    let aws = data.services.items.iter().find(|s| s.code == AWS_TRAINING).cloned();
    let aws_unavailable: Option<Unavailable> = aws.as_ref().and_then(|s| s.unavailable);
    let aws_ranks = aws.map(|s| s.ranks).unwrap_or_default();
    let balance = data.services.balance;
    let now = crate::format::now();
    view! {
        <dl class="facts">
            {data.list.free_left.map(|n| view! {
                <dt>{t(T::FreeLeft)}</dt>
                <dd data-testid="free-left" data-n=n.to_string()>{move || Msg::from(T::FreeLeftN).fill(i18n.lang(), &[("n", &n.to_string())])}</dd>
            })}
            {balance.map(|b| view! {
                <dt>{t(V::Balance)}</dt>
                <dd data-testid="trainings-balance">{move || Msg::from(V::TicketsN).fill(i18n.lang(), &[("n", &b.to_string())])}</dd>
            })}
        </dl>
        {(!rep).then(|| view! { <p class="alert alert-info" data-testid="only-representatives">{t(T::OnlyRepBooks)}</p> })}
        {if data.list.items.is_empty() {
            view! { <p class="empty" data-testid="trainings-empty">{t(T::NoTrainings)}</p> }.into_any()
        } else {
            view! {
                <TableScroll label=T::TrainingsTitle>
                    <table class="data" data-testid="trainings-table">
                        <thead>
                            <tr>
                                <th>{t(T::ColTitle)}</th>
                                <th>{t(T::ColFormat)}</th>
                                <th>{t(T::ColDate)}</th>
                                <th class="num">{t(T::ColDuration)}</th>
                                <th class="num">{t(T::ColSeats)}</th>
                                <th>{t(T::ColBooking)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {data
                                .list
                                .items
                                .into_iter()
                                .map(|m| {
                                    let o = offer(&m, balance, aws_unavailable);
                                    let ranks = aws_ranks.clone();
                                    let (m1, m2) = (m.clone(), m.clone());
                                    let minutes = m.duration_minutes.to_string();
                                    let seats = m.seats_left;
                                    let kind = offer_kind(&o);
                                    let future = m.starts_at > now;
                                    view! {
                                        <tr data-testid="training-row" data-offer=kind data-id=m.id.to_string()>
                                            <td data-testid="training-title">{move || title(&m1, i18n.lang())}</td>
                                            <td>{t(T::for_format(m.format))}</td>
                                            <td class="nowrap">{jst_minute(m.starts_at)}</td>
                                            <td class="num nowrap">{move || Msg::from(T::MinutesN).fill(i18n.lang(), &[("n", &minutes)])}</td>
                                            <td class="num nowrap" data-testid="training-seats">
                                                {move || match seats {
                                                    Some(n) => Msg::from(T::SeatsN).fill(i18n.lang(), &[("n", &n.to_string())]),
                                                    None => i18n.t(T::NoLimit).to_owned(),
                                                }}
                                            </td>
                                            <td>
                                                <OfferCell o=o m=m2 rep=rep future=future ranks=ranks asking=asking pending=pending on_free=on_free/>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            }
            .into_any()
        }}
    }
}

fn offer_kind(o: &Offer) -> &'static str {
    match o {
        Offer::Booked(b) if b.route == BookingRoute::Free => "booked-free",
        Offer::Booked(_) => "booked-tickets",
        Offer::Book(BookingRoute::Free) => "free",
        Offer::Book(BookingRoute::Tickets) => "tickets",
        Offer::Short { .. } => "short",
        Offer::ServiceUnavailable(_) => "unavailable",
        Offer::Refused(_) => "refused",
        Offer::Nothing => "none",
    }
}

#[component]
fn OfferCell(
    o: Offer,
    m: TrainingMenuView,
    rep: bool,
    future: bool,
    ranks: Vec<portal_domain::Rank>,
    asking: RwSignal<Option<Asking>>,
    pending: RwSignal<bool>,
    on_free: impl Fn(TrainingMenuView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy = move || pending.get().then_some("true");
    let cost = m.ticket_cost.to_string();
    match o {
        Offer::Booked(b) if b.route == BookingRoute::Free => {
            let may_cancel = rep && future;
            view! {
                <span class="badge" data-testid="training-booked">{t(T::BookedFree)}</span>
                {may_cancel.then(|| view! {
                    " "
                    <button type="button" class="btn btn-small btn-danger-outline" data-testid="cancel-booking"
                        on:click=move |_| asking.set(Some(Asking::Cancel(m.clone(), b.clone())))>
                        {t(T::CancelBooking)}
                    </button>
                })}
            }
            .into_any()
        }
        Offer::Booked(b) => view! {
            <span class="badge" data-testid="training-booked">{t(T::BookedTickets)}</span>
            {b.application_id.map(|id| view! {
                " "<a href=format!("/applications/{id}") data-testid="training-application">{t(T::ViewApplication)}</a>
            })}
        }
        .into_any(),
        Offer::Book(BookingRoute::Free) => rep
            .then(|| {
                view! {
                    <button type="button" class="btn btn-primary btn-small" data-testid="book-free" aria-disabled=busy
                        on:click=move |_| if !pending.get_untracked() { on_free(m.clone()) }>
                        {t(T::BookFree)}
                    </button>
                }
            })
            .into_any(),
        Offer::Book(BookingRoute::Tickets) => {
            let c2 = cost.clone();
            view! {
                <p class="small" data-testid="via-tickets">{move || Msg::from(T::ViaTickets).fill(i18n.lang(), &[("n", &cost)])}</p>
                {rep.then(|| view! {
                    <button type="button" class="btn btn-primary btn-small" data-testid="book-tickets" aria-disabled=busy
                        on:click=move |_| asking.set(Some(Asking::Tickets(m.clone())))>
                        {move || Msg::from(T::BookTickets).fill(i18n.lang(), &[("n", &c2)])}
                    </button>
                })}
            }
            .into_any()
        }
        Offer::Short { cost: c, balance } => view! {
            <p class="small" data-testid="via-tickets">{move || Msg::from(T::ViaTickets).fill(i18n.lang(), &[("n", &cost)])}</p>
            <p class="unavailable small" data-testid="tickets-short">{move || short_text(c, balance, i18n.lang())}</p>
        }
        .into_any(),
        Offer::ServiceUnavailable(u) => view! {
            <p class="unavailable small" data-testid="training-unavailable">{move || unavailable_text(u, &ranks, i18n.lang())}</p>
        }
        .into_any(),
        Offer::Refused(r) => view! {
            <p class="unavailable small" data-testid="training-refused">{move || refusal_text(r, i18n.lang())}</p>
        }
        .into_any(),
        Offer::Nothing => ().into_any(),
    }
}
