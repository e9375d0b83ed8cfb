//! `/inquiries/new`: a question about cloudpack+ (category, subject, text, optional files). The form
//! first says what is taken here and that other matters go to Backlog, cloudpack support or sales
//! (§4.5.3). The files are sent one by one once the inquiry exists (the API takes them as thread
//! messages); a file refused then is named on the inquiry's page, which the form moves to.

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_domain::inquiries::{InquiryCategory, OpenInquiryRequest};

use crate::api::{self, ThreadOf};
use crate::components::{ErrorSummary, Field, FormState, SubmitButton};
use crate::i18n::{t, use_i18n, InquiryMsg as Q, Msg, ThreadMsg as H};
use crate::route_meta::encode_component;
use crate::session::use_session;
use crate::threads::MAX_UPLOAD_BYTES;

#[component]
pub fn NewInquiryPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let category = RwSignal::new(InquiryCategory::Tickets.as_str().to_owned());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let files = NodeRef::<Input>::new();
    let form = FormState::new();
    let subject_error = RwSignal::new(None::<Msg>);
    let body_error = RwSignal::new(None::<Msg>);
    let file_error = RwSignal::new(None::<Msg>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        subject_error.set(subject.get_untracked().trim().is_empty().then(|| Q::SubjectRequired.into()));
        body_error.set(body.get_untracked().trim().is_empty().then(|| Q::BodyRequired.into()));
        let chosen: Vec<web_sys::File> = files
            .get_untracked()
            .and_then(|i| i.files())
            .map(|list| (0..list.length()).filter_map(|n| list.get(n)).collect())
            .unwrap_or_default();
        // The server refuses more than 10 MiB a file; say so before anything is sent.
        file_error.set(chosen.iter().any(|f| f.size() > MAX_UPLOAD_BYTES).then(|| H::FileTooLarge.into()));
        if let Some(first) = subject_error.get_untracked().or(body_error.get_untracked()).or(file_error.get_untracked())
        {
            form.reject(first);
            return;
        }
        if !form.begin() {
            return;
        }
        let req = OpenInquiryRequest {
            category: InquiryCategory::parse(&category.get_untracked()).unwrap_or(InquiryCategory::Other),
            subject: subject.get_untracked().trim().to_owned(),
            body: body.get_untracked().trim().to_owned(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let Some(inquiry) = form.finish(api::open_inquiry(session, &req).await) else {
                return;
            };
            form.pending.set(true);
            let mut failed = Vec::new();
            for file in chosen {
                let name = file.name();
                if api::upload_attachment(session, ThreadOf::inquiry(inquiry.id, false), file).await.is_err() {
                    failed.push(name);
                }
            }
            form.pending.set(false);
            let mut to = format!("/inquiries/{}?opened=1", inquiry.id);
            if !failed.is_empty() {
                to.push_str(&format!("&failed={}", encode_component(&failed.join("、"))));
            }
            navigate(&to, Default::default());
        });
    };
    view! {
        <section class="card card-wide" data-testid="new-inquiry-page">
            <p class="breadcrumb"><a href="/inquiries">{t(Q::BackToList)}</a></p>
            <h1>{t(Q::NewTitle)}</h1>
            <div class="alert alert-info" data-testid="inquiry-scope">
                <h2 class="alert-title">{t(Q::ScopeTitle)}</h2>
                <p>{t(Q::ScopeHere)}</p>
                <p><strong>{t(Q::ScopeElsewhere)}</strong></p>
            </div>
            <form on:submit=submit data-testid="new-inquiry-form" novalidate>
                <ErrorSummary form=form/>
                <Field label=Msg::from(Q::Category) name="category" form=form class="field-short">
                    <select data-testid="inquiry-category" bind:value=category>
                        {InquiryCategory::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.as_str()>{t(Q::for_category(c))}</option> })
                            .collect_view()}
                    </select>
                </Field>
                <Field
                    label=Msg::from(Q::Subject)
                    name="subject"
                    form=form
                    hint=Signal::derive(move || i18n.t(Q::SubjectHint).to_owned())
                    local_error=Signal::derive(move || subject_error.get())
                >
                    <input type="text" maxlength="200" required data-testid="inquiry-subject" bind:value=subject
                        on:input=move |_| subject_error.set(None)/>
                </Field>
                <Field
                    label=Msg::from(Q::Body)
                    name="body"
                    form=form
                    hint=Signal::derive(move || i18n.t(Q::BodyHint).to_owned())
                    local_error=Signal::derive(move || body_error.get())
                >
                    <textarea rows="8" maxlength="10000" required data-testid="inquiry-body" bind:value=body
                        on:input=move |_| body_error.set(None)></textarea>
                </Field>
                <Field
                    label=Msg::from(Q::Files)
                    name="file"
                    form=form
                    hint=Signal::derive(move || i18n.t(Q::FilesHint).to_owned())
                    local_error=Signal::derive(move || file_error.get())
                >
                    <input type="file" multiple data-testid="inquiry-files" node_ref=files on:change=move |_| file_error.set(None)/>
                </Field>
                <SubmitButton pending=form.pending label=Q::Submit testid="inquiry-submit"/>
            </form>
        </section>
    }
}
