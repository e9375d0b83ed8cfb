//! Controls only admins may use (thresholds, the rollover, rank overrides, ticket adjustments): a
//! CSM sees why the control is missing instead of a form the server would refuse.

use leptos::prelude::*;
use portal_domain::Role;

use crate::api;
use crate::i18n::{t, StaffMsg as S};
use crate::session::use_session;

#[component]
pub fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let me = LocalResource::new(move || async move { api::me(session).await.ok() });
    move || match me.get().flatten() {
        Some(me) if me.role == Role::Admin => children().into_any(),
        Some(_) => view! {
            <section class="card">
                <p class="muted" data-testid="admin-only-note">{t(S::AdminOnly)}</p>
            </section>
        }
        .into_any(),
        None => ().into_any(),
    }
}
