//! The caller's tokens (never their secrets) with a revoke after confirmation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::api_tokens::ApiTokenView;

use crate::api::{self, ApiError};
use crate::components::{ConfirmDialog, ErrorMessage, TableScroll};
use crate::format::{jst_minute, now};
use crate::i18n::{t, use_i18n, Msg, UserMsg as U};
use crate::session::use_session;

fn revoke_button_id(token: &ApiTokenView) -> String {
    format!("revoke-{}", token.id)
}

#[component]
pub fn TokenList(items: Vec<ApiTokenView>, on_revoked: Callback<Option<String>>) -> impl IntoView {
    let asking = RwSignal::new(None::<ApiTokenView>);
    let at = now();
    view! {
        <TableScroll label=U::YourTokens>
            <table class="data" data-testid="tokens-table">
                <thead>
                    <tr>
                        <th>{t(U::TokenName)}</th>
                        <th>{t(U::ColPrefix)}</th>
                        <th>{t(U::ColScope)}</th>
                        <th>{t(U::ColCreated)}</th>
                        <th>{t(U::ColExpires)}</th>
                        <th>{t(U::ColLastUsed)}</th>
                        <th>{t(Msg::ColActions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|tok| {
                            let expired = tok.expires_at <= at;
                            let button_id = revoke_button_id(&tok);
                            let row = tok.clone();
                            view! {
                                <tr data-testid="token-row" data-name=tok.name.clone() data-scope=tok.scope.as_str()>
                                    <td>{tok.name.clone()}</td>
                                    <td><code>{tok.prefix.clone()}"…"</code></td>
                                    <td>{t(U::for_scope(tok.scope))}</td>
                                    <td class="nowrap">{jst_minute(tok.created_at)}</td>
                                    <td class="nowrap">
                                        {jst_minute(tok.expires_at)}
                                        {expired.then(|| view! { " " <span class="badge badge-warn">{t(U::Expired)}</span> })}
                                    </td>
                                    <td class="nowrap" data-testid="token-last-used">
                                        {match tok.last_used_at {
                                            Some(t) => jst_minute(t).into_any(),
                                            None => view! { <span class="muted">{t(U::NeverUsed)}</span> }.into_any(),
                                        }}
                                    </td>
                                    <td>
                                        <button
                                            type="button"
                                            id=button_id
                                            class="btn btn-small btn-danger-outline"
                                            data-testid="revoke-token"
                                            on:click=move |_| asking.set(Some(row.clone()))
                                        >
                                            {t(U::Revoke)}
                                        </button>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
        {move || asking.get().map(|tok| view! { <RevokeFlow token=tok on_cancel=move || asking.set(None) on_revoked=on_revoked/> })}
    }
}

#[component]
fn RevokeFlow(
    token: ApiTokenView,
    on_cancel: impl Fn() + Clone + Send + Sync + 'static,
    on_revoked: Callback<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let (name, prefix) = (token.name.clone(), token.prefix.clone());
    let body =
        Signal::derive(move || Msg::from(U::RevokeBody).fill(i18n.lang(), &[("name", &name), ("prefix", &prefix)]));
    let id = token.id;
    let name = token.name.clone();
    let confirm = move || {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let name = name.clone();
        spawn_local(async move {
            let result = api::revoke_api_token(session, id).await;
            pending.set(false);
            match result {
                Ok(()) => on_revoked.run(Some(Msg::from(U::Revoked).fill(i18n.lang(), &[("name", &name)]))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <ConfirmDialog
            title=U::RevokeTitle
            body=body
            confirm_label=U::DoRevoke
            pending=pending
            on_confirm=confirm
            on_cancel=on_cancel
            // The row is gone after a revoke: back to the form's button.
            return_focus="create-token-submit".to_owned()
        >
            <ErrorMessage error=error/>
        </ConfirmDialog>
    }
}
