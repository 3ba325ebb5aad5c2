//! App-wide state: the current job and the worker that runs it.
//!
//! [`provide_app_state`] creates the state and starts the worker at the root of the app;
//! components get it with [`use_app_state`]. Views only read the signals and call the
//! actions here; what the worker says is folded into the state in [`AppState::apply`].
//!
//! The flow of an import: a file is dropped or picked -> [`JobView::Inspecting`] (the worker
//! reads its head) -> [`JobView::Mapping`] (the user checks the column roles) ->
//! [`JobView::Importing`] (the worker reads the whole file) -> [`JobView::Loaded`]. The sample
//! data skips the mapping step.

use std::cell::RefCell;

use casemap_engine::ingest::{ImportOptions, Inspection, Mapping};
use leptos::prelude::*;
use web_sys::{Blob, File};

use crate::client::{Event, WorkerClient};
use crate::protocol::{ImportReport, JobError, JobId, Request, Response};

pub mod analysis;
pub mod compare;
pub mod warehouse;

/// Where the bytes of a job come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A file the user dropped or picked (its name and size).
    File {
        /// The file name.
        name: String,
        /// Its size in bytes.
        size: u64,
    },
    /// The built-in sample data.
    Sample,
}

/// The state of the current job, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum JobView {
    /// No job: the landing view.
    Idle,
    /// The worker reads the head of the file.
    Inspecting {
        /// The job.
        job: JobId,
        /// The file.
        source: Source,
    },
    /// The user checks the mapping.
    Mapping {
        /// The file.
        source: Source,
        /// What the head of the file showed.
        inspection: Box<Inspection>,
        /// The mapping as the user left it (starts as the guess).
        mapping: Mapping,
        /// Import choices.
        options: ImportOptions,
    },
    /// The worker imports; how far it got is in [`AppState::progress`].
    Importing {
        /// The job.
        job: JobId,
        /// What is read.
        source: Source,
        /// When the job started (milliseconds, `performance.now()`).
        started_ms: f64,
        /// The mapping step to go back to (none for the sample).
        back: Option<Box<JobView>>,
    },
    /// A log is loaded.
    Loaded {
        /// What was read.
        source: Source,
        /// What came out.
        report: Box<ImportReport>,
        /// The mapping step to go back to (none for the sample).
        back: Option<Box<JobView>>,
    },
    /// The user writes the warehouse query and picks its saved result.
    WarehouseSetup,
    /// The worker reads a warehouse result.
    Opening {
        /// The job.
        job: JobId,
        /// The file.
        source: Source,
    },
    /// A warehouse result is open: its map and variants.
    Warehouse {
        /// The file.
        source: Source,
        /// Its figures besides the map and the variants.
        summary: Box<crate::protocol::WarehouseSummary>,
    },
    /// The user cancelled.
    Cancelled {
        /// What was being read.
        source: Source,
    },
    /// The job failed.
    Failed {
        /// What was being read.
        source: Source,
        /// Why.
        error: JobError,
        /// The mapping step to go back to, when the failure came from the mapping.
        back: Option<Box<JobView>>,
    },
}

impl JobView {
    /// The running job, if any.
    fn running(&self) -> Option<JobId> {
        match self {
            JobView::Inspecting { job, .. } | JobView::Importing { job, .. } | JobView::Opening { job, .. } => {
                Some(*job)
            }
            _ => None,
        }
    }

    fn source(&self) -> Option<Source> {
        match self {
            JobView::Idle | JobView::WarehouseSetup => None,
            JobView::Inspecting { source, .. }
            | JobView::Opening { source, .. }
            | JobView::Warehouse { source, .. }
            | JobView::Mapping { source, .. }
            | JobView::Importing { source, .. }
            | JobView::Loaded { source, .. }
            | JobView::Cancelled { source }
            | JobView::Failed { source, .. } => Some(source.clone()),
        }
    }
}

/// How far the running job got. A signal of its own: it changes many times a second, and only
/// the progress figures need to follow it, not the whole job panel.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    /// Bytes read.
    pub done: u64,
    /// Bytes in all (0 until the worker's first report).
    pub total: u64,
    /// Rows read.
    pub rows: u64,
}

/// The app-wide signals. Copy: pass it into closures freely.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The current job.
    pub job: RwSignal<JobView>,
    /// How far the running job got.
    pub progress: RwSignal<Progress>,
    /// Set when the worker died: the page cannot go on without a reload.
    pub crashed: RwSignal<Option<String>>,
    /// True once the worker has said it is ready.
    pub worker_ready: RwSignal<bool>,
    /// The analyses of the loaded log.
    pub analysis: crate::analysis::Analysis,
    /// The compare view.
    pub compare: crate::comparison::Comparing,
    /// The language the last map was asked for in.
    pub(crate) map_lang: RwSignal<casemap_engine::format::Lang>,
    next_job: RwSignal<JobId>,
    /// The job that asked for the skipped rows, and what to do with them.
    skipped_request: RwSignal<Option<JobId>>,
}

thread_local! {
    static CLIENT: RefCell<Option<WorkerClient>> = const { RefCell::new(None) };
    /// The file being imported: kept here, not in a signal (a `File` cannot cross threads).
    static FILE: RefCell<Option<File>> = const { RefCell::new(None) };
}

/// Creates the app state, starts the worker and provides the state as context.
pub fn provide_app_state() -> AppState {
    let state = AppState {
        job: RwSignal::new(JobView::Idle),
        progress: RwSignal::new(Progress::default()),
        crashed: RwSignal::new(None),
        worker_ready: RwSignal::new(false),
        analysis: crate::analysis::Analysis::new(),
        compare: crate::comparison::Comparing::new(),
        map_lang: RwSignal::new(casemap_engine::format::Lang::En),
        next_job: RwSignal::new(1),
        skipped_request: RwSignal::new(None),
    };
    match WorkerClient::spawn(move |event| state.apply(event)) {
        Ok(client) => CLIENT.with_borrow_mut(|slot| *slot = Some(client)),
        Err(error) => state.crashed.set(Some(format!("{error:?}"))),
    }
    provide_context(state);
    state
}

/// The app state provided at the root.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|window| window.performance()).map_or(0.0, |performance| performance.now())
}

impl AppState {
    fn next(&self) -> JobId {
        let job = self.next_job.get_untracked();
        self.next_job.set(job + 1);
        job
    }

    /// A new job id.
    pub(crate) fn next_job_id(&self) -> JobId {
        self.next()
    }

    /// Sends a request without a file.
    pub(crate) fn send_request(&self, request: Request) {
        self.send(request, None);
    }

    fn send(&self, request: Request, file: Option<Blob>) {
        CLIENT.with_borrow(|client| match client {
            Some(client) => client.send(request, file),
            None => self.crashed.set(Some("the worker is not running".to_owned())),
        });
    }

    /// Starts an import of a file the user dropped or picked: first its head is inspected.
    pub fn read_file(&self, file: File) {
        let job = self.next();
        let source = Source::File { name: file.name(), size: file.size() as u64 };
        FILE.with_borrow_mut(|slot| *slot = Some(file.clone()));
        self.job.set(JobView::Inspecting { job, source });
        self.send(Request::Inspect { job, sheet: None }, Some(file.into()));
    }

    /// Reads another sheet of the workbook in the mapping step.
    pub fn choose_sheet(&self, sheet: String) {
        let Some(source) = self.job.get_untracked().source() else {
            return;
        };
        let Some(file) = FILE.with_borrow(Clone::clone) else {
            return;
        };
        let job = self.next();
        self.job.set(JobView::Inspecting { job, source });
        self.send(Request::Inspect { job, sheet: Some(sheet) }, Some(file.into()));
    }

    /// Loads the built-in sample data (no mapping step).
    pub fn read_sample(&self) {
        let job = self.next();
        self.progress.set(Progress::default());
        self.job.set(JobView::Importing { job, source: Source::Sample, started_ms: now_ms(), back: None });
        self.send(Request::LoadSample { job }, None);
    }

    /// Changes the mapping in the mapping step.
    pub fn edit_mapping(&self, edit: impl FnOnce(&mut Mapping, &Inspection)) {
        self.job.update(|view| {
            if let JobView::Mapping { mapping, inspection, .. } = view {
                edit(mapping, inspection);
            }
        });
    }

    /// Chooses a history preset (or none) in the mapping step: the mapping starts again from
    /// the preset's (or the plain) guess.
    pub fn set_preset(&self, preset: Option<casemap_engine::ingest::presets::Preset>) {
        self.job.update(|view| {
            if let JobView::Mapping { mapping, inspection, .. } = view
                && let Some(fresh) = inspection.mapping_for(preset)
            {
                *mapping = fresh;
            }
        });
    }

    /// Imports the file with the mapping of the mapping step.
    pub fn import(&self) {
        let view = self.job.get_untracked();
        let JobView::Mapping { source, inspection, mapping, options } = &view else {
            return;
        };
        let Some(file) = FILE.with_borrow(Clone::clone) else {
            return;
        };
        let job = self.next();
        self.progress.set(Progress::default());
        let request =
            Request::Import { job, inspection: inspection.clone(), mapping: mapping.clone(), options: options.clone() };
        self.job.set(JobView::Importing {
            job,
            source: source.clone(),
            started_ms: now_ms(),
            back: Some(Box::new(view.clone())),
        });
        self.send(request, Some(file.into()));
    }

    /// Back from a loaded log or a failure to the mapping step.
    pub fn back_to_mapping(&self) {
        let back = match self.job.get_untracked() {
            JobView::Loaded { back, .. } | JobView::Failed { back, .. } => back,
            _ => None,
        };
        if let Some(view) = back {
            self.job.set(*view);
        }
    }

    /// Asks the worker for every skipped row; [`crate::download`] saves them when they come.
    pub fn download_skipped(&self) {
        let job = self.next();
        self.skipped_request.set(Some(job));
        self.send(Request::SkippedRows { job }, None);
    }

    /// Cancels the running job; the page shows it at once.
    pub fn cancel(&self) {
        let view = self.job.get_untracked();
        if let Some(job) = view.running() {
            self.send(Request::Cancel { job }, None);
            if let Some(source) = view.source() {
                self.job.set(JobView::Cancelled { source });
            }
        }
    }

    /// Back to the landing view.
    pub fn reset(&self) {
        self.cancel();
        FILE.with_borrow_mut(|slot| *slot = None);
        self.job.set(JobView::Idle);
    }

    /// Folds what the worker said into the state. Responses for a job that is no longer the
    /// running one (cancelled, replaced) are ignored.
    pub fn apply(&self, event: Event) {
        let response = match event {
            Event::Failed { message } => Response::Crashed { message },
            Event::Response(response) => response,
        };
        let Some(response) = self.apply_analysis(response) else { return };
        let Some(response) = self.apply_compare(response) else { return };
        match &response {
            Response::Ready { .. } => self.worker_ready.set(true),
            Response::Crashed { message } => {
                self.crashed.set(Some(message.clone()));
                // The running job, if any, will never finish.
                let view = self.job.get_untracked();
                if let (Some(_), Some(source)) = (view.running(), view.source()) {
                    self.job.set(JobView::Failed { source, error: JobError::Read(message.clone()), back: None });
                }
            }
            Response::SkippedRows { job, csv } => {
                if self.skipped_request.get_untracked() == Some(*job) {
                    self.skipped_request.set(None);
                    let name = match self.job.get_untracked().source() {
                        Some(Source::File { name, .. }) => format!("{name}-skipped-rows.csv"),
                        _ => "skipped-rows.csv".to_owned(),
                    };
                    if let Err(error) = crate::download::save_text(&name, csv, "text/csv;charset=utf-8") {
                        web_sys::console::error_2(&"casemap: cannot save the skipped rows".into(), &error);
                    }
                }
                return;
            }
            _ => {}
        }
        let view = self.job.get_untracked();
        if view.running().is_none() || response.job() != view.running() {
            return;
        }
        let source = view.source().unwrap_or(Source::Sample);
        let back = match &view {
            JobView::Importing { back, .. } => back.clone(),
            _ => None,
        };
        match response {
            Response::Progress { done, total, rows, .. } => self.progress.set(Progress { done, total, rows }),
            Response::Inspected { inspection, .. } => {
                let mapping = inspection.mapping.clone();
                self.job.set(JobView::Mapping { source, inspection, mapping, options: ImportOptions::default() });
            }
            Response::Imported { report, job } => {
                self.job.set(JobView::Loaded { source, report, back });
                self.start_analysis(job);
            }
            Response::Warehouse { summary, job } => {
                self.job.set(JobView::Warehouse { source, summary });
                self.start_warehouse(job);
            }
            Response::Cancelled { .. } => self.job.set(JobView::Cancelled { source }),
            Response::Failed { error, .. } => self.job.set(JobView::Failed { source, error, back }),
            _ => {}
        }
    }
}
