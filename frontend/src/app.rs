//! Providers, the frame and the routes. Each route states which session stages may see it; any other
//! stage is sent to where it belongs (see [`crate::session::Session::landing`]), so a half-signed-in
//! session cannot wander; a signed-out visitor goes to `/login?next=<the page asked for>` and comes
//! back there once signed in.
//! Until the start-up refresh has said whether the browser holds a session, no route is shown (no
//! flash of the sign-in page before a redirect), only a loading indicator.

use leptos::prelude::*;
use leptos_router::components::{ProtectedRoute, Router, Routes};
use leptos_router::path;
use portal_domain::auth::SessionStage;

use crate::components::{Restoring, Shell};
use crate::i18n::provide_i18n;
use crate::pages::{
    AdminApplicationPage, AdminApplicationsPage, AdminAuditPage, AdminCompaniesPage, AdminThresholdsPage,
    AdminTransactionsPage, AdminUsersPage, ApplicationPage, ApplicationsPage, ApplyPage, CompanyDetailPage,
    CompanyPage, CompanyTicketsPage, HomePage, LoginPage, MfaEnrollPage, MfaVerifyPage, NotFound, OnboardPage,
    PasswordPage, ServicesPage,
};
use crate::pages::{AdminAwsToolsPage, AdminToolSettingsPage, AwsAccountsPage, AwsToolsPage};
use crate::pages::{AdminInquiriesPage, AdminInquiryPage, InquiriesPage, InquiryPage, NewInquiryPage};
use crate::pages::{AdminOptimizationPage, OptimizationPage};
use crate::pages::{AdminServicesPage, AdminTrainingsPage, TrainingsPage};
use crate::pages::{ApiTokensPage, CompanyUsersPage};
use crate::session::{provide_session, use_session};

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_session();
    let session = use_session();

    // Builds the (condition, redirect) pair of a route open to `allowed` stages (`None` = signed out).
    let guard = move |allowed: &'static [Option<SessionStage>]| {
        let condition = move || Some(allowed.contains(&session.stage()));
        let redirect = move || session.landing(session.stage());
        (condition, redirect)
    };
    let (signed_out, to_landing_1) = guard(&[None]);
    let (changing_password, to_landing_2) = guard(&[Some(SessionStage::ChangePassword), Some(SessionStage::Full)]);
    let (enrolling, to_landing_3) = guard(&[Some(SessionStage::EnrollMfa)]);
    let (verifying, to_landing_4) = guard(&[Some(SessionStage::VerifyMfa)]);
    let (full, to_landing_5) = guard(&[Some(SessionStage::Full)]);

    view! {
        <Router>
            <Shell>
                <Show when=move || !session.restoring() fallback=Restoring>
                <Routes fallback=NotFound>
                    <ProtectedRoute path=path!("/login") view=LoginPage condition=signed_out redirect_path=to_landing_1/>
                    <ProtectedRoute
                        path=path!("/password")
                        view=PasswordPage
                        condition=changing_password
                        redirect_path=to_landing_2
                    />
                    <ProtectedRoute
                        path=path!("/mfa/enroll")
                        view=MfaEnrollPage
                        condition=enrolling
                        redirect_path=to_landing_3
                    />
                    <ProtectedRoute
                        path=path!("/mfa/verify")
                        view=MfaVerifyPage
                        condition=verifying
                        redirect_path=to_landing_4
                    />
                    <ProtectedRoute path=path!("/") view=HomePage condition=full redirect_path=to_landing_5/>
                    // Signed-in pages; the API decides who may see what (customers get 403 on staff
                    // data and the reverse), and the page shows that answer.
                    <ProtectedRoute path=path!("/company") view=CompanyPage condition=full redirect_path=to_landing_5/>
                    <ProtectedRoute
                        path=path!("/company/tickets")
                        view=CompanyTicketsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/company/users")
                        view=CompanyUsersPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/me/api-tokens")
                        view=ApiTokensPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/services")
                        view=ServicesPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/services/:code/apply")
                        view=ApplyPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/applications")
                        view=ApplicationsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/applications/:id")
                        view=ApplicationPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/trainings")
                        view=TrainingsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/inquiries")
                        view=InquiriesPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    // Before `:id`, which would match "new" too.
                    <ProtectedRoute
                        path=path!("/inquiries/new")
                        view=NewInquiryPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/inquiries/:id")
                        view=InquiryPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/optimization")
                        view=OptimizationPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/aws-accounts")
                        view=AwsAccountsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/aws-accounts/:id/tools")
                        view=AwsToolsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/trainings")
                        view=AdminTrainingsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/services")
                        view=AdminServicesPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/applications")
                        view=AdminApplicationsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/applications/:id")
                        view=AdminApplicationPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/inquiries")
                        view=AdminInquiriesPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/inquiries/:id")
                        view=AdminInquiryPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/users")
                        view=AdminUsersPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/companies")
                        view=AdminCompaniesPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    // Before `:id`, which would match "new" too.
                    <ProtectedRoute
                        path=path!("/admin/companies/new")
                        view=OnboardPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/companies/:id")
                        view=CompanyDetailPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/companies/:id/optimization")
                        view=AdminOptimizationPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/companies/:id/aws-accounts/:account_id/tools")
                        view=AdminAwsToolsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/tool-settings")
                        view=AdminToolSettingsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/transactions")
                        view=AdminTransactionsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/thresholds")
                        view=AdminThresholdsPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                    <ProtectedRoute
                        path=path!("/admin/audit")
                        view=AdminAuditPage
                        condition=full
                        redirect_path=to_landing_5
                    />
                </Routes>
                </Show>
            </Shell>
        </Router>
    }
}
