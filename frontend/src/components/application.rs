//! One application as both sides see it (R4.6): its state, the terms it was made under, the
//! hearing sheet, and the timeline (who, when, from → to, note; JST).

use leptos::prelude::*;
use portal_domain::services::{ApplicationState, ApplicationView};

use super::TableScroll;
use crate::format::jst_minute;
use crate::i18n::{t, use_i18n, Lang, ServiceMsg as V};

/// The state in words, as a badge (`data-state` for tests and styles).
#[component]
pub fn StateBadge(state: ApplicationState) -> impl IntoView {
    view! {
        <span class=format!("state state-{}", state.as_str()) data-testid="application-state" data-state=state.as_str()>
            {t(V::for_state(state))}
        </span>
    }
}

/// The application's name in `lang`.
pub fn application_name(a: &ApplicationView, lang: Lang) -> String {
    match lang {
        Lang::Ja => a.service_name_ja.clone(),
        Lang::En => a.service_name_en.clone(),
    }
}

/// `children`: more rows (`<dt>`/`<dd>`) of the same list, e.g. [`super::ReportChannelFacts`].
#[component]
pub fn ApplicationTerms(app: ApplicationView, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let i18n = use_i18n();
    let a = app;
    let cost = a.ticket_cost;
    let row = |label: V, value: Option<String>| {
        value.filter(|v| !v.is_empty()).map(|v| view! { <dt>{t(label)}</dt><dd>{v}</dd> })
    };
    let sheet = a.hearing_sheet.clone();
    view! {
        <dl class="facts" data-testid="application-terms">
            <dt>{t(V::ColState)}</dt>
            <dd><StateBadge state=a.state/></dd>
            <dt>{t(V::ColCost)}</dt>
            <dd data-testid="application-cost">{move || crate::i18n::Msg::from(V::TicketsN).fill(i18n.lang(), &[("n", &cost.to_string())])}</dd>
            <dt>{t(V::ColApplied)}</dt>
            <dd>{jst_minute(a.created_at)}</dd>
            {row(V::AppliedBy, Some(a.created_by.clone()))}
            {row(V::AwsAccount, a.aws_account_id.clone())}
            {row(V::PreferredSchedule, a.preferred_schedule.clone())}
            {row(V::Notes, a.notes.clone())}
            {children.map(|c| c())}
        </dl>
        {sheet.map(|s| {
            view! {
                <h2>{t(V::HearingSheet)}</h2>
                <dl class="facts" data-testid="hearing-sheet">
                    <dt>{t(V::Target)}</dt><dd>{s.target}</dd>
                    <dt>{t(V::Actions)}</dt><dd>{s.actions}</dd>
                    <dt>{t(V::WindowStart)}</dt><dd>{s.window_start.to_string()}</dd>
                    <dt>{t(V::WindowEnd)}</dt><dd>{s.window_end.to_string()}</dd>
                    <dt>{t(V::PreWork)}</dt><dd>{s.pre_work}</dd>
                </dl>
            }
        })}
    }
}

#[component]
pub fn Timeline(app: ApplicationView) -> impl IntoView {
    view! {
        <h2>{t(V::Timeline)}</h2>
        <TableScroll label=V::Timeline>
            <table class="data" data-testid="timeline">
                <thead>
                    <tr>
                        <th>{t(V::ColWhen)}</th>
                        <th>{t(V::ColWho)}</th>
                        <th>{t(V::ColChange)}</th>
                        <th>{t(V::ColNote)}</th>
                    </tr>
                </thead>
                <tbody>
                    {app
                        .timeline
                        .into_iter()
                        .map(|e| {
                            view! {
                                <tr data-testid="timeline-row" data-to=e.to_state.as_str()>
                                    <td class="nowrap">{jst_minute(e.at)}</td>
                                    <td>{e.actor}</td>
                                    <td>
                                        {e.from_state.map(|f| view! { {t(V::for_state(f))}" → " })}
                                        {t(V::for_state(e.to_state))}
                                    </td>
                                    <td>{e.note.unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
