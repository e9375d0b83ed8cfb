//! `/me/api-tokens` (customers, issue 10): the caller's personal API tokens for integrators. A form
//! creates one (name, scope, days until it expires, at most 365); its secret is shown once in a
//! dialog with a copy button. The list shows each token's scope, dates and last use, with a revoke
//! after confirmation. Staff get no tokens: they see the no-permission page.

mod create;
mod list;

use leptos::prelude::*;

use crate::api;
use crate::components::{load_latest, ErrorMessage, Loading, NoPermissionPage};
use crate::i18n::{t, Msg, UserMsg as U};
use crate::session::use_session;
use create::CreateTokenForm;
use list::TokenList;

#[component]
pub fn ApiTokensPage() -> impl IntoView {
    let session = use_session();
    let me = LocalResource::new(move || api::me(session));
    move || match me.get() {
        None => view! { <section class="card"><Loading/></section> }.into_any(),
        Some(Ok(me)) if me.role.is_staff() => view! { <NoPermissionPage/> }.into_any(),
        Some(Ok(_)) => view! { <TokensPage/> }.into_any(),
        Some(Err(err)) => {
            view! { <section class="card"><ErrorMessage error=Signal::derive(move || Some(err.clone()))/></section> }
                .into_any()
        }
    }
}

#[component]
fn TokensPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<String>);
    let tokens = load_latest(move || {
        reload.track();
        api::api_tokens(session)
    });
    let refresh = Callback::new(move |text: Option<String>| {
        notice.set(text);
        reload.update(|n| *n += 1);
    });
    view! {
        <section class="card card-wide" data-testid="api-tokens">
            <p class="breadcrumb"><a href="/">{t(Msg::Home)}</a></p>
            <h1>{t(U::TokensTitle)}</h1>
            <p data-testid="tokens-intro">{t(U::TokensIntro)}</p>
            <p class="muted">{t(U::TokensActAsYou)}</p>
        </section>
        <section class="card card-wide">
            <h2>{t(U::NewToken)}</h2>
            <CreateTokenForm on_created=refresh/>
        </section>
        <section class="card card-wide">
            <h2>{t(U::YourTokens)}</h2>
            {move || notice.get().map(|n| view! { <p class="alert alert-success" role="status" data-testid="tokens-notice">{n}</p> })}
            <ErrorMessage error=tokens.error/>
            {move || match tokens.data.get() {
                None => tokens.loading.get().then(|| view! { <Loading/> }).into_any(),
                Some(items) if items.is_empty() => {
                    view! { <p class="empty" data-testid="tokens-empty">{t(U::NoTokens)}</p> }.into_any()
                }
                Some(items) => view! { <TokenList items=items on_revoked=refresh/> }.into_any(),
            }}
        </section>
    }
}
