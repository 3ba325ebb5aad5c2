//! The map's graphs from a warehouse result: the full graph exactly as the query computed it,
//! and the activity slider's graphs from the variants the result lists.
//!
//! A slider position that hides activities needs each case's sequence to bridge them. The
//! result lists the most frequent variants (`casemap sql --top`), so those graphs count the
//! cases of the listed variants: exact when every variant is listed, else a stated share of
//! the cases ([`Coverage`]). Without events, a path that some case takes by bridging a hidden
//! activity has no waiting time (`None`, shown as "-"); every other path keeps the full
//! graph's.

use serde::{Deserialize, Serialize};

use super::result::Aggregate;
use crate::discovery::dfg::{ActivityStats, Dfg, Edge, Node};
use crate::discovery::map::kept_set;
use crate::discovery::projection::Projector;
use crate::log::{ActivityId, EventLog, Interned};

/// How much of the log the listed variants hold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Variants the result lists.
    pub listed_variants: u64,
    /// Distinct variants in all.
    pub variants: u64,
    /// Cases of the listed variants.
    pub listed_cases: u64,
    /// Cases in all.
    pub cases: u64,
}

impl Coverage {
    /// Whether every variant is listed (the activity slider's graphs are then exact).
    pub fn complete(&self) -> bool {
        self.listed_variants >= self.variants
    }
}

/// The graphs of a warehouse result.
#[derive(Debug, Clone)]
pub struct AggregateGraphs {
    /// A log with the activity names and no events: what drawing a map reads names from.
    pub names: EventLog,
    /// The graph of every activity and path.
    pub full: Dfg,
    projector: Projector,
    /// How much the listed variants hold.
    pub coverage: Coverage,
}

impl AggregateGraphs {
    /// The graphs of `a`. Activity ids follow the names' order.
    pub fn new(a: &Aggregate) -> AggregateGraphs {
        let mut names: Vec<Box<str>> = a.activities.iter().map(|r| r.activity.as_str().into()).collect();
        for name in a.start_activities.keys().chain(a.end_activities.keys()) {
            names.push(name.as_str().into());
        }
        for edge in &a.edges {
            names.push(edge.from.as_str().into());
            names.push(edge.to.as_str().into());
        }
        names.sort_unstable();
        names.dedup();
        let activities: Interned<ActivityId> = Interned::from_names(names);
        let id = |name: &str| activities.find(name).expect("every name is interned");
        let mut stats: Vec<ActivityStats> = a
            .activities
            .iter()
            .map(|r| ActivityStats {
                activity: id(&r.activity),
                events: r.events,
                cases: r.cases,
                max_repetitions: r.max_repetitions,
                rework_cases: r.rework_cases,
                starts: a.start_activities.get(&r.activity).copied().unwrap_or(0),
                ends: a.end_activities.get(&r.activity).copied().unwrap_or(0),
                duration: None,
            })
            .collect();
        stats.sort_unstable_by_key(|s| s.activity);
        let ends = |map: &std::collections::BTreeMap<String, u64>, start: bool| -> Vec<Edge> {
            map.iter()
                .map(|(name, &cases)| {
                    let node = Node::Activity(id(name));
                    let (from, to) = if start { (Node::Start, node) } else { (node, Node::End) };
                    Edge { from, to, frequency: cases, cases, max_repetitions: 1, waiting: None }
                })
                .collect()
        };
        let mut edges = ends(&a.start_activities, true);
        edges.extend(ends(&a.end_activities, false));
        edges.extend(a.edges.iter().map(|e| Edge {
            from: Node::Activity(id(&e.from)),
            to: Node::Activity(id(&e.to)),
            frequency: e.frequency,
            cases: e.cases,
            max_repetitions: e.max_repetitions,
            waiting: Some(e.wait),
        }));
        edges.sort_unstable_by_key(|e| (e.from, e.to));
        let full = Dfg { cases: a.cases, events: a.events, activities: stats, edges };
        let sequences: Vec<(Box<[ActivityId]>, u64)> = a
            .variants
            .iter()
            .filter_map(|v| {
                let sequence: Option<Box<[ActivityId]>> = v.activities.iter().map(|n| activities.find(n)).collect();
                sequence.map(|s| (s, v.cases))
            })
            .collect();
        let coverage = Coverage {
            listed_variants: a.variants.len() as u64,
            variants: a.variant_count,
            listed_cases: sequences.iter().map(|(_, c)| c).sum(),
            cases: a.cases,
        };
        let names = EventLog { activities, case_starts: vec![0], ..EventLog::default() };
        AggregateGraphs { names, full, projector: Projector::from_sequences(sequences), coverage }
    }

    /// The graph of the `kept` most frequent activities (ranked as the map ranks them).
    pub fn project(&self, kept: usize) -> Dfg {
        if kept >= self.full.activities.len() {
            return self.full.clone();
        }
        let keep = kept_set(&self.names, &self.full, kept);
        self.projector.project_counts(self.names.activities.len(), &self.full, &keep)
    }
}
