//! Single cases: find a case by its id, and see its timeline: activities, agents, waits and
//! attributes.

use casemap_engine::discovery::cases::{CaseDetail, CaseQuery};
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;

/// `2024-01-05T10:22:00Z` -> `2024-01-05 10:22:00` (the log's own clock; no zone games).
fn readable_time(iso: &str) -> String {
    iso.trim_end_matches('Z').replacen('T', " ", 1)
}

/// The cases view.
#[component]
pub fn CasesView() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let analysis = state.analysis;
    let query = RwSignal::new(String::new());
    let search = move || {
        let text = query.get_untracked();
        let title = t_string!(i18n, cases.matching, text = text.clone()).to_string();
        state.find_cases(title, CaseQuery { id_contains: text, ..CaseQuery::default() }, None);
    };
    view! {
        <section class="panel cases-view" data-testid="cases-view">
            <form
                class="case-search"
                on:submit=move |event| {
                    event.prevent_default();
                    search();
                }
            >
                <label class="field">
                    <span>{t!(i18n, cases.search)}</span>
                    <input
                        type="search"
                        data-testid="case-search"
                        placeholder=move || t_string!(i18n, cases.placeholder).to_string()
                        prop:value=move || query.get()
                        on:input=move |event| query.set(event_target_value(&event))
                    />
                </label>
                <button type="submit" class="button button-primary" data-testid="case-search-go">{t!(i18n, cases.find)}</button>
            </form>
            <div class="cases-body">
                <div class="case-list" data-testid="case-list">
                    {move || {
                        analysis.cases.with(|list| match list {
                            None => view! { <p class="muted">{t!(i18n, cases.prompt)}</p> }.into_any(),
                            Some(list) => {
                                let total = list.total;
                                let ids = list.ids.clone();
                                let shown = ids.len() as u64;
                                view! {
                                    <p class="case-list-title">{list.title.clone()}</p>
                                    <p class="muted" data-testid="case-list-total">
                                        {move || {
                                            if total == 0 {
                                                t_string!(i18n, cases.none).to_string()
                                            } else if shown < total {
                                                format!(
                                                    "{} · {}",
                                                    t_string!(i18n, cases.found, total = format::count(total, lang())),
                                                    t_string!(i18n, cases.first, shown = format::count(shown, lang())),
                                                )
                                            } else {
                                                t_string!(i18n, cases.found, total = format::count(total, lang())).to_string()
                                            }
                                        }}
                                    </p>
                                    <ul class="case-ids">
                                        {ids
                                            .into_iter()
                                            .map(|id| {
                                                let shown = id.clone();
                                                let current = id.clone();
                                                view! {
                                                    <li>
                                                        <button
                                                            type="button"
                                                            class="link-button"
                                                            class:current=move || analysis.case.with(|c| c.as_ref().is_some_and(|(i, _)| *i == current))
                                                            on:click=move |_| state.show_case(id.clone())
                                                        >
                                                            {shown}
                                                        </button>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }
                        })
                    }}
                </div>
                <div class="case-detail">
                    {move || {
                        analysis.case.with(|shown| {
                            let (id, detail) = shown.as_ref()?;
                            Some(match detail {
                                None => view! { <p class="muted">{t!(i18n, cases.loading)}</p> }.into_any(),
                                Some(None) => {
                                    let id = id.clone();
                                    view! { <p class="notice notice-warning" data-testid="case-missing">{move || t_string!(i18n, cases.not_found, id = id.clone()).to_string()}</p> }.into_any()
                                }
                                Some(Some(case)) => view! { <CaseTimeline case=case.clone() lang=lang() /> }.into_any(),
                            })
                        })
                    }}
                </div>
            </div>
        </section>
    }
}

#[component]
fn CaseTimeline(case: CaseDetail, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let has_start = case.events.iter().any(|e| e.duration_s.is_some());
    let events = case.events.len() as u64;
    let rows = case
        .events
        .into_iter()
        .map(|e| {
            let attributes = e.attributes.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(" · ");
            view! {
                <tr data-testid="case-event">
                    <td class="num nowrap">{readable_time(&e.time)}</td>
                    <td class="case-activity">
                        <span>{e.activity}</span>
                        {(!attributes.is_empty()).then(|| view! { <span class="case-attributes muted">{attributes}</span> })}
                    </td>
                    <td>{e.resource.unwrap_or_default()}</td>
                    <td class="num">{e.wait_s.map(|w| format::duration(w, lang)).unwrap_or_default()}</td>
                    {has_start.then(|| view! { <td class="num">{e.duration_s.map(|d| format::duration(d, lang)).unwrap_or_default()}</td> })}
                </tr>
            }
        })
        .collect_view();
    let attributes = case.attributes;
    view! {
        <div data-testid="case-detail">
            <h2 class="panel-title" data-testid="case-title">{case.id}</h2>
            <dl class="facts">
                <div class="fact"><dt>{t!(i18n, cases.duration)}</dt><dd data-testid="case-duration">{format::duration(case.duration_s, lang)}</dd></div>
                <div class="fact"><dt>{t!(i18n, cases.events)}</dt><dd>{format::count(events, lang)}</dd></div>
                {attributes
                    .into_iter()
                    .map(|(k, v)| view! { <div class="fact"><dt>{k}</dt><dd title=v.clone()>{v.clone()}</dd></div> })
                    .collect_view()}
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
