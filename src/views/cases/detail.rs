//! The case clicked in the list: its timeline of activities, agents and waits, and its
//! attributes.

use casemap_engine::discovery::cases::CaseDetail;
use casemap_engine::format::{self, Lang};
use leptos::html::H2;
use leptos::prelude::*;

use super::time::time_parts;
use crate::context::use_lang;
use crate::i18n::*;
use crate::names::label_of_column;
use crate::state::use_app_state;

/// The case chosen, above the list, with a way back to the list.
#[component]
pub(super) fn CaseDetailPanel() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let analysis = state.analysis;
    let close = move |_| {
        let id = analysis.case.with_untracked(|c| c.as_ref().map(|(id, _)| id.clone()));
        analysis.case.set(None);
        // Back to the row of the case, when the page shows it.
        if let Some(id) = id
            && let Some(row) = document().query_selector_all("[data-testid=case-row]").ok().and_then(|rows| {
                (0..rows.length()).filter_map(|i| rows.item(i)).find(|node| {
                    use wasm_bindgen::JsCast;
                    node.dyn_ref::<web_sys::Element>().and_then(|e| e.get_attribute("data-case")) == Some(id.clone())
                })
            })
        {
            use wasm_bindgen::JsCast;
            if let Some(row) = row.dyn_ref::<web_sys::HtmlElement>() {
                let _ = row.focus();
            }
        }
    };
    view! {
        <div class="case-detail" data-testid="case-detail-panel">
            <button type="button" class="link-button case-close" data-testid="case-close" on:click=close>
                {t!(i18n, cases.back_to_list)}
            </button>
            {move || {
                analysis
                    .case
                    .with(|shown| {
                        let (id, detail) = shown.as_ref()?;
                        Some(
                            match detail {
                                None => view! { <p class="muted">{t!(i18n, cases.loading)}</p> }.into_any(),
                                Some(None) => {
                                    let id = id.clone();
                                    view! {
                                        <p class="notice notice-warning" data-testid="case-missing">
                                            {move || t_string!(i18n, cases.not_found, id = id.clone()).to_string()}
                                        </p>
                                    }
                                        .into_any()
                                }
                                Some(Some(case)) => view! { <CaseTimeline case=case.clone() lang=lang() /> }.into_any(),
                            },
                        )
                    })
            }}
        </div>
    }
}

#[component]
fn CaseTimeline(case: CaseDetail, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let choices = use_app_state().analysis.choices;
    let label = move |column: &str| choices.with(|c| label_of_column(i18n, c.as_ref(), column));
    let has_start = case.events.iter().any(|e| e.duration_s.is_some());
    let events = case.events.len() as u64;
    let rows = case
        .events
        .into_iter()
        .map(|e| {
            let attributes = e.attributes.clone();
            let attributes =
                move || attributes.iter().map(|(k, v)| format!("{}: {v}", label(k))).collect::<Vec<_>>().join(" · ");
            let any = !e.attributes.is_empty();
            view! {
                <tr data-testid="case-event">
                    <td class="num case-time">{time_parts(&e.time)}</td>
                    <td class="case-activity">
                        <span>{e.activity}</span>
                        {any
                            .then(|| {
                                view! {
                                    <span class="case-attributes muted" data-testid="case-event-attributes">
                                        {attributes}
                                    </span>
                                }
                            })}
                    </td>
                    <td>{e.resource.unwrap_or_default()}</td>
                    <td class="num">{e.wait_s.map(|w| format::duration(w, lang)).unwrap_or_default()}</td>
                    {has_start
                        .then(|| {
                            view! {
                                <td class="num">
                                    {e.duration_s.map(|d| format::duration(d, lang)).unwrap_or_default()}
                                </td>
                            }
                        })}
                </tr>
            }
        })
        .collect_view();
    let facts = case
        .attributes
        .into_iter()
        .map(|(k, v)| {
            view! {
                <div class="fact" data-testid="case-fact">
                    <dt>{move || label(&k)}</dt>
                    <dd title=v.clone()>{v.clone()}</dd>
                </div>
            }
        })
        .collect_view();
    // The heading takes the focus: the timeline is what the click asked for. The panel, with
    // its way back to the list, comes into view.
    let heading = NodeRef::<H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
            if let Ok(Some(panel)) = h.closest(".case-detail") {
                panel.scroll_into_view();
            }
        }
    });
    view! {
        <div data-testid="case-detail">
            <h2 class="panel-title" data-testid="case-title" tabindex="-1" node_ref=heading>
                {case.id}
            </h2>
            <dl class="facts">
                <div class="fact">
                    <dt>{t!(i18n, cases.duration)}</dt>
                    <dd data-testid="case-duration">{format::duration(case.duration_s, lang)}</dd>
                </div>
                <div class="fact">
                    <dt>{t!(i18n, cases.events)}</dt>
                    <dd>{format::count(events, lang)}</dd>
                </div>
                {facts}
            </dl>
            <div class="table-scroll">
                <table class="table case-table">
                    <thead>
                        <tr>
                            <th>{t!(i18n, cases.time)}</th>
                            <th>{t!(i18n, cases.activity)}</th>
                            <th>{t!(i18n, cases.agent)}</th>
                            <th class="num">{t!(i18n, cases.wait)}</th>
                            {has_start.then(|| view! { <th class="num">{t!(i18n, cases.took)}</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}
