//! The AWS tools of a linked account (R7.8, R7.9). `/aws-accounts`: the company's accounts (one
//! account goes straight to its tools); `/aws-accounts/:id/tools`: connecting the account (set-up
//! steps, the role and the connection test), Trusted Advisor and the estimated cost. A tool the
//! company's contract does not include says so instead of its section. The staff's read-only view
//! of a company's account reuses [`AccountTools`] with a staff scope.

mod chart;
mod connection;
mod cost;
mod resources;
mod text;
mod trusted_advisor;
mod widgets;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use portal_domain::aws_tools::{AwsTool, AwsToolsSetupView};
use portal_domain::{ErrorCode, Role};
use uuid::Uuid;

use crate::api::{self, ToolsScope};
use crate::components::{load_latest, AwsAccountsTable, ErrorMessage, Loading, NotFoundPage};
use crate::i18n::{t, use_i18n, AwsToolsMsg as A, CompanyMsg as C, Msg};
use crate::session::use_session;
use connection::ConnectionSetup;
pub use connection::ConnectionState;
use cost::CostSection;
use trusted_advisor::TrustedAdvisorSection;

/// `/aws-accounts`: the company's linked accounts, each with a link to its tools.
#[component]
pub fn AwsAccountsPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let accounts = LocalResource::new(move || api::company_aws_accounts(session));
    Effect::new(move |_| {
        if let Some(Ok(list)) = accounts.get() {
            if let [only] = list.as_slice() {
                let to = format!("/aws-accounts/{}/tools", only.id);
                navigate(&to, NavigateOptions { replace: true, ..Default::default() });
            }
        }
    });
    view! {
        <section class="card card-wide" data-testid="aws-tools-list">
            <p class="breadcrumb"><a href="/company">{t(C::NavCompany)}</a></p>
            <h1>{t(A::ListTitle)}</h1>
            <p class="muted">{t(A::ListIntro)}</p>
            {move || match accounts.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(err)) => view! { <ErrorMessage error=Signal::derive(move || Some(err.clone()))/> }.into_any(),
                Some(Ok(list)) if list.is_empty() => {
                    view! { <p class="empty" data-testid="aws-tools-empty">{t(A::ListEmpty)}</p> }.into_any()
                }
                Some(Ok(list)) if list.len() == 1 => view! { <Loading/> }.into_any(),
                Some(Ok(list)) => view! { <AwsAccountsTable accounts=list tools_prefix=""/> }.into_any(),
            }}
        </section>
    }
}

/// `/aws-accounts/:id/tools` (customers).
#[component]
pub fn AwsToolsPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    match id {
        Some(account) => view! {
            <AccountTools
                scope=ToolsScope::Customer { account }
                back_href="/company".to_owned()
                back_label=C::NavCompany.into()
                title=A::PageTitle.into()
                intro=A::PageIntro.into()
            />
        }
        .into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

fn available(setup: &AwsToolsSetupView, tool: AwsTool) -> bool {
    setup.tools.iter().any(|t| t.tool == tool && t.available)
}

/// The tools page of one account, for the customer or (read-only) for staff.
#[component]
pub fn AccountTools(scope: ToolsScope, back_href: String, back_label: Msg, title: Msg, intro: Msg) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let setup = load_latest(move || api::role_setup(session, scope));
    let representative = match scope {
        ToolsScope::Customer { .. } => {
            let me = LocalResource::new(move || async move { api::me(session).await.ok() });
            Signal::derive(move || me.get().flatten().map(|m| m.role == Role::Representative))
        }
        ToolsScope::Staff { .. } => Signal::stored(Some(false)),
    };
    let tool_on = move |tool: AwsTool| Memo::new(move |_| setup.data.with(|s| s.as_ref().map(|s| available(s, tool))));
    let (ta_on, cost_on) = (tool_on(AwsTool::TrustedAdvisor), tool_on(AwsTool::CostEstimate));
    let aws_ready = Signal::derive(move || setup.data.with(|s| s.as_ref().is_some_and(|s| s.aws_configured)));
    let missing = move || setup.error.with(|e| e.as_ref().and_then(|e| e.code()) == Some(ErrorCode::NotFound));

    view! {
        <Show when=move || !missing() fallback=|| view! { <NotFoundPage/> }>
            <section class="card card-wide" data-testid="aws-tools">
                <p class="breadcrumb"><a href=back_href.clone()>{t(back_label)}</a></p>
                <h1>{t(title)}</h1>
                {move || setup.data.with(|s| s.as_ref().map(|s| {
                    let a = &s.account;
                    view! {
                        <p class="account-line">
                            <strong data-testid="account-name">{a.display_name.clone()}</strong>" "
                            <code data-testid="account-id">{a.account_id.clone()}</code>
                        </p>
                    }
                }))}
                <p class="muted">{t(intro)}</p>
                <nav class="page-nav" aria-label=move || i18n.t(A::OnThisPage)>
                    <a href="#connection">{t(if scope.is_staff() { A::StateTitle } else { A::SetupTitle })}</a>
                    <a href="#trusted-advisor">{t(A::TaTitle)}</a>
                    <a href="#cost">{t(A::CostTitle)}</a>
                </nav>
                <ErrorMessage error=setup.error/>
                {move || (setup.data.with(Option::is_none) && setup.loading.get()).then(|| view! { <Loading/> })}
            </section>
            {move || setup.data.get().map(|s| match scope.customer_account() {
                Some(account) => view! { <ConnectionSetup setup=s account=account representative=representative/> }.into_any(),
                None => view! { <StaffConnection setup=s/> }.into_any(),
            })}
            {move || ta_on.get().map(|on| if on {
                view! { <TrustedAdvisorSection scope=scope aws_ready=aws_ready/> }.into_any()
            } else {
                view! { <Unavailable id="trusted-advisor" title=A::TaTitle body=A::TaNotInContract testid="ta-not-in-contract"/> }.into_any()
            })}
            {move || cost_on.get().map(|on| if on {
                view! { <CostSection scope=scope aws_ready=aws_ready/> }.into_any()
            } else {
                view! { <Unavailable id="cost" title=A::CostTitle body=A::CostNotInContract testid="cost-not-in-contract"/> }.into_any()
            })}
        </Show>
    }
}

/// A tool the company's contract types do not include, in place of its section.
#[component]
fn Unavailable(id: &'static str, title: A, body: A, testid: &'static str) -> impl IntoView {
    let title_id = format!("{id}-title");
    view! {
        <section class="card card-wide" id=id aria-labelledby=title_id.clone()>
            <h2 id=title_id.clone()>{t(title)}</h2>
            <p class="alert alert-info" data-testid=testid>{t(body)}</p>
        </section>
    }
}

/// Staff: where the account's connection stands (the customer's representative sets it up).
#[component]
fn StaffConnection(setup: AwsToolsSetupView) -> impl IntoView {
    let role = Signal::stored(setup.role.clone());
    view! {
        <section class="card card-wide" id="connection" aria-labelledby="connection-title" data-testid="connection-state-card">
            <h2 id="connection-title">{t(A::StateTitle)}</h2>
            {(!setup.aws_configured).then(|| view! {
                <div class="alert alert-warning" data-testid="aws-not-configured">
                    <p class="alert-title">{t(A::NotConfiguredTitle)}</p>
                </div>
            })}
            <ConnectionState role=role/>
            <dl class="facts facts-compact">
                <dt>{t(A::ExternalIdLabel)}</dt>
                <dd><code class="break" data-testid="external-id">{setup.external_id.clone()}</code></dd>
            </dl>
        </section>
    }
}
