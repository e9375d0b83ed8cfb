//! `/services`: every service with its terms, and for each either the way to apply or why not
//! (never a dead button). Members see the catalogue and that only the representative applies.

use leptos::prelude::*;
use portal_domain::services::{ServiceList, ServiceView};
use portal_domain::Role;

use crate::api;
use crate::applications::{service_name, unavailable_text};
use crate::components::{ErrorMessage, Loading};
use crate::i18n::{t, use_i18n, Msg, ServiceMsg as V};
use crate::session::use_session;

#[component]
pub fn ServicesPage() -> impl IntoView {
    let session = use_session();
    let data = super::load_once(async move {
        let me = api::me(session).await?;
        let list = api::services(session).await?;
        Ok((me.role, list))
    });
    view! {
        <section class="card card-wide">
            <h1>{t(V::ServicesTitle)}</h1>
            <p class="muted">{t(V::ServicesIntro)}</p>
            {move || match data.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorMessage error=Signal::derive(move || Some(e.clone()))/> }.into_any(),
                Some(Ok((role, list))) => view! { <Catalogue role=role list=list/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Catalogue(role: Role, list: ServiceList) -> impl IntoView {
    let i18n = use_i18n();
    let rep = role == Role::Representative;
    let balance = list.balance;
    view! {
        {balance.map(|b| view! {
            <p class="balance">
                {t(V::Balance)}": "
                <strong data-testid="services-balance">{b}</strong>
                " "{t(crate::i18n::CompanyMsg::TicketsUnit)}
            </p>
        })}
        {(!rep).then(|| view! { <p class="alert alert-info" data-testid="only-representatives">{t(V::OnlyRepresentatives)}</p> })}
        {list.items.is_empty().then(|| view! { <p class="empty">{t(V::NoServices)}</p> })}
        <ul class="service-list" data-testid="service-list">
            {list
                .items
                .into_iter()
                .map(|s| {
                    let (s2, code) = (s.clone(), s.code.clone());
                    view! {
                        <li class="service" data-testid="service" data-code=code>
                            <h2>{move || service_name(&s2, i18n.lang()).to_owned()}</h2>
                            <ServiceFacts service=s.clone()/>
                            <ApplyOrWhyNot service=s rep=rep/>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Category, cost, scope and the description, in the current language.
#[component]
pub fn ServiceFacts(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let s = service;
    let cost = s.ticket_cost;
    let (ja, en) = (s.description_ja.clone(), s.description_en.clone());
    view! {
        <dl class="facts facts-compact">
            <dt>{t(V::Category)}</dt>
            <dd>{t(V::for_category(s.category))}</dd>
            <dt>{t(V::Cost)}</dt>
            <dd data-testid="service-cost">{move || Msg::from(V::TicketsN).fill(i18n.lang(), &[("n", &cost.to_string())])}</dd>
            <dt>{t(V::Scope)}</dt>
            <dd>{t(V::for_scope(s.scope))}</dd>
        </dl>
        <p>{move || if i18n.lang() == crate::i18n::Lang::Ja { ja.clone() } else { en.clone() }}</p>
    }
}

#[component]
fn ApplyOrWhyNot(service: ServiceView, rep: bool) -> impl IntoView {
    let i18n = use_i18n();
    let code = service.code.clone();
    match service.unavailable {
        Some(u) => {
            let ranks = service.ranks.clone();
            view! {
                <p class="unavailable" data-testid=format!("unavailable-{code}")>
                    {move || unavailable_text(u, &ranks, i18n.lang())}
                </p>
            }
            .into_any()
        }
        None if rep => view! {
            <p>
                <a class="btn btn-primary" href=format!("/services/{code}/apply") data-testid=format!("apply-{code}")>
                    {t(V::Apply)}
                </a>
            </p>
        }
        .into_any(),
        None => ().into_any(),
    }
}
