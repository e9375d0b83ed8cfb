//! Linking an AWS account to the company: only 12-digit IDs whose root user the operator holds (R1.3).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::company::LinkAwsAccountRequest;
use uuid::Uuid;

use crate::api;
use crate::components::{Check, ErrorSummary, Field, FormState, SubmitButton};
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
    let form = FormState::new();
    let linked = RwSignal::new(None::<String>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = LinkAwsAccountRequest {
            account_id: account_id.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked().trim().to_owned(),
            root_held_by_us: root_held.get_untracked(),
            under_maintenance: maintenance.get_untracked(),
        };
        if !form.begin() {
            return;
        }
        linked.set(None);
        spawn_local(async move {
            let result = api::link_aws_account(session, company, &req).await;
            if let Some(a) = form.finish(result) {
                account_id.set(String::new());
                display_name.set(String::new());
                root_held.set(false);
                maintenance.set(false);
                linked.set(Some(a.account_id));
                on_done();
            }
        });
    };

    view! {
        <h3>{t(S::LinkAwsTitle)}</h3>
        <form on:submit=on_submit novalidate data-testid="aws-link-form">
            <ErrorSummary form=form/>
            {move || linked.get().map(|id| view! {
                <p class="alert alert-success" role="status" data-testid="aws-linked">
                    {Msg::from(S::AwsLinked).fill(i18n.lang(), &[("id", &id)])}
                </p>
            })}
            <div class="field-row">
                <Field
                    label=Msg::Co(C::AwsAccountId)
                    name="account_id"
                    form=form
                    hint=Signal::derive(move || i18n.t(S::AwsAccountIdHint).to_owned())
                >
                    <input type="text" inputmode="numeric" autocomplete="off" placeholder="1234-5678-9012" data-testid="aws-account-id" bind:value=account_id/>
                </Field>
                <Field label=Msg::Adm(S::AwsDisplayName) name="display_name" form=form>
                    <input type="text" autocomplete="off" data-testid="aws-display-name" bind:value=display_name/>
                </Field>
            </div>
            <Check label=S::RootHeld name="root_held_by_us" form=form>
                <input type="checkbox" data-testid="aws-root-held" bind:checked=root_held/>
            </Check>
            <Check label=S::UnderMaintenance>
                <input type="checkbox" data-testid="aws-under-maintenance" bind:checked=maintenance/>
            </Check>
            <SubmitButton pending=form.pending label=S::LinkSubmit testid="aws-link-submit"/>
        </form>
    }
}
