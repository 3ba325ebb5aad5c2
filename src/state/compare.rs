//! The actions of the compare view ([`crate::comparison::Comparing`]). The two segments are
//! a preset's chains added to the filters in force: the filter bar narrows the cases, the
//! preset splits them. A change of filters or setup makes the comparison stale; it is made
//! again when the view is open (or next opened). The difference map follows its sliders as
//! the process map does: one request in flight, the latest wish sent when it returns.

use casemap_engine::compare::presets::Preset;
use casemap_engine::filter::FilterChain;
use casemap_engine::format::Lang;
use leptos::prelude::*;

use super::AppState;
use crate::comparison::DiffSettings;
use crate::protocol::{Request, Response};

impl AppState {
    /// Segments A and B of `preset` under the filters in force.
    fn segment_chains(&self, preset: &Preset) -> Option<(FilterChain, FilterChain)> {
        let (a, b) = preset.chains()?;
        let base = self.analysis.chain.get_untracked();
        let under = |c: FilterChain| FilterChain { filters: base.filters.iter().cloned().chain(c.filters).collect() };
        Some((under(a), under(b)))
    }

    /// Compares the segments of `preset` and draws their difference map.
    pub fn compare(&self, preset: Preset, lang: Lang) {
        let c = self.compare;
        let Some((a, b)) = self.segment_chains(&preset) else { return };
        c.preset.set(Some(preset));
        c.result.set(None);
        let job = self.next_job_id();
        c.job.set(Some(job));
        let setup = Box::new(self.analysis.setup.get_untracked());
        self.send_request(Request::Compare { job, a, b, setup });
        // The map of other segments is of no use: the new one is asked for at once.
        c.diff_job.set(None);
        self.request_diff(lang);
    }

    /// Asks for the difference map with the current settings (or remembers to, when one is
    /// being drawn).
    pub fn request_diff(&self, lang: Lang) {
        let c = self.compare;
        if c.diff_job.get_untracked().is_some() {
            c.diff_stale.set(true);
            c.diff_lang.set(lang);
            return;
        }
        let Some((a, b)) = c.preset.with_untracked(|p| p.as_ref().and_then(|p| self.segment_chains(p))) else {
            return;
        };
        let job = self.next_job_id();
        c.diff_job.set(Some(job));
        c.diff_stale.set(false);
        c.diff_lang.set(lang);
        let DiffSettings { options, measure } = c.settings.get_untracked();
        self.send_request(Request::DiffMap { job, a, b, options, measure, lang });
    }

    /// Changes the difference map's settings and redraws it.
    pub fn set_diff(&self, lang: Lang, change: impl FnOnce(&mut DiffSettings)) {
        self.compare.settings.update(change);
        self.request_diff(lang);
    }

    /// What the open compare view needs: the change point (once per log and setup), and the
    /// comparison again when a change of filters or setup made it stale.
    pub(crate) fn refresh_compare(&self, lang: Lang) {
        let c = self.compare;
        if c.change_point.with_untracked(Option::is_none) && c.point_job.get_untracked().is_none() {
            let job = self.next_job_id();
            c.point_job.set(Some(job));
            let setup = Box::new(self.analysis.setup.get_untracked());
            self.send_request(Request::SuggestChange { job, setup });
        }
        let stale = c.result.with_untracked(Option::is_none) && c.job.get_untracked().is_none();
        if stale && let Some(preset) = c.preset.get_untracked() {
            self.compare(preset, lang);
        }
    }

    /// The filters or the setup changed: the comparison (and, with `setup`, the change point)
    /// no longer holds. The segments stay chosen.
    pub(crate) fn forget_comparison(&self, setup: bool) {
        let c = self.compare;
        c.result.set(None);
        c.job.set(None);
        c.diff.set(None);
        c.diff_job.set(None);
        c.diff_stale.set(false);
        if setup {
            c.change_point.set(None);
            c.point_job.set(None);
        }
    }

    /// A new log: nothing compared yet.
    pub(crate) fn reset_comparison(&self) {
        self.forget_comparison(true);
        self.compare.preset.set(None);
        self.compare.settings.set(DiffSettings::default());
    }

    /// Takes a comparison answer; any other response is handed back.
    pub(crate) fn apply_compare(&self, response: Response) -> Option<Response> {
        let c = self.compare;
        match response {
            Response::Compared { job, comparison } if c.job.get_untracked() == Some(job) => {
                c.result.set(Some(comparison.map(|x| *x)));
            }
            Response::ChangePoint { job, point } if c.point_job.get_untracked() == Some(job) => {
                c.change_point.set(Some(point));
            }
            Response::DiffMap { job, map } if c.diff_job.get_untracked() == Some(job) => {
                c.diff_job.set(None);
                c.diff.set(Some(map.map(|x| *x)));
                if c.diff_stale.get_untracked() {
                    self.request_diff(c.diff_lang.get_untracked());
                }
            }
            Response::Compared { .. } | Response::ChangePoint { .. } | Response::DiffMap { .. } => {}
            other => return Some(other),
        }
        None
    }
}
