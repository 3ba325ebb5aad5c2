//! The analyses of a loaded log: the process map, variants, case statistics and single
//! cases. The worker holds the log; the page asks for what a view shows and keeps the latest
//! answer of each kind in a signal.
//!
//! Slider moves can come faster than the worker draws maps: at most one map request is in
//! flight, and while it runs only the latest wish is remembered and sent when it returns, so
//! the map follows the slider without a queue building up.

use casemap_engine::discovery::cases::{CaseDetail, CaseQuery, CaseStats};
use casemap_engine::discovery::draw::Measure;
use casemap_engine::discovery::map::MapOptions;
use casemap_engine::format::Lang;
use leptos::prelude::*;

use crate::protocol::{JobId, MapView, Request, Response, VariantsView};
use crate::state::AppState;

/// The views of a loaded log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Import report and case statistics.
    #[default]
    Overview,
    /// The process map.
    Map,
    /// The variants.
    Variants,
    /// Single cases.
    Cases,
}

/// The map's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapSettings {
    /// Slider positions.
    pub options: MapOptions,
    /// What labels show.
    pub measure: Measure,
}

impl Default for MapSettings {
    fn default() -> Self {
        // A first map that is readable on real, spaghetti-like logs: every activity, the
        // main paths.
        MapSettings { options: MapOptions { activities: 100.0, paths: 20.0 }, measure: Measure::Cases }
    }
}

/// A list of cases and what it is a list of.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseList {
    /// What the cases have in common (already translated), e.g. "through Resolve ticket".
    pub title: String,
    /// How many match.
    pub total: u64,
    /// The first ids.
    pub ids: Vec<String>,
}

/// What the analyses show. Copy: pass it into closures freely.
#[derive(Debug, Clone, Copy)]
pub struct Analysis {
    /// The open view.
    pub tab: RwSignal<Tab>,
    /// The map's settings.
    pub settings: RwSignal<MapSettings>,
    /// The last map drawn.
    pub map: RwSignal<Option<MapView>>,
    /// The map request in flight, if any.
    map_job: RwSignal<Option<JobId>>,
    /// Whether the settings changed while a map request was in flight.
    map_stale: RwSignal<bool>,
    /// The variants, once asked for.
    pub variants: RwSignal<Option<VariantsView>>,
    /// Variants the map is limited to (indices); all when empty.
    pub chosen: RwSignal<Vec<u32>>,
    /// Case statistics.
    pub overview: RwSignal<Option<CaseStats>>,
    /// The last case list asked for (title set when asked).
    pub cases: RwSignal<Option<CaseList>>,
    /// The case shown: its id, and the case once it came (`None` inside when not found).
    pub case: RwSignal<Option<(String, Option<Option<CaseDetail>>)>>,
    /// Answers to jobs before this one belong to an earlier log.
    epoch: RwSignal<JobId>,
    /// The latest job of each kind of list and the case view: older answers are dropped.
    list_job: RwSignal<JobId>,
    case_job: RwSignal<JobId>,
}

impl Analysis {
    /// Empty analyses.
    pub fn new() -> Self {
        Analysis {
            tab: RwSignal::new(Tab::default()),
            settings: RwSignal::new(MapSettings::default()),
            map: RwSignal::new(None),
            map_job: RwSignal::new(None),
            map_stale: RwSignal::new(false),
            variants: RwSignal::new(None),
            chosen: RwSignal::new(Vec::new()),
            overview: RwSignal::new(None),
            cases: RwSignal::new(None),
            case: RwSignal::new(None),
            epoch: RwSignal::new(0),
            list_job: RwSignal::new(0),
            case_job: RwSignal::new(0),
        }
    }
}

impl Default for Analysis {
    fn default() -> Self {
        Self::new()
    }
}

impl AppState {
    /// A new log is loaded: forget what was shown for the previous one and ask for the
    /// overview.
    pub fn start_analysis(&self, first_job: JobId) {
        let a = self.analysis;
        a.epoch.set(first_job);
        a.tab.set(Tab::Overview);
        a.map.set(None);
        a.map_job.set(None);
        a.map_stale.set(false);
        a.variants.set(None);
        a.chosen.set(Vec::new());
        a.overview.set(None);
        a.cases.set(None);
        a.case.set(None);
        let job = self.next_job_id();
        self.send_request(Request::Overview { job });
    }

    /// Opens a view, asking the worker for what it needs first.
    pub fn open_tab(&self, tab: Tab, lang: Lang) {
        let a = self.analysis;
        a.tab.set(tab);
        match tab {
            Tab::Map if a.map.with_untracked(Option::is_none) => self.request_map(lang),
            Tab::Variants if a.variants.with_untracked(Option::is_none) => {
                let job = self.next_job_id();
                self.send_request(Request::Variants { job });
            }
            _ => {}
        }
    }

    /// Changes the map's settings and redraws it.
    pub fn set_map(&self, lang: Lang, change: impl FnOnce(&mut MapSettings)) {
        self.analysis.settings.update(change);
        self.request_map(lang);
    }

    /// Limits the map to some variants (all when empty) and shows it.
    pub fn choose_variants(&self, chosen: Vec<u32>, lang: Lang) {
        self.analysis.chosen.set(chosen);
        self.analysis.tab.set(Tab::Map);
        self.request_map(lang);
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
        self.send_request(Request::Map {
            job,
            options: settings.options,
            measure: settings.measure,
            lang,
            variants: a.chosen.get_untracked(),
        });
        self.map_lang.set(lang);
    }

    /// Lists cases matching `query` under `title`.
    pub fn find_cases(&self, title: String, query: CaseQuery) {
        let job = self.next_job_id();
        self.analysis.list_job.set(job);
        self.analysis.cases.set(Some(CaseList { title, total: 0, ids: Vec::new() }));
        let variants = self.analysis.chosen.get_untracked();
        self.send_request(Request::FindCases { job, query, variants });
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
                    }
                    if a.map_stale.get_untracked() {
                        self.request_map(self.map_lang.get_untracked());
                    }
                }
            }
            Response::Variants { job, variants } if current(job) => a.variants.set(Some(*variants)),
            Response::Overview { job, stats } if current(job) => a.overview.set(Some(*stats)),
            Response::CaseList { job, total, ids } if job == a.list_job.get_untracked() => a.cases.update(|list| {
                if let Some(list) = list {
                    list.total = total;
                    list.ids = ids;
                }
            }),
            Response::Case { job, case } if job == a.case_job.get_untracked() => a.case.update(|shown| {
                if let Some((_, detail)) = shown {
                    *detail = Some(case.map(|c| *c));
                }
            }),
            Response::Variants { .. }
            | Response::Overview { .. }
            | Response::CaseList { .. }
            | Response::Case { .. } => {}
            other => return Some(other),
        }
        None
    }
}
