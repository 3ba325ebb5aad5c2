//! The form of each kind of filter step, and the inputs they are made of (check lists,
//! durations with a unit, check boxes).

use casemap_engine::format;
use leptos::prelude::*;

use super::inputs::{Inputs, UNITS, unit_name};
use crate::context::use_lang;
use crate::i18n::*;
use crate::names::column_label;
use crate::protocol::ValueCount;
use crate::state::use_app_state;
use crate::widgets::{CheckField, InputField};

/// A list of values with counts, to tick.
#[component]
pub(super) fn CheckList(
    options: Vec<ValueCount>,
    selected: RwSignal<Vec<String>>,
    testid: &'static str,
) -> impl IntoView {
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
pub(super) fn DurationInput(
    value: RwSignal<String>,
    unit: RwSignal<&'static str>,
    testid: &'static str,
) -> impl IntoView {
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

/// "Keep the other cases instead".
#[component]
pub(super) fn ExcludeBox(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <CheckField value=inputs.exclude testid="filter-exclude">
            {t!(i18n, filters.exclude)}
        </CheckField>
    }
}

#[component]
pub(super) fn TimeFrameForm(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    let Inputs { from, to, mode, .. } = inputs;
    view! {
        <div class="form-row">
            <InputField kind="date" testid="filter-from" value=from>
                {t!(i18n, filters.from)}
            </InputField>
            <InputField kind="date" testid="filter-to" value=to>
                {t!(i18n, filters.to)}
            </InputField>
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
pub(super) fn AttributeForm(inputs: Inputs) -> impl IntoView {
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
                            <CheckField value=events testid="filter-events">
                                {t!(i18n, filters.events_only)}
                            </CheckField>
                        }
                    })}
            </div>
            <CheckList options=current.map(|c| c.values).unwrap_or_default() selected=picked testid="filter-values" />
        }
    }
}

#[component]
pub(super) fn ActivitiesForm(inputs: Inputs) -> impl IntoView {
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
pub(super) fn ResourcesForm(inputs: Inputs) -> impl IntoView {
    let i18n = use_i18n();
    let a = use_app_state().analysis;
    let resources = a.choices.with_untracked(|c| c.as_ref().map(|c| c.resources.clone()).unwrap_or_default());
    view! {
        <div class="form-row">
            <ExcludeBox inputs=inputs />
            <CheckField value=inputs.events>{t!(i18n, filters.events_only)}</CheckField>
        </div>
        <CheckList options=resources selected=inputs.picked testid="filter-values" />
    }
}

#[component]
pub(super) fn DurationForm(inputs: Inputs) -> impl IntoView {
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
pub(super) fn EndsForm(inputs: Inputs) -> impl IntoView {
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
pub(super) fn ActivitySelect(value: RwSignal<String>, testid: &'static str) -> impl IntoView {
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
pub(super) fn FollowedByForm(inputs: Inputs) -> impl IntoView {
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
            <CheckField value=inputs.directly testid="filter-directly">
                {t!(i18n, filters.directly)}
            </CheckField>
            <label class="field">
                <span>{t!(i18n, filters.within)}</span>
                <DurationInput value=inputs.within unit=inputs.within_unit testid="filter-within" />
            </label>
            <ExcludeBox inputs=inputs />
        </div>
    }
}

#[component]
pub(super) fn CasesForm(inputs: Inputs) -> impl IntoView {
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
