//! The mapping step: a preview of the first rows with the guessed role over each column, a
//! menu to change it, the time format of each time column with parsed examples, then Import.

use casemap_engine::ingest::fit::{Fit, estimate};
use casemap_engine::ingest::presets::Preset;
use casemap_engine::ingest::{Inspection, Layout, Mapping, Role, SourceFormat, System};
use leptos::prelude::*;

use crate::i18n::*;
use crate::names::source_name;
use crate::state::{JobView, Source, use_app_state};
use crate::views::messages::{mapping_error_message, preset_name, role_name, warning_message};
use crate::widgets::ChooseAnother;

mod size;
mod time_columns;

use size::SizeEstimate;
use time_columns::TimeColumns;

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
    let size = match &source {
        Source::File { size, .. } => *size,
        Source::Sample => 0,
    };
    let estimate = Memo::new(move |_| mapping.with(|m| inspection.with_value(|i| estimate(size, i, m))));
    let too_big = move || estimate.get().is_some_and(|e| e.fit() == Fit::TooBig);
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
            <SizeEstimate estimate />
            <div class="panel-actions">
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="import"
                    disabled=move || problem().is_some() || too_big()
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
        inspection.with_value(|i| Preset::ALL.iter().copied().filter(|p| p.fits(&i.header)).collect::<Vec<_>>());
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
                        .iter()
                        .copied()
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
