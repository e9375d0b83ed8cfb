//! The main navigation under the top bar, by role: customers get their company pages, staff the
//! admin pages. Shown only to fully signed-in users; it asks `/me` again whenever the session stage
//! changes (a different user may have signed in).

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_domain::auth::{Me, SessionStage};

use crate::api;
use crate::i18n::{
    t, CompanyMsg as C, InquiryMsg as Q, Msg, OptimizationMsg as O, ServiceMsg as V, StaffMsg as S, TrainingMsg as T,
    UserMsg as U,
};
use crate::session::use_session;

#[component]
pub fn Nav() -> impl IntoView {
    let session = use_session();
    let me = LocalResource::new(move || {
        let full = session.stage() == Some(SessionStage::Full);
        async move {
            if full {
                api::me(session).await.ok()
            } else {
                None
            }
        }
    });
    move || me.get().flatten().map(|me: Me| nav_for(me.role.is_staff()))
}

fn nav_for(staff: bool) -> impl IntoView {
    #[cfg_attr(all(feature = "signin", not(feature = "staff")), allow(unused_mut))]
    let mut items: Vec<(&'static str, Msg, &'static str)> = if staff {
        vec![
            ("/", Msg::Home, "nav-home"),
            ("/admin/companies", S::NavAdminCompanies.into(), "nav-admin-companies"),
            ("/admin/companies/new", S::NavOnboard.into(), "nav-onboard"),
            ("/admin/applications", V::NavQueue.into(), "nav-queue"),
            ("/admin/inquiries", Q::NavInquiries.into(), "nav-inquiries"),
            ("/admin/services", T::NavAdminServices.into(), "nav-admin-services"),
            ("/admin/trainings", T::NavAdminTrainings.into(), "nav-admin-trainings"),
            ("/admin/transactions", S::NavTransactions.into(), "nav-transactions"),
            ("/admin/thresholds", S::NavThresholds.into(), "nav-thresholds"),
            ("/admin/audit", S::NavAudit.into(), "nav-audit"),
            ("/admin/users", Msg::AdminUsersLink, "nav-admin-users"),
        ]
    } else {
        vec![
            ("/", Msg::Home, "nav-home"),
            ("/company", C::NavCompany.into(), "nav-company"),
            ("/company/tickets", C::NavTickets.into(), "nav-tickets"),
            ("/services", V::NavServices.into(), "nav-services"),
            ("/applications", V::NavApplications.into(), "nav-applications"),
            ("/trainings", T::NavTrainings.into(), "nav-trainings"),
            ("/inquiries", Q::NavInquiries.into(), "nav-inquiries"),
            ("/optimization", O::NavOptimization.into(), "nav-optimization"),
            ("/company/users", U::NavUsers.into(), "nav-users"),
            ("/me/api-tokens", U::NavTokens.into(), "nav-api-tokens"),
        ]
    };
    // The AWS tools' texts are not in the sign-in bundle (nobody is fully signed in there for long).
    #[cfg(any(feature = "staff", not(feature = "signin")))]
    {
        use crate::i18n::AwsToolsMsg as A;
        let (after, item) = if staff {
            ("nav-admin-services", ("/admin/tool-settings", A::NavToolSettings.into(), "nav-tool-settings"))
        } else {
            ("nav-optimization", ("/aws-accounts", A::NavTools.into(), "nav-aws-tools"))
        };
        let at = items.iter().position(|(_, _, id)| *id == after).map_or(items.len(), |i| i + 1);
        items.insert(at, item);
    }
    let location = use_location();
    let i18n = crate::i18n::use_i18n();
    view! {
        <nav class="mainnav" aria-label=move || i18n.t(Msg::MainNavLabel)>
            {items
                .into_iter()
                .map(|(href, label, testid)| {
                    let current = move || {
                        let path = location.pathname.get();
                        let here = path == href
                            || (matches!(
                            href,
                            "/admin/companies"
                                | "/services"
                                | "/applications"
                                | "/admin/applications"
                                | "/inquiries"
                                | "/admin/inquiries"
                                | "/aws-accounts"
                        )
                                && path.starts_with(&format!("{href}/"))
                                && path != "/admin/companies/new");
                        here.then_some("page")
                    };
                    view! {
                        <a href=href data-testid=testid aria-current=current>{t(label)}</a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
