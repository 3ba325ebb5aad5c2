//! A loaded log and what was computed from it, kept between questions.
//!
//! The page asks many questions of one log: a map at this slider position, then the next;
//! the variants; an analysis with this vocabulary; a page of the case list. A [`Session`]
//! holds the log with the filter chain in force and caches what the answers cost: the full
//! graph and the projector behind the map's sliders, the graphs of slider positions, the
//! anchors of reference layouts, the variants, the service facts and the case list's order.
//! Each is made when first asked for (there is no call order to keep), and a filter change
//! drops exactly what depends on the filtered log; the filter choices, which describe the
//! whole log, stay.
//!
//! The worker holds one session and only turns messages into calls; the same calls are
//! tested natively here. [`Session::prepare`] does one piece of idle work at a time, so a
//! caller with an event loop can interleave it with requests.

use std::cell::RefCell;

use crate::compare::CompareOptions;
use crate::compare::change_point::ChangePoint;
use crate::conformance::AlignmentMemo;
use crate::conformance::align::AlignError;
use crate::conformance::net::PetriNet;
use crate::discovery::cases::{
    CaseDetail, CaseListQuery, CasePage, CaseStats, case_detail, case_stats, page_of, sort_cases,
};
use crate::discovery::draw::Measure;
use crate::discovery::map::MapOptions;
use crate::discovery::variants::{Variant, variants};
use crate::filter::{FilterChain, Filtered, apply};
use crate::format::Lang;
use crate::ingest::SkipReport;
use crate::log::{CaseIndex, EventLog};
use crate::service::conformance::pending_alignments;
use crate::service::{AnalysisKind, AnalysisReport, AnalysisSetup, CaseFacts, Inputs, ServiceContext, case_facts};

mod choices;
mod compare;
mod map;
mod views;
mod warehouse;

pub use choices::filter_choices;
pub use map::PREPARED_EDGES;
pub use views::{
    CASE_PAGE_LIMIT, CHOICE_VALUES, ColumnChoice, FilterChoices, FilterState, MapView, VARIANT_ROWS_LIMIT, ValueCount,
    VariantRow, VariantsView,
};
pub use warehouse::{WarehouseSession, WarehouseSummary};

use compare::Segments;
use map::{MapCache, MapSource, Source};

/// How often a session made each thing it caches: the tests of the caching read these.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Computed {
    /// Filter chains applied.
    pub filters: u32,
    /// Full graphs of the filtered log.
    pub full_graphs: u32,
    /// Projectors of the filtered log's activity sequences.
    pub projectors: u32,
    /// Graphs of activity slider positions.
    pub projections: u32,
    /// Anchors of reference layouts.
    pub anchors: u32,
    /// Variant lists.
    pub variants: u32,
    /// Service facts (with their context).
    pub facts: u32,
    /// Case list orders.
    pub case_orders: u32,
    /// Filter choices.
    pub choices: u32,
    /// On-demand analyses (conformance) run.
    pub on_demand: u32,
}

/// The service facts of the filtered cases, for the vocabulary they were made with.
struct Facts {
    vocabulary: crate::service::Vocabulary,
    ctx: ServiceContext,
    facts: Vec<CaseFacts>,
}

/// What depends on the filtered log: dropped whole when the filter changes.
#[derive(Default)]
struct Derived {
    variants: Option<Vec<Variant>>,
    map: MapCache,
    facts: Option<Facts>,
    /// The case list's order for a search and a sort (the query without its page): turning
    /// its pages sorts nothing.
    case_order: Option<(CaseListQuery, Vec<CaseIndex>)>,
    /// The last report of each on-demand analysis, with the setup it was made for: asking
    /// again with the same setup (opening the view again) costs nothing.
    on_demand: Vec<(AnalysisSetup, AnalysisReport)>,
}

/// A loaded log, the filter chain in force and what was computed from them.
pub struct Session {
    log: EventLog,
    skipped: SkipReport,
    /// What the chain in force keeps.
    filtered: Filtered,
    derived: Derived,
    /// What filters can choose from (of the whole log: no filter changes it).
    choices: Option<FilterChoices>,
    computed: Computed,
    /// Alignments found so far, by variant, against the last model checked (a filter change
    /// keeps them: a variant's alignment does not depend on the other cases).
    alignments: RefCell<AlignmentMemo>,
    /// The whole log's suggested change point, for the options it was found with.
    change_point: Option<(CompareOptions, Option<ChangePoint>)>,
    /// The segments of the last comparison (a filter change does not touch them: each chain
    /// applies to the whole log).
    segments: Option<Segments>,
}

impl Session {
    /// A session on a whole, unfiltered log, with what its import skipped.
    pub fn new(log: EventLog, skipped: SkipReport) -> Session {
        let filtered = Filtered::everything(&log);
        Session {
            log,
            skipped,
            filtered,
            derived: Derived::default(),
            choices: None,
            computed: Computed::default(),
            alignments: RefCell::default(),
            change_point: None,
            segments: None,
        }
    }

    /// The whole log.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// What the import skipped.
    pub fn skipped(&self) -> &SkipReport {
        &self.skipped
    }

    /// How often each cached thing was made so far.
    pub fn computed(&self) -> Computed {
        self.computed
    }

    /// Applies a chain; on an error the previous chain, and all that was computed from it,
    /// stays in force.
    pub fn set_filters(&mut self, chain: &FilterChain) -> FilterState {
        let error = match apply(&self.log, chain) {
            Ok(filtered) => {
                self.computed.filters += 1;
                self.filtered = filtered;
                self.derived = Derived::default();
                None
            }
            Err(error) => Some(error),
        };
        FilterState {
            steps: self.filtered.steps.clone(),
            total_cases: self.log.case_count() as u64,
            total_events: self.log.event_count() as u64,
            error,
        }
    }

    /// The map of the filtered log at the slider positions of `options`.
    pub fn map(&mut self, options: MapOptions, measure: Measure, lang: Lang) -> MapView {
        let at = MapSource::Log(Source::of(&self.log, &self.filtered));
        self.derived.map.map(at, options, measure, lang, &mut self.computed)
    }

    /// One piece of idle work for the map (see the [module docs](self)); `false` when nothing
    /// is left to prepare.
    pub fn prepare(&mut self) -> bool {
        let at = MapSource::Log(Source::of(&self.log, &self.filtered));
        self.derived.map.prepare(at, &mut self.computed)
    }

    /// The variants of the filtered log, the most frequent first.
    pub fn variants(&mut self) -> &[Variant] {
        let at = Source::of(&self.log, &self.filtered);
        let computed = &mut self.computed;
        self.derived.variants.get_or_insert_with(|| {
            computed.variants += 1;
            variants(at.log, at.selection)
        })
    }

    /// The variants as the variants view lists them (at most [`VARIANT_ROWS_LIMIT`] rows).
    pub fn variants_view(&mut self) -> VariantsView {
        let at = Source::of(&self.log, &self.filtered);
        let cases = at.selection.len(at.log) as u64;
        let activity_names: Vec<String> = at.log.activities.names().map(str::to_owned).collect();
        let list = self.variants();
        VariantsView {
            total: list.len() as u64,
            cases,
            rows: list
                .iter()
                .take(VARIANT_ROWS_LIMIT)
                .map(|v| VariantRow {
                    activities: v.activities.clone(),
                    cases: v.cases.len() as u64,
                    share: v.share,
                    coverage: v.coverage,
                    median_duration_s: v.median_duration_s,
                    mean_duration_s: v.mean_duration_s,
                })
                .collect(),
            activity_names,
        }
    }

    /// Case durations and events per case of the filtered log.
    pub fn overview(&self) -> CaseStats {
        let at = Source::of(&self.log, &self.filtered);
        case_stats(at.log, at.selection)
    }

    /// One case with its events, whatever the filters: its id names it in the whole log.
    pub fn case(&self, id: &str) -> Option<CaseDetail> {
        case_detail(&self.log, id)
    }

    /// A page of the case list; the order is kept for the next page of the same search and
    /// sort.
    pub fn case_page(&mut self, query: &CaseListQuery) -> CasePage {
        let at = Source::of(&self.log, &self.filtered);
        let key = CaseListQuery {
            id_contains: query.id_contains.trim().to_lowercase(),
            offset: 0,
            limit: 0,
            ..query.clone()
        };
        if self.derived.case_order.as_ref().is_some_and(|(known, _)| *known != key) {
            self.derived.case_order = None;
        }
        let computed = &mut self.computed;
        let (_, order) = self.derived.case_order.get_or_insert_with(|| {
            computed.case_orders += 1;
            let order =
                sort_cases(at.log, at.selection, &key.id_contains, key.sort, key.descending, key.within.as_ref());
            (key, order)
        });
        page_of(at.log, order, query.offset, query.limit.min(CASE_PAGE_LIMIT))
    }

    /// What filters can choose from, on the whole log.
    pub fn choices(&mut self) -> &FilterChoices {
        let (log, computed) = (&self.log, &mut self.computed);
        self.choices.get_or_insert_with(|| {
            computed.choices += 1;
            filter_choices(log)
        })
    }

    /// The service facts of the filtered cases for `setup`'s vocabulary, made once.
    fn ensure_facts(&mut self, setup: &AnalysisSetup) {
        let at = Source::of(&self.log, &self.filtered);
        if self.derived.facts.as_ref().is_some_and(|facts| facts.vocabulary != setup.vocabulary) {
            self.derived.facts = None;
        }
        let (whole, computed) = (&self.log, &mut self.computed);
        self.derived.facts.get_or_insert_with(|| {
            computed.facts += 1;
            // "Now" is the whole log's last time: a filter does not move the export's date.
            let ctx = ServiceContext::new(at.log, &setup.vocabulary).with_now(whole.time.iter().copied().max());
            let facts = case_facts(at.log, &ctx, at.selection);
            Facts { vocabulary: setup.vocabulary.clone(), ctx, facts }
        });
    }

    /// The service analysis `kind` of the filtered log. The facts behind it are kept for the
    /// next analysis with the same vocabulary.
    pub fn analysis(&mut self, kind: AnalysisKind, setup: &AnalysisSetup) -> AnalysisReport {
        self.ensure_facts(setup);
        let at = Source::of(&self.log, &self.filtered);
        let Some(facts) = &self.derived.facts else { unreachable!("made just above") };
        if !kind.on_demand() {
            return kind.run(&Inputs::new(at.log, &facts.ctx, &facts.facts, &setup.options));
        }
        let known = &self.derived.on_demand;
        if let Some((_, report)) = known.iter().find(|(s, r)| r.kind() == kind && s == setup) {
            return report.clone();
        }
        self.computed.on_demand += 1;
        let inputs = Inputs::new(at.log, &facts.ctx, &facts.facts, &setup.options).with_alignments(&self.alignments);
        let report = kind.run(&inputs);
        let known = &mut self.derived.on_demand;
        known.retain(|(_, r)| r.kind() != kind);
        known.push((setup.clone(), report.clone()));
        report
    }

    /// The alignments that conformance with `setup` still needs: the model's net and the
    /// variants of the filtered cases (see [`pending_alignments`]). `None` when its report is
    /// known or needs no alignment the session does not have.
    pub fn pending_alignments(&mut self, setup: &AnalysisSetup) -> Option<(PetriNet, Vec<Vec<String>>)> {
        let kind = AnalysisKind::Conformance;
        if self.derived.on_demand.iter().any(|(s, r)| r.kind() == kind && s == setup) {
            return None;
        }
        self.ensure_facts(setup);
        let at = Source::of(&self.log, &self.filtered);
        let facts = self.derived.facts.as_ref()?;
        let inputs = Inputs::new(at.log, &facts.ctx, &facts.facts, &setup.options);
        pending_alignments(&inputs, &self.alignments.borrow())
    }

    /// Aligns some of `traces` against `net` for the next conformance report, while `more()`
    /// says so (see [`AlignmentMemo::fill`]); returns how many of them are known.
    ///
    /// # Errors
    /// When the net cannot be aligned against.
    pub fn align(
        &self,
        net: &PetriNet,
        traces: &[Vec<String>],
        more: impl FnMut() -> bool,
    ) -> Result<usize, AlignError> {
        self.alignments.borrow_mut().fill(net, traces, more)
    }
}

#[cfg(test)]
mod tests;
