//! `/admin/companies/:id` (staff): the company as its users see it, plus contracts, users, AWS
//! account linking (R1.3), rank override (R2.4), ticket adjustment (R3.2) and the ticket history.
//! A change reloads the overview and the history; the forms keep their state.

mod adjust;
mod aws_link;
mod override_rank;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_domain::company::{CompanyDetail, CompanyUser};
use uuid::Uuid;

use crate::api;
use crate::components::{
    load_latest, AdminOnly, AwsAccountsTable, CompanyFacts, ErrorMessage, Loading, NotFoundPage, StaffOnly,
    TableScroll, TicketHistory, TICKETS_PER_PAGE,
};
use crate::i18n::{t, CompanyMsg as C, Msg, OptStaffMsg, StaffMsg as S};
use crate::session::use_session;
use adjust::AdjustForm;
use aws_link::AwsLinkForm;
use override_rank::OverrideForm;

#[component]
pub fn CompanyDetailPage() -> impl IntoView {
    view! { <StaffOnly><DetailPage/></StaffOnly> }
}

#[component]
fn DetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));
    move || match id.get() {
        Some(id) => view! { <Detail id=id/> }.into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

#[component]
fn Detail(id: Uuid) -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = load_latest(move || {
        reload.track();
        api::admin_company(session, id)
    });
    let detail = loaded.data;
    let changed = move || reload.update(|n| *n += 1);
    let audit_href = format!("/admin/audit?company_id={id}");

    view! {
        <Show
            when=move || detail.with(Option::is_some)
            fallback=move || {
                let missing = loaded.error.with(|e| e.as_ref().and_then(|e| e.code()) == Some(portal_domain::ErrorCode::NotFound));
                if missing {
                    return view! { <NotFoundPage/> }.into_any();
                }
                view! {
                    <section class="card">
                        <ErrorMessage error=loaded.error/>
                        <Show when=move || loaded.loading.get()><Loading/></Show>
                    </section>
                }
                .into_any()
            }
        >
            <section class="card" data-testid="company-detail">
                <p class="breadcrumb"><a href="/admin/companies">{t(S::BackToCompanies)}</a></p>
                <ErrorMessage error=loaded.error/>
                {move || detail.get().map(|d| view! { <CompanyFacts overview=d.overview.clone()/> <Contracts detail=d/> })}
                <p>
                    <a class="btn btn-small" href=audit_href.clone() data-testid="company-audit-link">{t(S::NavAudit)}</a>
                    " "
                    <a class="btn btn-small" href=format!("/admin/companies/{id}/optimization") data-testid="company-optimization-link">
                        {t(OptStaffMsg::OpenLink)}
                    </a>
                </p>
            </section>
            <section class="card">
                <h2>{t(S::CompanyUsers)}</h2>
                {move || detail.get().map(|d| view! { <UsersTable users=d.users/> })}
            </section>
            <section class="card">
                <h2>{t(C::AwsAccounts)}</h2>
                {move || detail.get().map(|d| view! { <AwsAccountsTable accounts=d.overview.aws_accounts tools_prefix=format!("/admin/companies/{id}")/> })}
                <AwsLinkForm company=id on_done=changed/>
            </section>
            <AdminOnly>
                <OverrideForm detail=detail on_done=changed/>
                <AdjustForm detail=detail on_done=changed/>
            </AdminOnly>
            <section class="card">
                <h2>{t(C::TicketHistory)}</h2>
                <TicketHistory
                    fetch=move |page| api::admin_company_tickets(session, id, page, TICKETS_PER_PAGE)
                    reload=reload
                />
            </section>
        </Show>
    }
}

#[component]
fn Contracts(detail: CompanyDetail) -> impl IntoView {
    let f = detail.flags;
    let flags: Vec<C> =
        [(f.public_body, C::FlagPublicBody), (f.partner, C::FlagPartner), (f.via_third_party, C::FlagViaThirdParty)]
            .into_iter()
            .filter_map(|(on, m)| on.then_some(m))
            .collect();
    view! {
        <dl class="facts facts-compact">
            <dt>{t(S::Contracts)}</dt>
            <dd data-testid="company-contracts">
                {detail.contract_types.into_iter().map(|c| view! { <span class="badge">{t(C::for_contract(c))}</span>" " }).collect_view()}
            </dd>
            <dt>{t(S::Flags)}</dt>
            <dd>
                {if flags.is_empty() {
                    view! { <span class="muted">{t(S::NoFlags)}</span> }.into_any()
                } else {
                    flags.into_iter().map(|m| view! { <span class="badge badge-warn">{t(m)}</span>" " }).collect_view().into_any()
                }}
            </dd>
        </dl>
    }
}

#[component]
fn UsersTable(users: Vec<CompanyUser>) -> impl IntoView {
    if users.is_empty() {
        return view! { <p class="empty">{t(S::NoCompanyUsers)}</p> }.into_any();
    }
    view! {
        <TableScroll label=S::CompanyUsers>
            <table class="data" data-testid="company-users">
                <thead>
                    <tr>
                        <th>{t(Msg::DisplayName)}</th>
                        <th>{t(Msg::Email)}</th>
                        <th>{t(Msg::Role)}</th>
                        <th>{t(Msg::MfaStatus)}</th>
                    </tr>
                </thead>
                <tbody>
                    {users
                        .into_iter()
                        .map(|u| view! {
                            <tr data-testid="company-user-row">
                                <td>{u.display_name}</td>
                                <td>{u.email}</td>
                                <td>{t(Msg::for_role(u.role))}</td>
                                <td>{t(if u.mfa_enabled { Msg::MfaEnabled } else { Msg::MfaDisabled })}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}
