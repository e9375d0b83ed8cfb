//! A rank as a coloured badge. Rank names are the same in both languages.

use leptos::prelude::*;
use portal_domain::Rank;

#[component]
pub fn RankBadge(rank: Rank, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    let class = format!("rank rank-{}", rank.as_str().to_ascii_lowercase());
    view! { <span class=class data-testid=testid data-rank=rank.as_str()>{rank.as_str()}</span> }
}
