//! The company overview (R7.6), shared by the customer's company page and the staff detail page:
//! fiscal year, rank and benefits, tickets with their expiry, free trainings left.

use leptos::prelude::*;
use portal_domain::company::CompanyOverview;

use super::RankBadge;
use crate::format::{fiscal_label, jst_date, period};
use crate::i18n::{t, use_i18n, CompanyMsg as C};

#[component]
pub fn CompanyFacts(overview: CompanyOverview) -> impl IntoView {
    let i18n = use_i18n();
    let o = overview;
    let (fy, start, end) = (o.fiscal_year, o.fiscal_year_start, o.fiscal_year_end);
    let benefits = o.benefits;
    let expires = o.tickets_expire_at;
    let trainings = o.free_trainings_left.to_string();
    let pending = o.rollover_pending;
    let volume = o.rank_volume_yen.map(crate::format::yen);
    let fill = move |msg: C, n: String| move || i18n_fill(i18n.lang(), msg, &n);
    view! {
        <header class="company-head">
            <h1 data-testid="company-name">{o.name.clone()}</h1>
            <span class="muted" data-testid="company-code">{o.code.clone()}</span>
        </header>
        <p class="fiscal-year" data-testid="company-fiscal-year">
            <span class="muted">{t(C::FiscalYear)}" "</span>
            <strong>{move || fiscal_label(fy, i18n.lang())}</strong>
            " "<span class="muted">{move || period(start, end, i18n.lang())}</span>
        </p>
        {pending.then(|| view! {
            <p class="alert alert-warning" role="status" data-testid="company-rollover-pending">{t(C::RolloverPending)}</p>
        })}
        <div class="stats">
            <div class="stat">
                <span class="stat-label">{t(C::Rank)}</span>
                <span class="stat-value"><RankBadge rank=o.rank testid="company-rank"/></span>
                <small class="muted">{t(C::for_rank_source(o.rank_source))}</small>
                {volume.map(|v| view! {
                    <small class="muted" data-testid="company-rank-volume">{move || i18n_fill(i18n.lang(), C::RankVolume, &v)}</small>
                })}
            </div>
            <div class="stat">
                <span class="stat-label">{t(C::TicketBalance)}</span>
                <span class="stat-value">
                    <span data-testid="company-tickets">{o.ticket_balance}</span>" "
                    <span class="stat-unit">{t(C::TicketsUnit)}</span>
                </span>
                <small class="muted" data-testid="company-tickets-expiry">
                    {move || match expires {
                        Some(at) => i18n_fill(i18n.lang(), C::TicketsExpire, &jst_date(at)),
                        None => i18n.t(C::NoExpiry).to_owned(),
                    }}
                </small>
            </div>
            <div class="stat">
                <span class="stat-label">{t(C::FreeTrainingsLeft)}</span>
                <span class="stat-value">
                    <span data-testid="company-trainings-left">{trainings}</span>" "
                    <span class="stat-unit">{t(C::TimesUnit)}</span>
                </span>
            </div>
        </div>
        <h2>{t(C::Benefits)}</h2>
        <ul class="benefits" data-testid="company-benefits">
            <li>{fill(C::FreeTrainingsPerYear, benefits.free_trainings.to_string())}</li>
            <li>{t(C::Csm)}"："{t(C::for_csm(benefits.csm))}</li>
            <li>{fill(C::TicketsGranted, benefits.tickets.to_string())}</li>
        </ul>
    }
}

/// `msg` with `{n}` and `{date}` replaced by `value`.
fn i18n_fill(lang: crate::i18n::Lang, msg: C, value: &str) -> String {
    crate::i18n::Msg::from(msg).fill(lang, &[("n", value), ("date", value)])
}
