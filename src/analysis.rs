//! What the analyses of a loaded log show: the filter chain, the process map, variants, case
//! statistics, single cases and the service analyses, each the latest answer of the worker in
//! a signal. The actions that ask for them and fold the answers in are in
//! [`crate::state::analysis`]: this module holds data only, so that [`crate::state::AppState`]
//! can hold an [`Analysis`] without an import cycle.

use casemap_engine::discovery::cases::{CaseDetail, CaseListQuery, CasePage, CaseStats};
use casemap_engine::discovery::draw::Measure;
use casemap_engine::discovery::map::MapOptions;
use casemap_engine::filter::{Filter, FilterChain};
use casemap_engine::service::{Step, Vocabulary};
use leptos::prelude::*;

use crate::protocol::{
    AnalysisKind, AnalysisReport, AnalysisSetup, FilterChoices, FilterState, JobId, MapView, VariantsView,
};

/// The views of a loaded log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// KPIs, the import report and case statistics.
    #[default]
    Overview,
    /// The process map.
    Map,
    /// The variants.
    Variants,
    /// Single cases.
    Cases,
    /// The service analyses.
    Analyses,
    /// Two sets of cases compared.
    Compare,
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
        // The first map (readable on real, spaghetti-like logs; see
        // casemap_engine::discovery::map) until the user moves a slider.
        MapSettings { options: MapOptions::default(), measure: Measure::Cases }
    }
}

/// The cases behind a click on the map, and what they have in common.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseList {
    /// What the cases have in common (already translated), e.g. "through Resolve ticket".
    pub title: String,
    /// Which cases, in which order, how many rows.
    pub query: CaseListQuery,
    /// The rows (`None` while the worker lists them).
    pub page: Option<CasePage>,
    /// The filter step that keeps these cases, when there is one.
    pub filter: Option<Filter>,
}

/// Rows of the map's case list shown at first, and added by each "more".
pub const MAP_CASE_ROWS: usize = 25;

/// An activity the user marked as a service step from the overview, with the vocabulary before
/// the mark (for an undo).
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    /// The activity.
    pub activity: String,
    /// What it now counts as.
    pub step: Step,
    /// The vocabulary before.
    pub before: Vocabulary,
}

/// Rows of the case list per page.
pub const CASE_PAGE_ROWS: usize = 50;

/// The filter step a click added, shown with an Undo button until it times out.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// Tells toasts apart (a new click replaces the toast and restarts its time).
    pub id: u32,
    /// The step added.
    pub filter: Filter,
    /// Its place in the chain.
    pub index: usize,
}

/// What the analyses show. Copy: pass it into closures freely.
#[derive(Debug, Clone, Copy)]
pub struct Analysis {
    /// The open view.
    pub tab: RwSignal<Tab>,
    /// The service analysis open in the analyses view.
    pub section: RwSignal<AnalysisKind>,
    /// The filter chain the page asked for.
    pub chain: RwSignal<FilterChain>,
    /// What the worker's chain keeps (after each step).
    pub filters: RwSignal<Option<FilterState>>,
    /// What filters can choose from, once asked for.
    pub choices: RwSignal<Option<FilterChoices>>,
    /// Vocabulary, SLA rules, FCR parts, the drivers' outcome.
    pub setup: RwSignal<AnalysisSetup>,
    /// Whether the analyses view shows the vocabulary editor (instead of an analysis).
    pub vocabulary_open: RwSignal<bool>,
    /// Whether the map marks the deviations from the ideal process (when they were checked).
    pub map_deviations: RwSignal<bool>,
    /// The last activity marked as a resolution or closure from the overview.
    pub marked: RwSignal<Option<Marked>>,
    /// The latest report of each service analysis asked for.
    pub reports: RwSignal<Vec<AnalysisReport>>,
    /// The last conformance check asked for, and how far its alignments got.
    pub aligning: RwSignal<Option<Aligning>>,
    /// The map's settings.
    pub settings: RwSignal<MapSettings>,
    /// The last map drawn.
    pub map: RwSignal<Option<MapView>>,
    /// The map request in flight, if any.
    pub(crate) map_job: RwSignal<Option<JobId>>,
    /// Whether the map shown was drawn for the current log and chain.
    pub(crate) map_current: RwSignal<bool>,
    /// Whether the settings changed while a map request was in flight.
    pub(crate) map_stale: RwSignal<bool>,
    /// The variants, once asked for.
    pub variants: RwSignal<Option<VariantsView>>,
    /// Case statistics.
    pub overview: RwSignal<Option<CaseStats>>,
    /// The last case list asked for (title set when asked).
    pub cases: RwSignal<Option<CaseList>>,
    /// The case shown: its id, and the case once it came (`None` inside when not found).
    pub case: RwSignal<Option<(String, Option<Option<CaseDetail>>)>>,
    /// The search, order and page of the case list.
    pub case_query: RwSignal<CaseListQuery>,
    /// The page of the case list shown, once it came.
    pub case_page: RwSignal<Option<CasePage>>,
    /// The filter step the last click added, while its toast shows.
    pub toast: RwSignal<Option<Toast>>,
    /// Answers to jobs before this one belong to an earlier log or filter chain.
    pub(crate) epoch: RwSignal<JobId>,
    /// Answers to jobs before this one belong to an earlier log.
    pub(crate) log_epoch: RwSignal<JobId>,
    /// The latest job of each kind of list and the case view: older answers are dropped.
    pub(crate) list_job: RwSignal<JobId>,
    pub(crate) case_job: RwSignal<JobId>,
    pub(crate) page_job: RwSignal<JobId>,
    pub(crate) filter_job: RwSignal<JobId>,
}

/// A conformance check in the worker: the variants it aligned of all, and whether the user
/// stopped it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aligning {
    /// Its job.
    pub job: JobId,
    /// Variants aligned so far (0 until the worker reports).
    pub done: u64,
    /// Variants in all (0 until the worker reports).
    pub total: u64,
    /// Stopped on the user's request.
    pub stopped: bool,
}

impl Analysis {
    /// Empty analyses.
    pub fn new() -> Self {
        Analysis {
            tab: RwSignal::new(Tab::default()),
            section: RwSignal::new(AnalysisKind::Bottlenecks),
            chain: RwSignal::new(FilterChain::default()),
            filters: RwSignal::new(None),
            choices: RwSignal::new(None),
            setup: RwSignal::new(AnalysisSetup::default()),
            vocabulary_open: RwSignal::new(false),
            map_deviations: RwSignal::new(false),
            marked: RwSignal::new(None),
            reports: RwSignal::new(Vec::new()),
            aligning: RwSignal::new(None),
            settings: RwSignal::new(MapSettings::default()),
            map: RwSignal::new(None),
            map_job: RwSignal::new(None),
            map_current: RwSignal::new(false),
            map_stale: RwSignal::new(false),
            variants: RwSignal::new(None),
            overview: RwSignal::new(None),
            cases: RwSignal::new(None),
            case: RwSignal::new(None),
            case_query: RwSignal::new(CaseListQuery { limit: CASE_PAGE_ROWS, ..CaseListQuery::default() }),
            case_page: RwSignal::new(None),
            toast: RwSignal::new(None),
            epoch: RwSignal::new(0),
            log_epoch: RwSignal::new(0),
            list_job: RwSignal::new(0),
            case_job: RwSignal::new(0),
            page_job: RwSignal::new(0),
            filter_job: RwSignal::new(0),
        }
    }

    /// The latest report of `kind`, if any (tracked).
    pub fn report(&self, kind: AnalysisKind) -> Option<AnalysisReport> {
        self.reports.with(|reports| reports.iter().find(|r| r.kind() == kind).cloned())
    }
}

impl Default for Analysis {
    fn default() -> Self {
        Self::new()
    }
}
