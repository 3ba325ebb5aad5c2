//! The filter chain above every view: one removable chip per step with the cases left after
//! it, and an editor that adds steps (time frame, attribute values, activities, resources,
//! duration, start and end activities, "followed by", case ids). Clicks on the map, on chart
//! rows and on variants add steps too.

use casemap_engine::filter::{Filter, Presence, TimeMode};
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::protocol::ValueCount;
use crate::state::use_app_state;

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

/// A step of the chain in words.
pub fn describe(i18n: I18n, filter: &Filter, lang: Lang) -> String {
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
            let column = column.clone();
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
                let text = describe(i18n, filter, lang());
                let after = steps.get(i).map(|s| s.cases);
                let remove_label = t_string!(i18n, filters.remove, what = text.clone()).to_string();
                view! {
                    <li class="chip" data-testid="filter-chip">
                        <span class="chip-text">{text}</span>
                        {after.map(|n| view! {
                            <span class="chip-count" data-testid="filter-chip-cases" title=move || t_string!(i18n, filters.cases_after_title).to_string()>
                                {move || t_string!(i18n, filters.cases_after, count = format::count(n, lang())).to_string()}
                            </span>
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
            f.as_ref()
                .and_then(|f| f.error.clone())
                .map(|e| view! { <p class="notice notice-error" data-testid="filter-error">{e.to_string()}</p> })
        })
    };
    view! {
        <section class="filter-bar" data-testid="filter-bar" aria-label=move || t_string!(i18n, filters.label).to_string()>
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
                    <button type="button" class="link-button" data-testid="filter-clear" on:click=move |_| state.set_chain(Default::default())>
                        {t!(i18n, filters.clear)}
                    </button>
                </Show>
                <span class="muted filter-summary" data-testid="filter-summary">{summary}</span>
            </div>
            {error}
            <Show when=move || editing.get()>
                <FilterEditor on_done=Callback::new(move |()| editing.set(false)) />
            </Show>
        </section>
    }
}

/// The kinds of step the editor offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    TimeFrame,
    Attribute,
    Activities,
    Resources,
    Duration,
    Start,
    End,
    FollowedBy,
    Cases,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::TimeFrame,
        Kind::Attribute,
        Kind::Activities,
        Kind::Resources,
        Kind::Duration,
        Kind::Start,
        Kind::End,
        Kind::FollowedBy,
        Kind::Cases,
    ];

    fn code(self) -> &'static str {
        match self {
            Kind::TimeFrame => "time_frame",
            Kind::Attribute => "attribute",
            Kind::Activities => "activities",
            Kind::Resources => "resources",
            Kind::Duration => "duration",
            Kind::Start => "start_activities",
            Kind::End => "end_activities",
            Kind::FollowedBy => "followed_by",
            Kind::Cases => "cases",
        }
    }

    fn name(self, i18n: I18n) -> String {
        match self {
            Kind::TimeFrame => t_string!(i18n, filters.k_time_frame),
            Kind::Attribute => t_string!(i18n, filters.k_attribute),
            Kind::Activities => t_string!(i18n, filters.k_activities),
            Kind::Resources => t_string!(i18n, filters.k_resources),
            Kind::Duration => t_string!(i18n, filters.k_duration),
            Kind::Start => t_string!(i18n, filters.k_start),
            Kind::End => t_string!(i18n, filters.k_end),
            Kind::FollowedBy => t_string!(i18n, filters.k_followed_by),
            Kind::Cases => t_string!(i18n, filters.k_cases),
        }
        .to_string()
    }
}

/// Seconds per unit of the duration inputs.
const UNITS: [(&str, f64); 3] = [("min", 60.0), ("h", 3600.0), ("d", 86_400.0)];

fn unit_name(i18n: I18n, unit: &str) -> String {
    match unit {
        "min" => t_string!(i18n, filters.u_minutes),
        "h" => t_string!(i18n, filters.u_hours),
        _ => t_string!(i18n, filters.u_days),
    }
    .to_string()
}

/// A list of values with counts, to tick.
#[component]
fn CheckList(options: Vec<ValueCount>, selected: RwSignal<Vec<String>>, testid: &'static str) -> impl IntoView {
    let lang = use_lang();
    let items = options
        .into_iter()
        .map(|option| {
            let value = option.value.clone();
            let checked = value.clone();
            view! {
                <li>
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || selected.with(|s| s.contains(&checked))
                            on:change=move |_| {
                                let value = value.clone();
                                selected.update(|s| {
                                    if let Some(at) = s.iter().position(|x| *x == value) {
                                        s.remove(at);
                                    } else {
                                        s.push(value);
                                    }
                                })
                            }
                        />
                        <span class="check-name">{option.value.clone()}</span>
                        <span class="muted num">{move || format::count(option.count, lang())}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="check-list" data-testid=testid>{items}</ul> }
}

/// A number and a unit, read as seconds.
#[component]
fn DurationInput(value: RwSignal<String>, unit: RwSignal<&'static str>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="duration-input">
            <input type="number" min="0" step="any" data-testid=testid prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
            <select data-testid=format!("{testid}-unit") on:change=move |e| {
                let chosen = event_target_value(&e);
                if let Some((u, _)) = UNITS.iter().find(|(u, _)| *u == chosen) {
                    unit.set(u);
                }
            }>
                {UNITS.iter().map(|(u, _)| view! { <option value=*u selected=move || unit.get() == *u>{move || unit_name(i18n, u)}</option> }).collect_view()}
            </select>
        </span>
    }
}

fn seconds(value: &str, unit: &str) -> Option<f64> {
    let per = UNITS.iter().find(|(u, _)| *u == unit).map_or(1.0, |(_, s)| *s);
    value.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).map(|v| v * per)
}

/// The editor of a new step.
#[component]
fn FilterEditor(on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let a = state.analysis;
    let kind = RwSignal::new(Kind::Attribute);
    // Inputs shared by the kinds (each kind reads the ones it needs).
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let mode = RwSignal::new("started".to_owned());
    let column = RwSignal::new(String::new());
    let picked = RwSignal::new(Vec::<String>::new());
    let exclude = RwSignal::new(false);
    let events = RwSignal::new(false);
    let presence = RwSignal::new("any".to_owned());
    let min = RwSignal::new(String::new());
    let min_unit = RwSignal::new("h");
    let max = RwSignal::new(String::new());
    let max_unit = RwSignal::new("d");
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let directly = RwSignal::new(false);
    let within = RwSignal::new(String::new());
    let within_unit = RwSignal::new("h");
    let ids = RwSignal::new(String::new());
    // Defaults from the log once its choices are known.
    Effect::new(move |_| {
        a.choices.with(|c| {
            if let Some(c) = c {
                if from.get_untracked().is_empty() {
                    from.set(c.first.as_deref().map(|t| t[..10].to_owned()).unwrap_or_default());
                    to.set(c.last.as_deref().map(|t| t[..10].to_owned()).unwrap_or_default());
                }
                if column.get_untracked().is_empty()
                    && let Some(col) = c.columns.iter().find(|col| col.distinct <= 50).or(c.columns.first())
                {
                    column.set(col.name.clone());
                }
                if first.get_untracked().is_empty() && !c.activities.is_empty() {
                    first.set(c.activities[0].value.clone());
                    second.set(c.activities.get(1).unwrap_or(&c.activities[0]).value.clone());
                }
            }
        })
    });
    let build = move || -> Option<Filter> {
        let picked_values = picked.get_untracked();
        Some(match kind.get_untracked() {
            Kind::TimeFrame => Filter::TimeFrame {
                from: from.get_untracked(),
                to: to.get_untracked(),
                mode: match mode.get_untracked().as_str() {
                    "contained" => TimeMode::Contained,
                    "intersecting" => TimeMode::Intersecting,
                    "completed" => TimeMode::Completed,
                    "trim" => TimeMode::Trim,
                    _ => TimeMode::Started,
                },
            },
            Kind::Attribute => Filter::Attribute {
                column: column.get_untracked(),
                values: (!picked_values.is_empty()).then_some(picked_values)?,
                exclude: exclude.get_untracked(),
                events: events.get_untracked(),
            },
            Kind::Activities => Filter::Activities {
                activities: (!picked_values.is_empty()).then_some(picked_values)?,
                mode: match presence.get_untracked().as_str() {
                    "all" => Presence::All,
                    "none" => Presence::None,
                    "events" => Presence::Events,
                    _ => Presence::Any,
                },
            },
            Kind::Resources => Filter::Resources {
                resources: (!picked_values.is_empty()).then_some(picked_values)?,
                exclude: exclude.get_untracked(),
                events: events.get_untracked(),
            },
            Kind::Duration => {
                let (lo, hi) = (
                    seconds(&min.get_untracked(), min_unit.get_untracked()),
                    seconds(&max.get_untracked(), max_unit.get_untracked()),
                );
                if lo.is_none() && hi.is_none() {
                    return None;
                }
                Filter::Duration { min_s: lo, max_s: hi }
            }
            Kind::Start => Filter::StartActivities {
                activities: (!picked_values.is_empty()).then_some(picked_values)?,
                exclude: exclude.get_untracked(),
            },
            Kind::End => Filter::EndActivities {
                activities: (!picked_values.is_empty()).then_some(picked_values)?,
                exclude: exclude.get_untracked(),
            },
            Kind::FollowedBy => Filter::FollowedBy {
                from: first.get_untracked(),
                to: second.get_untracked(),
                directly: directly.get_untracked(),
                within_s: seconds(&within.get_untracked(), within_unit.get_untracked()),
                exclude: exclude.get_untracked(),
            },
            Kind::Cases => {
                let list: Vec<String> = ids
                    .get_untracked()
                    .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                Filter::Cases { ids: (!list.is_empty()).then_some(list)?, exclude: exclude.get_untracked() }
            }
        })
    };
    let apply = move |_| {
        if let Some(filter) = build() {
            state.add_filter(filter);
            on_done.run(());
        }
    };
    let activity_options = move || a.choices.with(|c| c.as_ref().map(|c| c.activities.clone()).unwrap_or_default());
    let activity_select = move |value: RwSignal<String>, testid: &'static str| {
        view! {
            <select data-testid=testid on:change=move |e| value.set(event_target_value(&e))>
                {move || activity_options().into_iter().map(|o| {
                    let v = o.value.clone();
                    let selected = v.clone();
                    view! { <option value=v selected=move || value.get() == selected>{o.value.clone()}</option> }
                }).collect_view()}
            </select>
        }
    };
    let exclude_box = move || {
        view! {
            <label class="check">
                <input type="checkbox" data-testid="filter-exclude" prop:checked=move || exclude.get() on:change=move |_| exclude.update(|e| *e = !*e) />
                {t!(i18n, filters.exclude)}
            </label>
        }
    };
    let body = move || {
        let Some(choices) = a.choices.get() else {
            return view! { <p class="muted">{t!(i18n, filters.loading)}</p> }.into_any();
        };
        match kind.get() {
            Kind::TimeFrame => view! {
                <div class="form-row">
                    <label class="field"><span>{t!(i18n, filters.from)}</span><input type="date" data-testid="filter-from" prop:value=move || from.get() on:input=move |e| from.set(event_target_value(&e)) /></label>
                    <label class="field"><span>{t!(i18n, filters.to)}</span><input type="date" data-testid="filter-to" prop:value=move || to.get() on:input=move |e| to.set(event_target_value(&e)) /></label>
                    <label class="field"><span>{t!(i18n, filters.mode)}</span>
                        <select data-testid="filter-mode" on:change=move |e| mode.set(event_target_value(&e))>
                            <option value="started" selected=move || mode.get() == "started">{t!(i18n, filters.m_started)}</option>
                            <option value="completed" selected=move || mode.get() == "completed">{t!(i18n, filters.m_completed)}</option>
                            <option value="contained" selected=move || mode.get() == "contained">{t!(i18n, filters.m_contained)}</option>
                            <option value="intersecting" selected=move || mode.get() == "intersecting">{t!(i18n, filters.m_intersecting)}</option>
                            <option value="trim" selected=move || mode.get() == "trim">{t!(i18n, filters.m_trim)}</option>
                        </select>
                    </label>
                </div>
            }
            .into_any(),
            Kind::Attribute => {
                let columns = choices.columns.clone();
                let current = columns.iter().find(|c| c.name == column.get()).cloned();
                view! {
                    <div class="form-row">
                        <label class="field"><span>{t!(i18n, filters.column)}</span>
                            <select data-testid="filter-column" on:change=move |e| { column.set(event_target_value(&e)); picked.set(Vec::new()); }>
                                {columns.iter().map(|c| {
                                    let name = c.name.clone();
                                    let selected = name.clone();
                                    view! { <option value=name selected=move || column.get() == selected>{c.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        {exclude_box()}
                        {current.as_ref().is_some_and(|c| c.level == casemap_engine::log::Level::Event).then(|| view! {
                            <label class="check">
                                <input type="checkbox" data-testid="filter-events" prop:checked=move || events.get() on:change=move |_| events.update(|e| *e = !*e) />
                                {t!(i18n, filters.events_only)}
                            </label>
                        })}
                    </div>
                    <CheckList options=current.map(|c| c.values).unwrap_or_default() selected=picked testid="filter-values" />
                }
                .into_any()
            }
            Kind::Activities => view! {
                <div class="form-row">
                    <label class="field"><span>{t!(i18n, filters.mode)}</span>
                        <select data-testid="filter-presence" on:change=move |e| presence.set(event_target_value(&e))>
                            <option value="any">{t!(i18n, filters.p_any)}</option>
                            <option value="all">{t!(i18n, filters.p_all)}</option>
                            <option value="none">{t!(i18n, filters.p_none)}</option>
                            <option value="events">{t!(i18n, filters.p_events)}</option>
                        </select>
                    </label>
                </div>
                <CheckList options=choices.activities.clone() selected=picked testid="filter-values" />
            }
            .into_any(),
            Kind::Resources => view! {
                <div class="form-row">
                    {exclude_box()}
                    <label class="check">
                        <input type="checkbox" prop:checked=move || events.get() on:change=move |_| events.update(|e| *e = !*e) />
                        {t!(i18n, filters.events_only)}
                    </label>
                </div>
                <CheckList options=choices.resources.clone() selected=picked testid="filter-values" />
            }
            .into_any(),
            Kind::Duration => view! {
                <div class="form-row">
                    <label class="field"><span>{t!(i18n, filters.at_least)}</span><DurationInput value=min unit=min_unit testid="filter-min" /></label>
                    <label class="field"><span>{t!(i18n, filters.at_most)}</span><DurationInput value=max unit=max_unit testid="filter-max" /></label>
                </div>
            }
            .into_any(),
            Kind::Start | Kind::End => view! {
                <div class="form-row">{exclude_box()}</div>
                <CheckList options=choices.activities.clone() selected=picked testid="filter-values" />
            }
            .into_any(),
            Kind::FollowedBy => view! {
                <div class="form-row">
                    <label class="field"><span>{t!(i18n, filters.first)}</span>{activity_select(first, "filter-first")}</label>
                    <label class="field"><span>{t!(i18n, filters.then)}</span>{activity_select(second, "filter-then")}</label>
                    <label class="check">
                        <input type="checkbox" data-testid="filter-directly" prop:checked=move || directly.get() on:change=move |_| directly.update(|d| *d = !*d) />
                        {t!(i18n, filters.directly)}
                    </label>
                    <label class="field"><span>{t!(i18n, filters.within)}</span><DurationInput value=within unit=within_unit testid="filter-within" /></label>
                    {exclude_box()}
                </div>
            }
            .into_any(),
            Kind::Cases => view! {
                <div class="form-row">
                    <label class="field field-wide"><span>{t!(i18n, filters.case_ids)}</span>
                        <textarea rows="3" data-testid="filter-ids" prop:value=move || ids.get() on:input=move |e| ids.set(event_target_value(&e))></textarea>
                    </label>
                    {exclude_box()}
                </div>
            }
            .into_any(),
        }
    };
    view! {
        <div class="filter-editor" data-testid="filter-editor">
            <label class="field"><span>{t!(i18n, filters.kind)}</span>
                <select data-testid="filter-kind" on:change=move |e| {
                    let code = event_target_value(&e);
                    if let Some(k) = Kind::ALL.iter().find(|k| k.code() == code) {
                        kind.set(*k);
                        picked.set(Vec::new());
                        exclude.set(false);
                        events.set(false);
                    }
                }>
                    {Kind::ALL.iter().map(|k| {
                        let k = *k;
                        view! { <option value=k.code() selected=move || kind.get() == k>{move || k.name(i18n)}</option> }
                    }).collect_view()}
                </select>
            </label>
            {body}
            <div class="panel-actions">
                <button type="button" class="button button-primary button-small" data-testid="filter-apply" on:click=apply>{t!(i18n, filters.apply)}</button>
                <button type="button" class="button button-secondary button-small" on:click=move |_| on_done.run(())>{t!(i18n, filters.cancel)}</button>
            </div>
        </div>
    }
}
