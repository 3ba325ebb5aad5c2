//! The difference map: one map for the union of two segments' maps, each activity and path
//! labelled and toned by how it changed from A to B.
//!
//! - **What is drawn.** The activities and paths of either segment. The activity slider keeps
//!   the activities that matter most to either segment, and the path slider picks among the
//!   union's paths the way the map does ([`with_paths`]); hidden activities are bridged in each
//!   segment as on the map ([`Projector`]). Both segments weigh alike, whatever their sizes: an
//!   activity's or a path's weight is its count per case in A plus its count per case in B, so
//!   a path typical of a small segment (Email against every other channel) is not hidden by a
//!   big one.
//! - **What it says.** With [`DiffMeasure::Cases`], each box and path says the share of the
//!   segment's cases that passed it, in A and in B (`38 % → 9 %`); with the times, its median or
//!   mean wait (a path) or duration (an activity, when the log has start times) in A and in B.
//!   A path or activity only B has is new (`– → 9 %`), one only A has is gone (`38 % → –`).
//! - **Its tone**, from -1 to 1, the page colours by: for shares the change against the
//!   largest change on the map (grew > 0), for times the ratio B / A on a log scale (slower >
//!   0; twice as slow and more is 1). An instant step (0 s in both) says nothing.
//! - **Its place.** The nodes are placed where the union's reference map puts them (the
//!   map's anchors, [`MapAnchors`]), so moving a slider does not rearrange the map.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::discovery::dfg::{ActivityStats, Dfg, Edge, Node};
use crate::discovery::draw::{Labels, MapAnchors, MapDrawing, Measure};
use crate::discovery::map::{MapOptions, kept_for, kept_set, reference_activities, with_paths};
use crate::discovery::projection::Projector;
use crate::format::{self, Lang};
use crate::log::{EventLog, Selection};

/// What the difference map compares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffMeasure {
    /// The share of the segment's cases that passed.
    #[default]
    Cases,
    /// The median wait (paths) or duration (activities).
    Median,
    /// The mean wait or duration.
    Mean,
}

impl DiffMeasure {
    /// Every measure, in the order the page offers them.
    pub const ALL: [DiffMeasure; 3] = [DiffMeasure::Cases, DiffMeasure::Median, DiffMeasure::Mean];

    /// Whether it is a time.
    pub fn is_time(self) -> bool {
        self != DiffMeasure::Cases
    }
}

/// Where an activity or a path occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// In both segments (and Start and End).
    Both,
    /// Only in B.
    New,
    /// Only in A.
    Gone,
}

/// How one drawn activity or path changed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DiffItem {
    /// In which segments it occurs.
    pub presence: Presence,
    /// Its figure in A: a share of cases (0 to 1) or seconds; `None` where it does not occur
    /// or has no time.
    pub a: Option<f64>,
    /// Its figure in B.
    pub b: Option<f64>,
    /// `b - a`, when both are known.
    pub change: Option<f64>,
    /// How strongly it changed, -1 to 1 (see the [module docs](self)).
    pub tone: f64,
}

/// A laid-out difference map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffMap {
    /// The drawing: the union's boxes and paths, labelled with both figures.
    pub drawing: MapDrawing,
    /// How each node of the drawing changed (Start and End: [`Presence::Both`], no figures).
    pub nodes: Vec<DiffItem>,
    /// How each edge of the drawing changed.
    pub edges: Vec<DiffItem>,
    /// What the map compares.
    pub measure: DiffMeasure,
    /// Cases in A and in B.
    pub cases: (u64, u64),
    /// Activities of either segment.
    pub activities_total: usize,
    /// The path slider's position, in percent.
    pub paths: f64,
    /// Paths between the activities drawn (the path slider's 100 %).
    pub paths_total: usize,
}

/// One segment's full graph and, once a slider hides an activity, its projector: kept between
/// slider moves.
pub struct SegmentGraph {
    full: Dfg,
    projector: Option<Projector>,
}

impl SegmentGraph {
    /// The graph of a segment's cases.
    pub fn new(log: &EventLog, selection: Selection<'_>) -> SegmentGraph {
        SegmentGraph { full: Dfg::discover(log, selection, None), projector: None }
    }

    /// Its cases.
    pub fn cases(&self) -> u64 {
        self.full.cases
    }

    /// The graph without the activities `keep` does not mark (indexed by activity id).
    fn keeping(&mut self, log: &EventLog, selection: Selection<'_>, keep: &[bool]) -> Dfg {
        if self.full.activities.iter().all(|a| keep.get(a.activity.index()).copied().unwrap_or(false)) {
            return self.full.clone();
        }
        let projector = self.projector.get_or_insert_with(|| Projector::new(log, selection));
        projector.project(log, selection, &self.full, keep)
    }
}

/// A segment: its log (a filter that drops events makes one of its own; activity ids are the
/// whole log's), its cases and its graphs.
pub type Segment<'a, 'l> = (&'a EventLog, Selection<'l>, &'a mut SegmentGraph);

/// Counts per case of A plus per case of B, in millionths: the union's weights.
const SCALE: f64 = 1e6;

fn weight(a: u64, na: u64, b: u64, nb: u64) -> u64 {
    let per_case = |x: u64, n: u64| if n == 0 { 0.0 } else { x as f64 / n as f64 };
    ((per_case(a, na) + per_case(b, nb)) * SCALE).round() as u64
}

/// The union of two graphs, weighed per case of each (see the [module docs](self)).
fn union(a: &Dfg, b: &Dfg) -> Dfg {
    let (na, nb) = (a.cases, b.cases);
    let mut activities: BTreeMap<crate::log::ActivityId, (u64, u64, u64, u64)> = BTreeMap::new();
    for (side, dfg) in [a, b].into_iter().enumerate() {
        for s in &dfg.activities {
            let e = activities.entry(s.activity).or_default();
            if side == 0 {
                (e.0, e.1) = (s.events, s.cases);
            } else {
                (e.2, e.3) = (s.events, s.cases);
            }
        }
    }
    let mut edges: BTreeMap<(Node, Node), (u64, u64, u64, u64)> = BTreeMap::new();
    for (side, dfg) in [a, b].into_iter().enumerate() {
        for s in &dfg.edges {
            let e = edges.entry((s.from, s.to)).or_default();
            if side == 0 {
                (e.0, e.1) = (s.frequency, s.cases);
            } else {
                (e.2, e.3) = (s.frequency, s.cases);
            }
        }
    }
    Dfg {
        cases: na + nb,
        events: a.events + b.events,
        activities: activities
            .into_iter()
            .map(|(activity, (ea, ca, eb, cb))| ActivityStats {
                activity,
                events: weight(ea, na, eb, nb),
                cases: weight(ca, na, cb, nb),
                max_repetitions: 0,
                rework_cases: 0,
                starts: 0,
                ends: 0,
                duration: None,
            })
            .collect(),
        edges: edges
            .into_iter()
            .map(|((from, to), (fa, ca, fb, cb))| Edge {
                from,
                to,
                frequency: weight(fa, na, fb, nb),
                cases: weight(ca, na, cb, nb),
                max_repetitions: 0,
                waiting: None,
            })
            .collect(),
    }
}

/// The figure of an activity or a path in one segment of `cases` cases.
fn figure(
    measure: DiffMeasure,
    cases: u64,
    passed: u64,
    times: Option<&crate::discovery::stats::DurationStats>,
) -> Option<f64> {
    match measure {
        DiffMeasure::Cases => (cases > 0).then(|| passed as f64 / cases as f64),
        DiffMeasure::Median => times.map(|t| t.median),
        DiffMeasure::Mean => times.map(|t| t.mean),
    }
}

fn item(presence: Presence, a: Option<f64>, b: Option<f64>) -> DiffItem {
    let change = a.zip(b).map(|(a, b)| b - a);
    DiffItem { presence, a, b, change, tone: 0.0 }
}

fn presence(in_a: bool, in_b: bool) -> Presence {
    match (in_a, in_b) {
        (false, true) => Presence::New,
        (true, false) => Presence::Gone,
        _ => Presence::Both,
    }
}

/// Tones the items: shares by their change against the largest change on the map; times by
/// the ratio of B to A on a log scale, a doubling (or halving) and more being the full tone.
/// (Against the largest change, one path that waits a day longer would leave every other
/// path grey.)
fn tone(items: &mut [DiffItem], measure: DiffMeasure) {
    let largest = items.iter().filter_map(|i| i.change).fold(0.0, |m: f64, c| m.max(c.abs()));
    for i in items {
        i.tone = match (i.a, i.b) {
            (Some(a), Some(b)) if measure.is_time() => match (a > 0.0, b > 0.0) {
                (true, true) => (b / a).log2().clamp(-1.0, 1.0),
                (false, true) => 1.0,
                (true, false) => -1.0,
                (false, false) => 0.0,
            },
            _ => match i.change {
                Some(c) if largest > 0.0 && !measure.is_time() => (c / largest).clamp(-1.0, 1.0),
                _ => 0.0,
            },
        };
    }
}

/// "A → B" for an item (a dash for an unknown side).
fn label(i: &DiffItem, measure: DiffMeasure, lang: Lang) -> String {
    let text = |v: Option<f64>| match v {
        Some(v) if measure.is_time() => format::duration(v, lang),
        Some(v) => format::percent(v, lang),
        None => "–".to_owned(),
    };
    // Nothing to say: no figure, or no time on either side (an instant step).
    let zero = measure.is_time() && i.a == Some(0.0) && i.b == Some(0.0);
    if (i.a.is_none() && i.b.is_none()) || zero { String::new() } else { format!("{} → {}", text(i.a), text(i.b)) }
}

/// The difference map of segments `a` and `b` at the slider positions of `options`, measured
/// by `measure`; `names` is a log with the activities' names (either segment's).
pub fn diff_map(
    a: Segment<'_, '_>,
    b: Segment<'_, '_>,
    options: MapOptions,
    measure: DiffMeasure,
    lang: Lang,
) -> DiffMap {
    let (la, sa, ga) = a;
    let (lb, sb, gb) = b;
    let full = union(&ga.full, &gb.full);
    let total = full.activities.len();
    let kept = kept_for(&full, options);
    let graphs_at = |kept: usize, ga: &mut SegmentGraph, gb: &mut SegmentGraph| {
        let keep = kept_set(la, &full, kept);
        (ga.keeping(la, sa, &keep), gb.keeping(lb, sb, &keep))
    };
    let reference = reference_activities(total, kept);
    let anchors = {
        let (ra, rb) = graphs_at(reference, ga, gb);
        MapAnchors::of_reference(la, &union(&ra, &rb), total, lang)
    };
    let (pa, pb) = graphs_at(kept, ga, gb);
    let map = with_paths(union(&pa, &pb), total, options.paths);
    let (na, nb) = (pa.cases, pb.cases);
    let mut nodes: Vec<DiffItem> = map
        .dfg
        .activities
        .iter()
        .map(|u| {
            let (x, y) = (pa.activity(u.activity), pb.activity(u.activity));
            let of =
                |s: Option<&ActivityStats>, n: u64| s.and_then(|s| figure(measure, n, s.cases, s.duration.as_ref()));
            item(presence(x.is_some(), y.is_some()), of(x, na), of(y, nb))
        })
        .collect();
    let mut edges: Vec<DiffItem> = map
        .edges()
        .map(|u| {
            let (x, y) = (pa.edge(u.from, u.to), pb.edge(u.from, u.to));
            let of = |s: Option<&Edge>, n: u64| s.and_then(|s| figure(measure, n, s.cases, s.waiting.as_ref()));
            item(presence(x.is_some(), y.is_some()), of(x, na), of(y, nb))
        })
        .collect();
    tone(&mut nodes, measure);
    tone(&mut edges, measure);
    let labels = Labels {
        activities: nodes.iter().map(|i| (label(i, measure, lang), 0.0)).collect(),
        edges: edges.iter().map(|i| (label(i, measure, lang), 0.0)).collect(),
    };
    let drawn_measure = match measure {
        DiffMeasure::Cases => Measure::Cases,
        DiffMeasure::Median => Measure::Median,
        DiffMeasure::Mean => Measure::Mean,
    };
    let drawing = MapDrawing::labelled(la, &map, drawn_measure, &labels, lang, Some(&anchors));
    let terminal = item(Presence::Both, None, None);
    let nodes = std::iter::once(terminal).chain(nodes).chain(std::iter::once(terminal)).collect();
    DiffMap {
        drawing,
        nodes,
        edges,
        measure,
        cases: (na, nb),
        activities_total: total,
        paths: map.paths,
        paths_total: map.dfg.edges.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discovery::dfg::tests::log;
    use crate::filter::{FilterChain, apply};

    /// Cases 1-2 (A) go Open -> Escalate -> Close; cases 3-4 (B) go Open -> Close, and case 4
    /// through Callback first.
    fn segments() -> EventLog {
        log(&[
            ("1", "Open", 0),
            ("1", "Escalate", 60),
            ("1", "Close", 180),
            ("2", "Open", 0),
            ("2", "Escalate", 120),
            ("2", "Close", 240),
            ("3", "Open", 0),
            ("3", "Close", 30),
            ("4", "Open", 0),
            ("4", "Callback", 10),
            ("4", "Close", 70),
        ])
    }

    fn cases(ids: &[&str]) -> FilterChain {
        FilterChain {
            filters: vec![crate::filter::Filter::Cases {
                ids: ids.iter().map(|s| s.to_string()).collect(),
                exclude: false,
            }],
        }
    }

    fn draw(measure: DiffMeasure, options: MapOptions) -> DiffMap {
        let log = segments();
        let (fa, fb) = (apply(&log, &cases(&["1", "2"])).unwrap(), apply(&log, &cases(&["3", "4"])).unwrap());
        let (la, lb) = (fa.log(&log), fb.log(&log));
        let mut ga = SegmentGraph::new(la, fa.selection());
        let mut gb = SegmentGraph::new(lb, fb.selection());
        diff_map((la, fa.selection(), &mut ga), (lb, fb.selection(), &mut gb), options, measure, Lang::En)
    }

    fn edge<'m>(map: &'m DiffMap, from: &str, to: &str) -> (&'m DiffItem, &'m str) {
        let i = map.drawing.edges.iter().position(|e| e.from == from && e.to == to).expect("edge drawn");
        (&map.edges[i], map.drawing.edges[i].label.as_str())
    }

    #[test]
    fn shares_of_cases_mark_new_and_vanished_paths() {
        let map = draw(DiffMeasure::Cases, MapOptions::EVERYTHING);
        assert_eq!(map.cases, (2, 2));
        let (gone, text) = edge(&map, "Open", "Escalate");
        assert_eq!((gone.presence, gone.a, gone.b), (Presence::Gone, Some(1.0), None));
        assert_eq!(text, "100% → –");
        let (new, text) = edge(&map, "Open", "Close");
        assert_eq!((new.presence, new.a, new.b), (Presence::New, None, Some(0.5)));
        assert_eq!(text, "– → 50%");
        let (both, _) = edge(&map, "__start__", "Open");
        assert_eq!((both.presence, both.change), (Presence::Both, Some(0.0)));
        let callback = map.drawing.nodes.iter().position(|n| n.name == "Callback").unwrap();
        assert_eq!(map.nodes[callback].presence, Presence::New);
        assert_eq!(map.drawing.nodes[callback].value, "– → 50%");
        // Start and End carry no figures; every activity of either segment is drawn.
        assert_eq!(map.nodes.len(), map.drawing.nodes.len());
        assert_eq!(map.drawing.nodes.len(), 2 + 4);
    }

    #[test]
    fn times_compare_waits_and_tone_against_the_largest_change() {
        let map = draw(DiffMeasure::Median, MapOptions::EVERYTHING);
        // Escalate -> Close waits 2 h in both cases of A; Open -> Close 30 min in case 3 of B.
        let (e, text) = edge(&map, "Escalate", "Close");
        assert_eq!((e.a, e.b), (Some(7200.0), None));
        assert_eq!(text, format!("{} → –", format::duration(7200.0, Lang::En)));
        // Edges from Start have no wait: nothing to say.
        let (s, text) = edge(&map, "__start__", "Open");
        assert_eq!((s.a, s.b, text), (None, None, ""));
        assert!(map.edges.iter().all(|i| (-1.0..=1.0).contains(&i.tone)));
        // Open -> Escalate: 1 h and 2 h in A only (median 1.5 h): gone, no tone; a time only one
        // side has is no ratio.
        let (gone, _) = edge(&map, "Open", "Escalate");
        assert_eq!((gone.presence, gone.tone), (Presence::Gone, 0.0));
    }

    #[test]
    fn times_tone_by_their_ratio() {
        let item = |a: f64, b: f64| DiffItem {
            presence: Presence::Both,
            a: Some(a),
            b: Some(b),
            change: Some(b - a),
            tone: 0.0,
        };
        let mut items =
            [item(3600.0, 7200.0), item(60.0, 45.0), item(86_400.0, 90_000.0), item(0.0, 0.0), item(0.0, 30.0)];
        tone(&mut items, DiffMeasure::Median);
        let tones: Vec<f64> = items.iter().map(|i| (i.tone * 100.0).round() / 100.0).collect();
        assert_eq!(tones, [1.0, -0.42, 0.06, 0.0, 1.0]);
        assert_eq!(label(&items[3], DiffMeasure::Median, Lang::En), "");
    }

    #[test]
    fn hidden_activities_are_bridged_in_each_segment() {
        // Three of four activities: Callback (half of B, none of A) is hidden; case 4 goes
        // Open -> Close directly, so B's Open -> Close holds both its cases.
        let map = draw(DiffMeasure::Cases, MapOptions { activities: Some(3), paths: Some(100.0) });
        assert!(!map.drawing.nodes.iter().any(|n| n.name == "Callback"));
        let (e, _) = edge(&map, "Open", "Close");
        assert_eq!(e.b, Some(1.0));
        assert_eq!(map.activities_total, 4);
    }

    #[test]
    fn a_slider_move_keeps_the_nodes_in_place() {
        let all = draw(DiffMeasure::Cases, MapOptions::EVERYTHING);
        let fewer = draw(DiffMeasure::Cases, MapOptions { activities: Some(4), paths: Some(0.0) });
        for n in &fewer.drawing.nodes {
            let m = all.drawing.nodes.iter().find(|m| m.name == n.name).unwrap();
            assert_eq!(n.rank, m.rank, "{}", n.name);
        }
    }
}
