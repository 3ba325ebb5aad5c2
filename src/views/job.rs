//! The current job: progress while the worker reads, the mapping step, the loaded log, a
//! cancellation or a failure.

use casemap_engine::format;
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::names::source_name;
use crate::protocol::JobError;
use crate::state::{JobView, Progress, Source, use_app_state};
use crate::views::mapping::MappingStep;
use crate::views::messages::{import_error_message, read_error_message, warehouse_error_message};
use crate::views::warehouse::{WarehouseSetup, WarehouseWorkspace};
use crate::views::workspace::Workspace;
use crate::widgets::{BackToMapping, ChooseAnother};

/// Which part of the flow the job is in: the panel is rebuilt only when this changes, not on
/// every progress report or mapping edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    Inspecting,
    Mapping,
    Importing,
    Loaded,
    WarehouseSetup,
    Warehouse,
    Cancelled,
    Failed,
}

fn phase(view: &JobView) -> Phase {
    match view {
        JobView::Idle => Phase::Idle,
        JobView::Inspecting { .. } => Phase::Inspecting,
        JobView::Mapping { .. } => Phase::Mapping,
        JobView::Importing { .. } | JobView::Opening { .. } => Phase::Importing,
        JobView::Loaded { .. } => Phase::Loaded,
        JobView::WarehouseSetup => Phase::WarehouseSetup,
        JobView::Warehouse { .. } => Phase::Warehouse,
        JobView::Cancelled { .. } => Phase::Cancelled,
        JobView::Failed { .. } => Phase::Failed,
    }
}

/// Progress, mapping step, loaded log, cancellation or failure of the current job.
#[component]
pub fn JobPanel() -> impl IntoView {
    let state = use_app_state();
    let current = Memo::new(move |_| state.job.with(phase));
    move || match current.get() {
        Phase::Idle => ().into_any(),
        Phase::Inspecting | Phase::Importing => view! { <Running /> }.into_any(),
        Phase::Mapping => view! { <MappingStep /> }.into_any(),
        Phase::Loaded => view! { <Workspace /> }.into_any(),
        Phase::WarehouseSetup => view! { <WarehouseSetup /> }.into_any(),
        Phase::Warehouse => view! { <WarehouseWorkspace /> }.into_any(),
        Phase::Cancelled => view! { <Cancelled /> }.into_any(),
        Phase::Failed => view! { <Failed /> }.into_any(),
    }
}

fn current_source(view: &JobView) -> Source {
    match view {
        JobView::Inspecting { source, .. }
        | JobView::Opening { source, .. }
        | JobView::Warehouse { source, .. }
        | JobView::Mapping { source, .. }
        | JobView::Importing { source, .. }
        | JobView::Loaded { source, .. }
        | JobView::Cancelled { source }
        | JobView::Failed { source, .. } => source.clone(),
        JobView::Idle | JobView::WarehouseSetup => Source::Sample,
    }
}

#[component]
fn Running() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let view = state.job.get_untracked();
    let inspecting = matches!(view, JobView::Inspecting { .. } | JobView::Opening { .. });
    let opening = matches!(view, JobView::Opening { .. });
    let started_ms = match view {
        JobView::Importing { started_ms, .. } => started_ms,
        _ => 0.0,
    };
    let source = current_source(&view);
    let title = move || match (&source, inspecting) {
        (Source::File { name, .. }, _) if opening => {
            t_string!(i18n, warehouse.opening, name = name.clone()).to_string()
        }
        (Source::Sample, _) => t_string!(i18n, job.generating_sample).to_string(),
        (Source::File { name, .. }, true) => t_string!(i18n, job.inspecting, name = name.clone()).to_string(),
        (Source::File { name, .. }, false) => t_string!(i18n, job.importing, name = name.clone()).to_string(),
    };
    let progress = state.progress;
    let bytes = move || {
        let Progress { done, total, .. } = progress.get();
        t_string!(i18n, job.progress, done = format::bytes(done, lang()), total = format::bytes(total, lang()))
            .to_string()
    };
    let rows = move || {
        t_string!(i18n, job.rows_so_far, count = progress.get().rows, rows = format::count(progress.get().rows, lang()))
            .to_string()
    };
    let rate = move || {
        let done = progress.get().done;
        let now = web_sys::window().and_then(|w| w.performance()).map_or(started_ms, |p| p.now());
        let seconds = (now - started_ms) / 1000.0;
        if seconds > 0.05 && done > 0 { format::byte_rate(done as f64 / seconds, lang()) } else { String::new() }
    };
    view! {
        <div class="panel" data-testid="job-running">
            <h2 class="panel-title">{title}</h2>
            <progress
                class="progress"
                max=move || progress.get().total.max(1)
                value=move || progress.get().done
                data-testid="progress"
            ></progress>
            <Show when=move || !inspecting>
                <div class="panel-figures">
                    <span data-testid="progress-bytes">{bytes}</span>
                    <span data-testid="progress-rows">{rows}</span>
                    <span>{rate}</span>
                </div>
            </Show>
            <div class="panel-actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="cancel"
                    on:click=move |_| state.cancel()
                >
                    {t!(i18n, job.cancel)}
                </button>
            </div>
        </div>
    }
}

#[component]
fn Cancelled() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let source = current_source(&state.job.get_untracked());
    view! {
        <div class="panel" data-testid="job-cancelled">
            <p class="panel-title">
                {move || t_string!(i18n, job.cancelled, name = source_name(i18n, &source)).to_string()}
            </p>
            <div class="panel-actions">
                <ChooseAnother primary=true />
            </div>
        </div>
    }
}

#[component]
fn Failed() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let JobView::Failed { source, error, back } = state.job.get_untracked() else {
        return ().into_any();
    };
    let can_go_back = back.is_some();
    let message = move || match &error {
        JobError::Import(error) => import_error_message(i18n, error),
        JobError::Read(message) => read_error_message(i18n, message),
        JobError::Warehouse(error) => warehouse_error_message(i18n, error),
    };
    view! {
        <div class="panel" data-testid="job-failed" role="alert">
            <h2 class="panel-title">
                {move || t_string!(i18n, job.failed_title, name = source_name(i18n, &source)).to_string()}
            </h2>
            <p class="notice notice-error" data-testid="job-error">
                {message}
            </p>
            <div class="panel-actions">
                <Show when=move || can_go_back>
                    <BackToMapping />
                </Show>
                <ChooseAnother primary=true />
            </div>
        </div>
    }
    .into_any()
}
