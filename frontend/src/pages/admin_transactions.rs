//! `/admin/transactions` (staff, R2.4): import monthly transaction volumes from a CSV file or pasted
//! text. All rows or none: the per-row errors are listed and nothing is imported.

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::company::ImportReport;
use portal_domain::problem::FieldError;
use portal_domain::ErrorCode;

use crate::api::{self, ApiError, CsvSource};
use crate::components::{AdminPage, ErrorSummary, Field, FormState, SubmitButton, TableScroll};
use crate::i18n::{field_error_text, t, use_i18n, Msg, StaffMsg as S};
use crate::session::use_session;

/// Only admins import: an import can decide a company's rank again, and its tickets follow.
#[component]
pub fn AdminTransactionsPage() -> impl IntoView {
    view! { <AdminPage><ImportForm/></AdminPage> }
}

#[component]
fn ImportForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let file_input = NodeRef::<Input>::new();
    let text = RwSignal::new(String::new());
    let form = FormState::new();
    let error = form.error;
    let report = RwSignal::new(None::<ImportReport>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        let file = file_input.get_untracked().and_then(|i| i.files()).and_then(|l| l.get(0));
        let pasted = text.get_untracked();
        let source = match file {
            Some(f) => CsvSource::File(f),
            None if !pasted.trim().is_empty() => CsvSource::Text(pasted),
            None => {
                form.reject(S::ImportNothing.into());
                return;
            }
        };
        if !form.begin() {
            return;
        }
        report.set(None);
        spawn_local(async move {
            let result = api::import_transactions(session, source).await;
            if let Some(r) = form.finish(result) {
                if let Some(input) = file_input.get_untracked() {
                    input.set_value("");
                }
                text.set(String::new());
                report.set(Some(r));
            }
        });
    };
    // A file of bad rows comes back as `validation_failed` with one entry per row, listed under the
    // error summary; anything else (a server error, an unknown code) is the summary's text alone.
    let row_errors = Signal::derive(move || match error.get() {
        Some(ApiError::Problem(p)) if p.error_code() == Some(ErrorCode::ValidationFailed) && !p.errors.is_empty() => {
            Some(p.errors)
        }
        _ => None,
    });

    view! {
        <section class="card">
            <h1>{t(S::TransactionsTitle)}</h1>
            <p class="muted">{t(S::TransactionsIntro)}</p>
            <pre class="sample">"company_code,year_month,amount_yen\nACME,2025-04,\"1,200,000\""</pre>
            <form on:submit=on_submit>
                <ErrorSummary form=form>
                    {move || row_errors.get().map(|errors| view! { <RowErrors errors=errors/> })}
                </ErrorSummary>
                <Field label=Msg::Adm(S::CsvFile)>
                    <input type="file" accept=".csv,text/csv" data-testid="import-file" node_ref=file_input/>
                </Field>
                <Field label=Msg::Adm(S::CsvPaste)>
                    <textarea rows="6" class="mono" data-testid="import-text" bind:value=text></textarea>
                </Field>
                <SubmitButton pending=form.pending label=S::ImportSubmit testid="import-submit"/>
            </form>
            {move || report.get().map(|r| view! {
                <p class="alert alert-success" role="status" data-testid="import-report">
                    {Msg::from(S::ImportDone).fill(i18n.lang(), &[
                        ("rows", &r.rows.to_string()),
                        ("companies", &r.companies.to_string()),
                        ("replaced", &r.replaced.to_string()),
                    ])}
                </p>
            })}
        </section>
    }
}

#[component]
fn RowErrors(errors: Vec<FieldError>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div data-testid="import-errors">
            <p>{t(S::ImportErrorsTitle)}</p>
            <TableScroll label=S::ImportErrorsTitle>
            <table class="data compact">
                <thead>
                    <tr>
                        <th>{t(S::ColWhere)}</th>
                        <th>{t(S::ColProblem)}</th>
                    </tr>
                </thead>
                <tbody>
                    {errors
                        .into_iter()
                        .map(|e| {
                            let (field, detail) = (e.field.clone(), e.message.clone());
                            view! {
                                <tr data-testid="import-error-row">
                                    <td class="nowrap"><code>{field}</code></td>
                                    <td>
                                        {move || field_error_text(&e, i18n.lang())}
                                        <small class="muted block">{detail.clone()}</small>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            </TableScroll>
        </div>
    }
}
