//! Trusted Advisor of one account (R7.8), for either side: when it was last read and a button to
//! read it from AWS now, the checks by category and status with the estimated monthly savings, and
//! the checks with filters; a check opens its flagged resources ([`super::resources`]).

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::aws_tools::{TaCategory, TaCategorySummary, TaCheckRow, TaStatus};
use portal_domain::ErrorCode;

use super::resources::CheckPanel;
use super::widgets::{status_key, AwsError, BusyButton, StatusBadge, StatusHeading};
use crate::api::{self, ApiError, ToolsScope};
use crate::components::{focus_after_render, load_latest, Field, Loading, TableScroll};
use crate::format::{jst_minute, usd};
use crate::i18n::{t, use_i18n, AwsToolsMsg as A, Msg};
use crate::session::use_session;

const STATUSES: [TaStatus; 4] = [TaStatus::Ok, TaStatus::Warning, TaStatus::Error, TaStatus::NotAvailable];

pub fn category_key(c: TaCategory) -> &'static str {
    match c {
        TaCategory::CostOptimizing => "cost_optimizing",
        TaCategory::Security => "security",
        TaCategory::FaultTolerance => "fault_tolerance",
        TaCategory::Performance => "performance",
        TaCategory::ServiceLimits => "service_limits",
        TaCategory::Other => "other",
    }
}

fn category_of(key: &str) -> Option<TaCategory> {
    TaCategory::SHOWN.into_iter().chain([TaCategory::Other]).find(|c| category_key(*c) == key)
}

fn status_of(key: &str) -> Option<TaStatus> {
    STATUSES.into_iter().find(|s| status_key(*s) == key)
}

fn count(c: &TaCategorySummary, s: TaStatus) -> u32 {
    match s {
        TaStatus::Ok => c.ok,
        TaStatus::Warning => c.warning,
        TaStatus::Error => c.error,
        TaStatus::NotAvailable => c.not_available,
    }
}

fn row_status(r: &TaCheckRow) -> TaStatus {
    r.summary.as_ref().map(|s| s.status).unwrap_or(TaStatus::NotAvailable)
}

/// Whether an error is "this tool is not in your contract".
pub fn not_in_contract(e: &Option<ApiError>) -> bool {
    e.as_ref().and_then(ApiError::code) == Some(ErrorCode::ToolNotInContract)
}

#[component]
pub fn TrustedAdvisorSection(
    scope: ToolsScope,
    /// Whether the portal has AWS access (without it nothing can be read: no button).
    #[prop(into)]
    aws_ready: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let loaded = load_latest(move || api::trusted_advisor(session, scope, i18n.lang(), false));
    let fetching = RwSignal::new(false);
    let fetch_error = RwSignal::new(None::<ApiError>);
    let category = RwSignal::new(None::<TaCategory>);
    let status = RwSignal::new(None::<TaStatus>);
    let open = RwSignal::new(None::<String>);

    let fetch = move || {
        fetching.set(true);
        fetch_error.set(None);
        let lang = i18n.lang();
        spawn_local(async move {
            let result = api::trusted_advisor(session, scope, lang, true).await;
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
    let close = Callback::new(move |()| {
        let id = open.get_untracked();
        open.set(None);
        if let Some(id) = id {
            focus_after_render(move || {
                let selector = format!("[data-testid=\"ta-check-row\"][data-check-id=\"{id}\"] button");
                crate::components::document()?.query_selector(&selector).ok().flatten()
            });
        }
    });

    view! {
        <section class="card card-wide" id="trusted-advisor" aria-labelledby="ta-title" data-testid="trusted-advisor">
            <div class="title-row">
                <h2 id="ta-title">{t(A::TaTitle)}</h2>
                <Show when=move || aws_ready.get() && !refused()>
                    <div class="title-actions">
                        <BusyButton pending=fetching label=A::ReadNow busy_label=A::Reading testid="ta-fetch" primary=true on_press=fetch/>
                    </div>
                </Show>
            </div>
            <p class="muted">{t(A::TaIntro)}</p>
            <Show when=refused>
                <p class="alert alert-info" data-testid="ta-not-in-contract">{t(A::TaNotInContract)}</p>
            </Show>
            <AwsError error=fetch_error_shown testid="ta-fetch-error"/>
            <AwsError error=load_error/>
            {move || (loaded.data.with(Option::is_none) && loaded.loading.get()).then(|| view! { <Loading/> })}
            {move || loaded.data.get().filter(|_| !refused()).map(|v| {
                let fetched = v.fetched_at;
                let last_read = move || match fetched {
                    Some(at) => Msg::from(A::LastRead).fill(i18n.lang(), &[("at", &jst_minute(at))]),
                    None => i18n.t(A::NotReadYet).to_owned(),
                };
                let content = if v.checks.is_empty() {
                    view! { <p class="empty" data-testid="ta-empty">{move || i18n.t(if aws_ready.get() { A::TaEmpty } else { A::NotConfiguredTitle })}</p> }.into_any()
                } else {
                    let total = v.estimated_monthly_savings;
                    view! {
                        <div class="stats">
                            <div class="stat" data-testid="ta-total-savings" data-value=total.to_string()>
                                <span class="stat-label">{t(A::TotalSavings)}</span>
                                <span class="stat-value">{usd(total)}</span>
                            </div>
                        </div>
                        <p class="small muted">{t(A::UsdNote)}</p>
                        <Summary categories=v.categories.clone() total=total/>
                        <Checks rows=v.checks.clone() category=category status=status open=open/>
                    }
                    .into_any()
                };
                view! {
                    <p data-testid="ta-fetched-at" data-fetched=fetched.is_some().to_string()>{last_read}</p>
                    {content}
                }
            })}
            {move || open.get().filter(|_| !refused()).map(|id| view! { <CheckPanel scope=scope check_id=id on_close=close/> })}
        </section>
    }
}

/// Counts of checks by category and status, with the savings.
#[component]
fn Summary(categories: Vec<TaCategorySummary>, total: f64) -> impl IntoView {
    let totals: Vec<u32> = STATUSES.iter().map(|s| categories.iter().map(|c| count(c, *s)).sum()).collect();
    view! {
        <h3>{t(A::SummaryTitle)}</h3>
        <TableScroll label=A::SummaryTitle>
            <table class="data" data-testid="ta-summary">
                <caption class="sr-only">{t(A::SummaryTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(A::Category)}</th>
                        {STATUSES.map(|s| view! { <th scope="col" class="num"><StatusHeading status=s/></th> })}
                        <th scope="col" class="num">{t(A::SavingsColumn)}</th>
                    </tr>
                </thead>
                <tbody>
                    {categories.into_iter().map(|c| {
                        let cells = STATUSES.map(|s| view! {
                            <td class="num" data-status=status_key(s)>{count(&c, s)}</td>
                        });
                        view! {
                            <tr data-testid="ta-category" data-category=category_key(c.category)>
                                <th scope="row">{t(A::for_category(c.category))}</th>
                                {cells}
                                <td class="num" data-testid="ta-category-savings">{usd(c.estimated_monthly_savings)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t(A::Total)}</th>
                        {totals.into_iter().map(|n| view! { <td class="num">{n}</td> }).collect_view()}
                        <td class="num">{usd(total)}</td>
                    </tr>
                </tfoot>
            </table>
        </TableScroll>
    }
}

/// The checks, filtered by category and status; a check's name opens its resources.
#[component]
fn Checks(
    rows: Vec<TaCheckRow>,
    category: RwSignal<Option<TaCategory>>,
    status: RwSignal<Option<TaStatus>>,
    open: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = rows.len();
    let rows = StoredValue::new(rows);
    let shown = move || {
        let (c, s) = (category.get(), status.get());
        rows.with_value(|rows| {
            rows.iter()
                .filter(|r| c.is_none_or(|c| r.check.category == c) && s.is_none_or(|s| row_status(r) == s))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let present: Vec<TaCategory> = rows.with_value(|rows| {
        TaCategory::SHOWN
            .into_iter()
            .chain([TaCategory::Other])
            .filter(|c| *c != TaCategory::Other || rows.iter().any(|r| r.check.category == TaCategory::Other))
            .collect()
    });
    view! {
        <h3>{t(A::ChecksTitle)}</h3>
        <div class="filters">
            <Field label=Msg::from(A::FilterCategory) class="field-short">
                <select data-testid="ta-filter-category" on:change=move |ev| category.set(category_of(&event_target_value(&ev)))>
                    <option value="" selected=move || category.get().is_none()>{t(A::FilterAll)}</option>
                    {present.into_iter().map(|c| view! {
                        <option value=category_key(c) selected=move || category.get() == Some(c)>{t(A::for_category(c))}</option>
                    }).collect_view()}
                </select>
            </Field>
            <Field label=Msg::from(A::FilterStatus) class="field-short">
                <select data-testid="ta-filter-status" on:change=move |ev| status.set(status_of(&event_target_value(&ev)))>
                    <option value="" selected=move || status.get().is_none()>{t(A::FilterAll)}</option>
                    {STATUSES.map(|s| view! {
                        <option value=status_key(s) selected=move || status.get() == Some(s)>{t(A::for_status(s))}</option>
                    })}
                </select>
            </Field>
        </div>
        <p class="small muted" role="status" data-testid="ta-checks-shown">
            {move || {
                let n = shown().len().to_string();
                Msg::from(A::ChecksShown).fill(i18n.lang(), &[("n", &n), ("total", &total.to_string())])
            }}
        </p>
        <p class="small muted">{t(A::OpenCheckHint)}</p>
        {move || {
            let list = shown();
            if list.is_empty() {
                return view! { <p class="empty" data-testid="ta-checks-empty">{t(A::ChecksEmpty)}</p> }.into_any();
            }
            view! {
                <TableScroll label=A::ChecksTitle>
                    <table class="data" data-testid="ta-checks">
                        <caption class="sr-only">{t(A::ChecksTitle)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t(A::Check)}</th>
                                <th scope="col">{t(A::Category)}</th>
                                <th scope="col">{t(A::Status)}</th>
                                <th scope="col" class="num">{t(A::Flagged)}</th>
                                <th scope="col" class="num">{t(A::SavingsColumn)}</th>
                                <th scope="col">{t(A::CheckedAt)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|r| view! { <CheckRow row=r open=open/> }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            }
            .into_any()
        }}
    }
}

#[component]
fn CheckRow(row: TaCheckRow, open: RwSignal<Option<String>>) -> impl IntoView {
    let id = row.check.id.clone();
    let status = row_status(&row);
    let flagged = row.summary.as_ref().map(|s| s.resources.flagged).unwrap_or(0);
    let savings = row.summary.as_ref().and_then(|s| s.estimated_monthly_savings);
    let checked_at = row.summary.as_ref().and_then(|s| s.checked_at);
    let expanded = {
        let id = id.clone();
        move || (open.with(|o| o.as_deref() == Some(id.as_str()))).to_string()
    };
    let pick = id.clone();
    view! {
        <tr data-testid="ta-check-row" data-check-id=id data-status=status_key(status) data-category=category_key(row.check.category)>
            <th scope="row">
                <button type="button" class="btn-link link-button" data-testid="ta-open-check" aria-expanded=expanded
                    on:click=move |_| open.set(Some(pick.clone()))>{row.check.name.clone()}</button>
            </th>
            <td>{t(A::for_category(row.check.category))}</td>
            <td><StatusBadge status=status/></td>
            <td class="num" data-testid="ta-check-flagged">{flagged}</td>
            <td class="num">{match savings {
                Some(s) => view! { <span>{usd(s)}</span> }.into_any(),
                None => view! { <span class="muted">"—"</span> }.into_any(),
            }}</td>
            <td class="nowrap">{checked_at.map(jst_minute)}</td>
        </tr>
    }
}
