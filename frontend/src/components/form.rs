//! The one way forms are built: [`Field`] wraps each control with its label, hint and errors, and
//! [`FormState`] runs the submission.
//!
//! - A field's control gets an `id` its `<label for>` names, `aria-describedby` pointing at its hint
//!   and at its errors, and `aria-invalid` while it has errors (styled `.field-invalid`). The errors
//!   sit beside the control, never inside the `<label>`, so they are not part of its name.
//! - On a failed submission the error summary at the top of the form takes the focus, so keyboard
//!   and screen-reader users hear what went wrong and the next Tab is the first field.
//! - While a request runs the submit button says so (spinner text, `aria-busy`) and stays focusable
//!   (`aria-disabled`, not `disabled`, which would drop the focus to `<body>`); a second press is
//!   ignored by [`FormState::begin`].

use leptos::attr::custom::custom_attribute;
use leptos::html::Div;
use leptos::prelude::*;
use portal_domain::problem::FieldError;

use super::focus::{focus_after_render, unique_id};
use crate::api::ApiError;
use crate::i18n::{field_error_text, problem_text, t, use_i18n, Msg};

/// A form's request state: pending flag, the server's error, a client-side complaint, and the error
/// summary that takes the focus when the submission fails.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    pub pending: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    /// A problem found before sending (e.g. "not a number"), shown in the summary.
    pub local: RwSignal<Option<Msg>>,
    summary: NodeRef<Div>,
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

impl FormState {
    pub fn new() -> FormState {
        FormState {
            pending: RwSignal::new(false),
            error: RwSignal::new(None),
            local: RwSignal::new(None),
            summary: NodeRef::new(),
        }
    }

    /// Starts a submission: false (do nothing) while one is already running; otherwise clears the
    /// last errors and marks the form busy.
    pub fn begin(self) -> bool {
        if self.pending.get_untracked() {
            return false;
        }
        self.error.set(None);
        self.local.set(None);
        self.pending.set(true);
        true
    }

    /// Ends a submission: the value on success; on failure the error is shown and focused.
    pub fn finish<T>(self, result: Result<T, ApiError>) -> Option<T> {
        self.pending.set(false);
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.error.set(Some(e));
                self.focus_summary();
                None
            }
        }
    }

    /// A problem found in the browser, before any request: shown in the summary, which takes the focus.
    pub fn reject(self, msg: Msg) {
        self.error.set(None);
        self.local.set(Some(msg));
        self.focus_summary();
    }

    /// Clears every error (e.g. when the form changes mode).
    pub fn clear(self) {
        self.error.set(None);
        self.local.set(None);
    }

    /// Moves the focus to the error summary once it is rendered.
    pub fn focus_summary(self) {
        let summary = self.summary;
        focus_after_render(move || summary.get_untracked().map(Into::into));
    }

    /// The server's errors for `field` (tracked).
    pub fn field_errors(self, field: &str) -> Vec<FieldError> {
        self.error.with(|e| e.as_ref().map(|e| e.field_errors(field)).unwrap_or_default())
    }
}

/// The error summary at the top of a form: the server's problem or the client's complaint, focusable
/// (`tabindex=-1`) so that a failed submission can move the focus here.
#[component]
pub fn ErrorSummary(
    form: FormState,
    /// More about the error under its text (e.g. every reason a company is refused).
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let lang = i18n.lang();
        form.local
            .get()
            .map(|m| m.text(lang).to_owned())
            .or_else(|| form.error.with(|e| e.as_ref().map(|e| problem_text(e, lang))))
    };
    view! {
        <Show when=move || text().is_some()>
            <div class="alert alert-error error-summary" tabindex="-1" data-testid="error-message" node_ref=form.summary>
                <p class="alert-title">{text}</p>
                {children.clone().map(|c| c())}
            </div>
        </Show>
    }
}

/// One labelled control. `children` is the control itself (`<input>`, `<select>`, `<textarea>`); the
/// field gives it its `id`, `aria-describedby` and `aria-invalid`.
#[component]
pub fn Field(
    /// The label (reactive: a form may switch modes).
    #[prop(optional, into)]
    label: Option<Signal<Msg>>,
    /// A label that is not a catalogue message (e.g. a rank name); used instead of `label`.
    #[prop(optional, into)]
    label_text: Option<Signal<String>>,
    /// The server's name of the field, whose errors are shown here (also `data-testid="field-error-{name}"`).
    #[prop(optional)]
    name: &'static str,
    /// The form whose server errors and pending state this field shows.
    #[prop(optional)]
    form: Option<FormState>,
    /// A hint under the control (format, rules).
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// An error found in the browser for this field.
    #[prop(optional, into)]
    local_error: Option<Signal<Option<Msg>>>,
    /// Extra classes of the wrapper (e.g. `field-short`).
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = unique_id("field");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let errors = move || error_texts(form, name, local_error);
    let invalid = Signal::derive(move || !errors().is_empty());
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if invalid.get() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let control = children().add_any_attr((
        custom_attribute("id", id.clone()),
        custom_attribute("aria-describedby", described_by),
        custom_attribute("aria-invalid", move || invalid.get().then_some("true")),
    ));
    let wrapper_class = move || {
        let mut c = String::from("field");
        if !class.is_empty() {
            c.push(' ');
            c.push_str(class);
        }
        if invalid.get() {
            c.push_str(" field-invalid");
        }
        c
    };
    let testid = (!name.is_empty()).then(|| format!("field-error-{name}"));
    view! {
        <div class=wrapper_class>
            <label for=id class="field-label">
                {move || match (label_text, label) {
                    (Some(text), _) => text.get(),
                    (None, Some(msg)) => i18n.t(msg.get()).to_owned(),
                    (None, None) => String::new(),
                }}
            </label>
            {control}
            {hint.map(|h| view! { <small class="hint" id=hint_id>{move || h.get()}</small> })}
            <Show when=move || invalid.get()>
                <ul class="field-errors" id=error_id.clone() data-testid=testid.clone()>
                    {move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}

/// A form's submit button: while `pending`, it shows a spinner and its busy text, says `aria-busy`
/// and `aria-disabled`, and keeps the focus (the form ignores a second press).
#[component]
pub fn SubmitButton(
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] label: Msg,
    #[prop(optional)] pending_label: Option<Msg>,
    testid: &'static str,
) -> impl IntoView {
    let busy_text = t(pending_label.unwrap_or(Msg::Sending));
    let idle_text = t(label);
    view! {
        <button
            type="submit"
            class="btn btn-primary"
            data-testid=testid
            aria-disabled=move || pending.get().then_some("true")
            aria-busy=move || pending.get().then_some("true")
        >
            <Show when=move || pending.get() fallback=move || idle_text()>
                <span class="spinner spinner-small" aria-hidden="true"></span>
                {busy_text}
            </Show>
        </button>
    }
}

/// The server's errors for `name` and a client-side complaint, as texts in the current language.
fn error_texts(form: Option<FormState>, name: &'static str, local: Option<Signal<Option<Msg>>>) -> Vec<String> {
    let lang = use_i18n().lang();
    let mut list: Vec<String> = form
        .filter(|_| !name.is_empty())
        .map(|f| f.field_errors(name).iter().map(|e| field_error_text(e, lang)).collect())
        .unwrap_or_default();
    if let Some(m) = local.and_then(|l| l.get()) {
        list.insert(0, m.text(lang).to_owned());
    }
    list
}

/// One checkbox with its label (the control inside the `<label>`, its errors outside it).
#[component]
pub fn Check(
    #[prop(into)] label: Msg,
    /// The server's name of the field whose errors are shown here.
    #[prop(optional)]
    name: &'static str,
    #[prop(optional)] form: Option<FormState>,
    children: Children,
) -> impl IntoView {
    let id = unique_id("check");
    let error_id = format!("{id}-error");
    let errors = move || error_texts(form, name, None);
    let invalid = Signal::derive(move || !errors().is_empty());
    let described_by = {
        let error_id = error_id.clone();
        move || invalid.get().then(|| error_id.clone())
    };
    let control = children().add_any_attr((
        custom_attribute("id", id.clone()),
        custom_attribute("aria-describedby", described_by),
        custom_attribute("aria-invalid", move || invalid.get().then_some("true")),
    ));
    let testid = (!name.is_empty()).then(|| format!("field-error-{name}"));
    view! {
        <div class=move || if invalid.get() { "check-field field-invalid" } else { "check-field" }>
            <label class="check" for=id>{control}{t(label)}</label>
            <Show when=move || invalid.get()>
                <ul class="field-errors" id=error_id.clone() data-testid=testid.clone()>
                    {move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}

/// A group of checkboxes under a legend, with the group's errors (described by, never inside a label).
#[component]
pub fn Checks(
    #[prop(into)] legend: Msg,
    #[prop(optional)] name: &'static str,
    #[prop(optional)] form: Option<FormState>,
    children: Children,
) -> impl IntoView {
    let error_id = unique_id("group-error");
    let errors = move || error_texts(form, name, None);
    let invalid = Signal::derive(move || !errors().is_empty());
    let described_by = {
        let error_id = error_id.clone();
        move || invalid.get().then(|| error_id.clone())
    };
    let testid = (!name.is_empty()).then(|| format!("field-error-{name}"));
    view! {
        <fieldset
            class=move || if invalid.get() { "field checks field-invalid" } else { "field checks" }
            aria-describedby=described_by
        >
            <legend>{t(legend)}</legend>
            {children()}
            <Show when=move || invalid.get()>
                <ul class="field-errors" id=error_id.clone() data-testid=testid.clone()>
                    {move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                </ul>
            </Show>
        </fieldset>
    }
}
