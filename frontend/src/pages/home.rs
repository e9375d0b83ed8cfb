//! `/`: who is signed in, their company (or "staff"), security settings, recent sign-ins and sign-out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::auth::{Me, RecentSignIn};

use crate::api;
use crate::components::{ErrorMessage, Loading, TableScroll};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, CompanyMsg as C, Msg, StaffMsg as S, UserMsg as U};
use crate::session::use_session;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let me = LocalResource::new(move || api::me(session));
    view! {
        {move || match me.get() {
            None => view! { <section class="card"><Loading/></section> }.into_any(),
            Some(Err(err)) => {
                view! { <section class="card"><ErrorMessage error=Signal::derive(move || Some(err.clone()))/></section> }
                    .into_any()
            }
            Some(Ok(me)) => view! { <Profile me=me/> }.into_any(),
        }}
        <RecentSignIns/>
        <LogoutButton/>
    }
}

#[component]
fn Profile(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let is_staff = me.role.is_staff();
    let company = me.company.clone();
    let left = me.recovery_codes_left.to_string();
    view! {
        <section class="card">
            <h1>{t(Msg::WhoYouAre)}</h1>
            <dl class="facts">
                <dt>{t(Msg::DisplayName)}</dt>
                <dd data-testid="home-name">{me.display_name.clone()}</dd>
                <dt>{t(Msg::Email)}</dt>
                <dd data-testid="home-email">{me.email.clone()}</dd>
                <dt>{t(Msg::Role)}</dt>
                <dd data-testid="home-role">{t(Msg::for_role(me.role))}</dd>
                <dt>{t(Msg::Company)}</dt>
                <dd data-testid="home-company">
                    {match company {
                        Some(c) => view! { {c.name} <span class="muted">" (" {t(Msg::CompanyCode)} ": " {c.code} ")"</span> }.into_any(),
                        None => view! { <span class="badge">{t(Msg::Staff)}</span> }.into_any(),
                    }}
                </dd>
            </dl>
        </section>
        <section class="card">
            <h2>{t(Msg::Security)}</h2>
            <dl class="facts">
                <dt>{t(Msg::MfaStatus)}</dt>
                <dd data-testid="home-mfa">{t(if me.mfa_enabled { Msg::MfaEnabled } else { Msg::MfaDisabled })}</dd>
            </dl>
            <p class="muted">{move || Msg::RecoveryCodesLeft.fill(i18n.lang(), &[("n", &left)])}</p>
            <p class="menu">
                <a class="btn" href="/password" data-testid="home-change-password">{t(Msg::ChangePassword)}</a>
                // Integrators' tokens are for customers only (staff are offered none).
                {(!is_staff).then(|| view! {
                    <a class="btn" href="/me/api-tokens" data-testid="home-api-tokens-link">{t(U::ManageTokens)}</a>
                })}
            </p>
        </section>
        {if is_staff {
            view! {
                <section class="card">
                    <h2>{t(Msg::StaffMenu)}</h2>
                    <p class="menu">
                        <a class="btn" href="/admin/companies" data-testid="admin-companies-link">{t(S::NavAdminCompanies)}</a>
                        <a class="btn" href="/admin/companies/new" data-testid="admin-onboard-link">{t(S::NavOnboard)}</a>
                        <a class="btn" href="/admin/transactions">{t(S::NavTransactions)}</a>
                        <a class="btn" href="/admin/thresholds">{t(S::NavThresholds)}</a>
                        <a class="btn" href="/admin/audit">{t(S::NavAudit)}</a>
                        <a class="btn" href="/admin/users" data-testid="admin-users-link">{t(Msg::AdminUsersLink)}</a>
                    </p>
                </section>
            }
            .into_any()
        } else {
            view! {
                <section class="card">
                    <h2>{t(C::CompanyTitle)}</h2>
                    <p class="muted">{t(C::CompanyIntro)}</p>
                    <p class="menu">
                        <a class="btn btn-primary-outline" href="/company" data-testid="home-company-link">{t(C::NavCompany)}</a>
                        <a class="btn" href="/company/tickets" data-testid="home-tickets-link">{t(C::NavTickets)}</a>
                        <a class="btn" href="/company/users" data-testid="home-users-link">{t(U::UsersTitle)}</a>
                    </p>
                </section>
            }
            .into_any()
        }}
    }
}

/// The user's own latest sign-ins, so that one that was not theirs stands out.
#[component]
fn RecentSignIns() -> impl IntoView {
    let session = use_session();
    let sign_ins = LocalResource::new(move || api::my_sign_ins(session));
    view! {
        <section class="card" data-testid="recent-sign-ins">
            <h2>{t(Msg::RecentSignIns)}</h2>
            <p class="muted small">{t(Msg::RecentSignInsIntro)}</p>
            {move || match sign_ins.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(err)) => view! { <ErrorMessage error=Signal::derive(move || Some(err.clone()))/> }.into_any(),
                Some(Ok(list)) if list.items.is_empty() => {
                    view! { <p class="empty" data-testid="sign-ins-empty">{t(Msg::NoSignIns)}</p> }.into_any()
                }
                Some(Ok(list)) => view! { <SignInTable items=list.items/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn SignInTable(items: Vec<RecentSignIn>) -> impl IntoView {
    view! {
        <TableScroll label=Msg::RecentSignIns>
            <table class="data" data-testid="sign-ins-table">
                <thead>
                    <tr>
                        <th>{t(C::ColAt)}</th>
                        <th>{t(Msg::ColClientAddress)}</th>
                        <th>{t(Msg::ColBrowser)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr data-testid="sign-in-row">
                                    <td class="nowrap">{jst_minute(s.at)}</td>
                                    <td><code>{s.client_address}</code></td>
                                    <td title=s.user_agent>{s.browser}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn LogoutButton() -> impl IntoView {
    let session = use_session();
    let pending = RwSignal::new(false);
    let on_click = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        // Clearing the session (inside `logout`) sends the router to /login.
        spawn_local(api::logout(session));
    };
    view! {
        <p class="actions">
            <button type="button" class="btn" data-testid="logout" aria-disabled=move || pending.get().then_some("true") on:click=on_click>
                {t(Msg::Logout)}
            </button>
        </p>
    }
}
