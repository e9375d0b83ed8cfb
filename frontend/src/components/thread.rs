//! An application's contact thread (R4.7) or an inquiry's (R7.7), the same for both sides: messages
//! oldest first (author, staff or customer, JST time, files with a download button), a message form
//! and a file upload. Loading the thread marks the other side's messages read; the count unread
//! before is shown.

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::services::{AttachmentView, MessageView};

use super::{load_latest, ErrorMessage, ErrorSummary, Field, FormState, Loading, SubmitButton};
use crate::api::{self, ApiError, ThreadOf};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, Msg, ThreadMsg as H};
use crate::session::use_session;
use crate::threads::{size_kb, upload_problem, MAX_UPLOAD_BYTES};

/// `of` names the thread and the caller's side; `unread` is the count its owner said before the
/// thread was opened; `intro` the paragraph under the heading. While `closed`, the forms are left
/// out (the owner says why); `on_sent` runs after each message or file (the owner's state moves).
#[component]
pub fn Thread(
    of: ThreadOf,
    unread: u64,
    #[prop(into)] intro: Msg,
    #[prop(optional, into)] closed: Signal<bool>,
    #[prop(optional)] on_sent: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = load_latest(move || {
        reload.track();
        api::messages(session, of)
    });
    let sent = move || {
        reload.update(|n| *n += 1);
        if let Some(cb) = on_sent {
            cb.run(());
        }
    };
    let download_error = RwSignal::new(None::<ApiError>);
    view! {
        <section class="card card-wide" data-testid="thread-section" aria-labelledby="thread-title">
            <h2 id="thread-title">
                {t(H::ThreadTitle)}
                {(unread > 0).then(|| view! {
                    " "
                    <span class="unread" data-testid="thread-unread">
                        {move || Msg::from(H::UnreadN).fill(i18n.lang(), &[("n", &unread.to_string())])}
                    </span>
                })}
            </h2>
            <p class="muted">{t(intro)}</p>
            <ErrorMessage error=loaded.error/>
            <ErrorMessage error=download_error/>
            {move || match loaded.data.get() {
                None if loaded.loading.get() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(list) if list.items.is_empty() => {
                    view! { <p class="empty" data-testid="thread-empty">{t(H::ThreadEmpty)}</p> }.into_any()
                }
                Some(list) => view! {
                    <ol class="thread" data-testid="thread">
                        {list
                            .items
                            .into_iter()
                            .map(|m| view! { <Message m=m of=of error=download_error/> })
                            .collect_view()}
                    </ol>
                }
                .into_any(),
            }}
            <Show when=move || !closed.get()>
                <PostForm of=of on_sent=sent/>
                <UploadForm of=of on_sent=sent/>
            </Show>
        </section>
    }
}

#[component]
fn Message(m: MessageView, of: ThreadOf, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let who = if m.from_staff { H::FromStaff } else { H::FromCustomer };
    let class = if m.from_staff { "message message-staff" } else { "message" };
    let show_body = !body_is_file_names(&m);
    view! {
        <li class=class data-testid="message" data-from=if m.from_staff { "staff" } else { "customer" }>
            <div class="message-head">
                <strong data-testid="message-author">{m.author}</strong>
                <span class="badge">{t(who)}</span>
                <time datetime=m.at.to_rfc3339() data-testid="message-at">{jst_minute(m.at)}</time>
            </div>
            {show_body.then(|| view! { <p class="message-body" data-testid="message-body">{m.body.clone()}</p> })}
            {(!m.attachments.is_empty()).then(|| view! {
                <ul class="attachments">
                    {m.attachments
                        .into_iter()
                        .map(|a| view! { <Attachment a=a of=of error=error/> })
                        .collect_view()}
                </ul>
            })}
        </li>
    }
}

/// A file's message says only "📎 name": the file's own line says it better.
fn body_is_file_names(m: &MessageView) -> bool {
    let body = m.body.trim().trim_start_matches('📎').trim();
    body.is_empty() || (!m.attachments.is_empty() && m.attachments.iter().all(|a| body.contains(a.file_name.as_str())))
}

/// A file of the thread: a plain link cannot carry the bearer token, so the button fetches the
/// bytes and hands them to the browser as a download under the file's name.
#[component]
fn Attachment(a: AttachmentView, of: ThreadOf, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let pending = RwSignal::new(false);
    let (id, name, mime, size) = (a.id, a.file_name.clone(), a.content_type.clone(), a.size_bytes);
    let label = a.file_name.clone();
    let download = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let (name, mime) = (name.clone(), mime.clone());
        spawn_local(async move {
            match api::download_attachment(session, of, id).await {
                Ok(bytes) => {
                    crate::download::save_file(&bytes, &name, &mime);
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };
    view! {
        <li data-testid="attachment" data-file=a.file_name.clone()>
            <span aria-hidden="true">"📎"</span>
            <span>{label.clone()}</span>
            <span class="muted small">{move || Msg::from(H::FileSize).fill(i18n.lang(), &[("n", &size_kb(size))])}</span>
            <button
                type="button"
                class="btn btn-small"
                data-testid="attachment-download"
                aria-busy=move || pending.get().then_some("true")
                aria-label=move || format!("{} {}", i18n.t(H::Download), label)
                on:click=download
            >
                {t(H::Download)}
            </button>
        </li>
    }
}

#[component]
fn PostForm(of: ThreadOf, on_sent: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let session = use_session();
    let body = RwSignal::new(String::new());
    let form = FormState::new();
    let sent = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        sent.set(false);
        let text = body.get_untracked();
        if text.trim().is_empty() {
            form.reject(H::MessageRequired.into());
            return;
        }
        if !form.begin() {
            return;
        }
        spawn_local(async move {
            if form.finish(api::post_message(session, of, &text).await).is_some() {
                body.set(String::new());
                sent.set(true);
                on_sent();
            }
        });
    };
    view! {
        <form class="block" on:submit=submit data-testid="message-form" novalidate>
            <ErrorSummary form=form/>
            <Field label=Msg::from(H::MessageBody) name="body" form=form>
                <textarea rows="3" data-testid="message-input" bind:value=body></textarea>
            </Field>
            <SubmitButton pending=form.pending label=H::SendMessage testid="message-submit"/>
            <Show when=move || sent.get()>
                <p class="alert alert-success" role="status" data-testid="message-sent">{t(H::MessageSent)}</p>
            </Show>
        </form>
    }
}

#[component]
fn UploadForm(of: ThreadOf, on_sent: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let input = NodeRef::<Input>::new();
    let form = FormState::new();
    let local = RwSignal::new(None::<Msg>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        local.set(None);
        let file = input.get_untracked().and_then(|i| i.files()).and_then(|f| f.get(0));
        let Some(file) = file else {
            local.set(Some(H::ChooseFile.into()));
            form.reject(H::ChooseFile.into());
            return;
        };
        // The server refuses more than 10 MiB before reading it all; say so before sending it.
        if file.size() > MAX_UPLOAD_BYTES {
            local.set(Some(H::FileTooLarge.into()));
            form.reject(H::FileTooLarge.into());
            return;
        }
        if !form.begin() {
            return;
        }
        spawn_local(async move {
            let result = api::upload_attachment(session, of, file).await;
            match result {
                Ok(m) => {
                    form.finish(Ok::<(), ApiError>(()));
                    if let Some(i) = input.get_untracked() {
                        i.set_value("");
                    }
                    done.set(m.attachments.first().map(|a| a.file_name.clone()));
                    on_sent();
                }
                Err(e) => match upload_problem(e) {
                    Ok(e) => {
                        form.finish(Err::<(), ApiError>(e));
                    }
                    Err(msg) => {
                        form.pending.set(false);
                        local.set(Some(msg.into()));
                        form.reject(msg.into());
                    }
                },
            }
        });
    };
    view! {
        <form class="block" on:submit=submit data-testid="upload-form" novalidate>
            <h3>{t(H::AttachTitle)}</h3>
            <ErrorSummary form=form/>
            <Field
                label=Msg::from(H::FileLabel)
                name="file"
                form=form
                hint=Signal::derive(move || i18n.t(H::FileHint).to_owned())
                local_error=Signal::derive(move || local.get())
            >
                <input type="file" data-testid="attach-file" node_ref=input on:change=move |_| local.set(None)/>
            </Field>
            <SubmitButton pending=form.pending label=H::Upload testid="attach-submit"/>
            {move || done.get().map(|name| view! {
                <p class="alert alert-success" role="status" data-testid="attach-done">
                    {move || Msg::from(H::Uploaded).fill(i18n.lang(), &[("name", &name)])}
                </p>
            })}
        </form>
    }
}
