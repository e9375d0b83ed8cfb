//! `/admin/audit` (staff): who changed what, newest first, filtered by action (and by company when
//! opened from a company's page, `?company_id=`); the before/after documents fold out. Security events
//! (sign-ins, failures, locks, credential changes) show the client's address and user agent.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_domain::audit::AuditAction;
use portal_domain::company::AuditEntryView;
use uuid::Uuid;

use crate::api;
use crate::components::{load_latest, ErrorMessage, Loading, Pager, StaffOnly, TableScroll};
use crate::format::jst_minute;
use crate::i18n::{audit_action, t, use_i18n, CompanyMsg as C, Msg, StaffMsg as S};
use crate::session::use_session;

const PER_PAGE: u32 = 20;

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    view! { <StaffOnly><AuditPage/></StaffOnly> }
}

#[component]
fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let company = Memo::new(move |_| query.with(|q| q.get("company_id").and_then(|s| Uuid::parse_str(&s).ok())));
    let action = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    let loaded = load_latest(move || api::audit(session, action.get(), company.get(), page.get(), PER_PAGE));
    let total = Signal::derive(move || loaded.data.with(|d| d.as_ref().map_or(0, |d| d.total)));

    view! {
        <section class="card card-wide">
            <h1>{t(S::AuditTitle)}</h1>
            {move || company.get().map(|id| view! {
                <p class="muted">
                    <a href=format!("/admin/companies/{id}")>{t(S::BackToCompanies)}</a>
                    " · "<code>{id.to_string()}</code>" · "
                    <a href="/admin/audit">{t(S::AllActions)}</a>
                </p>
            })}
            <div class="search">
                <select
                    data-testid="audit-action"
                    aria-label=move || i18n.t(S::ActionFilter)
                    prop:value=move || action.get()
                    on:change=move |ev| {
                        page.set(1);
                        action.set(event_target_value(&ev));
                    }
                >
                    <option value="">{t(S::AllActions)}</option>
                    <optgroup label=move || i18n.t(S::SecurityEvents)>
                        {action_options(true)}
                    </optgroup>
                    <optgroup label=move || i18n.t(S::OtherActions)>
                        {action_options(false)}
                    </optgroup>
                </select>
            </div>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(d) if d.items.is_empty() => view! { <p class="empty" data-testid="audit-empty">{t(S::NoAudit)}</p> }.into_any(),
                Some(d) => view! { <AuditTable items=d.items/> }.into_any(),
            }}
            <Pager page=page total=total per_page=PER_PAGE busy=loaded.loading info=Msg::Co(C::PagerInfo)/>
        </section>
    }
}

/// The filter's options for the security events or for the others, named in the current language.
fn action_options(security: bool) -> impl IntoView {
    let i18n = use_i18n();
    AuditAction::ALL
        .into_iter()
        .filter(|a| a.is_security_event() == security)
        .map(|a| view! { <option value=a.as_str()>{move || i18n.lang().pick(audit_action(a))}</option> })
        .collect_view()
}

/// The name of a recorded action; the raw value when this build does not know it.
fn action_name(action: &str) -> impl IntoView {
    let i18n = use_i18n();
    let known = AuditAction::parse(action);
    let raw = action.to_owned();
    move || match known {
        Some(a) => i18n.lang().pick(audit_action(a)).to_owned(),
        None => raw.clone(),
    }
}

#[component]
fn AuditTable(items: Vec<AuditEntryView>) -> impl IntoView {
    // The client column only when some entry of the page has one (staff operations have none).
    let with_client = items.iter().any(|e| e.client_address.is_some() || e.user_agent.is_some());
    view! {
        <TableScroll label=S::AuditTitle>
            <table class="data" data-testid="audit-table">
                <thead>
                    <tr>
                        <th>{t(C::ColAt)}</th>
                        <th>{t(S::ColActor)}</th>
                        <th>{t(S::ColAction)}</th>
                        <th>{t(S::ColTarget)}</th>
                        {with_client.then(|| view! { <th>{t(S::ColClient)}</th> })}
                        <th>{t(S::Changes)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|e| view! { <AuditRow entry=e with_client=with_client/> }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

fn pretty(v: &Option<serde_json::Value>) -> Option<String> {
    v.as_ref().map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
}

#[component]
fn AuditRow(entry: AuditEntryView, with_client: bool) -> impl IntoView {
    let e = entry;
    let (before, after) = (pretty(&e.before), pretty(&e.after));
    let has_changes = before.is_some() || after.is_some();
    let action = e.action.clone();
    let target = match e.company_id {
        Some(id) => view! {
            <a href=format!("/admin/companies/{id}")>{e.target_type.clone()}</a>
            <small class="muted block"><code>{e.target_id.clone()}</code></small>
        }
        .into_any(),
        None => view! {
            {e.target_type.clone()}
            <small class="muted block"><code>{e.target_id.clone()}</code></small>
        }
        .into_any(),
    };
    view! {
        <tr data-testid="audit-row" data-action=action>
            <td class="nowrap">{jst_minute(e.at)}</td>
            <td>{e.actor}</td>
            <td>{action_name(&e.action)}<small class="muted block"><code>{e.action}</code></small></td>
            <td>{target}</td>
            {with_client.then(|| view! {
                <td data-testid="audit-client">
                    {e.client_address.map(|a| view! { <code data-testid="audit-client-address">{a}</code> })}
                    {e.user_agent.map(|ua| view! { <small class="muted block ua" data-testid="audit-user-agent">{ua}</small> })}
                </td>
            })}
            <td>
                {has_changes.then(|| view! {
                    <details class="changes">
                        <summary>{t(S::Changes)}</summary>
                        {before.map(|b| view! { <p class="small muted">{t(S::Before)}</p><pre>{b}</pre> })}
                        {after.map(|a| view! { <p class="small muted">{t(S::After)}</p><pre>{a}</pre> })}
                    </details>
                })}
            </td>
        </tr>
    }
}
