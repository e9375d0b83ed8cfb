//! Lists link their neighbouring pages, in the body (`links`) and in an RFC 8288 `Link` header.

use portal_domain::admin::AdminUserPage;
use portal_domain::company::CompanyPage;
use portal_domain::paging::PageLinks;
use portal_domain::Role;
use reqwest::Response;

use crate::helpers::{ok_json, TestApp};

async fn page<T: serde::de::DeserializeOwned>(res: Response) -> (T, Option<String>) {
    let link = res.headers().get("link").map(|v| v.to_str().unwrap().to_owned());
    (ok_json(res).await, link)
}

fn links(next: Option<&str>, prev: Option<&str>) -> PageLinks {
    PageLinks { next: next.map(Into::into), prev: prev.map(Into::into) }
}

#[tokio::test]
async fn first_middle_and_last_pages_link_their_neighbours_keeping_the_other_parameters() {
    let app = TestApp::spawn().await;
    for i in 1..=5 {
        app.company(&format!("LINK{i}"), &format!("リンク {i}")).await;
    }
    app.company("OTHER", "ほか").await;
    let (_, admin) = app.staff(Role::Admin).await;
    let t = Some(admin.as_str());
    let base = "/api/v1/admin/companies?q=LINK";

    let (first, header): (CompanyPage, _) = page(app.get(&format!("{base}&per_page=2"), t).await).await;
    assert_eq!((first.total, first.items.len()), (5, 2));
    assert_eq!(first.links, links(Some("/api/v1/admin/companies?q=LINK&page=2&per_page=2"), None));
    assert_eq!(header.as_deref(), Some(r#"</api/v1/admin/companies?q=LINK&page=2&per_page=2>; rel="next""#));

    // The links lead where they say, in whatever order the parameters came.
    let (middle, header): (CompanyPage, _) =
        page(app.get("/api/v1/admin/companies?page=2&q=LINK&per_page=2", t).await).await;
    assert_eq!(middle.items.len(), 2);
    let next = "/api/v1/admin/companies?q=LINK&page=3&per_page=2";
    let prev = "/api/v1/admin/companies?q=LINK&page=1&per_page=2";
    assert_eq!(middle.links, links(Some(next), Some(prev)));
    assert_eq!(header, Some(format!(r#"<{next}>; rel="next", <{prev}>; rel="prev""#)));

    let (last, header): (CompanyPage, _) = page(app.get(next, t).await).await;
    assert_eq!(last.items.len(), 1);
    let prev = "/api/v1/admin/companies?q=LINK&page=2&per_page=2";
    assert_eq!(last.links, links(None, Some(prev)));
    assert_eq!(header, Some(format!(r#"<{prev}>; rel="prev""#)));

    // Past the end, prev leads back to the last page; a single page links nowhere.
    let (past, _): (CompanyPage, _) = page(app.get(&format!("{base}&page=9&per_page=2"), t).await).await;
    assert_eq!(past.links, links(None, Some("/api/v1/admin/companies?q=LINK&page=3&per_page=2")));
    let (all, header): (CompanyPage, _) = page(app.get(base, t).await).await;
    assert_eq!((all.total, all.links, header), (5, PageLinks::default(), None));

    // Other lists link the same way.
    app.user(Role::Csm, None).await;
    let (users, _): (AdminUserPage, _) = page(app.get("/api/v1/admin/users?per_page=1", t).await).await;
    assert_eq!(users.links, links(Some("/api/v1/admin/users?page=2&per_page=1"), None));
}

#[test]
fn a_page_from_a_server_without_links_still_reads() {
    let old = r#"{"items": [], "total": 0, "page": 1, "per_page": 20}"#;
    let page: CompanyPage = serde_json::from_str(old).unwrap();
    assert_eq!(page.links, PageLinks::default());
}
