//! The directly-follows graph (DFG) with an artificial start and end.
//!
//! For every case, each pair of consecutive events `a`, `b` is one occurrence of the edge
//! `a -> b`; the first event adds an occurrence of `Start -> a`, the last one of `b -> End`.
//! Per edge: the number of occurrences (frequency), of cases with at least one, the most
//! occurrences within one case, and the waiting time `start(b) - end(a)` (with a single
//! timestamp per event, the difference of the two timestamps) as in PM4Py's
//! `discover_performance_dfg`; with start times a wait is never negative (an event that
//! starts before the previous one ends waited for nothing). Per activity: events, cases, most events within one case,
//! how many cases start and end with it, and the activity's own duration `end - start` when
//! the log has start times.
//!
//! Activities can be left out (`keep`): each case is then read without them, so an edge
//! bridges the removed activities and its waiting time spans them. That is how the activity
//! slider of the [map](super::map) keeps describing the cases.

use hashbrown::HashMap;
use serde::{Deserialize, Serialize};

use super::follows_order;
use super::stats::DurationStats;
use crate::log::{ActivityId, CaseIndex, EventLog, Selection};
use crate::time::Micros;

/// A node of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Node {
    /// Where every case begins.
    Start,
    /// An activity of the log.
    Activity(ActivityId),
    /// Where every case ends.
    End,
}

impl Node {
    /// The node's name: the activity's name, or `__start__` / `__end__`.
    pub fn name<'l>(&self, log: &'l EventLog) -> &'l str {
        match self {
            Node::Start => START,
            Node::End => END,
            Node::Activity(id) => log.activities.get(*id).unwrap_or_default(),
        }
    }
}

/// The name of the artificial start node in outputs.
pub const START: &str = "__start__";
/// The name of the artificial end node in outputs.
pub const END: &str = "__end__";

/// The figures of one activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityStats {
    /// The activity.
    pub activity: ActivityId,
    /// Events.
    pub events: u64,
    /// Cases with at least one event of the activity.
    pub cases: u64,
    /// The most events of the activity within one case.
    pub max_repetitions: u64,
    /// Cases in which it occurs more than once (PM4Py's rework cases).
    pub rework_cases: u64,
    /// Cases that start with it.
    pub starts: u64,
    /// Cases that end with it.
    pub ends: u64,
    /// `end - start` of its events, when the log has start times.
    pub duration: Option<DurationStats>,
}

/// The figures of one edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Source.
    pub from: Node,
    /// Target.
    pub to: Node,
    /// Occurrences.
    pub frequency: u64,
    /// Cases with at least one occurrence.
    pub cases: u64,
    /// The most occurrences within one case.
    pub max_repetitions: u64,
    /// Waiting time between the two events; `None` for edges from Start and to End.
    pub waiting: Option<DurationStats>,
}

/// A directly-follows graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dfg {
    /// Cases read.
    pub cases: u64,
    /// Events read (left-out activities not counted).
    pub events: u64,
    /// Activities with at least one event, by id.
    pub activities: Vec<ActivityStats>,
    /// Edges ordered by (from, to): Start first, then activities by id, End last.
    pub edges: Vec<Edge>,
}

#[derive(Default, Clone)]
pub(crate) struct Counter {
    occurrences: u64,
    cases: u64,
    run: u64,
    max_run: u64,
    repeated: u64,
    last_case: Option<CaseIndex>,
}

impl Counter {
    /// Occurrences counted.
    pub(crate) fn occurrences(&self) -> u64 {
        self.occurrences
    }

    /// Cases with at least one.
    pub(crate) fn cases(&self) -> u64 {
        self.cases
    }

    /// One more occurrence, in `case` (cases come one after the other).
    pub(crate) fn count(&mut self, case: CaseIndex) {
        if self.last_case != Some(case) {
            self.last_case = Some(case);
            self.cases += 1;
            self.run = 0;
        }
        self.occurrences += 1;
        self.run += 1;
        if self.run == 2 {
            self.repeated += 1;
        }
        self.max_run = self.max_run.max(self.run);
    }

    /// `cases` cases with `occurrences` occurrences each (all the cases of one variant).
    pub(super) fn add(&mut self, occurrences: u64, cases: u64) {
        self.occurrences += occurrences * cases;
        self.cases += cases;
        self.max_run = self.max_run.max(occurrences);
        if occurrences >= 2 {
            self.repeated += cases;
        }
    }
}

#[derive(Default)]
pub(crate) struct EdgeCounter {
    pub(crate) counter: Counter,
    pub(crate) waits: Vec<Micros>,
    /// Waiting times known already (the figures of the same edge in another graph).
    pub(super) known: Option<Option<DurationStats>>,
}

/// Up to this many activities, edges are found through a dense (n + 2)² table (16 MB at most);
/// beyond, through a hash map.
const DENSE_ACTIVITIES: usize = 2_000;

/// The edges met so far, found by their two nodes (also the comparison's paths).
pub(crate) struct EdgeTable {
    /// Nodes per row of `dense` (activities, then Start and End); 0 when `sparse` is used.
    width: usize,
    /// Slot + 1 of each (from, to), 0 for none yet.
    dense: Vec<u32>,
    sparse: HashMap<(Node, Node), usize, foldhash::fast::FixedState>,
    pub(crate) edges: Vec<((Node, Node), EdgeCounter)>,
}

impl EdgeTable {
    pub(crate) fn new(activities: usize) -> Self {
        let width = if activities <= DENSE_ACTIVITIES { activities + 2 } else { 0 };
        EdgeTable { width, dense: vec![0; width * width], sparse: HashMap::default(), edges: Vec::new() }
    }

    fn node_index(&self, node: Node) -> usize {
        match node {
            Node::Activity(id) => id.index(),
            Node::Start => self.width - 2,
            Node::End => self.width - 1,
        }
    }

    /// The index in `edges` of the edge `from -> to`, added if new.
    pub(crate) fn slot(&mut self, from: Node, to: Node) -> usize {
        if self.width == 0 {
            return *self.sparse.entry((from, to)).or_insert_with(|| {
                self.edges.push(((from, to), EdgeCounter::default()));
                self.edges.len() - 1
            });
        }
        let cell = self.node_index(from) * self.width + self.node_index(to);
        match self.dense[cell] {
            0 => {
                self.edges.push(((from, to), EdgeCounter::default()));
                self.dense[cell] = self.edges.len() as u32;
                self.edges.len() - 1
            }
            slot => slot as usize - 1,
        }
    }
}

/// The wait from the end of event `previous` to the start of the event that follows it. With
/// start times, an event that starts before the previous one ends waited for nothing (PM4Py
/// floors the wait at zero); with one timestamp, the difference of the two.
pub(super) fn wait(log: &EventLog, previous: usize, event: usize) -> Micros {
    match &log.start {
        Some(start) => (start[event] - log.time[previous]).max(0),
        None => log.time[event] - log.time[previous],
    }
}

/// What a pass over the cases counted, before it becomes a [`Dfg`].
pub(super) struct Tally {
    pub(super) cases: u64,
    pub(super) events: u64,
    /// Per activity id.
    pub(super) activities: Vec<Counter>,
    /// Cases starting with each activity.
    pub(super) starts: Vec<u64>,
    /// Cases ending with each activity.
    pub(super) ends: Vec<u64>,
    pub(super) table: EdgeTable,
}

impl Dfg {
    /// The graph of the selected cases, reading only the activities `keep` marks (all when
    /// `None`; indexed by activity id).
    ///
    /// This reads every event; the activity slider gets the same graphs faster from a
    /// [`Projector`](super::projection::Projector).
    pub fn discover(log: &EventLog, selection: Selection<'_>, keep: Option<&[bool]>) -> Dfg {
        let activity_count = log.activities.len();
        let kept = |a: ActivityId| keep.is_none_or(|k| k.get(a.index()).copied().unwrap_or(false));
        let mut activities: Vec<Counter> = (0..activity_count).map(|_| Counter::default()).collect();
        let mut starts = vec![0u64; activity_count];
        let mut ends = vec![0u64; activity_count];
        let measure_durations = log.start.is_some();
        let mut durations: Vec<Vec<Micros>> = vec![Vec::new(); if measure_durations { activity_count } else { 0 }];
        let mut table = EdgeTable::new(activity_count);
        let mut order = Vec::new();
        let (mut cases, mut events) = (0u64, 0u64);
        let start_times = log.start.as_deref();
        for case in selection.iter(log) {
            cases += 1;
            follows_order(log, case, &mut order);
            let mut previous: Option<usize> = None;
            for &e in &order {
                let e = e as usize;
                let activity = log.activity.get(e);
                if !kept(activity) {
                    continue;
                }
                events += 1;
                activities[activity.index()].count(case);
                if measure_durations && let Some(start) = start_times {
                    durations[activity.index()].push(log.time[e] - start[e]);
                }
                let slot = match previous {
                    None => {
                        starts[activity.index()] += 1;
                        table.slot(Node::Start, Node::Activity(activity))
                    }
                    Some(p) => {
                        let wait = wait(log, p, e);
                        let slot = table.slot(Node::Activity(log.activity.get(p)), Node::Activity(activity));
                        table.edges[slot].1.waits.push(wait);
                        slot
                    }
                };
                table.edges[slot].1.counter.count(case);
                previous = Some(e);
            }
            let slot = match previous {
                Some(last) => {
                    ends[log.activity.get(last).index()] += 1;
                    table.slot(Node::Activity(log.activity.get(last)), Node::End)
                }
                None => table.slot(Node::Start, Node::End),
            };
            table.edges[slot].1.counter.count(case);
        }
        let durations = |id: usize| durations.get_mut(id).and_then(|d| DurationStats::of(d));
        Dfg::assemble(Tally { cases, events, activities, starts, ends, table }, durations)
    }

    /// The graph from what a pass over the cases counted, with the activities' durations.
    pub(super) fn assemble(tally: Tally, mut durations: impl FnMut(usize) -> Option<DurationStats>) -> Dfg {
        let Tally { cases, events, activities, starts, ends, table } = tally;
        let activities = activities
            .into_iter()
            .enumerate()
            .filter(|(_, counter)| counter.occurrences > 0)
            .map(|(id, counter)| ActivityStats {
                activity: ActivityId::from_index(id),
                events: counter.occurrences,
                cases: counter.cases,
                max_repetitions: counter.max_run,
                rework_cases: counter.repeated,
                starts: starts[id],
                ends: ends[id],
                duration: durations(id),
            })
            .collect();
        let mut edges: Vec<Edge> = table
            .edges
            .into_iter()
            .map(|((from, to), mut counter)| Edge {
                from,
                to,
                frequency: counter.counter.occurrences,
                cases: counter.counter.cases,
                max_repetitions: counter.counter.max_run,
                waiting: match counter.known {
                    Some(known) => known,
                    None => DurationStats::of(&mut counter.waits),
                },
            })
            .collect();
        edges.sort_unstable_by_key(|e| (e.from, e.to));
        Dfg { cases, events, activities, edges }
    }

    /// The edges between two activities (no Start or End), as PM4Py's DFG holds them.
    pub fn activity_edges(&self) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(|e| matches!((e.from, e.to), (Node::Activity(_), Node::Activity(_))))
    }

    /// A node's position in the order Start, the activities as in [`Dfg::activities`], End
    /// (the order the map draws and searches its nodes in).
    pub fn position(&self, node: Node) -> usize {
        match node {
            Node::Start => 0,
            Node::Activity(id) => 1 + self.activities.binary_search_by_key(&id, |a| a.activity).unwrap_or(0),
            Node::End => self.activities.len() + 1,
        }
    }

    /// The figures of an activity, if it has events.
    pub fn activity(&self, id: ActivityId) -> Option<&ActivityStats> {
        self.activities.binary_search_by_key(&id, |a| a.activity).ok().map(|i| &self.activities[i])
    }

    /// The edge from `from` to `to`, if the cases took it.
    pub fn edge(&self, from: Node, to: Node) -> Option<&Edge> {
        self.edges.binary_search_by_key(&(from, to), |e| (e.from, e.to)).ok().map(|i| &self.edges[i])
    }

    /// Cases per first activity (PM4Py's start activities).
    pub fn start_activities(&self) -> impl Iterator<Item = (ActivityId, u64)> + '_ {
        self.activities.iter().filter(|a| a.starts > 0).map(|a| (a.activity, a.starts))
    }

    /// Cases per last activity (PM4Py's end activities).
    pub fn end_activities(&self) -> impl Iterator<Item = (ActivityId, u64)> + '_ {
        self.activities.iter().filter(|a| a.ends > 0).map(|a| (a.activity, a.ends))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::log::builder::{LogBuilder, NewEvent};

    /// A log from `(case, activity, time in minutes)` rows.
    pub(crate) fn log(rows: &[(&str, &str, i64)]) -> EventLog {
        let mut builder = LogBuilder::new(Vec::new(), false);
        for (row, &(case, activity, minutes)) in rows.iter().enumerate() {
            let event =
                NewEvent { case, activity, time: minutes * 60_000_000, start: None, resource: None, row: row as u32 };
            builder.push(event, std::iter::empty());
        }
        builder.finish()
    }

    fn edge<'d>(dfg: &'d Dfg, log: &EventLog, from: &str, to: &str) -> &'d Edge {
        dfg.edges.iter().find(|e| e.from.name(log) == from && e.to.name(log) == to).expect("edge")
    }

    #[test]
    fn counts_and_waits_of_a_small_log() {
        let log = log(&[
            ("1", "Open", 0),
            ("1", "Work", 10),
            ("1", "Work", 40),
            ("1", "Close", 100),
            ("2", "Open", 0),
            ("2", "Close", 30),
        ]);
        let dfg = Dfg::discover(&log, Selection::All, None);
        assert_eq!((dfg.cases, dfg.events), (2, 6));
        let work = edge(&dfg, &log, "Work", "Work");
        assert_eq!((work.frequency, work.cases, work.max_repetitions), (1, 1, 1));
        assert_eq!(work.waiting.unwrap().median, 1800.0);
        let close = edge(&dfg, &log, "Open", "Close");
        assert_eq!(close.waiting.unwrap().total, 1800.0);
        assert_eq!(edge(&dfg, &log, START, "Open").frequency, 2);
        assert_eq!(edge(&dfg, &log, "Close", END).waiting, None);
        let work = dfg.activity(log.activities.find("Work").unwrap()).unwrap();
        assert_eq!((work.events, work.cases, work.max_repetitions, work.starts), (2, 1, 2, 0));
        assert_eq!(dfg.activity_edges().count(), 4);
    }

    #[test]
    fn left_out_activities_are_bridged() {
        let log = log(&[("1", "Open", 0), ("1", "Work", 10), ("1", "Close", 100), ("2", "Work", 5)]);
        let keep: Vec<bool> = log.activities.names().map(|n| n != "Work").collect();
        let dfg = Dfg::discover(&log, Selection::All, Some(&keep));
        let bridged = edge(&dfg, &log, "Open", "Close");
        assert_eq!(bridged.waiting.unwrap().total, 6000.0);
        // Case 2 had only the left-out activity: it goes from start to end directly.
        assert_eq!(edge(&dfg, &log, START, END).frequency, 1);
        assert_eq!(dfg.events, 2);
    }

    #[test]
    fn a_selection_reads_only_its_cases() {
        let log = log(&[("1", "A", 0), ("1", "B", 1), ("2", "A", 0), ("2", "C", 1)]);
        let dfg = Dfg::discover(&log, Selection::Cases(&[CaseIndex(1)]), None);
        assert_eq!(dfg.cases, 1);
        assert!(dfg.edges.iter().all(|e| e.to.name(&log) != "B"));
    }
}
