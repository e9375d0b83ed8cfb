//! Links between the pages of a list.

use serde::{Deserialize, Serialize};

/// The neighbouring pages of a list as relative URLs that keep its other query parameters, e.g.
/// `/api/v1/admin/companies?q=x&page=3&per_page=20`; null at either end. The same links are in the
/// response's RFC 8288 `Link` header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PageLinks {
    /// The next page; null on the last one.
    pub next: Option<String>,
    /// The previous page (the last one when `page` is past the end); null on the first.
    pub prev: Option<String>,
}
