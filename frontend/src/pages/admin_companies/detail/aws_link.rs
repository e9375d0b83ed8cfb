//! Linking an AWS account to the company: only 12-digit IDs whose root user the operator holds (R1.3).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::company::LinkAwsAccountRequest;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{ErrorMessage, FieldErrors, SubmitButton};
use crate::i18n::{t, use_i18n, CompanyMsg as C, Msg, StaffMsg as S};
use crate::session::use_session;

#[component]
pub fn AwsLinkForm(company: Uuid, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let account_id = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let root_held = RwSignal::new(false);
    let maintenance = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let linked = RwSignal::new(None::<String>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let req = LinkAwsAccountRequest {
            account_id: account_id.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked().trim().to_owned(),
            root_held_by_us: root_held.get_untracked(),
            under_maintenance: maintenance.get_untracked(),
        };
        pending.set(true);
        error.set(None);
        linked.set(None);
        spawn_local(async move {
            let result = api::link_aws_account(session, company, &req).await;
            pending.set(false);
            match result {
                Ok(a) => {
                    account_id.set(String::new());
                    display_name.set(String::new());
                    root_held.set(false);
                    maintenance.set(false);
                    linked.set(Some(a.account_id));
                    on_done();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    view! {
        <h3>{t(S::LinkAwsTitle)}</h3>
        <form on:submit=on_submit novalidate data-testid="aws-link-form">
            <ErrorMessage error=error/>
            {move || linked.get().map(|id| view! {
                <p class="alert alert-success" role="status" data-testid="aws-linked">
                    {Msg::from(S::AwsLinked).fill(i18n.lang(), &[("id", &id)])}
                </p>
            })}
            <div class="field-row">
                <label class="field">
                    <span>{t(C::AwsAccountId)}</span>
                    <input type="text" inputmode="numeric" autocomplete="off" placeholder="1234-5678-9012" data-testid="aws-account-id" bind:value=account_id/>
                    <small class="hint">{t(S::AwsAccountIdHint)}</small>
                    <FieldErrors error=error field="account_id"/>
                </label>
                <label class="field">
                    <span>{t(S::AwsDisplayName)}</span>
                    <input type="text" autocomplete="off" data-testid="aws-display-name" bind:value=display_name/>
                    <FieldErrors error=error field="display_name"/>
                </label>
            </div>
            <label class="check">
                <input type="checkbox" data-testid="aws-root-held" bind:checked=root_held/>
                {t(S::RootHeld)}
            </label>
            <FieldErrors error=error field="root_held_by_us"/>
            <label class="check">
                <input type="checkbox" data-testid="aws-under-maintenance" bind:checked=maintenance/>
                {t(S::UnderMaintenance)}
            </label>
            <SubmitButton pending=pending label=S::LinkSubmit testid="aws-link-submit"/>
        </form>
    }
}
