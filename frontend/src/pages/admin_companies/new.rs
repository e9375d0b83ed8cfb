//! `/admin/companies/new` (staff, R1.4, R7.2): the onboarding form. An ineligible company is refused
//! with every reason, each naming its rule; on success the representative has been e-mailed a
//! temporary password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::company::{OnboardCompanyRequest, OnboardCompanyResponse};
use portal_domain::eligibility::{CompanyFlags, ContractType};
use portal_domain::ErrorCode;

use crate::api::{self, ApiError};
use crate::components::{Check, Checks, ErrorSummary, Field, FormState, StaffOnly, SubmitButton};
use crate::i18n::{field_error_text, t, use_i18n, CompanyMsg as C, Msg, StaffMsg as S};
use crate::session::use_session;

#[component]
pub fn OnboardPage() -> impl IntoView {
    view! { <StaffOnly><OnboardForm/></StaffOnly> }
}

#[component]
fn OnboardForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let contracts = ContractType::ALL.map(|c| (c, RwSignal::new(false)));
    let public_body = RwSignal::new(false);
    let partner = RwSignal::new(false);
    let via_third_party = RwSignal::new(false);
    let rep_name = RwSignal::new(String::new());
    let rep_email = RwSignal::new(String::new());
    let form = FormState::new();
    // The answer and the representative's address it was sent to.
    let done = RwSignal::new(None::<(OnboardCompanyResponse, String)>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = OnboardCompanyRequest {
            code: code.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            contract_types: contracts.iter().filter(|(_, on)| on.get_untracked()).map(|(c, _)| *c).collect(),
            flags: CompanyFlags {
                public_body: public_body.get_untracked(),
                partner: partner.get_untracked(),
                via_third_party: via_third_party.get_untracked(),
            },
            representative_name: rep_name.get_untracked().trim().to_owned(),
            representative_email: rep_email.get_untracked().trim().to_owned(),
        };
        if !form.begin() {
            return;
        }
        spawn_local(async move {
            let result = api::onboard_company(session, &req).await;
            if let Some(r) = form.finish(result) {
                done.set(Some((r, req.representative_email)));
            }
        });
    };
    let reset = move || {
        for s in [code, name, rep_name, rep_email] {
            s.set(String::new());
        }
        for s in contracts.iter().map(|(_, s)| *s).chain([public_body, partner, via_third_party]) {
            s.set(false);
        }
        form.clear();
        done.set(None);
    };
    let flag_boxes = [
        (public_body, C::FlagPublicBody, "onboard-flag-public_body"),
        (partner, C::FlagPartner, "onboard-flag-partner"),
        (via_third_party, C::FlagViaThirdParty, "onboard-flag-via_third_party"),
    ];

    view! {
        <section class="card">
            <p class="breadcrumb"><a href="/admin/companies">{t(S::BackToCompanies)}</a></p>
            <h1>{t(S::OnboardTitle)}</h1>
            <p class="muted">{t(S::OnboardIntro)}</p>
            {move || match done.get() {
                Some((r, email)) => view! { <OnboardResult result=r email=email on_again=reset/> }.into_any(),
                None => view! {
                    <form on:submit=on_submit novalidate>
                        <ErrorSummary form=form>
                            <IneligibleReasons error=form.error/>
                        </ErrorSummary>
                        <Field
                            label=Msg::Adm(S::CompanyCode)
                            name="code"
                            form=form
                            hint=Signal::derive(move || i18n.t(S::CompanyCodeHint).to_owned())
                        >
                            <input type="text" name="code" required autocomplete="off" data-testid="onboard-code" bind:value=code/>
                        </Field>
                        <Field label=Msg::Adm(S::CompanyName) name="name" form=form>
                            <input type="text" name="name" required autocomplete="organization" data-testid="onboard-name" bind:value=name/>
                        </Field>
                        <Checks legend=S::ContractTypes name="contract_types" form=form>
                            {contracts
                                .into_iter()
                                .map(|(c, on)| view! {
                                    <Check label=C::for_contract(c)>
                                        <input type="checkbox" data-testid=format!("onboard-contract-{}", c.as_str()) bind:checked=on/>
                                    </Check>
                                })
                                .collect_view()}
                        </Checks>
                        <Checks legend=S::Exclusions>
                            {flag_boxes
                                .into_iter()
                                .map(|(on, label, testid)| view! {
                                    <Check label=label>
                                        <input type="checkbox" data-testid=testid bind:checked=on/>
                                    </Check>
                                })
                                .collect_view()}
                        </Checks>
                        <Field label=Msg::Adm(S::RepresentativeName) name="representative_name" form=form>
                            <input type="text" name="representative_name" required autocomplete="off" data-testid="onboard-rep-name" bind:value=rep_name/>
                        </Field>
                        <Field label=Msg::Adm(S::RepresentativeEmail) name="representative_email" form=form>
                            <input type="email" name="representative_email" required autocomplete="off" data-testid="onboard-rep-email" bind:value=rep_email/>
                        </Field>
                        <SubmitButton pending=form.pending label=S::OnboardSubmit testid="onboard-submit"/>
                    </form>
                }
                .into_any(),
            }}
        </section>
    }
}

/// Under the error summary of a refused onboarding (`ineligible_company`): every reason, each naming
/// its rule (R1.4).
#[component]
fn IneligibleReasons(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || match error.get() {
        Some(ApiError::Problem(p)) if p.error_code() == Some(ErrorCode::IneligibleCompany) => {
            let lang = i18n.lang();
            Some(view! {
                <div data-testid="ineligible-reasons">
                    <p>{t(S::IneligibleTitle)}</p>
                    <ul>
                        {p.errors
                            .iter()
                            .map(|e| view! { <li data-testid="ineligible-reason" data-code=e.code.clone()>{field_error_text(e, lang)}</li> })
                            .collect_view()}
                    </ul>
                </div>
            })
        }
        _ => None,
    }
}

#[component]
fn OnboardResult(result: OnboardCompanyResponse, email: String, on_again: impl Fn() + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let c = result.company;
    let href = format!("/admin/companies/{}", c.id);
    let outbox = result.mail_delivery == "outbox";
    let (code, name) = (c.code, c.name);
    view! {
        <div class="alert alert-success" role="status" data-testid="onboard-result">
            <p>
                {move || Msg::from(S::OnboardDone).fill(i18n.lang(), &[("name", &name), ("code", &code), ("email", &email)])}
            </p>
            {outbox.then(|| view! { <p class="small">{t(S::OnboardMailFile)}</p> })}
        </div>
        <p class="links">
            <a class="btn btn-primary" href=href data-testid="onboard-open-company">{t(S::OpenCompany)}</a>
            <button type="button" class="btn" data-testid="onboard-again" on:click=move |_| on_again()>
                {t(S::OnboardAnother)}
            </button>
        </p>
    }
}
