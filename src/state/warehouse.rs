//! The warehouse path: the page writes the query (`casemap_engine::warehouse::sql`, on the
//! main thread: it reads no data) and opens its saved result in the worker, which then answers
//! the map's and the variants' requests from it.

use leptos::prelude::*;
use web_sys::File;

use super::{AppState, JobView, Source};
use crate::analysis::{MapSettings, Tab};
use crate::protocol::{JobId, Request};

impl AppState {
    /// Opens the warehouse step: the query's form and the result's picker.
    pub fn warehouse_setup(&self) {
        self.cancel();
        self.job.set(JobView::WarehouseSetup);
    }

    /// Whether a warehouse result is open (no events: no filters, cases or analyses).
    pub fn is_warehouse(&self) -> bool {
        self.job.with(|view| matches!(view, JobView::Warehouse { .. }))
    }

    /// Reads a saved result of the query in the worker.
    pub fn open_warehouse(&self, file: File) {
        let job = self.next_job_id();
        let source = Source::File { name: file.name(), size: file.size() as u64 };
        self.job.set(JobView::Opening { job, source });
        self.send(Request::OpenWarehouse { job }, Some(file.into()));
    }

    /// A result opened: the map first.
    pub(super) fn start_warehouse(&self, first_job: JobId) {
        let a = self.analysis;
        a.epoch.set(first_job);
        a.log_epoch.set(first_job);
        a.tab.set(Tab::Map);
        a.settings.set(MapSettings::default());
        a.marked.set(None);
        a.map.set(None);
        self.forget_results();
        self.request_map(self.map_lang.get_untracked());
    }
}
