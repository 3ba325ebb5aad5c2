//! The map's caches: the full graph of the filtered log, the projector of its activity
//! sequences, the graphs of activity slider positions and the anchors of the reference
//! layouts. Each is made when first needed; idle time prepares the ones a slider step is
//! likely to need next.

use super::Computed;
use super::views::MapView;
use crate::discovery::dfg::Dfg;
use crate::discovery::draw::{MapAnchors, MapDrawing, Measure};
use crate::discovery::map::{MapOptions, kept_for, project_with, reference_activities, with_paths};
use crate::discovery::projection::Projector;
use crate::filter::Filtered;
use crate::format::Lang;
use crate::log::EventLog;
use crate::log::Selection;
use crate::warehouse::graphs::AggregateGraphs;

/// The most edges kept in prepared graphs of activity slider positions (about 100 bytes each);
/// idle time prepares up to half of it.
pub const PREPARED_EDGES: usize = 200_000;

/// The map's caches for one filtered log (a filter change starts a new one).
#[derive(Default)]
pub(super) struct MapCache {
    /// The graph of every activity and path.
    full: Option<Dfg>,
    /// The distinct activity sequences, from which the slider's graphs are made.
    projector: Option<Projector>,
    /// Graphs of activity slider positions: (activities kept, graph), the last one asked for
    /// first. Moving the path slider, or the activity slider back, reads no event.
    projected: Vec<(usize, Dfg)>,
    /// Activities kept in the last map asked for, and its language: idle time prepares the
    /// positions and anchors around it.
    last: Option<(usize, Lang)>,
    /// Where the drawings of the reference maps (a rung of activities, every path) put their
    /// nodes, per rung and language: every slider position within a rung keeps them there.
    anchors: Vec<(usize, Lang, MapAnchors)>,
}

/// What a map cache draws: a filtered log, or the result of a warehouse query.
#[derive(Clone, Copy)]
pub(super) enum MapSource<'a> {
    /// A filtered log.
    Log(Source<'a>),
    /// A warehouse result's graphs.
    Aggregate(&'a AggregateGraphs),
}

impl<'a> MapSource<'a> {
    /// Where drawings read activity names from.
    fn names(&self) -> &'a EventLog {
        match self {
            MapSource::Log(at) => at.log,
            MapSource::Aggregate(graphs) => &graphs.names,
        }
    }
}

/// The filtered log a cache belongs to.
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    pub log: &'a EventLog,
    pub selection: Selection<'a>,
}

impl<'a> Source<'a> {
    /// What `filtered` keeps of `log`.
    pub fn of(log: &'a EventLog, filtered: &'a Filtered) -> Source<'a> {
        Source { log: filtered.log(log), selection: filtered.selection() }
    }
}

/// The full graph in `slot`, made when missing.
fn full_graph<'c>(slot: &'c mut Option<Dfg>, at: MapSource<'_>, counts: &mut Computed) -> &'c Dfg {
    slot.get_or_insert_with(|| {
        counts.full_graphs += 1;
        match at {
            MapSource::Log(at) => Dfg::discover(at.log, at.selection, None),
            MapSource::Aggregate(graphs) => graphs.full.clone(),
        }
    })
}

/// The projector in `slot`, made when missing.
fn projector_of<'c>(slot: &'c mut Option<Projector>, at: Source<'_>, counts: &mut Computed) -> &'c mut Projector {
    slot.get_or_insert_with(|| {
        counts.projectors += 1;
        Projector::new(at.log, at.selection)
    })
}

impl MapCache {
    /// The full graph, made when missing.
    fn full(&mut self, at: MapSource<'_>, counts: &mut Computed) -> &Dfg {
        full_graph(&mut self.full, at, counts)
    }

    /// The map at the slider positions of `options`.
    pub fn map(
        &mut self,
        at: MapSource<'_>,
        options: MapOptions,
        measure: Measure,
        lang: Lang,
        counts: &mut Computed,
    ) -> MapView {
        let full = self.full(at, counts);
        let total = full.activities.len();
        let kept = kept_for(full, options);
        self.last = Some((kept, lang));
        let anchors = self.anchors_of(at, reference_activities(total, kept), lang, counts);
        let dfg = self.projection(at, kept, counts);
        let map = with_paths(dfg, total, options.paths);
        let drawing = MapDrawing::new_stable(at.names(), &map, measure, lang, Some(&self.anchors[anchors].2));
        MapView { drawing, activities_total: map.activities_total, kept, paths: map.paths, dfg: map.dfg }
    }

    /// The index in `anchors` of the anchors of `rung` in `lang`, made when missing. Anchors
    /// of other languages are dropped (label widths differ).
    fn anchors_of(&mut self, at: MapSource<'_>, rung: usize, lang: Lang, counts: &mut Computed) -> usize {
        self.anchors.retain(|(_, l, _)| *l == lang);
        if let Some(index) = self.anchors.iter().position(|(r, _, _)| *r == rung) {
            return index;
        }
        let reference = self.projection(at, rung, counts);
        let total = self.full(at, counts).activities.len();
        counts.anchors += 1;
        self.anchors.push((rung, lang, MapAnchors::of_reference(at.names(), &reference, total, lang)));
        self.anchors.len() - 1
    }

    /// The graph of the `kept` most frequent activities, from the prepared ones when it is
    /// there; it becomes the first of them.
    fn projection(&mut self, at: MapSource<'_>, kept: usize, counts: &mut Computed) -> Dfg {
        if kept >= self.full(at, counts).activities.len() {
            return self.full(at, counts).clone();
        }
        if let Some(index) = self.projected.iter().position(|(k, _)| *k == kept) {
            let entry = self.projected.remove(index);
            let dfg = entry.1.clone();
            self.projected.insert(0, entry);
            return dfg;
        }
        let dfg = self.project(at, kept, counts);
        self.projected.insert(0, (kept, dfg.clone()));
        // Prepared graphs are small, but a log of thousands of activities makes big ones.
        let mut edges = 0;
        self.projected.retain(|(_, g)| {
            edges += g.edges.len();
            edges <= PREPARED_EDGES
        });
        dfg
    }

    /// Projects the full graph on the `kept` most frequent activities.
    fn project(&mut self, at: MapSource<'_>, kept: usize, counts: &mut Computed) -> Dfg {
        let MapCache { full, projector, .. } = self;
        let full = full_graph(full, at, counts);
        counts.projections += 1;
        match at {
            MapSource::Log(at) => project_with(projector_of(projector, at, counts), at.log, at.selection, full, kept),
            MapSource::Aggregate(graphs) => graphs.project(kept),
        }
    }

    /// One piece of idle work: the full graph, then the projector, then (once a map was
    /// shown) the anchors of the rungs up to twice the one shown, then the graph of the not
    /// yet prepared slider position nearest the last one shown. `false` when nothing is left.
    pub fn prepare(&mut self, at: MapSource<'_>, counts: &mut Computed) -> bool {
        if self.full.is_none() {
            self.full(at, counts);
            return true;
        }
        if let MapSource::Log(log) = at
            && self.projector.is_none()
        {
            projector_of(&mut self.projector, log, counts);
            return true;
        }
        let Some((last, lang)) = self.last else { return false };
        let total = self.full(at, counts).activities.len();
        // The nearest first, so that a step across a rung costs only the anchored layout.
        // (Bigger ones are laid out when asked for: one of them would hold up a slider step
        // for the length of its layout.)
        let shown = reference_activities(total, last);
        let mut rungs: Vec<usize> = (1..=total).map(|k| reference_activities(total, k)).collect();
        rungs.dedup();
        rungs.retain(|&rung| rung <= 2 * shown);
        rungs.sort_by_key(|&rung| (rung.abs_diff(shown), rung));
        if let Some(&rung) = rungs.iter().find(|&&rung| !self.anchors.iter().any(|(r, l, _)| *r == rung && *l == lang))
        {
            self.anchors_of(at, rung, lang, counts);
            return true;
        }
        let prepared_edges: usize = self.projected.iter().map(|(_, g)| g.edges.len()).sum();
        if prepared_edges >= PREPARED_EDGES / 2 {
            return false;
        }
        // The positions the slider can reach (one activity a step), nearest the last one first.
        let next =
            (1..total).filter(|&k| !self.projected.iter().any(|(p, _)| *p == k)).min_by_key(|&k| (k.abs_diff(last), k));
        let Some(next) = next else { return false };
        let dfg = self.project(at, next, counts);
        // Behind the ones asked for: those are evicted last.
        self.projected.push((next, dfg));
        true
    }
}
