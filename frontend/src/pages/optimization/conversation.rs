//! The engagement's messages and a proposal's comments, for both sides: oldest first (author, our
//! staff or the company, JST time) and a form to write one.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::services::MessageView;
use uuid::Uuid;

use crate::api;
use crate::components::{load_latest, ErrorMessage, ErrorSummary, Field, FormState, Loading, SubmitButton};
use crate::format::jst_minute;
use crate::i18n::{t, Msg, OptimizationMsg as O};
use crate::session::use_session;

/// Where a message goes: the engagement (`company` for staff) or a proposal's comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Engagement(Option<Uuid>),
    Proposal { id: Uuid, staff: bool },
}

#[component]
pub fn MessageItems(items: Vec<MessageView>, #[prop(into)] empty: Msg) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty" data-testid="messages-empty">{t(empty)}</p> }.into_any();
    }
    view! {
        <ol class="messages">
            {items.into_iter().map(|m| view! {
                <li class=if m.from_staff { "message message-staff" } else { "message" } data-testid="opt-message">
                    <p class="message-meta">
                        <strong>{m.author.clone()}</strong>
                        {m.from_staff.then(|| view! { " "{t(O::FromStaff)} })}
                        " · "<time>{jst_minute(m.at)}</time>
                    </p>
                    <p class="message-body">{m.body.clone()}</p>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// A message form; `on_sent` runs after a message is stored.
#[component]
pub fn MessageForm(
    target: Target,
    #[prop(into)] label: Msg,
    /// `{testid}-body` names the text area, `{testid}-send` the button.
    testid: &'static str,
    send_testid: &'static str,
    on_sent: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let body = RwSignal::new(String::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = body.get_untracked();
        if text.trim().is_empty() {
            form.reject(O::MessageRequired.into());
            return;
        }
        if !form.begin() {
            return;
        }
        spawn_local(async move {
            let result = match target {
                Target::Engagement(company) => api::post_engagement_message(session, company, &text).await,
                Target::Proposal { id, staff } => api::comment_on_proposal(session, id, staff, &text).await,
            };
            if form.finish(result).is_some() {
                body.set(String::new());
                on_sent.run(());
            }
        });
    };
    view! {
        <form class="form message-form" on:submit=submit novalidate data-testid=format!("{testid}-form")>
            <ErrorSummary form=form/>
            <Field label=label name="body" form=form>
                <textarea rows="3" maxlength="10000" data-testid=format!("{testid}-body")
                    prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            </Field>
            <SubmitButton pending=form.pending label=O::Send testid=send_testid/>
        </form>
    }
}

/// A proposal's comments with a form under them.
#[component]
pub fn ProposalComments(id: Uuid, staff: bool) -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = load_latest(move || {
        reload.track();
        api::proposal_comments(session, id, staff)
    });
    view! {
        <details class="comments" data-testid="proposal-comments">
            <summary>{t(O::CommentsTitle)}</summary>
            <ErrorMessage error=loaded.error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(list) => view! { <MessageItems items=list.items empty=O::CommentsEmpty/> }.into_any(),
            }}
            <MessageForm
                target=Target::Proposal { id, staff }
                label=O::CommentLabel
                testid="comment"
                send_testid="comment-send"
                on_sent=Callback::new(move |()| reload.update(|n| *n += 1))
            />
        </details>
    }
}
