//! The filter chain above every view: one removable chip per step with the cases left after
//! it, and the editor that adds steps ([`crate::views::filter_editor`]). Clicks on the map, on
//! chart rows and on variants add steps too (and say so in a toast). Columns are named by
//! their meaning ([`crate::names`]), never by an internal key.

use casemap_engine::filter::{Filter, Presence, TimeMode};
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::names::label_of_column;
use crate::protocol::FilterChoices;
use crate::state::use_app_state;
use crate::views::filter_editor::FilterEditor;

type I18n = leptos_i18n::I18nContext<Locale>;

fn list(values: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = values.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if values.len() > SHOWN {
        text.push_str(&format!(" +{}", values.len() - SHOWN));
    }
    text
}

fn day(iso: &str) -> String {
    iso.trim_end_matches('Z').replacen('T', " ", 1).trim_end_matches(" 00:00:00").to_owned()
}

/// A step of the chain in words; `choices` tell which column has which meaning.
pub fn describe(i18n: I18n, filter: &Filter, lang: Lang, choices: Option<&FilterChoices>) -> String {
    match filter {
        Filter::TimeFrame { from, to, mode } => {
            let (from, to) = (day(from), day(to));
            match mode {
                TimeMode::Contained => t_string!(i18n, filters.d_contained, from = from, to = to),
                TimeMode::Intersecting => t_string!(i18n, filters.d_intersecting, from = from, to = to),
                TimeMode::Started => t_string!(i18n, filters.d_started, from = from, to = to),
                TimeMode::Completed => t_string!(i18n, filters.d_completed, from = from, to = to),
                TimeMode::Trim => t_string!(i18n, filters.d_trim, from = from, to = to),
            }
            .to_string()
        }
        Filter::Attribute { column, values, exclude, events } => {
            let values = list(values);
            let column = label_of_column(i18n, choices, column);
            match (*exclude, *events) {
                (false, false) => t_string!(i18n, filters.d_attribute, column = column, values = values),
                (true, false) => t_string!(i18n, filters.d_attribute_not, column = column, values = values),
                (false, true) => t_string!(i18n, filters.d_attribute_events, column = column, values = values),
                (true, true) => t_string!(i18n, filters.d_attribute_events_not, column = column, values = values),
            }
            .to_string()
        }
        Filter::Activities { activities, mode } => {
            let names = list(activities);
            match mode {
                Presence::Any => t_string!(i18n, filters.d_with_any, activities = names),
                Presence::All => t_string!(i18n, filters.d_with_all, activities = names),
                Presence::None => t_string!(i18n, filters.d_without, activities = names),
                Presence::Events => t_string!(i18n, filters.d_only_events, activities = names),
            }
            .to_string()
        }
        Filter::Resources { resources, exclude, events } => {
            let names = list(resources);
            match (*exclude, *events) {
                (_, true) => t_string!(i18n, filters.d_resource_events, resources = names),
                (false, false) => t_string!(i18n, filters.d_resource, resources = names),
                (true, false) => t_string!(i18n, filters.d_resource_not, resources = names),
            }
            .to_string()
        }
        Filter::Variants { variants, exclude } => {
            let count = format::count(variants.len() as u64, lang);
            if *exclude {
                t_string!(i18n, filters.d_variants_not, count = count).to_string()
            } else {
                t_string!(i18n, filters.d_variants, count = count).to_string()
            }
        }
        Filter::Duration { min_s, max_s } => {
            let d = |s: &Option<f64>| s.map(|s| format::duration(s, lang));
            match (d(min_s), d(max_s)) {
                (Some(min), Some(max)) => t_string!(i18n, filters.d_duration_between, min = min, max = max).to_string(),
                (Some(min), None) => t_string!(i18n, filters.d_duration_over, min = min).to_string(),
                (None, Some(max)) => t_string!(i18n, filters.d_duration_under, max = max).to_string(),
                (None, None) => t_string!(i18n, filters.k_duration).to_string(),
            }
        }
        Filter::StartActivities { activities, exclude } => {
            let names = list(activities);
            if *exclude {
                t_string!(i18n, filters.d_start_not, activities = names).to_string()
            } else {
                t_string!(i18n, filters.d_start, activities = names).to_string()
            }
        }
        Filter::EndActivities { activities, exclude } => {
            let names = list(activities);
            if *exclude {
                t_string!(i18n, filters.d_end_not, activities = names).to_string()
            } else {
                t_string!(i18n, filters.d_end, activities = names).to_string()
            }
        }
        Filter::FollowedBy { from, to, directly, within_s, exclude } => {
            let mut text = if *directly {
                t_string!(i18n, filters.d_directly, from = from.clone(), to = to.clone()).to_string()
            } else {
                t_string!(i18n, filters.d_eventually, from = from.clone(), to = to.clone()).to_string()
            };
            if let Some(s) = within_s {
                text.push_str(&format!(" ({})", t_string!(i18n, filters.d_within, time = format::duration(*s, lang))));
            }
            if *exclude { t_string!(i18n, filters.d_not, what = text).to_string() } else { text }
        }
        Filter::Cases { ids, exclude } => {
            let count = format::count(ids.len() as u64, lang);
            if *exclude {
                t_string!(i18n, filters.d_cases_not, count = count).to_string()
            } else {
                t_string!(i18n, filters.d_cases, count = count).to_string()
            }
        }
    }
}

/// The chain as chips, with the cases left after each step, and the editor.
#[component]
pub fn FilterBar() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    let editing = RwSignal::new(false);
    let chips = move || {
        let chain = a.chain.get();
        let steps = a.filters.with(|f| f.as_ref().map(|f| f.steps.clone()).unwrap_or_default());
        chain
            .filters
            .iter()
            .enumerate()
            .map(|(i, filter)| {
                let text = a.choices.with(|c| describe(i18n, filter, lang(), c.as_ref()));
                let after = steps.get(i).map(|s| s.cases);
                let remove_label = t_string!(i18n, filters.remove, what = text.clone()).to_string();
                view! {
                    <li class="chip" data-testid="filter-chip">
                        <span class="chip-text">{text}</span>
                        {after
                            .map(|n| {
                                view! {
                                    <span
                                        class="chip-count"
                                        data-testid="filter-chip-cases"
                                        title=move || t_string!(i18n, filters.cases_after_title).to_string()
                                    >
                                        {move || {
                                            t_string!(i18n, filters.cases_after, count = format::count(n, lang()))
                                                .to_string()
                                        }}
                                    </span>
                                }
                            })}
                        <button
                            type="button"
                            class="chip-remove"
                            data-testid="filter-remove"
                            aria-label=remove_label.clone()
                            title=remove_label
                            on:click=move |_| state.remove_filter(i)
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let summary = move || {
        a.filters.with(|f| {
            f.as_ref().filter(|_| a.chain.with(|c| !c.filters.is_empty())).map(|f| {
                let left = f.steps.last().map_or(f.total_cases, |s| s.cases);
                t_string!(
                    i18n,
                    filters.summary,
                    count = f.total_cases,
                    cases = format::count(left, lang()),
                    total = format::count(f.total_cases, lang()),
                    share = format::percent(
                        if f.total_cases > 0 { left as f64 / f.total_cases as f64 } else { 0.0 },
                        lang()
                    )
                )
                .to_string()
            })
        })
    };
    let error = move || {
        a.filters.with(|f| {
            f.as_ref().and_then(|f| f.error.clone()).map(|e| {
                view! {
                    <p class="notice notice-error" data-testid="filter-error">
                        {e.to_string()}
                    </p>
                }
            })
        })
    };
    view! {
        <section
            class="filter-bar"
            data-testid="filter-bar"
            aria-label=move || t_string!(i18n, filters.label).to_string()
        >
            <div class="filter-row">
                <span class="filter-title">{t!(i18n, filters.title)}</span>
                <ul class="chips">{chips}</ul>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="filter-add"
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| {
                        state.request_choices();
                        editing.update(|e| *e = !*e);
                    }
                >
                    {t!(i18n, filters.add)}
                </button>
                <Show when=move || a.chain.with(|c| !c.filters.is_empty())>
                    <button
                        type="button"
                        class="link-button"
                        data-testid="filter-clear"
                        on:click=move |_| state.set_chain(Default::default())
                    >
                        {t!(i18n, filters.clear)}
                    </button>
                </Show>
                <span class="muted filter-summary" data-testid="filter-summary">
                    {summary}
                </span>
            </div>
            {error}
            <Show when=move || editing.get()>
                <FilterEditor on_done=Callback::new(move |()| editing.set(false)) />
            </Show>
        </section>
    }
}
