//! One file per operation; `configure` registers them all, and utoipa-actix-web documents exactly
//! what is registered.

pub mod admin;
pub mod api_tokens;
pub mod attachments;
pub mod auth;
pub mod company;
pub mod health;
pub mod me;
pub mod services;
pub mod trainings;

use actix_web::body::BoxBody;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, Responder};
use portal_domain::admin::AdminUserPage;
use portal_domain::company::{AuditPage, CompanyPage, LedgerPage};
use portal_domain::paging::PageLinks;
use portal_domain::ErrorCode;
use serde::Serialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Everything under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(auth::login::login)
        .service(auth::mfa_verify::verify_mfa)
        .service(auth::refresh::refresh_session)
        .service(auth::logout::logout)
        .service(auth::password::change_password)
        .service(auth::mfa_enroll::enroll_mfa)
        .service(auth::mfa_enroll::confirm_mfa_enrollment)
        .service(me::get_me)
        .service(me::my_sign_ins)
        .service(admin::users::list_users)
        .service(admin::users::reset_user_credentials)
        .service(company::overview::get_company)
        .service(company::tickets::list_tickets)
        .service(company::tickets::download_tickets_csv)
        .service(company::tickets::get_ticket)
        .service(company::aws_accounts::list_aws_accounts)
        .service(company::aws_accounts::get_aws_account)
        .service(company::aws_tools::get_role_setup)
        .service(company::aws_tools::download_cloudformation)
        .service(company::aws_tools::set_role)
        .service(company::aws_tools::test_connection)
        .service(company::aws_tools::get_trusted_advisor)
        .service(company::aws_tools::fetch_trusted_advisor)
        .service(company::aws_tools::get_check)
        .service(company::aws_tools::download_check_csv)
        .service(company::aws_tools::fetch_check)
        .service(company::aws_tools::refresh_check)
        .service(company::aws_tools::get_cost)
        .service(company::aws_tools::fetch_cost)
        .service(admin::aws_tools::staff_role_setup)
        .service(admin::aws_tools::staff_trusted_advisor)
        .service(admin::aws_tools::staff_fetch_trusted_advisor)
        .service(admin::aws_tools::staff_check)
        .service(admin::aws_tools::staff_check_csv)
        .service(admin::aws_tools::staff_cost)
        .service(admin::aws_tools::list_tool_settings)
        .service(admin::aws_tools::update_tool_setting)
        .service(admin::aws_tools::attach_evidence)
        .service(admin::aws_tools::staff_list_evidence)
        .service(company::aws_tools::list_evidence)
        .service(admin::companies::onboard::onboard_company)
        .service(admin::companies::list::list_companies)
        .service(admin::companies::detail::get_company_detail)
        .service(admin::companies::aws_accounts::link_aws_account)
        .service(admin::companies::rank_override::override_rank)
        .service(admin::companies::tickets::adjust_tickets)
        .service(admin::companies::tickets::list_company_tickets)
        .service(admin::transactions::import_transactions)
        .service(admin::thresholds::list_thresholds)
        .service(admin::thresholds::update_thresholds)
        .service(admin::rollover::run_rollover)
        .service(admin::audit::list_audit)
        .service(services::list_services)
        .service(company::applications::apply)
        .service(company::applications::list_applications)
        .service(company::applications::get_application)
        .service(company::applications::cancel_application)
        .service(admin::applications::queue)
        .service(admin::applications::get_application_for_staff)
        .service(admin::applications::transition)
        .service(admin::applications::update_service)
        .service(company::applications::list_messages)
        .service(company::applications::post_message)
        .service(company::applications::pick_slot)
        .service(admin::applications::staff_messages)
        .service(admin::applications::staff_post_message)
        .service(admin::applications::propose_slots)
        .service(admin::applications::deliver_report)
        .service(admin::applications::set_checklist_item)
        .service(admin::applications::assign)
        .service(attachments::customer_upload)
        .service(attachments::customer_download)
        .service(attachments::staff_upload)
        .service(attachments::staff_download)
        .service(trainings::list_trainings)
        .service(trainings::book_training)
        .service(trainings::cancel_booking)
        .service(trainings::create_training)
        .service(company::users::list_company_users)
        .service(company::users::create_company_user)
        .service(company::users::get_company_user)
        .service(company::users::update_company_user)
        .service(company::users::delete_company_user)
        .service(company::users::disable_company_user)
        .service(company::users::enable_company_user)
        .service(api_tokens::list_api_tokens)
        .service(api_tokens::create_api_token)
        .service(api_tokens::revoke_api_token)
        .service(company::inquiries::open_inquiry)
        .service(company::inquiries::list_inquiries)
        .service(company::inquiries::get_inquiry)
        .service(company::inquiries::list_inquiry_messages)
        .service(company::inquiries::post_inquiry_message)
        .service(company::inquiries::close_inquiry)
        .service(company::inquiries::reopen_inquiry)
        .service(company::inquiries::upload_inquiry_attachment)
        .service(company::inquiries::download_inquiry_attachment)
        .service(admin::inquiries::inquiry_inbox)
        .service(admin::inquiries::get_inquiry_for_staff)
        .service(admin::inquiries::staff_inquiry_messages)
        .service(admin::inquiries::answer_inquiry)
        .service(admin::inquiries::staff_close_inquiry)
        .service(admin::inquiries::assign_inquiry)
        .service(admin::inquiries::staff_upload_inquiry_attachment)
        .service(admin::inquiries::staff_download_inquiry_attachment)
        .service(company::optimization::get_optimization)
        .service(company::optimization::post_optimization_message)
        .service(company::optimization::pick_optimization_slot)
        .service(company::optimization::list_proposals)
        .service(company::optimization::get_proposal)
        .service(company::optimization::agree_proposal)
        .service(company::optimization::decline_proposal)
        .service(company::optimization::list_proposal_comments)
        .service(company::optimization::comment_on_proposal)
        .service(company::optimization::get_optimization_history)
        .service(admin::optimization::assign_csm)
        .service(admin::optimization::get_company_optimization)
        .service(admin::optimization::open_engagement)
        .service(admin::optimization::staff_post_optimization_message)
        .service(admin::optimization::staff_list_proposals)
        .service(admin::optimization::create_proposal)
        .service(admin::optimization::staff_optimization_history)
        .service(admin::optimization::staff_get_proposal)
        .service(admin::optimization::transition_proposal)
        .service(admin::optimization::measure_proposal)
        .service(admin::optimization::staff_proposal_comments)
        .service(admin::optimization::staff_comment_on_proposal);
}

/// Far beyond any real list; keeps `(page - 1) * per_page` from overflowing.
const MAX_PAGE: u64 = 1_000_000;

/// Validated paging parameters.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::IntoParams)]
pub struct Paging {
    /// 1-based page number (default 1).
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u64>,
    /// Items per page, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u64>,
}

impl Paging {
    pub fn resolve(self) -> Result<(u64, u64), crate::error::ApiError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(20);
        if page == 0 || page > MAX_PAGE {
            return Err(crate::error::ApiError::field(
                "page",
                ErrorCode::OutOfRange,
                format!("page must be 1..={MAX_PAGE}"),
            ));
        }
        if per_page == 0 || per_page > 100 {
            return Err(crate::error::ApiError::field("per_page", ErrorCode::OutOfRange, "per_page must be 1..=100"));
        }
        Ok((page, per_page))
    }
}

/// Links to the pages before and after `page` of the list `req` asked for: its path and query with
/// `page` and `per_page` (always explicit) replaced and every other parameter kept as sent. Past
/// the end, `prev` leads back to the last page, so a client that overshot can recover.
pub fn page_links(req: &HttpRequest, page: u64, per_page: u64, total: u64) -> PageLinks {
    let last = total.div_ceil(per_page.max(1)).max(1);
    let kept: Vec<&str> = req
        .query_string()
        .split('&')
        .filter(|pair| {
            let key = form_urlencoded::parse(pair.as_bytes()).next().map(|(k, _)| k);
            key.is_some_and(|k| k != "page" && k != "per_page")
        })
        .collect();
    let link = |p: u64| {
        let mut query = kept.join("&");
        if !query.is_empty() {
            query.push('&');
        }
        format!("{}?{query}page={p}&per_page={per_page}", req.path())
    };
    PageLinks { next: (page < last).then(|| link(page + 1)), prev: (page > 1).then(|| link((page - 1).min(last))) }
}

/// The RFC 8288 `Link` header value of `links`, if there is a neighbour.
fn link_header(links: &PageLinks) -> Option<String> {
    let rels = [(&links.next, "next"), (&links.prev, "prev")];
    let parts: Vec<String> =
        rels.iter().filter_map(|(url, rel)| url.as_ref().map(|u| format!("<{u}>; rel=\"{rel}\""))).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A page of a list with its links.
pub trait Linked {
    fn links(&self) -> &PageLinks;
}

macro_rules! linked {
    ($($page:ty),*) => {$(
        impl Linked for $page {
            fn links(&self) -> &PageLinks {
                &self.links
            }
        }
    )*};
}
linked!(
    LedgerPage,
    CompanyPage,
    AuditPage,
    AdminUserPage,
    portal_domain::services::ApplicationPage,
    portal_domain::users::CompanyUserPage,
    portal_domain::inquiries::InquiryPage
);

/// A list page as the answer: the JSON body, with its `links` repeated in a `Link` header for
/// clients that follow links without reading the body.
pub struct Paged<T>(pub T);

impl<T: Serialize + Linked> Responder for Paged<T> {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        let mut res = HttpResponse::Ok();
        if let Some(link) = link_header(self.0.links()) {
            res.insert_header((header::LINK, link));
        }
        res.json(self.0)
    }
}

/// The `Link` header as the OpenAPI document describes it on every list (see `openapi`).
pub const LINK_HEADER_DOC: &str = "RFC 8288 links to the next and previous pages (`rel=\"next\"`, `rel=\"prev\"`), the same as `links`; absent when there is neither";

/// Parses a body field that must be present and non-blank.
pub(crate) fn required<'a>(field: &str, value: &'a str) -> Result<&'a str, crate::error::ApiError> {
    let v = value.trim();
    if v.is_empty() {
        Err(crate::error::ApiError::field(field, ErrorCode::Required, format!("{field} is required")))
    } else {
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn links(uri: &str, page: u64, per_page: u64, total: u64) -> PageLinks {
        page_links(&TestRequest::get().uri(uri).to_http_request(), page, per_page, total)
    }

    #[test]
    fn links_keep_the_other_parameters_and_replace_the_paging() {
        let l = links("/api/v1/admin/companies?q=x&page=2&rank=GOLD&per_page=20", 2, 20, 100);
        assert_eq!(l.next.as_deref(), Some("/api/v1/admin/companies?q=x&rank=GOLD&page=3&per_page=20"));
        assert_eq!(l.prev.as_deref(), Some("/api/v1/admin/companies?q=x&rank=GOLD&page=1&per_page=20"));
        // Percent-encoding is kept as sent, and the default page size is made explicit.
        let l = links("/api/v1/admin/users?q=blue%20sky", 1, 20, 21);
        assert_eq!(l.next.as_deref(), Some("/api/v1/admin/users?q=blue%20sky&page=2&per_page=20"));
        assert_eq!(l.prev, None);
    }

    #[test]
    fn the_ends_have_no_link_beyond_them() {
        assert_eq!(links("/l", 1, 20, 0), PageLinks::default());
        assert_eq!(links("/l", 1, 20, 20), PageLinks::default());
        let last = links("/l?page=3&per_page=2", 3, 2, 5);
        assert_eq!((last.next, last.prev.as_deref()), (None, Some("/l?page=2&per_page=2")));
        let past = links("/l?page=9&per_page=2", 9, 2, 5);
        assert_eq!((past.next, past.prev.as_deref()), (None, Some("/l?page=3&per_page=2")));
    }

    #[test]
    fn the_link_header_lists_next_then_prev() {
        let l = PageLinks { next: Some("/l?page=3".into()), prev: Some("/l?page=1".into()) };
        assert_eq!(link_header(&l).as_deref(), Some(r#"</l?page=3>; rel="next", </l?page=1>; rel="prev""#));
        assert_eq!(link_header(&PageLinks::default()), None);
    }
}
