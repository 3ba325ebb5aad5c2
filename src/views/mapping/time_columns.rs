//! The time columns of the mapping step: the format of each (guessed, or chosen by the user)
//! with examples of what it reads from the first rows.

use casemap_engine::ingest::timestamp::TimeFormat;
use casemap_engine::ingest::{Inspection, Mapping, Role};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_app_state;
use crate::views::messages::{TIME_FORMATS, role_name, time_format_name};

fn format_key(format: TimeFormat) -> &'static str {
    use casemap_engine::ingest::timestamp::DateOrder;
    match format {
        TimeFormat::Calendar { order: DateOrder::YearMonthDay } => "ymd",
        TimeFormat::Calendar { order: DateOrder::DayMonthYear } => "dmy",
        TimeFormat::Calendar { order: DateOrder::MonthDayYear } => "mdy",
        TimeFormat::EpochSeconds => "epoch_s",
        TimeFormat::EpochMillis => "epoch_ms",
    }
}

/// An ISO 8601 UTC time as people read it: `2024-01-05T10:22:00Z` -> `2024-01-05 10:22:00`.
fn readable(iso: &str) -> String {
    iso.trim_end_matches('Z').replacen('T', " ", 1)
}

/// The time columns: each with its format menu and two values as they are read.
#[component]
pub(super) fn TimeColumns(
    inspection: StoredValue<Inspection>,
    mapping: Memo<Mapping>,
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    // Date columns in file order, milestones in the order their dates usually come.
    let position = move |index: usize| {
        inspection.with_value(|i| i.shape.columns.get(index).and_then(|c| c.position)).unwrap_or(f64::MAX)
    };
    let times = move || {
        let mut times = mapping.with(|m| {
            m.columns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.role.has_dates())
                .map(|(index, c)| (index, c.name.clone(), c.role, c.format, c.milestone_name()))
                .collect::<Vec<_>>()
        });
        times.sort_by(|a, b| {
            let key = |t: &(usize, String, Role, Option<TimeFormat>, String)| {
                if t.2 == Role::Milestone { (0, position(t.0)) } else { (1, t.0 as f64) }
            };
            key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
        });
        times
    };
    view! {
        <div class="time-columns" data-testid="time-columns">
            {move || {
                times()
                    .into_iter()
                    .map(|(index, name, role, format, event)| {
                        let examples = format
                            .map(|format| inspection.with_value(|i| i.examples(index, format, 2)))
                            .unwrap_or_default();
                        let zoned = inspection
                            .with_value(|i| {
                                i.profiles.get(index).and_then(|p| p.time.as_ref()).is_some_and(|t| t.zoned)
                            });
                        let set_label = {
                            let name = name.clone();
                            move |event| {
                                let label = event_target_value(&event);
                                let name = name.clone();
                                state
                                    .edit_mapping(move |mapping, _| {
                                        if let Some(column) = mapping.columns.iter_mut().find(|c| c.name == name) {
                                            column.label = Some(label.trim().to_owned()).filter(|l| !l.is_empty());
                                        }
                                    });
                            }
                        };
                        let set_format = {
                            let name = name.clone();
                            move |event| {
                                let key = event_target_value(&event);
                                let chosen = TIME_FORMATS.into_iter().find(|f| format_key(*f) == key);
                                let name = name.clone();
                                state
                                    .edit_mapping(move |mapping, _| {
                                        if let Some(column) = mapping.columns.iter_mut().find(|c| c.name == name) {
                                            column.format = chosen;
                                        }
                                    });
                            }
                        };
                        view! {
                            <div class="time-column" data-testid="time-column">
                                <div class="time-column-head">
                                    <strong>{name.clone()}</strong>
                                    <span class="tag">{move || role_name(i18n, role)}</span>
                                </div>
                                {(role == Role::Milestone)
                                    .then(|| {
                                        view! {
                                            <label class="time-format">
                                                <span>{t!(i18n, mapping.event_name)}</span>
                                                <input
                                                    type="text"
                                                    data-testid="milestone-name"
                                                    disabled=!editable
                                                    prop:value=event.clone()
                                                    on:change=set_label.clone()
                                                />
                                            </label>
                                        }
                                    })}
                                <label class="time-format">
                                    <span>{t!(i18n, mapping.time_format)}</span>
                                    <select
                                        data-testid="time-format"
                                        disabled=!editable
                                        prop:value=format.map(format_key).unwrap_or("")
                                        on:change=set_format
                                    >
                                        {TIME_FORMATS
                                            .into_iter()
                                            .map(|option| {
                                                view! {
                                                    <option value=format_key(option) selected=format == Some(option)>
                                                        {move || time_format_name(i18n, option)}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </label>
                                <ul class="examples" data-testid="time-examples">
                                    {examples
                                        .into_iter()
                                        .map(|(value, parsed)| {
                                            let ok = parsed.is_some();
                                            view! {
                                                <li class:example-bad=!ok>
                                                    <code>{value.clone()}</code>
                                                    " → "
                                                    {match parsed {
                                                        Some(parsed) => {
                                                            view! { <code>{readable(&parsed)}</code> }.into_any()
                                                        }
                                                        None => {
                                                            view! { <span>{t!(i18n, mapping.not_a_time)}</span> }
                                                                .into_any()
                                                        }
                                                    }}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <p class="zone-note" data-testid="zone-note">
                                    {move || {
                                        if zoned {
                                            t_string!(i18n, mapping.zone_utc).to_string()
                                        } else {
                                            t_string!(i18n, mapping.zone_wall).to_string()
                                        }
                                    }}
                                </p>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
