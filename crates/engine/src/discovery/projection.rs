//! The activity slider's graphs, without reading every event again.
//!
//! [`Dfg::discover`] with `keep` reads each case without the left-out activities. A
//! [`Projector`], built once per selection, gets the same graph by reading far less:
//! 1. Cases with the same sequence of activities (in directly-follows order) give the same
//!    counts, so every count is taken once per distinct sequence and multiplied by its cases.
//! 2. Only waiting times need the events' timestamps, and only on edges that bridge a
//!    left-out activity in some case: an edge `a -> b` that no case reaches by a bridge has
//!    exactly the occurrences (and waits, in the same order) it has in the full graph, whose
//!    figures are taken over. For the bridged edges, the waits are read case by case in log
//!    order, as `discover` reads them, so their sums agree to the last bit.
//!
//! The result equals `Dfg::discover(log, selection, Some(keep))` exactly (tests check it on
//! every shared log); an activity's own duration does not depend on which others are kept,
//! so it is taken from `full` too.

use hashbrown::HashMap;

use super::dfg::{Counter, Dfg, EdgeTable, Node, Tally, wait};
use super::follows_order;
use super::stats::DurationStats;
use crate::log::{ActivityId, EventLog, Selection};
use crate::time::Micros;

/// No position, or no stored order.
const NONE: u32 = u32::MAX;

/// What [`Projector::count`] found.
struct Counted {
    tally: Tally,
    /// Per edge slot: whether some case reaches the edge by a bridge.
    bridged: Vec<bool>,
    /// Per sequence (from `step_starts`): the steps between kept positions.
    steps: Vec<(u32, u32, usize)>,
    step_starts: Vec<usize>,
}

/// The distinct activity sequences of a selection, and which case follows which.
#[derive(Debug, Clone)]
pub struct Projector {
    /// The distinct sequences, in directly-follows order.
    sequences: Vec<Box<[ActivityId]>>,
    /// Selected cases per sequence.
    counts: Vec<u64>,
    /// The sequence of each selected case, in selection order.
    case_sequence: Vec<u32>,
    /// For each selected case, where its event order starts in `orders`, or `NONE` when its
    /// events are stored in directly-follows order (always, without start times).
    order_of: Vec<u32>,
    /// Event indices of the cases stored in another order than their directly-follows order.
    orders: Vec<u32>,
    /// Cases in the selection when built (a check against being used with another one).
    cases: usize,
}

impl Projector {
    /// Reads the selected cases once.
    pub fn new(log: &EventLog, selection: Selection<'_>) -> Projector {
        let mut ids: HashMap<Box<[ActivityId]>, u32, foldhash::fast::FixedState> = HashMap::default();
        let mut projector = Projector {
            sequences: Vec::new(),
            counts: Vec::new(),
            case_sequence: Vec::with_capacity(selection.len(log)),
            order_of: Vec::with_capacity(selection.len(log)),
            orders: Vec::new(),
            cases: selection.len(log),
        };
        let (mut order, mut sequence) = (Vec::new(), Vec::new());
        for case in selection.iter(log) {
            follows_order(log, case, &mut order);
            sequence.clear();
            sequence.extend(order.iter().map(|&e| log.activity.get(e as usize)));
            let id = match ids.get(sequence.as_slice()) {
                Some(&id) => id,
                None => {
                    let id = projector.counts.len() as u32;
                    projector.counts.push(0);
                    ids.insert(sequence.clone().into_boxed_slice(), id);
                    id
                }
            };
            projector.counts[id as usize] += 1;
            projector.case_sequence.push(id);
            let stored = log.case_events(case).start as u32;
            if order.iter().enumerate().all(|(i, &e)| e == stored + i as u32) {
                projector.order_of.push(NONE);
            } else {
                projector.order_of.push(projector.orders.len() as u32);
                projector.orders.extend_from_slice(&order);
            }
        }
        projector.sequences = vec![Box::default(); ids.len()];
        for (sequence, id) in ids {
            projector.sequences[id as usize] = sequence;
        }
        projector
    }

    /// Distinct activity sequences among the selected cases.
    pub fn sequences(&self) -> usize {
        self.sequences.len()
    }

    /// A projector of distinct activity sequences and their case counts alone, without a log
    /// to read waits from (the variants a warehouse query returned): see
    /// [`project_counts`](Self::project_counts).
    pub fn from_sequences(sequences: Vec<(Box<[ActivityId]>, u64)>) -> Projector {
        let cases = sequences.iter().map(|(_, c)| *c as usize).sum();
        let (sequences, counts) = sequences.into_iter().unzip();
        Projector { sequences, counts, case_sequence: Vec::new(), order_of: Vec::new(), orders: Vec::new(), cases }
    }

    /// As [`project`](Self::project), for `activity_count` activities, but without reading
    /// events: an edge some case reaches by bridging a left-out activity has no waiting time
    /// (`None`); every other edge has `full`'s.
    pub fn project_counts(&self, activity_count: usize, full: &Dfg, keep: &[bool]) -> Dfg {
        let Counted { mut tally, bridged, .. } = self.count(activity_count, full, keep);
        for (slot, (_, counter)) in tally.table.edges.iter_mut().enumerate() {
            if bridged[slot] {
                counter.known = Some(None);
            }
        }
        Dfg::assemble(tally, |id| full.activity(ActivityId::from_index(id)).and_then(|a| a.duration))
    }

    /// The counts of the graph without the activities `keep` does not mark: every edge and
    /// activity counted once per distinct sequence, times its cases; which edges some case
    /// reaches by a bridge (their waits are not in `full`); the steps between kept positions.
    fn count(&self, activity_count: usize, full: &Dfg, keep: &[bool]) -> Counted {
        let kept = |a: ActivityId| keep.get(a.index()).copied().unwrap_or(false);
        let mut tally = Tally {
            cases: self.counts.iter().sum(),
            events: 0,
            activities: vec![Counter::default(); activity_count],
            starts: vec![0; activity_count],
            ends: vec![0; activity_count],
            table: EdgeTable::new(activity_count),
        };
        // Per sequence: the kept positions, and each step between them as (from position,
        // to position, edge slot); Start and End have no position (NONE).
        let mut steps: Vec<(u32, u32, usize)> = Vec::new();
        let mut step_starts = Vec::with_capacity(self.sequences.len() + 1);
        let mut bridged: Vec<bool> = Vec::new();
        let mut per_sequence: Vec<u64> = Vec::new();
        let mut touched: Vec<usize> = Vec::new();
        let mut activity_runs = vec![0u64; activity_count];
        let mut positions: Vec<u32> = Vec::new();
        for (sequence, &cases) in self.sequences.iter().zip(&self.counts) {
            step_starts.push(steps.len());
            positions.clear();
            positions.extend((0..sequence.len() as u32).filter(|&p| kept(sequence[p as usize])));
            tally.events += positions.len() as u64 * cases;
            let node = |p: u32| Node::Activity(sequence[p as usize]);
            let mut step = |table: &mut EdgeTable, a: u32, b: u32, from: Node, to: Node| {
                let slot = table.slot(from, to);
                if slot >= per_sequence.len() {
                    per_sequence.resize(slot + 1, 0);
                    bridged.resize(slot + 1, false);
                }
                if per_sequence[slot] == 0 {
                    touched.push(slot);
                }
                per_sequence[slot] += 1;
                if a != NONE && b != NONE && b != a + 1 {
                    bridged[slot] = true;
                }
                steps.push((a, b, slot));
            };
            match (positions.first(), positions.last()) {
                (Some(&first), Some(&last)) => {
                    tally.starts[sequence[first as usize].index()] += cases;
                    tally.ends[sequence[last as usize].index()] += cases;
                    step(&mut tally.table, NONE, first, Node::Start, node(first));
                    for pair in positions.windows(2) {
                        step(&mut tally.table, pair[0], pair[1], node(pair[0]), node(pair[1]));
                    }
                    step(&mut tally.table, last, NONE, node(last), Node::End);
                }
                // No kept activity: the cases go from Start to End directly.
                _ => step(&mut tally.table, NONE, NONE, Node::Start, Node::End),
            }
            for slot in touched.drain(..) {
                tally.table.edges[slot].1.counter.add(per_sequence[slot], cases);
                per_sequence[slot] = 0;
            }
            for &p in &positions {
                activity_runs[sequence[p as usize].index()] += 1;
            }
            for &p in &positions {
                let a = sequence[p as usize].index();
                if activity_runs[a] > 0 {
                    tally.activities[a].add(activity_runs[a], cases);
                    activity_runs[a] = 0;
                }
            }
        }
        step_starts.push(steps.len());
        // Edges no case reaches by a bridge keep the full graph's waiting times.
        for (slot, ((from, to), counter)) in tally.table.edges.iter_mut().enumerate() {
            if !bridged[slot] {
                counter.known = Some(full.edge(*from, *to).and_then(|e| e.waiting));
            }
        }
        Counted { tally, bridged, steps, step_starts }
    }

    /// The graph of the selected cases read without the activities `keep` does not mark
    /// (indexed by activity id); `full` is the graph of the same selection with every activity.
    pub fn project(&self, log: &EventLog, selection: Selection<'_>, full: &Dfg, keep: &[bool]) -> Dfg {
        assert_eq!(selection.len(log), self.cases, "a projector serves the selection it was built for");
        let Counted { mut tally, bridged, steps, step_starts } = self.count(log.activities.len(), full, keep);
        // The bridged edges' waits are read from the events, in log order.
        let mut waits: Vec<(u32, u32, usize)> = Vec::new();
        let mut wait_starts = Vec::with_capacity(self.sequences.len() + 1);
        for range in step_starts.windows(2) {
            wait_starts.push(waits.len());
            waits.extend(
                steps[range[0]..range[1]].iter().filter(|&&(a, b, slot)| a != NONE && b != NONE && bridged[slot]),
            );
        }
        wait_starts.push(waits.len());
        // Each bridged edge's waits go to its own stretch of one buffer, sized beforehand.
        let mut offsets = vec![0usize; tally.table.edges.len() + 1];
        for (range, &cases) in wait_starts.windows(2).zip(&self.counts) {
            for &(_, _, slot) in &waits[range[0]..range[1]] {
                offsets[slot + 1] += cases as usize;
            }
        }
        for slot in 0..tally.table.edges.len() {
            offsets[slot + 1] += offsets[slot];
        }
        let mut buffer: Vec<Micros> = vec![0; offsets[tally.table.edges.len()]];
        let mut cursor = offsets.clone();
        for ((case, &sequence), &order_at) in selection.iter(log).zip(&self.case_sequence).zip(&self.order_of) {
            let case_waits = &waits[wait_starts[sequence as usize]..wait_starts[sequence as usize + 1]];
            if case_waits.is_empty() {
                continue;
            }
            let base = log.case_events(case).start;
            let event = |p: u32| match order_at {
                NONE => base + p as usize,
                at => self.orders[at as usize + p as usize] as usize,
            };
            for &(a, b, slot) in case_waits {
                buffer[cursor[slot]] = wait(log, event(a), event(b));
                cursor[slot] += 1;
            }
        }
        for (slot, (_, counter)) in tally.table.edges.iter_mut().enumerate() {
            if bridged[slot] {
                counter.known = Some(DurationStats::of(&mut buffer[offsets[slot]..offsets[slot + 1]]));
            }
        }
        Dfg::assemble(tally, |id| full.activity(ActivityId::from_index(id)).and_then(|a| a.duration))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::builder::{LogBuilder, NewEvent};

    /// A log with start times from `(case, activity, start, end)` rows, in minutes.
    fn timed(rows: &[(&str, &str, i64, i64)]) -> EventLog {
        let mut builder = LogBuilder::new(Vec::new(), true);
        for (row, &(case, activity, start, end)) in rows.iter().enumerate() {
            let event = NewEvent {
                case,
                activity,
                time: end * 60_000_000,
                start: Some(start * 60_000_000),
                resource: None,
                row: row as u32,
            };
            builder.push(event, std::iter::empty());
        }
        builder.finish()
    }

    #[test]
    fn every_set_of_kept_activities_gives_the_graph_of_reading_the_events_again() {
        let log = timed(&[
            // B starts before A ends but after A starts: directly-follows order A, B.
            ("1", "A", 0, 30),
            ("1", "B", 10, 20),
            ("1", "C", 40, 50),
            ("1", "B", 60, 70),
            ("1", "D", 80, 90),
            // The same sequence with other times: one distinct sequence, two cases.
            ("2", "A", 0, 5),
            ("2", "B", 6, 8),
            ("2", "C", 9, 20),
            ("2", "B", 25, 26),
            ("2", "D", 30, 40),
            // Stored by end time (C, D) but followed by start time (D, C).
            ("3", "D", 0, 100),
            ("3", "C", 5, 10),
            ("3", "C", 12, 14),
            ("4", "B", 0, 1),
        ]);
        let full = Dfg::discover(&log, Selection::All, None);
        for selection in [Selection::All, Selection::Cases(&[crate::log::CaseIndex(0), crate::log::CaseIndex(2)])] {
            let full = Dfg::discover(&log, selection, None);
            let projector = Projector::new(&log, selection);
            assert_eq!(projector.sequences(), selection.len(&log) - usize::from(matches!(selection, Selection::All)));
            for mask in 0..16u32 {
                let keep: Vec<bool> = (0..4).map(|i| mask & (1 << i) != 0).collect();
                let expected = Dfg::discover(&log, selection, Some(&keep));
                assert_eq!(projector.project(&log, selection, &full, &keep), expected, "kept {keep:?}");
            }
        }
        // Without A and C, case 1 waits from the first B's end (20) to the second B's start
        // (60), case 2 from 8 to 25: both bridge, so the median of B -> B is read from events.
        let keep = [false, true, false, true];
        let graph = Projector::new(&log, Selection::All).project(&log, Selection::All, &full, &keep);
        let b = Node::Activity(log.activities.find("B").unwrap());
        assert_eq!(graph.edge(b, b).and_then(|e| e.waiting).map(|w| w.median), Some(((40 + 17) * 60 / 2) as f64));
    }
}
