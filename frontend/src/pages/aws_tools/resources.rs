//! One check's flagged resources: what the check is, its counts, the resources in a table sortable
//! by any column (the header buttons; `aria-sort` says which and how), the CSV, and for customers
//! "read again from AWS" and "ask AWS to refresh" with AWS's answer.

use std::cmp::Ordering;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::aws_tools::{TaCheckView, TaFlaggedResource, TaRefreshStatus, TaStatus};

use super::text::{compare_values, html_to_text};
use super::widgets::{status_key, AwsError, BusyButton, DownloadButton, StatusBadge};
use crate::api::{self, ApiError, ToolsScope};
use crate::components::{focus_after_render, load_latest, Loading, TableScroll};
use crate::format::{grouped, jst_minute, usd};
use crate::i18n::{t, use_i18n, AwsToolsMsg as A, Msg};
use crate::session::use_session;

#[component]
pub fn CheckPanel(scope: ToolsScope, check_id: String, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = StoredValue::new(check_id.clone());
    let loaded = load_latest(move || {
        let lang = i18n.lang();
        let id = id.get_value();
        async move { api::ta_check(session, scope, &id, lang, false).await }
    });
    let rereading = RwSignal::new(false);
    let reread_error = RwSignal::new(None::<ApiError>);
    let refreshing = RwSignal::new(false);
    let refresh_error = RwSignal::new(None::<ApiError>);
    let refresh = RwSignal::new(None::<TaRefreshStatus>);
    let heading = NodeRef::<leptos::html::H3>::new();
    focus_after_render(move || heading.get_untracked().map(Into::into));

    let reread = move || {
        rereading.set(true);
        reread_error.set(None);
        let lang = i18n.lang();
        spawn_local(async move {
            let result = api::ta_check(session, scope, &id.get_value(), lang, true).await;
            let _ = rereading.try_set(false);
            match result {
                Ok(v) => {
                    let _ = loaded.data.try_set(Some(v));
                }
                Err(e) => {
                    let _ = reread_error.try_set(Some(e));
                }
            }
        });
    };
    let ask_refresh = move || {
        let Some(account) = scope.customer_account() else { return };
        refreshing.set(true);
        refresh_error.set(None);
        spawn_local(async move {
            let result = api::refresh_ta_check(session, account, &id.get_value()).await;
            let _ = refreshing.try_set(false);
            match result {
                Ok(s) => {
                    let _ = refresh.try_set(Some(s));
                }
                Err(e) => {
                    let _ = refresh_error.try_set(Some(e));
                }
            }
        });
    };
    let title = move || match loaded.data.with(|d| d.as_ref().map(|v| v.check.name.clone())) {
        Some(name) => Msg::from(A::ResourcesOf).fill(i18n.lang(), &[("name", &name)]),
        None => i18n.t(A::ResourcesTitle).to_owned(),
    };
    let customer = !scope.is_staff();
    let csv_name =
        format!("trusted-advisor-{}.csv", check_id.chars().filter(char::is_ascii_alphanumeric).collect::<String>());
    view! {
        <section class="check-panel" id="ta-check-panel" aria-labelledby="ta-check-title" data-testid="ta-check" data-check-id=check_id>
            <div class="title-row">
                <h3 id="ta-check-title" tabindex="-1" node_ref=heading>{title}</h3>
                <button type="button" class="btn btn-small" data-testid="ta-check-close" on:click=move |_| on_close.run(())>
                    {t(A::CloseResources)}
                </button>
            </div>
            <AwsError error=loaded.error/>
            {move || (loaded.data.with(Option::is_none) && loaded.loading.get()).then(|| view! { <Loading/> })}
            {move || loaded.data.get().map(|v| view! { <CheckFacts view=v/> })}
            <Show when=move || loaded.data.with(Option::is_some)>
                <div class="menu check-actions">
                    <DownloadButton
                        label=A::DownloadCsv
                        fetch=move || {
                            let lang = i18n.lang();
                            async move { api::ta_check_csv(session, scope, &id.get_value(), lang).await }
                        }
                        filename=csv_name.clone()
                        mime="text/csv;charset=utf-8"
                        testid="ta-csv"
                    />
                    {customer.then(|| view! {
                        <BusyButton pending=rereading label=A::Reread busy_label=A::Reading testid="ta-check-reread" on_press=reread/>
                        <BusyButton pending=refreshing label=A::AskRefresh busy_label=A::Asking testid="ta-check-refresh" on_press=ask_refresh/>
                    })}
                </div>
            </Show>
            <AwsError error=reread_error testid="ta-reread-error"/>
            <AwsError error=refresh_error testid="ta-refresh-error"/>
            <p role="status" data-testid="ta-refresh-status">
                {move || refresh.get().map(|s| {
                    let word = A::for_refresh(&s.status).map(|m| i18n.t(m).to_owned()).unwrap_or_else(|| s.status.clone());
                    let mut line = Msg::from(A::RefreshStatus).fill(i18n.lang(), &[("status", &word)]);
                    if s.millis_until_next_refreshable > 0 {
                        let minutes = ((s.millis_until_next_refreshable + 59_999) / 60_000).to_string();
                        line.push_str(i18n.lang().pick(("。", ". ")));
                        line.push_str(&Msg::from(A::NextRefresh).fill(i18n.lang(), &[("n", &minutes)]));
                    }
                    view! { <span data-status=s.status.clone()>{line}</span> }
                })}
            </p>
            {move || loaded.data.get().map(|v| view! { <ResourcesTable columns=v.check.metadata rows=v.result.flagged_resources/> })}
        </section>
    }
}

/// What the check is (AWS's description as text) and its latest counts.
#[component]
fn CheckFacts(view: TaCheckView) -> impl IntoView {
    let s = view.result.summary;
    let description = html_to_text(&view.check.description);
    view! {
        {(!description.is_empty()).then(|| view! {
            <details class="check-description">
                <summary>{t(A::Description)}</summary>
                <p class="pre-line">{description}</p>
            </details>
        })}
        <dl class="facts facts-compact">
            <dt>{t(A::Status)}</dt>
            <dd data-testid="ta-check-status"><StatusBadge status=s.status/></dd>
            <dt>{t(A::Flagged)}</dt>
            <dd data-testid="ta-check-counts">{format!("{} / {}", grouped(s.resources.flagged), grouped(s.resources.processed))}</dd>
            {s.estimated_monthly_savings.map(|v| view! {
                <dt>{t(A::SavingsColumn)}</dt>
                <dd data-testid="ta-check-savings">{usd(v)}</dd>
            })}
            {s.checked_at.map(|at| view! { <dt>{t(A::CheckedAt)}</dt><dd>{jst_minute(at)}</dd> })}
        </dl>
    }
}

/// A column of the resources table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Status,
    Resource,
    Region,
    Meta(usize),
    Suppressed,
}

fn severity(s: TaStatus) -> u8 {
    match s {
        TaStatus::Error => 0,
        TaStatus::Warning => 1,
        TaStatus::Ok => 2,
        TaStatus::NotAvailable => 3,
    }
}

fn cell(r: &TaFlaggedResource, col: Col) -> String {
    match col {
        Col::Status => String::new(),
        Col::Resource => r.resource_id.clone(),
        Col::Region => r.region.clone().unwrap_or_default(),
        Col::Meta(i) => r.metadata.get(i).cloned().flatten().unwrap_or_default(),
        Col::Suppressed => String::new(),
    }
}

fn compare(a: &TaFlaggedResource, b: &TaFlaggedResource, col: Col) -> Ordering {
    match col {
        Col::Status => severity(a.status).cmp(&severity(b.status)),
        Col::Suppressed => a.is_suppressed.cmp(&b.is_suppressed),
        _ => compare_values(&cell(a, col), &cell(b, col)),
    }
}

/// The columns: status, resource, the region unless the check's own columns name it, the check's
/// columns, and "suppressed" when any resource is.
fn columns_of(metadata: &[String], rows: &[TaFlaggedResource]) -> Vec<Col> {
    let names_region = metadata.iter().any(|m| m.trim().eq_ignore_ascii_case("region") || m.trim() == "リージョン");
    let mut cols = vec![Col::Status, Col::Resource];
    if !names_region && rows.iter().any(|r| r.region.is_some()) {
        cols.push(Col::Region);
    }
    cols.extend((0..metadata.len()).map(Col::Meta));
    if rows.iter().any(|r| r.is_suppressed) {
        cols.push(Col::Suppressed);
    }
    cols
}

#[component]
fn ResourcesTable(columns: Vec<String>, rows: Vec<TaFlaggedResource>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty" data-testid="ta-resources-empty">{t(A::ResourcesEmpty)}</p> }.into_any();
    }
    let cols = columns_of(&columns, &rows);
    let col_list = StoredValue::new(cols.clone());
    let names = StoredValue::new(columns);
    let rows = StoredValue::new(rows);
    // (column index, ascending)
    let sort = RwSignal::new(None::<(usize, bool)>);
    let sorted = move || {
        let mut list = rows.get_value();
        if let Some((i, ascending)) = sort.get() {
            let col = col_list.with_value(|c| c.get(i).copied().unwrap_or(Col::Resource));
            list.sort_by(|a, b| {
                let o = compare(a, b, col);
                if ascending {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        list
    };
    let label = move |col: Col| -> String {
        match col {
            Col::Status => i18n.t(A::Status).to_owned(),
            Col::Resource => i18n.t(A::ResourceId).to_owned(),
            Col::Region => i18n.t(A::Region).to_owned(),
            Col::Meta(i) => names.with_value(|n| n.get(i).cloned().unwrap_or_default()),
            Col::Suppressed => i18n.t(A::Suppressed).to_owned(),
        }
    };
    let headers = cols
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let col = *col;
            let state = move || match sort.get() {
                Some((j, true)) if j == i => Some("ascending"),
                Some((j, false)) if j == i => Some("descending"),
                _ => None,
            };
            let mark = move || match sort.get() {
                Some((j, true)) if j == i => "▲",
                Some((j, false)) if j == i => "▼",
                _ => "⇅",
            };
            view! {
                <th scope="col" aria-sort=state data-testid=format!("ta-col-{i}")>
                    <button type="button" class="sort-button" data-testid=format!("ta-sort-{i}")
                        title=move || Msg::from(A::SortBy).fill(i18n.lang(), &[("column", &label(col))])
                        on:click=move |_| sort.update(|s| *s = match *s {
                            Some((j, ascending)) if j == i => Some((i, !ascending)),
                            _ => Some((i, true)),
                        })>
                        {move || label(col)}
                        <span class="sort-mark" aria-hidden="true">{mark}</span>
                    </button>
                </th>
            }
        })
        .collect_view();
    view! {
        <TableScroll label=A::ResourcesTitle>
            <table class="data" data-testid="ta-resources">
                <caption class="sr-only">{t(A::ResourcesTitle)}</caption>
                <thead><tr>{headers}</tr></thead>
                <tbody>
                    {move || sorted().into_iter().map(|r| {
                        let cells = col_list.get_value().into_iter().map(|col| match col {
                            Col::Status => view! { <td><StatusBadge status=r.status/></td> }.into_any(),
                            Col::Resource => view! { <td><code class="break" data-testid="ta-resource-id">{r.resource_id.clone()}</code></td> }.into_any(),
                            Col::Suppressed => view! { <td>{t(if r.is_suppressed { A::Yes } else { A::No })}</td> }.into_any(),
                            other => {
                                let value = cell(&r, other);
                                if value.is_empty() {
                                    view! { <td class="muted">"—"</td> }.into_any()
                                } else {
                                    view! { <td class="break">{value}</td> }.into_any()
                                }
                            }
                        }).collect_view();
                        view! {
                            <tr data-testid="ta-resource" data-resource-id=r.resource_id.clone() data-status=status_key(r.status)>{cells}</tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(id: &str, status: TaStatus, meta: &[&str]) -> TaFlaggedResource {
        TaFlaggedResource {
            resource_id: id.into(),
            status,
            region: Some("ap-northeast-1".into()),
            is_suppressed: false,
            metadata: meta.iter().map(|m| Some((*m).to_owned())).collect(),
        }
    }

    #[test]
    fn columns_leave_out_the_region_when_the_check_names_it() {
        let rows = [res("lb-1", TaStatus::Warning, &["ap-northeast-1", "web-old"])];
        let with_region = columns_of(&["Region".into(), "Load Balancer Name".into()], &rows);
        assert_eq!(with_region, vec![Col::Status, Col::Resource, Col::Meta(0), Col::Meta(1)]);
        let without = columns_of(&["Name".into()], &rows);
        assert_eq!(without, vec![Col::Status, Col::Resource, Col::Region, Col::Meta(0)]);
    }

    #[test]
    fn resources_sort_by_severity_and_by_numbers() {
        let a = res("a", TaStatus::Warning, &["18.00"]);
        let b = res("b", TaStatus::Error, &["105.45"]);
        assert_eq!(compare(&a, &b, Col::Status), Ordering::Greater, "errors first");
        assert_eq!(compare(&a, &b, Col::Meta(0)), Ordering::Less, "18 < 105.45 as numbers");
        assert_eq!(compare(&a, &b, Col::Resource), Ordering::Less);
    }
}
