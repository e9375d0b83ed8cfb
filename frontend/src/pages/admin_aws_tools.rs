//! The AWS tools for staff (R7.8, R7.9). `/admin/companies/:id/aws-accounts/:account_id/tools`: a
//! company's account as its users see it, read-only (the connection state, Trusted Advisor with its
//! checks and resources, the estimated cost); staff may read Trusted Advisor from AWS again.
//! `/admin/tool-settings`: which contract types may use each tool (admins change it; a CSM sees it).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use portal_domain::aws_tools::ToolSetting;
use portal_domain::eligibility::ContractType;
use portal_domain::Role;
use uuid::Uuid;

use super::aws_tools::AccountTools;
use crate::api::{self, ToolsScope};
use crate::components::{
    load_latest, Check, Checks, ErrorMessage, ErrorSummary, FormState, Loading, NotFoundPage, StaffOnly, SubmitButton,
};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, AwsToolsMsg as A, AwsToolsStaffMsg as S, CompanyMsg as C, Msg};
use crate::session::use_session;

#[component]
pub fn AdminAwsToolsPage() -> impl IntoView {
    let params = use_params_map();
    let ids = params.with_untracked(|p| {
        let company = p.get("id").and_then(|s| Uuid::parse_str(&s).ok())?;
        let account = p.get("account_id").and_then(|s| Uuid::parse_str(&s).ok())?;
        Some((company, account))
    });
    match ids {
        Some((company, account)) => view! {
            <StaffOnly>
                <AccountTools
                    scope=ToolsScope::Staff { company, account }
                    back_href=format!("/admin/companies/{company}")
                    back_label=S::BackToCompany.into()
                    title=S::ViewTitle.into()
                    intro=S::ViewIntro.into()
                />
            </StaffOnly>
        }
        .into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

#[component]
pub fn AdminToolSettingsPage() -> impl IntoView {
    view! { <StaffOnly><ToolSettings/></StaffOnly> }
}

#[component]
fn ToolSettings() -> impl IntoView {
    let session = use_session();
    let loaded = load_latest(move || api::tool_settings(session));
    let me = LocalResource::new(move || async move { api::me(session).await.ok() });
    let admin = Signal::derive(move || me.get().flatten().is_some_and(|m| m.role == Role::Admin));
    view! {
        <section class="card card-wide" data-testid="tool-settings">
            <h1>{t(S::SettingsTitle)}</h1>
            <p class="muted">{t(S::SettingsIntro)}</p>
            <Show when=move || me.get().flatten().is_some() && !admin.get()>
                <p class="muted" data-testid="admin-only-note">{t(crate::i18n::StaffMsg::AdminOnly)}</p>
            </Show>
            <ErrorMessage error=loaded.error/>
            {move || (loaded.data.with(Option::is_none) && loaded.loading.get()).then(|| view! { <Loading/> })}
        </section>
        {move || loaded.data.get().map(|list| {
            list.into_iter().map(|s| view! { <ToolForm setting=s admin=admin/> }).collect_view()
        })}
    }
}

/// One tool's contract types: checkboxes and Save (admins; others see them disabled).
#[component]
fn ToolForm(setting: ToolSetting, #[prop(into)] admin: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let tool = setting.tool;
    let chosen = ContractType::ALL.map(|c| (c, RwSignal::new(setting.contract_types.contains(&c))));
    let updated = RwSignal::new(setting.updated_at);
    let saved = RwSignal::new(false);
    let key = tool.as_str();
    let title_id = format!("tool-{key}-title");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        if !admin.get_untracked() || !form.begin() {
            return;
        }
        let types: Vec<ContractType> = chosen.iter().filter(|(_, on)| on.get_untracked()).map(|(c, _)| *c).collect();
        spawn_local(async move {
            if let Some(s) = form.finish(api::update_tool_setting(session, tool, types).await) {
                for (c, on) in chosen {
                    on.set(s.contract_types.contains(&c));
                }
                updated.set(s.updated_at);
                saved.set(true);
            }
        });
    };
    let none_chosen = move || chosen.iter().all(|(_, on)| !on.get());
    view! {
        <section class="card card-wide" aria-labelledby=title_id.clone() data-testid=format!("tool-setting-{key}")>
            <h2 id=title_id.clone()>{t(A::for_tool(tool))}</h2>
            <p class="small muted" data-testid="tool-updated-at">
                {move || match updated.get() {
                    Some(at) => Msg::from(S::UpdatedAt).fill(i18n.lang(), &[("at", &jst_minute(at))]),
                    None => i18n.t(S::NeverUpdated).to_owned(),
                }}
            </p>
            <form on:submit=on_submit novalidate data-testid=format!("tool-form-{key}")>
                <ErrorSummary form=form/>
                <Checks legend=S::ContractTypes name="contract_types" form=form>
                    {chosen.map(|(c, on)| view! {
                        <Check label=C::for_contract(c)>
                            <input type="checkbox" data-testid=format!("tool-{key}-{}", c.as_str()) bind:checked=on disabled=move || !admin.get()/>
                        </Check>
                    })}
                </Checks>
                <Show when=none_chosen>
                    <p class="alert alert-warning" data-testid="tool-none-chosen">{t(S::NoneChosen)}</p>
                </Show>
                <Show when=move || admin.get()>
                    <SubmitButton pending=form.pending label=S::Save testid="tool-save"/>
                </Show>
            </form>
            <p role="status">
                {move || saved.get().then(|| view! { <span class="alert alert-success block" data-testid="tool-saved">{t(S::Saved)}</span> })}
            </p>
        </section>
    }
}
