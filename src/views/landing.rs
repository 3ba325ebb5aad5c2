//! The landing view: the drop zone, the sample data, the data template and the privacy
//! statement.

use casemap_engine::format;
use casemap_engine::template::{self, Column, Requirement};
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use web_sys::{DragEvent, File};

use crate::context::use_lang;
use crate::i18n::*;
use crate::protocol::SAMPLE_CASES;
use crate::state::use_app_state;
use crate::widgets::WarehouseStart;

/// Drop a file, pick one (mouse or keyboard), or load the sample data.
#[component]
pub fn DropZone() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let input = NodeRef::<html::Input>::new();
    // dragenter/dragleave fire for every child element: count them to know when the pointer
    // really left the zone.
    let drag_depth = RwSignal::new(0_i32);
    let open_picker = move || {
        if let Some(input) = input.get() {
            input.click();
        }
    };
    let take_file = move |file: Option<File>| {
        if let Some(file) = file {
            state.read_file(file);
        }
    };
    let on_pick = move |_| {
        if let Some(input) = input.get() {
            take_file(input.files().and_then(|files| files.get(0)));
            // Picking the same file again must fire `change` again.
            input.set_value("");
        }
    };
    let on_drop = move |event: DragEvent| {
        event.prevent_default();
        drag_depth.set(0);
        take_file(event.data_transfer().and_then(|data| data.files()).and_then(|files| files.get(0)));
    };
    let dragging = move || drag_depth.get() > 0;
    let on_drag_enter = move |event: DragEvent| {
        event.prevent_default();
        drag_depth.update(|depth| *depth += 1);
    };
    let on_drag_over = move |event: DragEvent| {
        // Without this the browser opens the dropped file itself.
        event.prevent_default();
        if let Some(data) = event.data_transfer() {
            data.set_drop_effect("copy");
        }
    };
    let sample_hint = move || {
        let cases = format::count(u64::from(SAMPLE_CASES), lang());
        t_string!(i18n, landing.sample_hint, count = SAMPLE_CASES, cases = cases).to_string()
    };
    view! {
        <div
            class="dropzone"
            class:dragging=dragging
            data-testid="dropzone"
            on:dragenter=on_drag_enter
            on:dragleave=move |_| drag_depth.update(|depth| *depth = (*depth - 1).max(0))
            on:dragover=on_drag_over
            on:drop=on_drop
            on:click=move |_| open_picker()
        >
            <svg class="dropzone-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
                <path d="M14 6 H29 L38 15 V40 a2 2 0 0 1 -2 2 H14 a2 2 0 0 1 -2 -2 V8 a2 2 0 0 1 2 -2 Z" />
                <path d="M29 6 V15 H38" />
                <path d="M25 36 V22 M19 28 L25 22 L31 28" class="dropzone-arrow" />
            </svg>
            <h2 class="dropzone-title">
                <Show when=dragging fallback=move || t!(i18n, landing.drop_title)>
                    {t!(i18n, landing.dropping)}
                </Show>
            </h2>
            <p class="dropzone-hint">{t!(i18n, landing.drop_hint)}</p>
            <div class="dropzone-actions">
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="choose-file"
                    on:click=move |event| {
                        event.stop_propagation();
                        open_picker();
                    }
                >
                    {t!(i18n, landing.choose_file)}
                </button>
                <span class="dropzone-or">{t!(i18n, landing.or)}</span>
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="try-sample"
                    on:click=move |event| {
                        event.stop_propagation();
                        state.read_sample();
                    }
                >
                    {t!(i18n, landing.try_sample)}
                </button>
            </div>
            <p class="dropzone-sample-hint">{sample_hint}</p>
        </div>
        // Outside the zone, so that its click does not bubble back into the zone.
        <input
            type="file"
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            accept=".csv,.tsv,.txt,.xes,.gz,.xlsx,text/csv"
            data-testid="file-input"
            node_ref=input
            on:change=on_pick
        />
    }
}

/// "Download the data template" with a guide to each column.
#[component]
pub fn TemplateCard() -> impl IntoView {
    let i18n = use_i18n();
    let download = move |_| {
        if let Err(error) = crate::download::save_text(template::FILE_NAME, &template::csv(), "text/csv;charset=utf-8")
        {
            web_sys::console::error_2(&"casemap: cannot offer the template".into(), &error);
        }
    };
    view! {
        <article class="card" data-testid="template-card">
            <h2>{t!(i18n, landing.template_title)}</h2>
            <p>{t!(i18n, landing.template_text)}</p>
            <button type="button" class="button button-secondary" data-testid="download-template" on:click=download>
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M12 4 V15 M7 10 L12 15 L17 10 M5 20 H19" />
                </svg>
                {t!(i18n, landing.download_template)}
            </button>
            <details class="guide" data-testid="template-guide">
                <summary>{t!(i18n, landing.template_guide)}</summary>
                <table class="guide-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, columns.header_column)}</th>
                            <th scope="col">{t!(i18n, columns.header_needed)}</th>
                            <th scope="col">{t!(i18n, columns.header_meaning)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {Column::ALL
                            .iter()
                            .copied()
                            .map(|column| {
                                view! {
                                    <tr>
                                        <td>
                                            <code>{column.name()}</code>
                                        </td>
                                        <td>
                                            <RequirementTag requirement=column.requirement() />
                                        </td>
                                        <td>{column_meaning(i18n, column)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        </article>
    }
}

#[component]
fn RequirementTag(requirement: Requirement) -> impl IntoView {
    let i18n = use_i18n();
    match requirement {
        Requirement::Required => view! { <span class="tag tag-strong">{t!(i18n, columns.required)}</span> }.into_any(),
        Requirement::OneOfTimes => {
            view! { <span class="tag tag-strong">{t!(i18n, columns.one_of_times)}</span> }.into_any()
        }
        Requirement::Recommended => view! { <span class="tag">{t!(i18n, columns.recommended)}</span> }.into_any(),
    }
}

fn column_meaning(i18n: I18nContext<Locale>, column: Column) -> AnyView {
    match column {
        Column::CaseId => t!(i18n, columns.case_id).into_any(),
        Column::Activity => t!(i18n, columns.activity).into_any(),
        Column::StartTime => t!(i18n, columns.start_time).into_any(),
        Column::EndTime => t!(i18n, columns.end_time).into_any(),
        Column::Agent => t!(i18n, columns.agent).into_any(),
        Column::Team => t!(i18n, columns.team).into_any(),
        Column::Priority => t!(i18n, columns.priority).into_any(),
        Column::Channel => t!(i18n, columns.channel).into_any(),
        Column::CaseType => t!(i18n, columns.case_type).into_any(),
        Column::Status => t!(i18n, columns.status).into_any(),
        Column::SlaDue => t!(i18n, columns.sla_due).into_any(),
        Column::Csat => t!(i18n, columns.csat).into_any(),
        Column::Escalated => t!(i18n, columns.escalated).into_any(),
    }
}

/// "History in a warehouse?": the way to the query that computes the map there.
#[component]
pub fn WarehouseCard() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <article class="card card-warehouse" data-testid="warehouse-card">
            <h2>{t!(i18n, landing.warehouse_title)}</h2>
            <p>{t!(i18n, landing.warehouse_text)}</p>
            <WarehouseStart testid="warehouse-start" />
        </article>
    }
}

/// "Your data never leaves this browser", and how that is enforced.
#[component]
pub fn PrivacyCard() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <article class="card card-privacy" data-testid="privacy">
            <h2>
                <svg class="icon icon-shield" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M12 3 L19 6 V11 C19 15.5 16 19 12 21 C8 19 5 15.5 5 11 V6 Z" />
                    <path d="M9 12 L11 14 L15 10" />
                </svg>
                {t!(i18n, landing.privacy_title)}
            </h2>
            <p>{t!(i18n, landing.privacy_text)}</p>
        </article>
    }
}
