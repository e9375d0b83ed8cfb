//! Confirm, reset, then show the temporary password once.

use leptos::prelude::*;
use leptos::task::spawn_local;

use portal_domain::admin::AdminUser;

use crate::api::{self, ApiError};
use crate::components::{ConfirmDialog, ErrorMessage};
use crate::i18n::{t, use_i18n, Msg};
use crate::session::use_session;

#[component]
pub fn ResetFlow(
    target: RwSignal<Option<AdminUser>>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let issued = RwSignal::new(None::<(AdminUser, String)>);

    let body = Signal::derive(move || {
        target.with(|u| {
            u.as_ref()
                .map(|u| Msg::ResetConfirmBody.fill(i18n.lang(), &[("name", &u.display_name), ("email", &u.email)]))
                .unwrap_or_default()
        })
    });
    let cancel = move || {
        target.set(None);
        error.set(None);
    };
    let confirm = move || {
        let Some(user) = target.get_untracked() else { return };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::reset_credentials(session, user.id).await;
            pending.set(false);
            match result {
                Ok(r) => {
                    target.set(None);
                    issued.set(Some((user, r.temporary_password)));
                    on_done();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    view! {
        <Show when=move || target.with(Option::is_some)>
            <ConfirmDialog
                title=Msg::ResetConfirmTitle
                body=body
                confirm_label=Msg::DoReset
                pending=pending
                on_confirm=confirm
                on_cancel=cancel
            >
                <ErrorMessage error=error/>
            </ConfirmDialog>
        </Show>
        {move || issued.get().map(|(user, password)| view! {
            <div class="dialog-backdrop">
                <div class="dialog" role="dialog" aria-modal="true" data-testid="temporary-password-dialog">
                    <h2>{t(Msg::TemporaryPasswordTitle)}</h2>
                    <p>{user.display_name}" <"{user.email}">"</p>
                    <p class="muted">{t(Msg::TemporaryPasswordBody)}</p>
                    <p><code class="secret" data-testid="temporary-password">{password}</code></p>
                    <div class="dialog-actions">
                        <button type="button" class="btn btn-primary" data-testid="temporary-password-close" on:click=move |_| issued.set(None)>
                            {t(Msg::Close)}
                        </button>
                    </div>
                </div>
            </div>
        })}
    }
}
