//! The editor of a new filter step: time frame, attribute values, activities, resources,
//! duration, start and end activities, "followed by", case ids. Each kind has its own form;
//! they share one set of inputs ([`Inputs`]), so switching kinds keeps what was typed.

use casemap_engine::filter::{Filter, Presence, TimeMode};
use casemap_engine::format;
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::names::column_label;
use crate::protocol::ValueCount;
use crate::state::use_app_state;

type I18n = leptos_i18n::I18nContext<Locale>;

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
                                selected
                                    .update(|s| {
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
    view! {
        <ul class="check-list" data-testid=testid>
            {items}
        </ul>
    }
}

/// A number and a unit, read as seconds.
#[component]
fn DurationInput(value: RwSignal<String>, unit: RwSignal<&'static str>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="duration-input">
            <input
                type="number"
                min="0"
                step="any"
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e))
            />
            <select
                data-testid=format!("{testid}-unit")
                on:change=move |e| {
                    let chosen = event_target_value(&e);
                    if let Some((u, _)) = UNITS.iter().find(|(u, _)| *u == chosen) {
                        unit.set(u);
                    }
                }
            >
                {UNITS
                    .iter()
                    .map(|(u, _)| {
                        view! {
                            <option value=*u selected=move || unit.get() == *u>
                                {move || unit_name(i18n, u)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </span>
    }
}

fn seconds(value: &str, unit: &str) -> Option<f64> {
    let per = UNITS.iter().find(|(u, _)| *u == unit).map_or(1.0, |(_, s)| *s);
    value.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).map(|v| v * per)
}

/// What the forms of the editor hold; each kind reads the inputs it needs.
#[derive(Debug, Clone, Copy)]
struct Inputs {
    kind: RwSignal<Kind>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    mode: RwSignal<String>,
    column: RwSignal<String>,
    picked: RwSignal<Vec<String>>,
    exclude: RwSignal<bool>,
    events: RwSignal<bool>,
    presence: RwSignal<String>,
    min: RwSignal<String>,
    min_unit: RwSignal<&'static str>,
    max: RwSignal<String>,
    max_unit: RwSignal<&'static str>,
    first: RwSignal<String>,
    second: RwSignal<String>,
    directly: RwSignal<bool>,
    within: RwSignal<String>,
    within_unit: RwSignal<&'static str>,
    ids: RwSignal<String>,
}

impl Inputs {
    fn new() -> Inputs {
        Inputs {
            kind: RwSignal::new(Kind::Attribute),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            mode: RwSignal::new("started".to_owned()),
            column: RwSignal::new(String::new()),
            picked: RwSignal::new(Vec::new()),
            exclude: RwSignal::new(false),
            events: RwSignal::new(false),
            presence: RwSignal::new("any".to_owned()),
            min: RwSignal::new(String::new()),
            min_unit: RwSignal::new("h"),
            max: RwSignal::new(String::new()),
            max_unit: RwSignal::new("d"),
            first: RwSignal::new(String::new()),
            second: RwSignal::new(String::new()),
            directly: RwSignal::new(false),
            within: RwSignal::new(String::new()),
            within_unit: RwSignal::new("h"),
            ids: RwSignal::new(String::new()),
        }
    }

    /// The picked values, if any were picked.
    fn picked(&self) -> Option<Vec<String>> {
        Some(self.picked.get_untracked()).filter(|p| !p.is_empty())
    }

    /// The step the form describes, when it is complete.
    fn build(&self) -> Option<Filter> {
        let exclude = self.exclude.get_untracked();
        Some(match self.kind.get_untracked() {
            Kind::TimeFrame => Filter::TimeFrame {
                from: self.from.get_untracked(),
                to: self.to.get_untracked(),
                mode: match self.mode.get_untracked().as_str() {
                    "contained" => TimeMode::Contained,
                    "intersecting" => TimeMode::Intersecting,
                    "completed" => TimeMode::Completed,
                    "trim" => TimeMode::Trim,
                    _ => TimeMode::Started,
                },
            },
            Kind::Attribute => Filter::Attribute {
                column: self.column.get_untracked(),
                values: self.picked()?,
                exclude,
                events: self.events.get_untracked(),
            },
            Kind::Activities => Filter::Activities {
                activities: self.picked()?,
                mode: match self.presence.get_untracked().as_str() {
                    "all" => Presence::All,
                    "none" => Presence::None,
                    "events" => Presence::Events,
                    _ => Presence::Any,
                },
            },
            Kind::Resources => {
                Filter::Resources { resources: self.picked()?, exclude, events: self.events.get_untracked() }
            }
            Kind::Duration => {
                let (lo, hi) = (
                    seconds(&self.min.get_untracked(), self.min_unit.get_untracked()),
                    seconds(&self.max.get_untracked(), self.max_unit.get_untracked()),
                );
                if lo.is_none() && hi.is_none() {
                    return None;
                }
                Filter::Duration { min_s: lo, max_s: hi }
            }
            Kind::Start => Filter::StartActivities { activities: self.picked()?, exclude },
            Kind::End => Filter::EndActivities { activities: self.picked()?, exclude },
            Kind::FollowedBy => Filter::FollowedBy {
                from: self.first.get_untracked(),
                to: self.second.get_untracked(),
                directly: self.directly.get_untracked(),
                within_s: seconds(&self.within.get_untracked(), self.within_unit.get_untracked()),
                exclude,
            },
            Kind::Cases => {
                let list: Vec<String> = self
                    .ids
                    .get_untracked()
                    .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                Filter::Cases { ids: (!list.is_empty()).then_some(list)?, exclude }
            }
        })
    }
}

/// A checkbox bound to a boolean input.
#[component]
fn Check(value: RwSignal<bool>, #[prop(optional)] testid: Option<&'static str>, children: Children) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || value.get()
                on:change=move |_| value.update(|v| *v = !*v)
            />
            {children()}
        </label>
    }
}

/// "Keep the other cases instead".
#[component]
fn ExcludeBox(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Check value=inputs.exclude testid="filter-exclude">
            {t!(i18n, filters.exclude)}
        </Check>
    }
}

/// The editor of a new step.
#[component]
pub fn FilterEditor(on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let a = state.analysis;
    let inputs = Inputs::new();
    // Defaults from the log once its choices are known.
    Effect::new(move |_| {
        a.choices.with(|c| {
            let Some(c) = c else { return };
            if inputs.from.get_untracked().is_empty() {
                inputs.from.set(c.first.as_deref().map(|t| t[..10].to_owned()).unwrap_or_default());
                inputs.to.set(c.last.as_deref().map(|t| t[..10].to_owned()).unwrap_or_default());
            }
            if inputs.column.get_untracked().is_empty()
                && let Some(col) = c.columns.iter().find(|col| col.distinct <= 50).or(c.columns.first())
            {
                inputs.column.set(col.name.clone());
            }
            if inputs.first.get_untracked().is_empty() && !c.activities.is_empty() {
                inputs.first.set(c.activities[0].value.clone());
                inputs.second.set(c.activities.get(1).unwrap_or(&c.activities[0]).value.clone());
            }
        })
    });
    let apply = move |_| {
        if let Some(filter) = inputs.build() {
            state.apply_filter(filter);
            on_done.run(());
        }
    };
    let body = move || {
        if a.choices.with(Option::is_none) {
            return view! { <p class="muted">{t!(i18n, filters.loading)}</p> }.into_any();
        }
        match inputs.kind.get() {
            Kind::TimeFrame => view! { <TimeFrameForm inputs=inputs /> }.into_any(),
            Kind::Attribute => view! { <AttributeForm inputs=inputs /> }.into_any(),
            Kind::Activities => view! { <ActivitiesForm inputs=inputs /> }.into_any(),
            Kind::Resources => view! { <ResourcesForm inputs=inputs /> }.into_any(),
            Kind::Duration => view! { <DurationForm inputs=inputs /> }.into_any(),
            Kind::Start | Kind::End => view! { <EndsForm inputs=inputs /> }.into_any(),
            Kind::FollowedBy => view! { <FollowedByForm inputs=inputs /> }.into_any(),
            Kind::Cases => view! { <CasesForm inputs=inputs /> }.into_any(),
        }
    };
    let choose_kind = move |e| {
        let code = event_target_value(&e);
        if let Some(k) = Kind::ALL.iter().find(|k| k.code() == code) {
            inputs.kind.set(*k);
            inputs.picked.set(Vec::new());
            inputs.exclude.set(false);
            inputs.events.set(false);
        }
    };
    view! {
        <div class="filter-editor" data-testid="filter-editor">
            <label class="field">
                <span>{t!(i18n, filters.kind)}</span>
                <select data-testid="filter-kind" on:change=choose_kind>
                    {Kind::ALL
                        .iter()
                        .map(|k| {
                            let k = *k;
                            view! {
                                <option value=k.code() selected=move || inputs.kind.get() == k>
                                    {move || k.name(i18n)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            {body}
            <div class="panel-actions">
                <button
                    type="button"
                    class="button button-primary button-small"
                    data-testid="filter-apply"
                    on:click=apply
                >
                    {t!(i18n, filters.apply)}
                </button>
                <button type="button" class="button button-secondary button-small" on:click=move |_| on_done.run(())>
                    {t!(i18n, filters.cancel)}
                </button>
            </div>
        </div>
    }
}

#[component]
fn TimeFrameForm(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    let Inputs { from, to, mode, .. } = inputs;
    view! {
        <div class="form-row">
            <label class="field">
                <span>{t!(i18n, filters.from)}</span>
                <input
                    type="date"
                    data-testid="filter-from"
                    prop:value=move || from.get()
                    on:input=move |e| from.set(event_target_value(&e))
                />
            </label>
            <label class="field">
                <span>{t!(i18n, filters.to)}</span>
                <input
                    type="date"
                    data-testid="filter-to"
                    prop:value=move || to.get()
                    on:input=move |e| to.set(event_target_value(&e))
                />
            </label>
            <label class="field">
                <span>{t!(i18n, filters.mode)}</span>
                <select data-testid="filter-mode" on:change=move |e| mode.set(event_target_value(&e))>
                    <option value="started" selected=move || mode.get() == "started">
                        {t!(i18n, filters.m_started)}
                    </option>
                    <option value="completed" selected=move || mode.get() == "completed">
                        {t!(i18n, filters.m_completed)}
                    </option>
                    <option value="contained" selected=move || mode.get() == "contained">
                        {t!(i18n, filters.m_contained)}
                    </option>
                    <option value="intersecting" selected=move || mode.get() == "intersecting">
                        {t!(i18n, filters.m_intersecting)}
                    </option>
                    <option value="trim" selected=move || mode.get() == "trim">
                        {t!(i18n, filters.m_trim)}
                    </option>
                </select>
            </label>
        </div>
    }
}

/// Values of one column. Columns with a service meaning are listed by their display name
/// (the value sent is the file's column name).
#[component]
fn AttributeForm(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    let a = use_app_state().analysis;
    let Inputs { column, picked, events, .. } = inputs;
    move || {
        let columns = a.choices.with(|c| c.as_ref().map(|c| c.columns.clone()).unwrap_or_default());
        let current = columns.iter().find(|c| c.name == column.get()).cloned();
        let options = columns
            .iter()
            .map(|c| {
                let name = c.name.clone();
                let selected = name.clone();
                let (label_name, field) = (c.name.clone(), c.field);
                view! {
                    <option value=name selected=move || column.get() == selected>
                        {move || column_label(i18n, &label_name, field)}
                    </option>
                }
            })
            .collect_view();
        let event_level = current.as_ref().is_some_and(|c| c.level == casemap_engine::log::Level::Event);
        view! {
            <div class="form-row">
                <label class="field">
                    <span>{t!(i18n, filters.column)}</span>
                    <select
                        data-testid="filter-column"
                        on:change=move |e| {
                            column.set(event_target_value(&e));
                            picked.set(Vec::new());
                        }
                    >
                        {options}
                    </select>
                </label>
                <ExcludeBox inputs=inputs />
                {event_level
                    .then(|| {
                        view! {
                            <Check value=events testid="filter-events">
                                {t!(i18n, filters.events_only)}
                            </Check>
                        }
                    })}
            </div>
            <CheckList options=current.map(|c| c.values).unwrap_or_default() selected=picked testid="filter-values" />
        }
    }
}

#[component]
fn ActivitiesForm(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    let a = use_app_state().analysis;
    let presence = inputs.presence;
    let activities = a.choices.with_untracked(|c| c.as_ref().map(|c| c.activities.clone()).unwrap_or_default());
    view! {
        <div class="form-row">
            <label class="field">
                <span>{t!(i18n, filters.mode)}</span>
                <select data-testid="filter-presence" on:change=move |e| presence.set(event_target_value(&e))>
                    <option value="any">{t!(i18n, filters.p_any)}</option>
                    <option value="all">{t!(i18n, filters.p_all)}</option>
                    <option value="none">{t!(i18n, filters.p_none)}</option>
                    <option value="events">{t!(i18n, filters.p_events)}</option>
                </select>
            </label>
        </div>
        <CheckList options=activities selected=inputs.picked testid="filter-values" />
    }
}

#[component]
fn ResourcesForm(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    let a = use_app_state().analysis;
    let resources = a.choices.with_untracked(|c| c.as_ref().map(|c| c.resources.clone()).unwrap_or_default());
    view! {
        <div class="form-row">
            <ExcludeBox inputs=inputs />
            <Check value=inputs.events>{t!(i18n, filters.events_only)}</Check>
        </div>
        <CheckList options=resources selected=inputs.picked testid="filter-values" />
    }
}

#[component]
fn DurationForm(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-row">
            <label class="field">
                <span>{t!(i18n, filters.at_least)}</span>
                <DurationInput value=inputs.min unit=inputs.min_unit testid="filter-min" />
            </label>
            <label class="field">
                <span>{t!(i18n, filters.at_most)}</span>
                <DurationInput value=inputs.max unit=inputs.max_unit testid="filter-max" />
            </label>
        </div>
    }
}

/// First or last activity.
#[component]
fn EndsForm(inputs: Inputs) -> impl IntoView {
    let a = use_app_state().analysis;
    let activities = a.choices.with_untracked(|c| c.as_ref().map(|c| c.activities.clone()).unwrap_or_default());
    view! {
        <div class="form-row">
            <ExcludeBox inputs=inputs />
        </div>
        <CheckList options=activities selected=inputs.picked testid="filter-values" />
    }
}

/// One activity of the log, to choose.
#[component]
fn ActivitySelect(value: RwSignal<String>, testid: &'static str) -> impl IntoView {
    let a = use_app_state().analysis;
    let options = move || a.choices.with(|c| c.as_ref().map(|c| c.activities.clone()).unwrap_or_default());
    view! {
        <select data-testid=testid on:change=move |e| value.set(event_target_value(&e))>
            {move || {
                options()
                    .into_iter()
                    .map(|o| {
                        let v = o.value.clone();
                        let selected = v.clone();
                        view! {
                            <option value=v selected=move || value.get() == selected>
                                {o.value.clone()}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

#[component]
fn FollowedByForm(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-row">
            <label class="field">
                <span>{t!(i18n, filters.first)}</span>
                <ActivitySelect value=inputs.first testid="filter-first" />
            </label>
            <label class="field">
                <span>{t!(i18n, filters.then)}</span>
                <ActivitySelect value=inputs.second testid="filter-then" />
            </label>
            <Check value=inputs.directly testid="filter-directly">
                {t!(i18n, filters.directly)}
            </Check>
            <label class="field">
                <span>{t!(i18n, filters.within)}</span>
                <DurationInput value=inputs.within unit=inputs.within_unit testid="filter-within" />
            </label>
            <ExcludeBox inputs=inputs />
        </div>
    }
}

#[component]
fn CasesForm(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    let ids = inputs.ids;
    view! {
        <div class="form-row">
            <label class="field field-wide">
                <span>{t!(i18n, filters.case_ids)}</span>
                <textarea
                    rows="3"
                    data-testid="filter-ids"
                    prop:value=move || ids.get()
                    on:input=move |e| ids.set(event_target_value(&e))
                ></textarea>
            </label>
            <ExcludeBox inputs=inputs />
        </div>
    }
}
