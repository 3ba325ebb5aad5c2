//! The process map: the directly-follows graph simplified by two sliders, as in Disco.
//!
//! # Activity slider
//! `activities` (percent) keeps the most frequent activities: `ceil(p / 100 * n)` of the `n`
//! activities of the selection (at least one), ranked by events, ties by name. The graph is
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

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::{Deserialize, Serialize};

use super::Selection;
use super::dfg::{Dfg, Edge};
use super::projection::Projector;
use crate::log::{ActivityId, EventLog};

/// Slider positions, in percent (0 to 100; 100 shows everything).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapOptions {
    /// Share of activities kept, most frequent first.
    pub activities: f64,
    /// Share of the non-backbone edges kept, most frequent first.
    pub paths: f64,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions { activities: 100.0, paths: 100.0 }
    }
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
    let dfg = project(log, selection, full, options.activities);
    with_paths(dfg, full.activities.len(), options.paths)
}

/// The map of `dfg` (a graph from [`project`]) with `paths` percent of its paths.
pub fn with_paths(dfg: Dfg, activities_total: usize, paths: f64) -> ProcessMap {
    let shown = significant_edges(&dfg, paths);
    ProcessMap { dfg, shown, activities_total }
}

/// How many of `total` activities the activity slider at `activities` percent keeps.
pub fn kept_activities(total: usize, activities: f64) -> usize {
    ((activities.clamp(0.0, 100.0) / 100.0 * total as f64).ceil() as usize).clamp(1, total.max(1))
}

/// The graph of the most frequent `activities` percent of the activities of `full` (the
/// graph of the same selection with every activity), bridging the others.
pub fn project(log: &EventLog, selection: Selection<'_>, full: &Dfg, activities: f64) -> Dfg {
    let kept = kept_activities(full.activities.len(), activities);
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
        keep[id as usize] = true;
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
        let all = process_map(&log, Selection::All, MapOptions::default());
        assert_eq!(all.shown.len(), all.dfg.edges.len());
        let backbone = process_map(&log, Selection::All, MapOptions { activities: 100.0, paths: 0.0 });
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
        let map = process_map(&log, Selection::All, MapOptions { activities: 60.0, paths: 100.0 });
        // 5 activities, 60 % -> 3: Open (24), Work (24) and Close (20).
        let kept: Vec<&str> = map.dfg.activities.iter().map(|a| log.activities.get(a.activity).unwrap()).collect();
        assert_eq!(kept, ["Open", "Work", "Close"]);
        assert_eq!(map.activities_total, 5);
        // "Open -> Escalate -> Work" became "Open -> Work"; "Open -> Rare -> Close" "Open -> Close".
        let open_work =
            map.dfg.edges.iter().find(|e| e.from.name(&log) == "Open" && e.to.name(&log) == "Work").unwrap();
        assert_eq!(open_work.frequency, 20);
        assert!(names(&log, &map).contains(&("Open".into(), "Close".into())));
        for p in [0.0, 30.0, 70.0] {
            assert!(connected(&process_map(&log, Selection::All, MapOptions { activities: 40.0, paths: p })));
        }
    }
}
