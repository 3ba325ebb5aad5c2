//! Beside the map: the figures of what the pointer (or the keyboard focus) is on, and the
//! cases behind the activity or path clicked last.

use casemap_engine::discovery::cases::{CaseRow, CaseSort};
use casemap_engine::discovery::dfg::Node;
use casemap_engine::format;
use leptos::prelude::*;

use super::Hover;
use super::drawing::label_of;
use crate::analysis::MAP_CASE_ROWS;
use crate::context::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;

/// The figures of what the pointer is over.
#[component]
pub(super) fn Details(hover: RwSignal<Option<Hover>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let row = |label: String, value: String| {
        view! {
            <div class="detail-row">
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    move || {
        let hovered = hover.get()?;
        let lang = lang();
        state.analysis.map.with(|m| {
            let m = m.as_ref()?;
            let count = |n: u64| format::count(n, lang);
            let time = |s: f64| format::duration(s, lang);
            let (title, rows) = match hovered {
                Hover::Node(i) => {
                    let node = m.drawing.nodes.get(i)?;
                    let Node::Activity(id) = node.node else { return None };
                    let stats = m.dfg.activity(id)?;
                    let mut rows = vec![
                        row(t_string!(i18n, map.events).to_string(), count(stats.events)),
                        row(t_string!(i18n, map.cases).to_string(), count(stats.cases)),
                        row(t_string!(i18n, map.max_repetitions).to_string(), count(stats.max_repetitions)),
                    ];
                    if let Some(d) = stats.duration {
                        rows.push(row(t_string!(i18n, map.duration).to_string(), time(d.median)));
                        rows.push(row(t_string!(i18n, map.mean_duration).to_string(), time(d.mean)));
                    }
                    (node.name.clone(), rows)
                }
                Hover::Edge(i) => {
                    let drawn = m.drawing.edges.get(i)?;
                    let edge = m.dfg.edges.get(drawn.edge)?;
                    let mut rows = vec![
                        row(t_string!(i18n, map.frequency_label).to_string(), count(edge.frequency)),
                        row(t_string!(i18n, map.cases).to_string(), count(edge.cases)),
                        row(t_string!(i18n, map.max_repetitions).to_string(), count(edge.max_repetitions)),
                    ];
                    if let Some(w) = edge.waiting {
                        rows.push(row(t_string!(i18n, map.median_wait).to_string(), time(w.median)));
                        rows.push(row(t_string!(i18n, map.mean_wait).to_string(), time(w.mean)));
                        rows.push(row(t_string!(i18n, map.max_wait).to_string(), time(w.max)));
                        rows.push(row(t_string!(i18n, map.total_wait).to_string(), time(w.total)));
                    }
                    (format!("{} → {}", label_of(i18n, &drawn.from), label_of(i18n, &drawn.to)), rows)
                }
            };
            Some(view! {
                <div class="map-details" data-testid="map-details">
                    <p class="map-details-title">{title}</p>
                    <dl>{rows}</dl>
                </div>
            })
        })
    }
}

/// The cases behind the activity or path clicked last: beside the map (under it on a phone),
/// the longest first or by id, with their durations, a few at a time.
#[component]
pub(super) fn CaseListPanel() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let cases = state.analysis.cases;
    move || {
        cases.with(|list| {
            let list = list.as_ref()?;
            let filter = list.filter.clone();
            let sort = list.query.sort;
            let rows = list.page.as_ref().map(|p| p.rows.clone());
            let total = list.page.as_ref().map(|p| p.total);
            let more = list.page.as_ref().is_some_and(|p| (p.rows.len() as u64) < p.total);
            let sort_button = move |key: CaseSort, label: String| {
                view! {
                    <button
                        type="button"
                        aria-pressed=(sort == key).to_string()
                        on:click=move |_| {
                            state
                                .edit_map_cases(|q| {
                                    q.sort = key;
                                    q.descending = key == CaseSort::Duration;
                                })
                        }
                    >
                        {label}
                    </button>
                }
            };
            Some(view! {
                <aside class="map-cases" data-testid="map-cases">
                    <div class="map-cases-head">
                        <p class="map-cases-title">{list.title.clone()}</p>
                        <button
                            type="button"
                            class="icon-button"
                            aria-label=move || t_string!(i18n, map.close).to_string()
                            on:click=move |_| cases.set(None)
                        >
                            "×"
                        </button>
                    </div>
                    <p class="muted" data-testid="map-cases-total">
                        {move || {
                            total
                                .map(|total| {
                                    t_string!(i18n, cases.found, count = total, total = format::count(total, lang()))
                                        .to_string()
                                })
                        }}
                    </p>
                    {filter
                        .map(|filter| {
                            let filter = StoredValue::new(filter);
                            view! {
                                <button
                                    type="button"
                                    class="button button-secondary button-small"
                                    data-testid="map-cases-filter"
                                    on:click=move |_| {
                                        cases.set(None);
                                        state.add_filter(filter.get_value());
                                    }
                                >
                                    {t!(i18n, map.keep_these)}
                                </button>
                            }
                        })}
                    <div
                        class="segmented map-cases-sort"
                        role="group"
                        aria-label=move || t_string!(i18n, map.cases_order).to_string()
                    >
                        {sort_button(CaseSort::Duration, t_string!(i18n, map.longest_first).to_string())}
                        {sort_button(CaseSort::Id, t_string!(i18n, map.by_id).to_string())}
                    </div>
                    {rows.map(|rows| view! { <CaseRows rows /> })}
                    {more
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="button button-secondary button-small"
                                    data-testid="map-cases-more"
                                    on:click=move |_| state.edit_map_cases(|q| q.limit += MAP_CASE_ROWS)
                                >
                                    {t!(i18n, map.more_cases)}
                                </button>
                            }
                        })}
                </aside>
            })
        })
    }
}

/// The rows of the map's case list: each case opens its timeline.
#[component]
fn CaseRows(rows: Vec<CaseRow>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    view! {
        <table class="map-cases-table" data-testid="map-cases-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, cases.col_id)}</th>
                    <th scope="col" class="numeric">
                        {t!(i18n, cases.duration)}
                    </th>
                    <th scope="col" class="numeric">
                        {t!(i18n, cases.events)}
                    </th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let id = row.id.clone();
                        view! {
                            <tr data-testid="map-case-row">
                                <td>
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| state.show_case(id.clone())
                                    >
                                        {row.id.clone()}
                                    </button>
                                </td>
                                <td class="numeric" data-testid="map-case-duration">
                                    {move || format::duration(row.duration_s, lang())}
                                </td>
                                <td class="numeric">{move || format::count(row.events, lang())}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
