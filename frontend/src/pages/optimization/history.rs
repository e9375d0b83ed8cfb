//! The improvement history (R6.3) for either side: proposals by status, and the measured monthly
//! savings per fiscal year as a chart and as a table with the same numbers.

use leptos::prelude::*;
use uuid::Uuid;

use super::chart::{chart_summary, chart_svg};
use crate::api;
use crate::components::{load_latest, ErrorMessage, Loading, TableScroll};
use crate::format::{fiscal_label, grouped, yen};
use crate::i18n::{t, use_i18n, OptimizationMsg as O};
use crate::session::use_session;

/// `company`: staff name the company; customers see their own. Reloads when `reload` changes.
#[component]
pub fn OptimizationHistory(company: Option<Uuid>, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let loaded = load_latest(move || {
        reload.track();
        api::optimization_history(session, company)
    });
    view! {
        <section class="card card-wide" aria-labelledby="history-title" data-testid="optimization-history">
            <h2 id="history-title">{t(O::HistoryTitle)}</h2>
            <p class="muted">{t(O::HistoryIntro)}</p>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(h) => {
                    let years = h.years.clone();
                    let chart_years = h.years.clone();
                    let summary_years = h.years.clone();
                    view! {
                        <h3>{t(O::ByStatus)}</h3>
                        <ul class="status-counts" data-testid="status-counts">
                            {h.by_status.into_iter().map(|c| view! {
                                <li data-status=c.status.as_str() data-count=c.count.to_string()>
                                    {t(O::for_status(c.status))}": "<strong>{c.count}</strong>
                                </li>
                            }).collect_view()}
                        </ul>
                        <h3>{t(O::SavingsTitle)}</h3>
                        {if years.is_empty() {
                            view! { <p class="empty" data-testid="savings-empty">{t(O::SavingsEmpty)}</p> }.into_any()
                        } else {
                            let total = h.total_monthly_saving_yen;
                            view! {
                                <figure class="chart" data-testid="savings-chart"
                                    data-summary=move || chart_summary(&summary_years, i18n.lang())
                                    inner_html=move || chart_svg(&chart_years, i18n.lang())>
                                </figure>
                                <TableScroll label=O::SavingsTitle>
                                    <table class="data" data-testid="savings-table">
                                        <caption class="sr-only">{t(O::SavingsTitle)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t(O::FiscalYear)}</th>
                                                <th scope="col" class="num">{t(O::SavingPerMonth)}</th>
                                                <th scope="col" class="num">{t(O::Measurements)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {years.into_iter().map(|y| view! {
                                                <tr data-testid="savings-row" data-year=y.fiscal_year.0.to_string()>
                                                    <th scope="row">{move || fiscal_label(y.fiscal_year, i18n.lang())}</th>
                                                    <td class="num" data-testid="savings-amount">{yen(y.monthly_saving_yen)}</td>
                                                    <td class="num">{grouped(y.measurements as i64)}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                        <tfoot>
                                            <tr>
                                                <th scope="row">{t(O::Total)}</th>
                                                <td class="num" data-testid="savings-total">{yen(total)}</td>
                                                <td></td>
                                            </tr>
                                        </tfoot>
                                    </table>
                                </TableScroll>
                            }.into_any()
                        }}
                    }.into_any()
                }
            }}
        </section>
    }
}
