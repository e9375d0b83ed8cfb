//! Confirm, reset, then show the temporary password once. Both steps are [`Dialog`]s opened from the
//! row's button; when the last one closes the focus returns to that button (found again by its id,
//! since the list reloads after a reset).

use leptos::prelude::*;
use leptos::task::spawn_local;

use portal_domain::admin::AdminUser;

use crate::api::{self, ApiError};
use crate::components::{ConfirmDialog, Dialog, ErrorMessage};
use crate::i18n::{t, use_i18n, Msg};
use crate::session::use_session;

/// The id of a user's reset button in the table.
pub fn reset_button_id(user: &AdminUser) -> String {
    format!("reset-{}", user.id)
}

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
        {move || target.get().map(|user| view! {
            <ConfirmDialog
                title=Msg::ResetConfirmTitle
                body=body
                confirm_label=Msg::DoReset
                pending=pending
                on_confirm=confirm
                on_cancel=cancel
                return_focus=reset_button_id(&user)
            >
                <ErrorMessage error=error/>
            </ConfirmDialog>
        })}
        {move || issued.get().map(|(user, password)| {
            let back = reset_button_id(&user);
            view! {
                <Dialog
                    title=Msg::TemporaryPasswordTitle
                    on_cancel=move || issued.set(None)
                    return_focus=back
                    testid="temporary-password-dialog"
                >
                    <p>{user.display_name}" <"{user.email}">"</p>
                    <p class="muted">{t(Msg::TemporaryPasswordBody)}</p>
                    <p><code class="secret" data-testid="temporary-password">{password}</code></p>
                    <div class="dialog-actions">
                        <button
                            type="button"
                            class="btn btn-primary"
                            data-testid="temporary-password-close"
                            on:click=move |_| issued.set(None)
                        >
                            {t(Msg::Close)}
                        </button>
                    </div>
                </Dialog>
            }
        })}
    }
}
