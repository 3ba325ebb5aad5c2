//! App-wide state: the current job and the worker that runs it.
//!
//! [`provide_app_state`] creates the state and starts the worker at the root of the app;
//! components get it with [`use_app_state`]. Views only read the signals and call the
//! actions here; what the worker says is folded into the state in [`AppState::apply`].

use std::cell::RefCell;

use casemap_engine::scan::ScanSummary;
use leptos::prelude::*;
use web_sys::{Blob, File};

use crate::protocol::{JobId, Request, Response};
use crate::worker::client::{Event, WorkerClient};

/// Where the bytes of a job come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A file the user dropped or picked (its name).
    File(String),
    /// The built-in sample data.
    Sample,
}

/// The state of the current job, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum JobView {
    /// No job: the landing view.
    Idle,
    /// Reading; how far it got is in [`AppState::progress`].
    Running {
        /// The job.
        job: JobId,
        /// What is read.
        source: Source,
        /// When the job started (milliseconds, `performance.now()`).
        started_ms: f64,
    },
    /// Read to the end.
    Done {
        /// What was read.
        source: Source,
        /// What the file is.
        summary: ScanSummary,
        /// Seconds the worker took.
        seconds: f64,
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
        /// The reason (from the browser, in English).
        message: String,
    },
}

/// How far the running job got. A signal of its own: it changes many times a second, and only
/// the progress figures need to follow it, not the whole job panel.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    /// Bytes read.
    pub done: u64,
    /// Bytes in all (0 until the worker's first report).
    pub total: u64,
    /// Lines seen.
    pub lines: u64,
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
    next_job: RwSignal<JobId>,
}

thread_local! {
    static CLIENT: RefCell<Option<WorkerClient>> = const { RefCell::new(None) };
}

/// Creates the app state, starts the worker and provides the state as context.
pub fn provide_app_state() -> AppState {
    let state = AppState {
        job: RwSignal::new(JobView::Idle),
        progress: RwSignal::new(Progress::default()),
        crashed: RwSignal::new(None),
        worker_ready: RwSignal::new(false),
        next_job: RwSignal::new(1),
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
    fn start(&self, source: Source, request: impl FnOnce(JobId) -> Request, file: Option<Blob>) {
        let job = self.next_job.get_untracked();
        self.next_job.set(job + 1);
        self.progress.set(Progress::default());
        self.job.set(JobView::Running { job, source, started_ms: now_ms() });
        let request = request(job);
        CLIENT.with_borrow(|client| match client {
            Some(client) => client.send(request, file),
            None => self.crashed.set(Some("the worker is not running".to_owned())),
        });
    }

    /// Reads a file the user dropped or picked.
    pub fn read_file(&self, file: File) {
        let name = file.name();
        self.start(Source::File(name.clone()), |job| Request::ReadFile { job, name }, Some(file.into()));
    }

    /// Reads the built-in sample data.
    pub fn read_sample(&self) {
        self.start(Source::Sample, |job| Request::ReadSample { job }, None);
    }

    /// Cancels the running job; the page returns to its state at once.
    pub fn cancel(&self) {
        if let JobView::Running { job, source, .. } = self.job.get_untracked() {
            CLIENT.with_borrow(|client| {
                if let Some(client) = client {
                    client.send(Request::Cancel { job }, None);
                }
            });
            self.job.set(JobView::Cancelled { source });
        }
    }

    /// Back to the landing view.
    pub fn reset(&self) {
        self.cancel();
        self.job.set(JobView::Idle);
    }

    /// Folds what the worker said into the state. Responses for a job that is no longer the
    /// running one (cancelled, replaced) are ignored.
    pub fn apply(&self, event: Event) {
        let response = match event {
            Event::Failed { message } => Response::Crashed { message },
            Event::Response(response) => response,
        };
        match &response {
            Response::Ready { .. } => self.worker_ready.set(true),
            Response::Crashed { message } => {
                self.crashed.set(Some(message.clone()));
                // The running job, if any, will never finish.
                if let JobView::Running { source, .. } = self.job.get_untracked() {
                    self.job.set(JobView::Failed { source, message: message.clone() });
                }
            }
            _ => {}
        }
        let JobView::Running { job: running, source, .. } = self.job.get_untracked() else {
            return;
        };
        if response.job() != Some(running) {
            return;
        }
        match response {
            Response::Progress { done, total, lines, .. } => self.progress.set(Progress { done, total, lines }),
            Response::FileRead { summary, seconds, .. } => self.job.set(JobView::Done { source, summary, seconds }),
            Response::Cancelled { .. } => self.job.set(JobView::Cancelled { source }),
            Response::Failed { message, .. } => self.job.set(JobView::Failed { source, message }),
            Response::Ready { .. } | Response::Crashed { .. } => {}
        }
    }
}
