//! The mapping step: a preview of the first rows with the guessed role over each column, a
//! menu to change it, the time format of each time column with parsed examples, then Import.

use casemap_engine::ingest::timestamp::TimeFormat;
use casemap_engine::ingest::{Inspection, Layout, Mapping, Role, SourceFormat, System};
use leptos::prelude::*;

use crate::i18n::*;
use crate::names::source_name;
use crate::state::{JobView, use_app_state};
use crate::widgets::ChooseAnother;
use casemap_engine::ingest::presets::Preset;

use crate::views::messages::{
    TIME_FORMATS, mapping_error_message, preset_name, role_name, time_format_name, warning_message,
};

/// Rows of the preview table.
const PREVIEW_ROWS: usize = 8;

fn role_class(role: Role) -> &'static str {
    match role {
        Role::CaseId => "role-case",
        Role::Activity => "role-activity",
        Role::Timestamp | Role::StartTime | Role::EndTime | Role::Milestone => "role-time",
        Role::Resource => "role-resource",
        Role::Ignore => "role-ignore",
        Role::Attribute => "role-attribute",
        _ => "role-service",
    }
}

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

/// The mapping step of the import.
#[component]
pub fn MappingStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let JobView::Mapping { source, inspection, .. } = state.job.get_untracked() else {
        return ().into_any();
    };
    let inspection = StoredValue::new(*inspection);
    let mapping = Memo::new(move |_| match &*state.job.read() {
        JobView::Mapping { mapping, .. } => mapping.clone(),
        _ => Mapping { columns: Vec::new(), preset: None },
    });
    let editable = inspection.with_value(|i| !matches!(i.format, SourceFormat::Xes { .. }));
    let format_line = move || {
        inspection.with_value(|i| match &i.format {
            SourceFormat::Csv { encoding, dialect } => {
                let delimiter = match dialect.delimiter {
                    b'\t' => t_string!(i18n, mapping.tab).to_string(),
                    other => format!("{}", other as char),
                };
                t_string!(i18n, mapping.format_csv, encoding = encoding.clone(), delimiter = delimiter).to_string()
            }
            SourceFormat::Xes { gzipped: false } => t_string!(i18n, mapping.format_xes).to_string(),
            SourceFormat::Xes { gzipped: true } => t_string!(i18n, mapping.format_xes_gz).to_string(),
            SourceFormat::Xlsx { sheet, .. } => t_string!(i18n, mapping.format_xlsx, sheet = sheet.clone()).to_string(),
        })
    };
    let problem = move || mapping.with(|m| m.validate().err().map(|error| mapping_error_message(i18n, &error)));
    let warnings = move || mapping.with(|m| inspection.with_value(|i| i.warnings(m)));
    let column_count = inspection.with_value(|i| i.header.len());
    view! {
        <div class="panel panel-wide" data-testid="mapping-step">
            <div class="panel-head">
                <div>
                    <h2 class="panel-title">
                        {move || t_string!(i18n, mapping.title, name = source_name(i18n, &source)).to_string()}
                    </h2>
                    <p class="panel-lead">
                        <Show when=move || editable fallback=move || t!(i18n, mapping.xes_note)>
                            {t!(i18n, mapping.lead)}
                        </Show>
                    </p>
                </div>
                <p class="format-line" data-testid="format-line">
                    {format_line}
                </p>
            </div>
            <SourceLine inspection mapping />
            <SheetChoice inspection />
            <PresetChoice inspection mapping />
            <div class="table-scroll">
                <table class="preview" data-testid="preview">
                    <thead>
                        <tr>
                            {(0..column_count)
                                .map(|index| {
                                    view! { <ColumnHead index inspection mapping editable /> }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {inspection
                            .with_value(|i| i.preview.iter().take(PREVIEW_ROWS).cloned().collect::<Vec<_>>())
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr>
                                        {(0..column_count)
                                            .map(|index| {
                                                let value = row.get(index).cloned().unwrap_or_default();
                                                let class = move || {
                                                    mapping
                                                        .with(|m| m.columns.get(index).map(|c| role_class(c.role)))
                                                        .unwrap_or("")
                                                };
                                                view! {
                                                    <td class=class title=value.clone()>
                                                        {value.clone()}
                                                    </td>
                                                }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <TimeColumns inspection mapping editable />
            {move || {
                warnings()
                    .into_iter()
                    .map(|warning| {
                        view! {
                            <p class="notice notice-warning" data-testid="mapping-warning">
                                {move || warning_message(i18n, &warning)}
                            </p>
                        }
                    })
                    .collect_view()
            }}
            {move || {
                problem()
                    .map(|message| {
                        view! {
                            <p class="notice notice-error" data-testid="mapping-problem">
                                {message}
                            </p>
                        }
                    })
            }}
            <div class="panel-actions">
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="import"
                    disabled=move || problem().is_some()
                    on:click=move |_| state.import()
                >
                    {t!(i18n, mapping.import)}
                </button>
                <ChooseAnother primary=false />
            </div>
        </div>
    }
    .into_any()
}

/// Which system the export looks like, and how its rows become events.
#[component]
fn SourceLine(inspection: StoredValue<Inspection>, mapping: Memo<Mapping>) -> impl IntoView {
    let i18n = use_i18n();
    let system = inspection.with_value(|i| i.system);
    let system_line = move || {
        system.map(|system| match system {
            System::Xes => t_string!(i18n, mapping.system_xes).to_string(),
            other => t_string!(i18n, mapping.system, system = system_name(other)).to_string(),
        })
    };
    let layout_line = move || match mapping.with(Mapping::layout) {
        Layout::Events => t_string!(i18n, mapping.layout_events).to_string(),
        Layout::Tickets => t_string!(i18n, mapping.layout_tickets).to_string(),
        Layout::FieldHistory => t_string!(i18n, mapping.layout_field_history).to_string(),
        Layout::Snapshots => t_string!(i18n, mapping.layout_snapshots).to_string(),
    };
    view! {
        <p class="source-line" data-testid="source-line">
            {move || {
                system_line()
                    .map(|line| {
                        view! {
                            <strong data-testid="source-system">{line}</strong>
                            " "
                        }
                    })
            }}
            <span data-testid="source-layout">{layout_line}</span>
        </p>
    }
}

/// A system's name (brand names are not translated).
fn system_name(system: System) -> &'static str {
    match system {
        System::ServiceNow => "ServiceNow",
        System::Salesforce => "Salesforce",
        System::Zendesk => "Zendesk",
        System::Jira => "Jira",
        System::Xes => "XES",
    }
}

/// The sheet of a workbook with more than one.
#[component]
fn SheetChoice(inspection: StoredValue<Inspection>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let (current, sheets) = match inspection.with_value(|i| i.format.clone()) {
        SourceFormat::Xlsx { sheet, sheets } if sheets.len() > 1 => (sheet, sheets),
        _ => return ().into_any(),
    };
    let on_change = move |event| state.choose_sheet(event_target_value(&event));
    view! {
        <div class="preset-choice" data-testid="sheet-choice">
            <label>
                <span>{t!(i18n, mapping.sheet)}</span>
                <select data-testid="sheet" prop:value=current.clone() on:change=on_change>
                    {sheets
                        .into_iter()
                        .map(|sheet| {
                            let selected = sheet == current;
                            view! {
                                <option value=sheet.clone() selected=selected>
                                    {sheet.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
    .into_any()
}

/// The export type: one row per event, or a history preset the header fits.
#[component]
fn PresetChoice(inspection: StoredValue<Inspection>, mapping: Memo<Mapping>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let fitting: Vec<Preset> =
        inspection.with_value(|i| Preset::ALL.into_iter().filter(|p| p.fits(&i.header)).collect::<Vec<_>>());
    if fitting.is_empty() {
        return ().into_any();
    }
    let current = move || mapping.with(|m| m.preset);
    let on_change = move |event| {
        let key = event_target_value(&event);
        state.set_preset(Preset::from_key(&key));
    };
    view! {
        <div class="preset-choice" data-testid="preset-choice">
            <label>
                <span>{t!(i18n, mapping.preset)}</span>
                <select
                    data-testid="preset"
                    prop:value=move || current().map_or("none", Preset::key)
                    on:change=on_change
                >
                    <option value="none" selected=move || current().is_none()>
                        {t!(i18n, mapping.preset_none)}
                    </option>
                    {fitting
                        .into_iter()
                        .map(|preset| {
                            view! {
                                <option value=preset.key() selected=move || current() == Some(preset)>
                                    {move || preset_name(i18n, preset)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || current().is_some_and(Preset::is_history)>
                <p class="preset-note">{t!(i18n, mapping.preset_history)}</p>
            </Show>
        </div>
    }
    .into_any()
}

/// A column's name and its role menu.
#[component]
fn ColumnHead(
    index: usize,
    inspection: StoredValue<Inspection>,
    mapping: Memo<Mapping>,
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let name = inspection.with_value(|i| i.header[index].clone());
    let role = move || mapping.with(|m| m.columns.get(index).map_or(Role::Attribute, |c| c.role));
    let on_change = {
        let name = name.clone();
        move |event| {
            if let Some(role) = Role::from_key(&event_target_value(&event)) {
                let name = name.clone();
                state.edit_mapping(move |mapping, inspection| {
                    let _ = mapping.assign(&name, role, &inspection.profiles);
                });
            }
        }
    };
    view! {
        <th class=move || role_class(role()) data-testid="column">
            <span class="column-name" title=name.clone()>
                {name.clone()}
            </span>
            <Show
                when=move || editable
                fallback=move || view! { <span class="role-label">{move || role_name(i18n, role())}</span> }
            >
                <select
                    class="role-select"
                    data-testid="role"
                    aria-label=name.clone()
                    prop:value=move || role().key()
                    on:change=on_change.clone()
                >
                    {Role::ALL
                        .into_iter()
                        .map(|option| {
                            view! {
                                <option value=option.key() selected=move || role() == option>
                                    {move || role_name(i18n, option)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Show>
        </th>
    }
}

/// The time columns: each with its format menu and two values as they are read.
#[component]
fn TimeColumns(inspection: StoredValue<Inspection>, mapping: Memo<Mapping>, editable: bool) -> impl IntoView {
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
