//! The estimated cost of one account (R7.9), for either side: this month to date and last month,
//! the last 12 months and this one as a chart and a table, the totals by service, and the notice
//! that these are estimates that may differ from Cost Explorer's own screens (§4.5.2). Customers
//! read it from Cost Explorer again with a button.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::aws_tools::CostView;

use super::chart::{cost_chart_svg, cost_summary};
use super::trusted_advisor::not_in_contract;
use super::widgets::{AwsError, BusyButton};
use crate::api::{self, ApiError, ToolsScope};
use crate::components::{load_latest, Loading, TableScroll};
use crate::format::{jst_minute, money, month_label};
use crate::i18n::{t, use_i18n, AwsToolsMsg as A, Msg};
use crate::session::use_session;

#[component]
pub fn CostSection(
    scope: ToolsScope,
    /// Whether the portal has AWS access (without it nothing can be read: no button).
    #[prop(into)]
    aws_ready: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let loaded = load_latest(move || api::aws_cost(session, scope, false));
    let fetching = RwSignal::new(false);
    let fetch_error = RwSignal::new(None::<ApiError>);
    let fetch = move || {
        fetching.set(true);
        fetch_error.set(None);
        spawn_local(async move {
            let result = api::aws_cost(session, scope, true).await;
            let _ = fetching.try_set(false);
            match result {
                Ok(view) => {
                    let _ = loaded.data.try_set(Some(view));
                    let _ = loaded.error.try_set(None);
                }
                Err(e) => {
                    let _ = fetch_error.try_set(Some(e));
                }
            }
        });
    };
    let refused = move || loaded.error.with(not_in_contract) || fetch_error.with(not_in_contract);
    let load_error = Signal::derive(move || loaded.error.get().filter(|_| !refused()));
    let fetch_error_shown = Signal::derive(move || fetch_error.get().filter(|_| !refused()));
    let customer = !scope.is_staff();
    view! {
        <section class="card card-wide" id="cost" aria-labelledby="cost-title" data-testid="cost">
            <div class="title-row">
                <h2 id="cost-title">{t(A::CostTitle)}</h2>
                <Show when=move || customer && aws_ready.get() && !refused()>
                    <div class="title-actions">
                        <BusyButton pending=fetching label=A::ReadCost busy_label=A::Reading testid="cost-fetch" primary=true on_press=fetch/>
                    </div>
                </Show>
            </div>
            <p class="muted">{t(A::CostIntro)}</p>
            <Show when=refused fallback=move || view! {
                <p class="alert alert-warning" data-testid="cost-estimate-notice">{t(A::EstimateNotice)}</p>
            }>
                <p class="alert alert-info" data-testid="cost-not-in-contract">{t(A::CostNotInContract)}</p>
            </Show>
            <AwsError error=fetch_error_shown testid="cost-fetch-error"/>
            <AwsError error=load_error/>
            {move || (loaded.data.with(Option::is_none) && loaded.loading.get()).then(|| view! { <Loading/> })}
            {move || loaded.data.get().filter(|_| !refused()).map(|v| {
                let fetched = v.fetched_at;
                let last_read = move || match fetched {
                    Some(at) => Msg::from(A::LastRead).fill(i18n.lang(), &[("at", &jst_minute(at))]),
                    None => i18n.t(A::NotReadYet).to_owned(),
                };
                let content = if v.months.is_empty() {
                    view! { <p class="empty" data-testid="cost-empty">{move || i18n.t(if aws_ready.get() { A::CostEmpty } else { A::NotConfiguredTitle })}</p> }.into_any()
                } else {
                    view! { <CostFigures view=v/> }.into_any()
                };
                view! {
                    <p data-testid="cost-fetched-at" data-fetched=fetched.is_some().to_string()>{last_read}</p>
                    {content}
                }
            })}
        </section>
    }
}

#[component]
fn CostFigures(view: CostView) -> impl IntoView {
    let i18n = use_i18n();
    let currency = view.currency.clone();
    let amount = {
        let currency = currency.clone();
        move |v: Option<f64>| v.map(|v| money(v, &currency)).unwrap_or_else(|| "—".to_owned())
    };
    let (chart_months, summary_months) = (view.months.clone(), view.months.clone());
    let (chart_currency, summary_currency) = (currency.clone(), currency.clone());
    let period_total = money(view.months.iter().map(|m| m.total).sum(), &currency);
    let services_total = money(view.services.iter().map(|s| s.amount).sum(), &currency);
    let months: Vec<_> = view.months.iter().map(|m| (m.start, m.estimated, money(m.total, &currency))).collect();
    let services: Vec<_> = view.services.iter().map(|s| (s.service.clone(), money(s.amount, &currency))).collect();
    view! {
        <div class="stats">
            <div class="stat" data-testid="cost-month-to-date">
                <span class="stat-label">{t(A::MonthToDate)}</span>
                <span class="stat-value">{amount(view.month_to_date)}</span>
            </div>
            <div class="stat" data-testid="cost-last-month">
                <span class="stat-label">{t(A::LastMonth)}</span>
                <span class="stat-value">{amount(view.last_month)}</span>
            </div>
        </div>
        <h3>{t(A::ByMonth)}</h3>
        <figure class="chart" data-testid="cost-chart"
            data-summary=move || cost_summary(&summary_months, &summary_currency, i18n.lang())
            inner_html=move || cost_chart_svg(&chart_months, &chart_currency, i18n.lang())>
        </figure>
        <TableScroll label=A::ByMonth>
            <table class="data" data-testid="cost-months">
                <caption class="sr-only">{t(A::ByMonth)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(A::Month)}</th>
                        <th scope="col" class="num">{t(A::Amount)}</th>
                    </tr>
                </thead>
                <tbody>
                    {months.into_iter().map(|(start, estimated, amount)| {
                        view! {
                            <tr data-testid="cost-month" data-month=start.format("%Y-%m").to_string() data-estimated=estimated.to_string()>
                                <th scope="row">
                                    {move || month_label(start, i18n.lang())}
                                    {estimated.then(|| view! { " "<span class="badge">{t(A::Provisional)}</span> })}
                                </th>
                                <td class="num" data-testid="cost-month-amount">{amount}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t(A::Total)}</th>
                        <td class="num">{period_total}</td>
                    </tr>
                </tfoot>
            </table>
        </TableScroll>
        <h3>{t(A::ByService)}</h3>
        <TableScroll label=A::ByService>
            <table class="data" data-testid="cost-services">
                <caption class="sr-only">{t(A::ByService)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(A::Service)}</th>
                        <th scope="col" class="num">{t(A::Amount)}</th>
                    </tr>
                </thead>
                <tbody>
                    {services.into_iter().map(|(service, amount)| view! {
                        <tr data-testid="cost-service">
                            <th scope="row">{service}</th>
                            <td class="num" data-testid="cost-service-amount">{amount}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t(A::Total)}</th>
                        <td class="num">{services_total}</td>
                    </tr>
                </tfoot>
            </table>
        </TableScroll>
    }
}
