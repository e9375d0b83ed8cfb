//! The representatives' dialogs: add a user, edit one, and confirm disabling, enabling or deleting.
//! Each shows the server's refusal inside itself (e.g. 409 `last_representative`), so the user sees
//! why nothing changed next to what they asked for.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::problem::FieldError;
use portal_domain::users::{CompanyUserView, CreateCompanyUserRequest, CustomerRole, UpdateCompanyUserRequest};
use portal_domain::{ErrorCode, Role};
use uuid::Uuid;

use super::{row_button_id, Asking, ADD_BUTTON_ID};
use crate::api::{self, ApiError};
use crate::components::{ConfirmDialog, Dialog, ErrorMessage, ErrorSummary, Field, FormState, SubmitButton};
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, Msg, UserMsg as U};
use crate::session::use_session;

/// What a finished action reports to the page: the notice and the user as the server now has them.
pub type Done = Callback<(String, Option<CompanyUserView>)>;

/// A 409 `email_taken` names the e-mail field too, so the field shows it beside the control.
fn on_email_field(err: ApiError) -> ApiError {
    match err {
        ApiError::Problem(mut p) if p.error_code() == Some(ErrorCode::EmailTaken) => {
            let text = ErrorCode::EmailTaken.text().1;
            p.errors.push(FieldError::new("email", ErrorCode::EmailTaken, text));
            ApiError::Problem(p)
        }
        other => other,
    }
}

fn customer_role(role: Role) -> CustomerRole {
    if role == Role::Representative {
        CustomerRole::Representative
    } else {
        CustomerRole::Member
    }
}

fn role_value(role: CustomerRole) -> &'static str {
    match role {
        CustomerRole::Representative => "representative",
        CustomerRole::Member => "member",
    }
}

fn parse_role(value: &str) -> CustomerRole {
    if value == "representative" {
        CustomerRole::Representative
    } else {
        CustomerRole::Member
    }
}

/// The role picker shared by both forms.
#[component]
fn RoleSelect(role: RwSignal<String>, form: FormState, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Field label=Msg::Role name="role" form=form hint=Signal::derive(move || i18n.t(U::RoleHint).to_owned())>
            <select data-testid=testid on:change=move |ev| role.set(event_target_value(&ev)) prop:value=move || role.get()>
                <option value="member" selected=move || role.get() == "member">{t(Msg::RoleMember)}</option>
                <option value="representative" selected=move || role.get() == "representative">
                    {t(Msg::RoleRepresentative)}
                </option>
            </select>
        </Field>
    }
}

#[component]
pub fn AddUserDialog(on_cancel: impl Fn() + Clone + Send + Sync + 'static, on_done: Done) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new("member".to_owned());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let req = CreateCompanyUserRequest {
            email: email.get_untracked().trim().to_owned(),
            display_name: name.get_untracked().trim().to_owned(),
            role: parse_role(&role.get_untracked()),
        };
        spawn_local(async move {
            let result = api::create_company_user(session, &req).await.map_err(on_email_field);
            if let Some(created) = form.finish(result) {
                let lang = i18n.lang();
                let u = &created.user;
                let text = if created.mail_delivery == "failed" {
                    Msg::from(U::MailFailed).fill(lang, &[("name", &u.display_name)])
                } else {
                    let until = jst_minute(created.temporary_password_expires_at);
                    Msg::from(U::UserAdded)
                        .fill(lang, &[("name", &u.display_name), ("email", &u.email), ("until", &until)])
                };
                on_done.run((text, Some(created.user)));
            }
        });
    };
    let cancel = on_cancel.clone();
    view! {
        <Dialog title=U::AddUserTitle on_cancel=on_cancel busy=form.pending return_focus=ADD_BUTTON_ID.to_owned() testid="add-user-dialog">
            <p class="muted">{t(U::AddUserIntro)}</p>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form=form/>
                <Field label=Msg::from(U::ColName) name="display_name" form=form>
                    <input type="text" maxlength="100" autocomplete="off" data-testid="new-user-name" bind:value=name/>
                </Field>
                <Field label=Msg::Email name="email" form=form>
                    <input type="email" maxlength="254" autocomplete="off" data-testid="new-user-email" bind:value=email/>
                </Field>
                <RoleSelect role=role form=form testid="new-user-role"/>
                <div class="dialog-actions">
                    <button type="button" class="btn" data-testid="add-user-cancel" on:click=move |_| if !form.pending.get_untracked() { cancel() }>
                        {t(Msg::Cancel)}
                    </button>
                    <SubmitButton pending=form.pending label=U::DoAdd pending_label=U::Adding.into() testid="add-user-submit"/>
                </div>
            </form>
        </Dialog>
    }
}

#[component]
pub fn EditUserDialog(
    user: CompanyUserView,
    me: Uuid,
    on_cancel: impl Fn() + Clone + Send + Sync + 'static,
    on_done: Done,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let id = user.id;
    let self_edit = id == me;
    let name = RwSignal::new(user.display_name.clone());
    let original_role = customer_role(user.role);
    let role = RwSignal::new(role_value(original_role).to_owned());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let new_role = parse_role(&role.get_untracked());
        let req = UpdateCompanyUserRequest {
            display_name: Some(name.get_untracked().trim().to_owned()),
            role: (new_role != original_role).then_some(new_role),
        };
        spawn_local(async move {
            if let Some(saved) = form.finish(api::update_company_user(session, id, &req).await) {
                let text = Msg::from(U::Saved).fill(i18n.lang(), &[("name", &saved.display_name)]);
                on_done.run((text, Some(saved)));
            }
        });
    };
    let cancel = on_cancel.clone();
    let demoting_self = move || self_edit && original_role == CustomerRole::Representative && role.get() == "member";
    view! {
        <Dialog
            title=U::EditUserTitle
            on_cancel=on_cancel
            busy=form.pending
            return_focus=row_button_id("edit", &user)
            testid="edit-user-dialog"
        >
            <p>{user.email.clone()}</p>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form=form/>
                <Field label=Msg::from(U::ColName) name="display_name" form=form>
                    <input type="text" maxlength="100" autocomplete="off" data-testid="edit-user-name" bind:value=name/>
                </Field>
                <RoleSelect role=role form=form testid="edit-user-role"/>
                <Show when=demoting_self>
                    <p class="alert alert-warning" data-testid="demote-self-warning">{t(U::EditSelfWarning)}</p>
                </Show>
                <div class="dialog-actions">
                    <button type="button" class="btn" data-testid="edit-user-cancel" on:click=move |_| if !form.pending.get_untracked() { cancel() }>
                        {t(Msg::Cancel)}
                    </button>
                    <SubmitButton pending=form.pending label=U::Save testid="edit-user-submit"/>
                </div>
            </form>
        </Dialog>
    }
}

/// Disable, enable or delete, after a confirmation that says what it ends (sessions, tokens, and for
/// oneself: this sign-in).
#[component]
pub fn ActionFlow(
    asking: Asking,
    me: Uuid,
    on_cancel: impl Fn() + Clone + Send + Sync + 'static,
    on_done: Done,
    on_self_ended: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let (user, title, confirm_label, what) = match asking {
        Asking::Disable(u) => (u, U::DisableTitle, U::DoDisable, "toggle"),
        Asking::Enable(u) => (u, U::EnableTitle, U::DoEnable, "toggle"),
        Asking::Delete(u) => (u, U::DeleteTitle, U::DoDelete, "delete"),
        // The page opens the other dialogs itself.
        Asking::Add | Asking::Edit(_) => return ().into_any(),
    };
    let kind = title;
    let self_action = user.id == me;
    let body_msg = match (kind, self_action) {
        (U::DisableTitle, true) => U::DisableSelfBody,
        (U::DisableTitle, false) => U::DisableBody,
        (U::DeleteTitle, true) => U::DeleteSelfBody,
        (U::DeleteTitle, false) => U::DeleteBody,
        _ => U::EnableBody,
    };
    let (name, email) = (user.display_name.clone(), user.email.clone());
    let body = Signal::derive(move || Msg::from(body_msg).fill(i18n.lang(), &[("name", &name), ("email", &email)]));
    let id = user.id;
    let display_name = user.display_name.clone();
    let confirm = move || {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let display_name = display_name.clone();
        spawn_local(async move {
            let result = match kind {
                U::DeleteTitle => api::delete_company_user(session, id).await.map(|()| None),
                U::DisableTitle => api::set_company_user_disabled(session, id, true).await.map(Some),
                _ => api::set_company_user_disabled(session, id, false).await.map(Some),
            };
            pending.set(false);
            match result {
                // The server has ended this browser's session with the user's own.
                Ok(_) if self_action && kind != U::EnableTitle => on_self_ended.run(()),
                Ok(view) => {
                    let done = match kind {
                        U::DeleteTitle => U::Deleted,
                        U::DisableTitle => U::Disabled,
                        _ => U::Enabled,
                    };
                    on_done.run((Msg::from(done).fill(i18n.lang(), &[("name", &display_name)]), view));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // A deleted user's row is gone: the focus goes back to the add button.
    let back = if what == "delete" { ADD_BUTTON_ID.to_owned() } else { row_button_id(what, &user) };
    view! {
        <ConfirmDialog
            title=title
            body=body
            confirm_label=confirm_label
            pending=pending
            on_confirm=confirm
            on_cancel=on_cancel
            return_focus=back
        >
            <ErrorMessage error=error/>
        </ConfirmDialog>
    }
    .into_any()
}
