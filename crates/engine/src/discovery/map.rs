//! The process map: the directly-follows graph simplified by two sliders, as in Disco.
//!
//! # Activity slider
//! `activities` keeps that many of the most frequent activities (at least one, at most all),
//! ranked by events, ties by name. The graph is
//! then discovered again on the cases read without the other activities ([`Dfg::discover`]
//! with `keep`): an edge `a -> b` bridges whatever was removed between them, and its waiting
//! time spans it, so the kept map still describes every case. A case with no kept activity
//! goes from Start to End directly.
//!
//! # Path slider
//! `paths` (percent) keeps the most significant edges without cutting any activity off:
//! 1. The backbone is always kept: for every node the edge through which it is reached from
//!    Start on the *widest path* (the path whose least frequent edge is as frequent as
//!    possible), and the edge through which it reaches End on the widest path to End. Every
//!    kept activity lies on some case's path from Start to End, so both exist, and with the
//!    backbone alone every activity is reachable from Start and reaches End.
//! 2. Of the other edges, the most frequent `round(p / 100 * m)` are added (ties: the order of
//!    [`Dfg::edges`]). At 100 % the map shows every edge.
//!
//! # The first map
//! A slider left alone ([`MapOptions`] field `None`) takes the first map's position, chosen so
//! that a big log opens readable, as Disco's significance sliders do ([`first_activities`],
//! [`first_paths`]): every activity of a log with at most [`FIRST_ALL`] activities; otherwise the
//! most frequent ones until they cover [`FIRST_COVERAGE`] of the events, at least [`FIRST_MIN`]
//! and at most [`FIRST_MAX`]. Paths: all of them when there are at most
//! [`EDGES_PER_ACTIVITY`] per shown node, else the backbone and the most frequent others up to
//! that many.
//!
//! # Where nodes stay
//! A map is laid out with its nodes anchored where the map of a *reference* number of
//! activities puts them ([`reference_activities`]; the reference shows every path of a log
//! with at most [`FIRST_ALL`] activities, else the first map's share of its paths): the whole
//! log when it has at most [`FIRST_ALL`] activities; otherwise the smallest rung of a ladder of
//! sizes (12, 15, 19, 24, 30, 38, ... growing by a quarter) that holds the shown activities.
//! Slider steps within a rung leave every node in place; a simplified map is drawn on a canvas
//! the size of its rung (never much larger than itself); crossing a rung lays the map out
//! afresh. The rung depends only on the number of activities shown, so `casemap map` draws
//! what the app shows.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::{Deserialize, Serialize};

use super::Selection;
use super::dfg::{Dfg, Edge};
use super::projection::Projector;
use crate::log::{ActivityId, EventLog};

/// Slider positions; `None` is the first map's position (see the [module docs](self)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct MapOptions {
    /// Activities kept, most frequent first (clamped to 1 ..= all).
    pub activities: Option<usize>,
    /// Share of the non-backbone edges kept, most frequent first, in percent (0 to 100).
    pub paths: Option<f64>,
}

impl MapOptions {
    /// Every activity and every path.
    pub const EVERYTHING: MapOptions = MapOptions { activities: Some(usize::MAX), paths: Some(100.0) };
}

/// A log with at most this many activities opens with all of them.
pub const FIRST_ALL: usize = 25;
/// The first map of a bigger log shows at least this many activities...
pub const FIRST_MIN: usize = 12;
/// ... and at most this many.
pub const FIRST_MAX: usize = 50;
/// ... the most frequent ones until they hold this share of the events.
pub const FIRST_COVERAGE: f64 = 0.9;
/// The first map shows at most this many paths per node shown (Start and End included), and
/// every path when there are no more.
pub const EDGES_PER_ACTIVITY: f64 = 2.0;

/// How many activities the first map of `full` shows; see the [module docs](self).
pub fn first_activities(full: &Dfg) -> usize {
    let total = full.activities.len();
    if total <= FIRST_ALL {
        return total.max(1);
    }
    let mut events: Vec<u64> = full.activities.iter().map(|a| a.events).collect();
    events.sort_unstable_by(|a, b| b.cmp(a));
    let all: u64 = events.iter().sum();
    let mut covered = 0u64;
    let mut kept = 0;
    for e in events {
        if covered as f64 >= FIRST_COVERAGE * all as f64 {
            break;
        }
        covered += e;
        kept += 1;
    }
    kept.clamp(FIRST_MIN, FIRST_MAX).min(total)
}

/// The path slider's first position for `dfg` (the graph of the kept activities), in percent;
/// see the [module docs](self).
pub fn first_paths(dfg: &Dfg) -> f64 {
    let nodes = dfg.activities.len() + 2;
    let budget = (EDGES_PER_ACTIVITY * nodes as f64).round() as usize;
    if dfg.edges.len() <= budget {
        return 100.0;
    }
    let backbone = significant_edges(dfg, 0.0).len();
    let others = dfg.edges.len() - backbone;
    if others == 0 || budget <= backbone {
        return 0.0;
    }
    // The share that adds as many edges as the budget leaves (rounded down to a whole percent,
    // so that the slider shows the position).
    (100.0 * (budget - backbone) as f64 / others as f64).floor().clamp(0.0, 100.0)
}

/// The activities `options` keeps of the `full` graph (its slider position, else the first map's).
pub fn kept_for(full: &Dfg, options: MapOptions) -> usize {
    let total = full.activities.len().max(1);
    options.activities.map_or_else(|| first_activities(full), |k| k.clamp(1, total))
}

/// The number of activities of the map whose layout anchors a map of `kept` of `total`
/// activities; see the [module docs](self).
pub fn reference_activities(total: usize, kept: usize) -> usize {
    if total <= FIRST_ALL {
        return total;
    }
    let mut rung = FIRST_MIN;
    while rung < kept {
        rung += rung.div_ceil(4);
    }
    rung.min(total)
}

/// A simplified map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessMap {
    /// The graph of the kept activities, with every edge between them.
    pub dfg: Dfg,
    /// Indices into `dfg.edges` of the edges shown, ascending.
    pub shown: Vec<usize>,
    /// Activities in the selection before the activity slider.
    pub activities_total: usize,
    /// The path slider's position, in percent (the first map's when it was left alone).
    pub paths: f64,
}

impl ProcessMap {
    /// The edges shown.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.shown.iter().map(|&i| &self.dfg.edges[i])
    }
}

/// The map of the selected cases at the given slider positions.
pub fn process_map(log: &EventLog, selection: Selection<'_>, options: MapOptions) -> ProcessMap {
    simplify(log, selection, &Dfg::discover(log, selection, None), options)
}

/// The map at the given slider positions from `full`, the graph of the same selection with
/// every activity (callers that move sliders keep it, so only the activity slider needs
/// another pass over the events).
pub fn simplify(log: &EventLog, selection: Selection<'_>, full: &Dfg, options: MapOptions) -> ProcessMap {
    let dfg = project(log, selection, full, kept_for(full, options));
    with_paths(dfg, full.activities.len(), options.paths)
}

/// The map of `dfg` (a graph from [`project`]) with `paths` percent of its paths (`None`: the
/// first map's share).
pub fn with_paths(dfg: Dfg, activities_total: usize, paths: Option<f64>) -> ProcessMap {
    let paths = paths.unwrap_or_else(|| first_paths(&dfg));
    let shown = significant_edges(&dfg, paths);
    ProcessMap { dfg, shown, activities_total, paths }
}

/// How many of `total` activities a slider at `activities` percent keeps (`casemap map
/// --activities P`).
pub fn kept_activities(total: usize, activities: f64) -> usize {
    ((activities.clamp(0.0, 100.0) / 100.0 * total as f64).ceil() as usize).clamp(1, total.max(1))
}

/// The graph of the `kept` most frequent activities of `full` (the graph of the same selection
/// with every activity), bridging the others.
pub fn project(log: &EventLog, selection: Selection<'_>, full: &Dfg, kept: usize) -> Dfg {
    if kept >= full.activities.len() {
        return full.clone();
    }
    project_with(&Projector::new(log, selection), log, selection, full, kept)
}

/// The graph of the `kept` most frequent activities of `full`, through a [`Projector`] of the
/// same selection: what a slider that moves many times uses, building the projector once.
pub fn project_with(projector: &Projector, log: &EventLog, selection: Selection<'_>, full: &Dfg, kept: usize) -> Dfg {
    if kept >= full.activities.len() {
        return full.clone();
    }
    projector.project(log, selection, full, &kept_set(log, full, kept))
}

/// Which activities (by id) the `kept` most frequent of `full` are: ranked by events, ties by name.
pub fn kept_set(log: &EventLog, full: &Dfg, kept: usize) -> Vec<bool> {
    let mut ranked: Vec<(u64, &str, ActivityId)> = full
        .activities
        .iter()
        .map(|a| (a.events, log.activities.get(a.activity).unwrap_or_default(), a.activity))
        .collect();
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut keep = vec![false; log.activities.len()];
    for &(_, _, id) in &ranked[..kept.min(ranked.len())] {
        keep[id.index()] = true;
    }
    keep
}

/// For each node, the edge (index into `dfg.edges`) by which the widest path from `root`
/// reaches it; `forward` false searches backwards (the widest path from each node to `root`).
fn widest_tree(dfg: &Dfg, root: usize, forward: bool) -> Vec<Option<usize>> {
    let n = dfg.activities.len() + 2;
    let mut adjacency: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (i, edge) in dfg.edges.iter().enumerate() {
        let (a, b) = (dfg.position(edge.from), dfg.position(edge.to));
        let (from, to) = if forward { (a, b) } else { (b, a) };
        adjacency[from].push((to, i));
    }
    let mut width = vec![0u64; n];
    let mut parent = vec![None; n];
    let mut done = vec![false; n];
    width[root] = u64::MAX;
    // Max-heap on width; ties by the lower node index, for determinism.
    let mut heap = BinaryHeap::from([(u64::MAX, Reverse(root))]);
    while let Some((w, Reverse(node))) = heap.pop() {
        if done[node] {
            continue;
        }
        done[node] = true;
        for &(next, edge) in &adjacency[node] {
            let through = w.min(dfg.edges[edge].frequency);
            if !done[next] && through > width[next] {
                width[next] = through;
                parent[next] = Some(edge);
                heap.push((through, Reverse(next)));
            }
        }
    }
    parent
}

fn significant_edges(dfg: &Dfg, paths: f64) -> Vec<usize> {
    let n = dfg.activities.len() + 2;
    let mut shown = vec![false; dfg.edges.len()];
    for edge in widest_tree(dfg, 0, true).into_iter().chain(widest_tree(dfg, n - 1, false)).flatten() {
        shown[edge] = true;
    }
    let mut others: Vec<usize> = (0..dfg.edges.len()).filter(|&i| !shown[i]).collect();
    others.sort_by_key(|&i| Reverse(dfg.edges[i].frequency));
    let extra = (paths.clamp(0.0, 100.0) / 100.0 * others.len() as f64).round() as usize;
    for &i in &others[..extra] {
        shown[i] = true;
    }
    (0..dfg.edges.len()).filter(|&i| shown[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discovery::dfg::Node;
    use crate::discovery::dfg::tests::log;

    fn names(log: &EventLog, map: &ProcessMap) -> Vec<(String, String)> {
        map.edges().map(|e| (e.from.name(log).to_string(), e.to.name(log).to_string())).collect()
    }

    fn spaghetti() -> EventLog {
        let mut rows = Vec::new();
        let ids: Vec<String> = (0..20).map(|i| i.to_string()).collect();
        for (i, id) in ids.iter().enumerate() {
            let path: &[&str] = match i % 5 {
                0..=2 => &["Open", "Work", "Close"],
                3 => &["Open", "Escalate", "Work", "Close"],
                _ => &["Open", "Work", "Open", "Rare", "Close"],
            };
            for (t, activity) in path.iter().enumerate() {
                rows.push((id.as_str(), *activity, t as i64));
            }
        }
        log(&rows)
    }

    /// Every activity reachable from Start and reaching End over the shown edges.
    fn connected(map: &ProcessMap) -> bool {
        let shown: Vec<&Edge> = map.edges().collect();
        let reach = |from: Node, forward: bool| {
            let mut seen = vec![from];
            let mut i = 0;
            while i < seen.len() {
                for e in &shown {
                    let (a, b) = if forward { (e.from, e.to) } else { (e.to, e.from) };
                    if a == seen[i] && !seen.contains(&b) {
                        seen.push(b);
                    }
                }
                i += 1;
            }
            seen
        };
        let (forward, backward) = (reach(Node::Start, true), reach(Node::End, false));
        map.dfg
            .activities
            .iter()
            .all(|a| forward.contains(&Node::Activity(a.activity)) && backward.contains(&Node::Activity(a.activity)))
    }

    #[test]
    fn all_at_100_and_the_backbone_at_0() {
        let log = spaghetti();
        let all = process_map(&log, Selection::All, MapOptions::EVERYTHING);
        assert_eq!(all.shown.len(), all.dfg.edges.len());
        let backbone = process_map(&log, Selection::All, MapOptions { activities: None, paths: Some(0.0) });
        assert!(backbone.shown.len() < all.shown.len());
        assert!(connected(&backbone));
        // The main path is the backbone; the rare detour through Rare still reaches End.
        let edges = names(&log, &backbone);
        assert!(edges.contains(&("Open".into(), "Work".into())));
        assert!(edges.contains(&("Rare".into(), "Close".into())));
    }

    #[test]
    fn the_activity_slider_keeps_the_most_frequent_and_bridges_the_rest() {
        let log = spaghetti();
        let map = process_map(&log, Selection::All, MapOptions { activities: Some(3), paths: Some(100.0) });
        // 3 of 5 activities: Open (24), Work (24) and Close (20).
        let kept: Vec<&str> = map.dfg.activities.iter().map(|a| log.activities.get(a.activity).unwrap()).collect();
        assert_eq!(kept, ["Open", "Work", "Close"]);
        assert_eq!(map.activities_total, 5);
        // "Open -> Escalate -> Work" became "Open -> Work"; "Open -> Rare -> Close" "Open -> Close".
        let open_work =
            map.dfg.edges.iter().find(|e| e.from.name(&log) == "Open" && e.to.name(&log) == "Work").unwrap();
        assert_eq!(open_work.frequency, 20);
        assert!(names(&log, &map).contains(&("Open".into(), "Close".into())));
        for p in [0.0, 30.0, 70.0] {
            assert!(connected(&process_map(&log, Selection::All, MapOptions { activities: Some(2), paths: Some(p) })));
        }
    }

    /// A log of `n` activities with frequencies falling as 1/k, in cases that pass through a core
    /// of five and one rare activity each.
    fn long_tail(n: usize) -> EventLog {
        let names: Vec<String> = (0..n).map(|k| format!("step {k:03}")).collect();
        let mut rows: Vec<(String, String, i64)> = Vec::new();
        let mut case = 0;
        for k in 5..n {
            for _ in 0..(n / k).max(1) {
                let id = format!("c{case:05}");
                for (t, name) in names[..5].iter().chain([&names[k]]).enumerate() {
                    rows.push((id.clone(), name.clone(), t as i64));
                }
                case += 1;
            }
        }
        let rows: Vec<(&str, &str, i64)> = rows.iter().map(|(c, a, t)| (c.as_str(), a.as_str(), *t)).collect();
        log(&rows)
    }

    #[test]
    fn a_big_log_opens_readable_and_a_small_one_whole() {
        let small = spaghetti();
        let full = Dfg::discover(&small, Selection::All, None);
        assert_eq!(first_activities(&full), 5);
        let map = process_map(&small, Selection::All, MapOptions::default());
        assert_eq!(map.dfg.activities.len(), 5);
        assert_eq!(map.paths, 100.0, "a small map shows every path");
        let big = long_tail(600);
        let full = Dfg::discover(&big, Selection::All, None);
        let kept = first_activities(&full);
        assert!((FIRST_MIN..=FIRST_MAX).contains(&kept), "{kept}");
        let map = process_map(&big, Selection::All, MapOptions::default());
        assert_eq!(map.dfg.activities.len(), kept);
        assert!(map.shown.len() as f64 <= EDGES_PER_ACTIVITY * (kept + 2) as f64 + 1.0, "{}", map.shown.len());
        assert!(connected(&map));
        // A choice beyond what the selection has shows all of it.
        let map = process_map(&small, Selection::All, MapOptions { activities: Some(19), paths: None });
        assert_eq!(map.dfg.activities.len(), 5);
    }

    #[test]
    fn the_reference_map_is_a_rung_that_holds_the_shown_activities() {
        assert_eq!(reference_activities(20, 3), 20);
        assert_eq!(reference_activities(600, 5), 12);
        assert_eq!(reference_activities(600, 12), 12);
        assert_eq!(reference_activities(600, 13), 15);
        assert_eq!(reference_activities(600, 19), 19);
        assert_eq!(reference_activities(600, 31), 38);
        assert_eq!(reference_activities(600, 600), 600);
        for kept in 1..=600 {
            let rung = reference_activities(600, kept);
            assert!(rung >= kept && (rung as f64) <= (kept as f64 * 1.25 + 1.0).max(12.0), "{kept}: {rung}");
        }
    }
}
