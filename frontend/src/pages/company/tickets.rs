//! `/company/tickets` (customers, R3.4): the full ticket history, paginated, and its CSV.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::{ErrorMessage, TicketHistory};
use crate::download::save_file;
use crate::i18n::{t, use_i18n, CompanyMsg as C, Msg};
use crate::session::use_session;

#[component]
pub fn CompanyTicketsPage() -> impl IntoView {
    let session = use_session();
    view! {
        <section class="card card-wide">
            <p class="breadcrumb"><a href="/company">{t(C::NavCompany)}</a></p>
            <div class="title-row">
                <h1>{t(C::TicketHistory)}</h1>
                <CsvButton/>
            </div>
            <p class="muted">{t(C::TicketHistoryIntro)}</p>
            <TicketHistory fetch=move |page| api::company_tickets(session, page, crate::components::TICKETS_PER_PAGE) reload=Signal::stored(0) page_in_url=true/>
        </section>
    }
}

/// Downloads the history as `tickets.csv`, headings in the current language.
#[component]
fn CsvButton() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let refused = RwSignal::new(false);
    let on_click = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        refused.set(false);
        let lang = i18n.lang();
        spawn_local(async move {
            let result = api::company_tickets_csv(session, lang).await;
            pending.set(false);
            match result {
                Ok(bytes) => refused.set(!save_file(&bytes, "tickets.csv", "text/csv;charset=utf-8")),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="title-actions">
            <button type="button" class="btn" data-testid="tickets-csv" aria-disabled=move || pending.get().then_some("true") aria-busy=move || pending.get().then_some("true") on:click=on_click>
                {move || i18n.t(if pending.get() { C::Downloading } else { C::DownloadCsv })}
            </button>
        </div>
        <ErrorMessage error=error/>
        <Show when=move || refused.get()>
            <p class="alert alert-error" role="alert">{t(Msg::from(C::DownloadFailed))}</p>
        </Show>
    }
}
