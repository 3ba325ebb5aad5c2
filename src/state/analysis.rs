//! The actions on the analyses of a loaded log ([`crate::analysis::Analysis`]): the filter
//! chain, the process map, variants, case statistics, single cases and the service analyses.
//! The worker holds the log; the page asks for what a view shows and keeps the latest answer
//! of each kind in a signal.
//!
//! Every answer reflects the filter chain in force in the worker. When the chain changes,
//! everything shown is asked for again (the open view first).
//!
//! Slider moves can come faster than the worker draws maps: at most one map request is in
//! flight, and while it runs only the latest wish is remembered and sent when it returns, so
//! the map follows the slider without a queue building up.

use casemap_engine::conformance::ideal::IdealModel;
use casemap_engine::discovery::cases::{CaseListQuery, CaseQuery, CaseSort};
use casemap_engine::filter::{Filter, FilterChain};
use casemap_engine::format::Lang;
use casemap_engine::service::Step;
use leptos::prelude::*;

use super::AppState;
use crate::analysis::{Aligning, CASE_PAGE_ROWS, CaseList, MAP_CASE_ROWS, MapSettings, Marked, Tab, Toast};
use crate::protocol::{AnalysisKind, AnalysisSetup, JobId, Request, Response};

impl AppState {
    /// A new log is loaded: forget what was shown for the previous one and ask for the
    /// overview.
    pub fn start_analysis(&self, first_job: JobId) {
        let a = self.analysis;
        a.epoch.set(first_job);
        a.log_epoch.set(first_job);
        a.tab.set(Tab::Overview);
        a.case_query.set(CaseListQuery { limit: CASE_PAGE_ROWS, ..CaseListQuery::default() });
        a.toast.set(None);
        a.chain.set(FilterChain::default());
        a.filters.set(None);
        a.choices.set(None);
        a.settings.set(MapSettings::default());
        a.marked.set(None);
        a.case.set(None);
        a.map.set(None);
        self.reset_comparison();
        self.forget_results();
        self.refresh(self.map_lang.get_untracked());
        // Columns are named by their meaning in chips, tables and cases: the choices say
        // which column has which.
        self.request_choices();
    }

    /// Drops every answer computed under the previous log or chain. The map stays on screen
    /// until the new one replaces it (its nodes then glide to their new places), so a filter
    /// change does not blank it.
    pub(super) fn forget_results(&self) {
        let a = self.analysis;
        a.map_job.set(None);
        a.map_current.set(false);
        a.map_stale.set(false);
        a.variants.set(None);
        a.overview.set(None);
        a.reports.set(Vec::new());
        // A conformance check of the cases before is of no use any more.
        self.give_up_conformance();
        self.forget_comparison(false);
        a.cases.set(None);
        a.case_page.set(None);
    }

    /// Asks for what the open view shows.
    fn refresh(&self, lang: Lang) {
        let a = self.analysis;
        match a.tab.get_untracked() {
            Tab::Overview => {
                let job = self.next_job_id();
                self.send_request(Request::Overview { job });
                self.request_analysis(AnalysisKind::Kpis);
            }
            Tab::Map => self.request_map(lang),
            Tab::Variants => {
                let job = self.next_job_id();
                self.send_request(Request::Variants { job });
            }
            Tab::Cases => self.request_case_page(),
            Tab::Analyses => self.request_analysis(a.section.get_untracked()),
            Tab::Compare => self.refresh_compare(lang),
        }
    }

    /// Opens a view, asking the worker for what it needs first.
    pub fn open_tab(&self, tab: Tab, lang: Lang) {
        let a = self.analysis;
        a.tab.set(tab);
        if tab == Tab::Analyses {
            // Rows of the analyses filter by column name: the columns are needed there.
            self.request_choices();
        }
        let missing = match tab {
            Tab::Overview => a.overview.with_untracked(Option::is_none) || a.report(AnalysisKind::Kpis).is_none(),
            Tab::Map => !a.map_current.get_untracked(),
            Tab::Variants => a.variants.with_untracked(Option::is_none),
            Tab::Cases => a.case_page.with_untracked(Option::is_none),
            Tab::Analyses => a.report(a.section.get_untracked()).is_none(),
            // It asks for what is missing itself.
            Tab::Compare => true,
        };
        if missing {
            self.refresh(lang);
        }
    }

    /// Opens one service analysis in the analyses view.
    pub fn open_section(&self, kind: AnalysisKind) {
        self.analysis.section.set(kind);
        // A conformance check still running goes on: it is not asked for again.
        let running = kind == AnalysisKind::Conformance
            && self.analysis.aligning.with_untracked(|x| x.is_some_and(|x| !x.stopped));
        if !running && self.analysis.reports.with_untracked(|r| !r.iter().any(|r| r.kind() == kind)) {
            self.request_analysis(kind);
        }
    }

    /// Asks for one service analysis with the current setup.
    pub fn request_analysis(&self, kind: AnalysisKind) {
        let job = self.next_job_id();
        if kind == AnalysisKind::Conformance {
            self.analysis.aligning.set(Some(Aligning { job, done: 0, total: 0, stopped: false }));
        }
        let setup = Box::new(self.analysis.setup.get_untracked());
        self.send_request(Request::Analysis { job, kind, setup });
    }

    /// Stops the conformance check running in the worker (what it aligned is kept there).
    pub fn stop_conformance(&self) {
        if let Some(Aligning { job, stopped: false, .. }) = self.analysis.aligning.get_untracked() {
            self.send_request(Request::Cancel { job });
        }
    }

    /// Stops the conformance check running and forgets it: its answer no longer counts.
    fn give_up_conformance(&self) {
        self.stop_conformance();
        self.analysis.aligning.set(None);
    }

    /// Changes the setup (vocabulary, SLA rules, ...) and asks again for the analyses shown.
    pub fn edit_setup(&self, edit: impl FnOnce(&mut AnalysisSetup)) {
        self.analysis.setup.update(edit);
        self.analysis.reports.set(Vec::new());
        // A conformance check under the setup before would answer for it.
        self.give_up_conformance();
        self.forget_comparison(true);
        self.refresh(self.map_lang.get_untracked());
    }

    /// Makes `activity` count as `step` (its whole name becomes a pattern of the step in the
    /// vocabulary), remembers the mark for an undo and asks again for every figure shown.
    pub fn mark_activity(&self, activity: String, step: Step) {
        let before = self.analysis.setup.with_untracked(|s| s.vocabulary.clone());
        let mut after = before.clone();
        if after.mark(&activity, step) {
            self.analysis.marked.set(Some(Marked { activity, step, before }));
            self.edit_setup(|s| s.vocabulary = after);
        }
    }

    /// Takes back the last mark: the vocabulary as it was before it.
    pub fn undo_mark(&self) {
        if let Some(marked) = self.analysis.marked.get_untracked() {
            self.analysis.marked.set(None);
            self.edit_setup(|s| s.vocabulary = marked.before);
        }
    }

    /// Opens the vocabulary editor of the analyses view.
    pub fn open_vocabulary(&self, lang: Lang) {
        self.request_choices();
        self.analysis.vocabulary_open.set(true);
        self.open_tab(Tab::Analyses, lang);
    }

    /// Applies a filter chain: the worker filters, then every view asks again.
    pub fn set_chain(&self, chain: FilterChain) {
        let a = self.analysis;
        // The toast follows its step when an earlier one goes, and goes with its step.
        a.toast.update(|toast| {
            if let Some(t) = toast {
                match chain.filters.iter().position(|f| *f == t.filter) {
                    Some(index) => t.index = index,
                    None => *toast = None,
                }
            }
        });
        a.chain.set(chain.clone());
        let job = self.next_job_id();
        a.filter_job.set(job);
        self.send_request(Request::SetFilters { job, chain });
    }

    /// Adds a step the user built in the filter editor (the new chip says it all).
    pub fn apply_filter(&self, filter: Filter) {
        let mut chain = self.analysis.chain.get_untracked();
        chain.filters.push(filter);
        self.set_chain(chain);
    }

    /// Adds a step chosen by a click elsewhere (a table row, a bar, the map, variants) and
    /// says so: a toast names the step and offers to undo it. Every click that filters comes
    /// through here.
    pub fn add_filter(&self, filter: Filter) {
        let a = self.analysis;
        let index = a.chain.with_untracked(|c| c.filters.len());
        static TOASTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let id = TOASTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        a.toast.set(Some(Toast { id, filter: filter.clone(), index }));
        self.apply_filter(filter);
    }

    /// Removes the step of the toast shown (if the chain still has it where it was added).
    pub fn undo_toast(&self) {
        let a = self.analysis;
        let Some(toast) = a.toast.get_untracked() else { return };
        a.toast.set(None);
        if a.chain.with_untracked(|c| c.filters.get(toast.index) == Some(&toast.filter)) {
            self.remove_filter(toast.index);
        }
    }

    /// Removes step `index` of the chain.
    pub fn remove_filter(&self, index: usize) {
        let mut chain = self.analysis.chain.get_untracked();
        if index < chain.filters.len() {
            chain.filters.remove(index);
            self.set_chain(chain);
        }
    }

    /// Asks for what filters can choose from (once per log).
    pub fn request_choices(&self) {
        if self.analysis.choices.with_untracked(Option::is_none) {
            let job = self.next_job_id();
            self.send_request(Request::FilterChoices { job });
        }
    }

    /// Changes the map's settings and redraws it.
    pub fn set_map(&self, lang: Lang, change: impl FnOnce(&mut MapSettings)) {
        self.analysis.settings.update(change);
        self.request_map(lang);
    }

    /// Keeps only the cases of these variants (indices into the variants list) and shows
    /// them on the map.
    pub fn choose_variants(&self, chosen: Vec<u32>) {
        let sequences = self.variant_paths(&chosen);
        if sequences.is_empty() {
            return;
        }
        self.analysis.tab.set(Tab::Map);
        self.add_filter(Filter::Variants { variants: sequences, exclude: false });
    }

    /// Makes the chosen variants (row numbers of the variants view) the ideal process and
    /// opens the conformance analysis.
    pub fn variants_as_ideal(&self, chosen: Vec<u32>) {
        let paths = self.variant_paths(&chosen);
        if paths.is_empty() {
            return;
        }
        // The open view is asked for again when the setup changes: open it first.
        self.analysis.vocabulary_open.set(false);
        self.analysis.section.set(AnalysisKind::Conformance);
        self.analysis.tab.set(Tab::Analyses);
        self.request_choices();
        self.edit_setup(|s| s.options.conformance.model = IdealModel::Variants { paths });
    }

    /// The activity sequences of variants, by their row numbers in the variants view.
    fn variant_paths(&self, chosen: &[u32]) -> Vec<Vec<String>> {
        self.analysis.variants.with_untracked(|v| {
            v.as_ref()
                .map(|v| {
                    chosen
                        .iter()
                        .filter_map(|&i| v.rows.get(i as usize))
                        .map(|r| v.names(r).map(str::to_owned).collect())
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    /// Asks for the map with the current settings (or remembers to, when one is being drawn).
    pub fn request_map(&self, lang: Lang) {
        let a = self.analysis;
        if a.map_job.get_untracked().is_some() {
            a.map_stale.set(true);
            return;
        }
        let job = self.next_job_id();
        a.map_job.set(Some(job));
        a.map_stale.set(false);
        let settings = a.settings.get_untracked();
        self.send_request(Request::Map { job, options: settings.options, measure: settings.measure, lang });
        self.map_lang.set(lang);
    }

    /// Lists cases matching `query` under `title`; `filter` is the step that keeps them.
    pub fn find_cases(&self, title: String, query: CaseQuery, filter: Option<Filter>) {
        // A warehouse result has no cases to list.
        if self.is_warehouse() {
            return;
        }
        // The longest cases first: the ones worth a look.
        let query = CaseListQuery {
            sort: CaseSort::Duration,
            descending: true,
            limit: MAP_CASE_ROWS,
            within: Some(query),
            ..CaseListQuery::default()
        };
        self.analysis.cases.set(Some(CaseList { title, query, page: None, filter }));
        self.request_map_cases();
    }

    /// Changes the order or the length of the map's case list and asks for it.
    pub fn edit_map_cases(&self, edit: impl FnOnce(&mut CaseListQuery)) {
        self.analysis.cases.update(|list| {
            if let Some(list) = list {
                edit(&mut list.query);
            }
        });
        self.request_map_cases();
    }

    fn request_map_cases(&self) {
        let Some(query) = self.analysis.cases.with_untracked(|c| c.as_ref().map(|c| c.query.clone())) else { return };
        let job = self.next_job_id();
        self.analysis.list_job.set(job);
        self.send_request(Request::ListCases { job, query });
    }

    /// Asks for the page of the case list the query names.
    pub fn request_case_page(&self) {
        let job = self.next_job_id();
        self.analysis.page_job.set(job);
        let query = self.analysis.case_query.get_untracked();
        self.send_request(Request::ListCases { job, query });
    }

    /// Changes the case list's search, order or page and asks for it.
    pub fn set_case_query(&self, edit: impl FnOnce(&mut CaseListQuery)) {
        self.analysis.case_query.update(edit);
        self.request_case_page();
    }

    /// Shows one case in the cases view.
    pub fn show_case(&self, id: String) {
        let job = self.next_job_id();
        self.analysis.case_job.set(job);
        self.analysis.case.set(Some((id.clone(), None)));
        self.analysis.tab.set(Tab::Cases);
        self.send_request(Request::Case { job, id });
    }

    /// Takes an analysis answer (moved into its signal, not copied); any other response is
    /// handed back.
    pub(crate) fn apply_analysis(&self, response: Response) -> Option<Response> {
        let a = self.analysis;
        let current = |job: JobId| job >= a.epoch.get_untracked();
        match response {
            Response::Map { job, map } => {
                if a.map_job.get_untracked() == Some(job) {
                    a.map_job.set(None);
                    if current(job) {
                        a.map.set(Some(*map));
                        a.map_current.set(true);
                    }
                    if a.map_stale.get_untracked() {
                        self.request_map(self.map_lang.get_untracked());
                    }
                }
            }
            Response::Filtered { job, state } => {
                if job == a.filter_job.get_untracked() {
                    // Answers asked for before this chain are stale from now on.
                    a.epoch.set(job);
                    let failed = state.error.is_some();
                    a.filters.set(Some(state));
                    if !failed {
                        self.forget_results();
                        self.refresh(self.map_lang.get_untracked());
                    }
                }
            }
            // The choices are of the whole log: a filter change does not make them stale.
            Response::Choices { job, choices } if job >= a.log_epoch.get_untracked() => a.choices.set(Some(*choices)),
            Response::Aligning { job, done, total } => a.aligning.update(|aligning| {
                if let Some(aligning) = aligning.as_mut().filter(|x| x.job == job) {
                    (aligning.done, aligning.total) = (done, total);
                }
            }),
            Response::Cancelled { job } if a.aligning.with_untracked(|x| x.is_some_and(|x| x.job == job)) => {
                a.aligning.update(|aligning| {
                    if let Some(aligning) = aligning {
                        aligning.stopped = true;
                    }
                });
            }
            Response::Analysis { job, report } if current(job) => {
                // A conformance report counts only for the check asked for last (one given
                // up, for another setup or other cases, may still answer).
                if report.kind() == AnalysisKind::Conformance {
                    if !a.aligning.with_untracked(|x| x.is_some_and(|x| x.job == job)) {
                        return None;
                    }
                    a.aligning.set(None);
                }
                a.reports.update(|reports| {
                    reports.retain(|r| r.kind() != report.kind());
                    reports.push(*report);
                })
            }
            Response::Variants { job, variants } if current(job) => a.variants.set(Some(*variants)),
            Response::Overview { job, stats } if current(job) => a.overview.set(Some(*stats)),
            Response::CasePage { job, page } if job == a.list_job.get_untracked() => a.cases.update(|list| {
                if let Some(list) = list {
                    list.page = Some(*page);
                }
            }),
            Response::CasePage { job, page } if job == a.page_job.get_untracked() && current(job) => {
                a.case_page.set(Some(*page))
            }
            Response::Case { job, case } if job == a.case_job.get_untracked() => a.case.update(|shown| {
                if let Some((_, detail)) = shown {
                    *detail = Some(case.map(|c| *c));
                }
            }),
            Response::Variants { .. }
            | Response::Overview { .. }
            | Response::CasePage { .. }
            | Response::Case { .. }
            | Response::Choices { .. }
            | Response::Analysis { .. } => {}
            other => return Some(other),
        }
        None
    }
}
