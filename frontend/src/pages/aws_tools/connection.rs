//! Connecting an account (R7.8): how to create the role (the portal's principal, the company's
//! ExternalId, the trust and permissions policies, the CloudFormation template, the AWS CLI
//! commands), where the connection stands, and for representatives the role ARN and the
//! connection test. Replacing a registered role asks first.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::aws_tools::{AwsRoleView, AwsToolsSetupView, ConnectionCheck, TaProvider};
use uuid::Uuid;

use super::widgets::{from_aws, AwsDetails, CopyButton, DownloadButton};
use crate::api;
use crate::components::{ConfirmDialog, ErrorSummary, Field, FormState, SubmitButton};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, AwsToolsMsg as A, Msg};
use crate::session::use_session;

/// The registered role and the last connection test.
#[component]
pub fn ConnectionState(#[prop(into)] role: Signal<AwsRoleView>) -> impl IntoView {
    view! {
        <dl class="facts" data-testid="connection-state">
            <dt>{t(A::RegisteredRole)}</dt>
            <dd data-testid="registered-role">
                {move || match role.get().role_arn {
                    Some(arn) => view! { <code class="break">{arn}</code> }.into_any(),
                    None => view! { <span class="muted">{t(A::RoleNotSet)}</span> }.into_any(),
                }}
            </dd>
            <dt>{t(A::LastTest)}</dt>
            <dd>
                {move || match role.get().connection {
                    Some(check) => view! { <ConnectionOutcome check=check testid="last-test"/> }.into_any(),
                    None => view! { <span class="muted" data-testid="last-test" data-ok="none">{t(A::NotTested)}</span> }.into_any(),
                }}
            </dd>
        </dl>
    }
}

/// A connection test's outcome: connected (as whom) or why not, in words, with AWS's message.
#[component]
pub fn ConnectionOutcome(check: ConnectionCheck, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let at = jst_minute(check.checked_at);
    let ok = check.ok;
    let code = check.error_code;
    let title = move || Msg::from(if ok { A::TestOk } else { A::TestFailed }).fill(i18n.lang(), &[("at", &at)]);
    view! {
        <div class=if ok { "outcome outcome-ok" } else { "outcome outcome-failed" } data-testid=testid
            data-ok=ok.to_string() data-code=code.map(|c| c.as_str())>
            <p class="outcome-title">
                <span class="ta-icon" aria-hidden="true">{if ok { "✓" } else { "✕" }}</span>
                {title}
            </p>
            {check.identity_arn.map(|arn| view! {
                <p class="small">{t(A::IdentityLabel)}": "<code class="break" data-testid="identity-arn">{arn}</code></p>
            })}
            {code.map(|c| view! { <p data-testid="connection-reason">{move || i18n.lang().pick(c.text())}</p> })}
            {check
                .message
                .filter(|m| !m.trim().is_empty() && code.is_none_or(|c| from_aws(c.as_str())))
                .map(|m| view! { <AwsDetails text=m/> })}
        </div>
    }
}

/// A labelled block of text to copy (a policy, the commands).
#[component]
fn CodeBlock(label: A, text: String, testid: &'static str) -> impl IntoView {
    view! {
        <div class="code-block">
            <div class="code-head">
                <strong>{t(label)}</strong>
                <CopyButton text=text.clone() what=label testid=format!("copy-{testid}")/>
            </div>
            <pre class="code" data-testid=testid>{text}</pre>
        </div>
    }
}

/// The set-up steps and the connection state, for the customer's users; representatives also
/// register the role and test the connection.
#[component]
pub fn ConnectionSetup(
    setup: AwsToolsSetupView,
    account: Uuid,
    /// Whether the user is a representative (`None` while unknown).
    #[prop(into)]
    representative: Signal<Option<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let role = RwSignal::new(setup.role.clone());
    let configured = setup.aws_configured;
    let role_name = setup.suggested_role_name.clone();
    let account_id = setup.account.account_id.clone();
    let commands = setup.cli_commands.join("\n\n");
    view! {
        <section class="card card-wide" id="connection" aria-labelledby="connection-title" data-testid="connection-setup"
            data-configured=configured.to_string()>
            <h2 id="connection-title">{t(A::SetupTitle)}</h2>
            <p class="muted">{t(A::SetupIntro)}</p>
            {(!configured).then(|| view! {
                <div class="alert alert-warning" data-testid="aws-not-configured">
                    <p class="alert-title">{t(A::NotConfiguredTitle)}</p>
                    <p>{t(A::NotConfiguredBody)}</p>
                </div>
            })}
            <h3>{t(A::StateTitle)}</h3>
            <ConnectionState role=role/>

            <h3>{t(A::Step1Title)}</h3>
            <dl class="facts">
                {setup.portal_principal_arn.clone().map(|arn| view! {
                    <dt>{t(A::PrincipalLabel)}</dt>
                    <dd>
                        <code class="break" data-testid="principal-arn">{arn.clone()}</code>" "
                        <CopyButton text=arn what=A::PrincipalLabel testid="copy-principal"/>
                    </dd>
                })}
                <dt>{t(A::ExternalIdLabel)}</dt>
                <dd>
                    <code class="break" data-testid="external-id">{setup.external_id.clone()}</code>" "
                    <CopyButton text=setup.external_id.clone() what=A::ExternalIdLabel testid="copy-external-id"/>
                    <small class="hint block">{t(A::ExternalIdHint)}</small>
                </dd>
            </dl>

            <h3>{t(A::Step2Title)}</h3>
            <p>{move || Msg::from(A::Step2Intro).fill(i18n.lang(), &[("name", &role_name)])}</p>
            {configured.then(|| view! {
                <h4>{t(A::CfnTitle)}</h4>
                <p>{t(A::CfnBody)}</p>
                <div class="download">
                    <DownloadButton
                        label=A::CfnDownload
                        fetch=move || api::cloudformation_yaml(session, account)
                        filename="cloudpack-portal-role.yaml"
                        mime="application/x-yaml"
                        testid="cfn-download"
                    />
                </div>
                <h4>{t(A::CliTitle)}</h4>
                <p>{t(A::CliBody)}</p>
                <CodeBlock label=A::CliCommands text=commands testid="cli-commands"/>
                <h4>{t(A::ConsoleTitle)}</h4>
                <p>{t(A::ConsoleBody)}</p>
            })}
            {setup.trust_policy.clone().map(|text| view! { <CodeBlock label=A::TrustPolicyLabel text=text testid="trust-policy"/> })}
            <CodeBlock label=A::PermissionsLabel text=setup.permissions_policy.clone() testid="permissions-policy"/>

            <h3>{t(A::Step3Title)}</h3>
            {move || match representative.get() {
                Some(true) => view! {
                    <p>{t(A::Step3Intro)}</p>
                    <RoleForm account=account role=role account_id=account_id.clone() role_name=setup.suggested_role_name.clone()/>
                }
                .into_any(),
                Some(false) => view! { <p class="muted" data-testid="representatives-only">{t(A::RepresentativesOnly)}</p> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

/// The role ARN and "test connection": registers the ARN when it changed (asking before replacing
/// a registered one), then tests.
#[component]
fn RoleForm(account: Uuid, role: RwSignal<AwsRoleView>, account_id: String, role_name: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let arn = RwSignal::new(role.get_untracked().role_arn.unwrap_or_default());
    let provider = RwSignal::new(role.get_untracked().ta_provider);
    let arn_error = RwSignal::new(None::<Msg>);
    let confirming = RwSignal::new(false);
    let result = RwSignal::new(None::<ConnectionCheck>);

    let run = move || {
        if !form.begin() {
            return;
        }
        let value = arn.get_untracked().trim().to_owned();
        let chosen = provider.get_untracked();
        let current = role.get_untracked();
        let register = current.role_arn.as_deref() != Some(value.as_str()) || current.ta_provider != chosen;
        result.set(None);
        spawn_local(async move {
            if register {
                match api::set_aws_role(session, account, &value, chosen).await {
                    Ok(view) => role.set(view),
                    Err(e) => {
                        confirming.set(false);
                        form.finish::<()>(Err(e));
                        return;
                    }
                }
            }
            let outcome = api::test_aws_connection(session, account).await;
            confirming.set(false);
            if let Some(check) = form.finish(outcome) {
                role.update(|r| r.connection = Some(check.clone()));
                result.set(Some(check));
            }
        });
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let value = arn.get_untracked().trim().to_owned();
        if value.is_empty() {
            arn_error.set(Some(A::ArnRequired.into()));
            form.reject(A::ArnRequired.into());
            return;
        }
        arn_error.set(None);
        let registered = role.get_untracked().role_arn;
        if registered.as_deref().is_some_and(|r| r != value) {
            confirming.set(true);
            return;
        }
        run();
    };
    let hint = Signal::derive(move || {
        Msg::from(A::RoleArnHint).fill(i18n.lang(), &[("account", &account_id), ("name", &role_name)])
    });
    let replace_body = Signal::derive(move || {
        let old = role.with(|r| r.role_arn.clone().unwrap_or_default());
        Msg::from(A::ReplaceBody).fill(i18n.lang(), &[("old", &old), ("new", arn.get().trim())])
    });
    view! {
        <form on:submit=on_submit novalidate data-testid="role-form">
            <ErrorSummary form=form/>
            <Field label=Msg::from(A::RoleArnInput) name="role_arn" form=form hint=hint local_error=arn_error>
                <input type="text" class="mono" autocomplete="off" spellcheck="false" data-testid="role-arn" bind:value=arn/>
            </Field>
            <Field label=Msg::from(A::ProviderLabel) name="ta_provider" form=form class="field-short">
                <select data-testid="ta-provider" on:change=move |ev| {
                    provider.set(if event_target_value(&ev) == "trusted_advisor_api" { TaProvider::TrustedAdvisorApi } else { TaProvider::SupportApi })
                }>
                    <option value="support_api" selected=move || provider.get() == TaProvider::SupportApi>{t(A::ProviderSupport)}</option>
                    <option value="trusted_advisor_api" selected=move || provider.get() == TaProvider::TrustedAdvisorApi>{t(A::ProviderTa)}</option>
                </select>
            </Field>
            <div class="form-actions">
                <SubmitButton pending=form.pending label=A::TestConnection pending_label=A::Testing.into() testid="test-connection"/>
            </div>
        </form>
        <div class="connection-result" role="status" aria-live="polite">
            {move || result.get().map(|check| view! { <ConnectionOutcome check=check testid="connection-result"/> })}
        </div>
        <Show when=move || confirming.get()>
            <ConfirmDialog
                title=A::ReplaceTitle
                body=replace_body
                confirm_label=A::Replace
                pending=form.pending
                on_confirm=run
                on_cancel=move || confirming.set(false)
            />
        </Show>
    }
}
