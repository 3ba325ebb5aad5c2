//! Where the time went: the change in time per case between two segments, split over the
//! paths (and, with start times, the activities) of the map.
//!
//! The paths are the map's: its directly-follows pairs, in its order (with start times, by
//! start and then end). A case's duration (its first stored event's start to its last stored
//! event's end, as everywhere) is the sum of its gaps (each pair's `start(b) - end(a)`) and,
//! when the log has start times, of its activities' own durations (`end - start`), plus what
//! the order leaves over at either end: the Start path carries `start(first in map order) -
//! start(first stored)` and the End path `end(last stored) - end(last in map order)`, both 0
//! unless activities overlap. Unlike the map's waits, a gap here is negative where `b` began
//! before `a` ended: then the parts add up to the case durations exactly. Its
//! mean over a segment's cases is therefore `Σ over edges f·w (+ Σ over activities g·d)`, with
//! `f` an edge's occurrences per case and `w` its mean wait (`g` an activity's events per case,
//! `d` its mean duration). Between segments A and B each term changes by
//! `f_B·w_B - f_A·w_A = (f_B - f_A)·w_A + f_B·(w_B - w_A)`: a **frequency part** (more or fewer
//! cases take the path) and a **speed part** (the path got faster or slower). A path only B
//! has counts whole as frequency (its `w_A` is taken as `w_B`); one only A has has `f_B = 0`.
//! The terms add up to the change of the mean case duration (`duration_change_s`, computed
//! from the case durations themselves, is the check).

use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use crate::discovery::cases::case_duration;
use crate::discovery::dfg::{Counter, EdgeTable, Node};
use crate::discovery::follows_order;
use crate::discovery::stats::{DurationStats, seconds};
use crate::log::{ActivityId, EventLog, Selection};
use crate::time::Micros;

/// One segment's figures of a path or an activity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// Occurrences (events, for an activity).
    pub frequency: u64,
    /// Cases with at least one.
    pub cases: u64,
    /// Mean gap (duration, for an activity), seconds; `None` without occurrences, for
    /// activities without start times, and for the start and end of cases without start
    /// times (with them: what the order leaves over there, see the module docs).
    pub mean_wait_s: Option<f64>,
    /// Median wait (duration), seconds.
    pub median_wait_s: Option<f64>,
}

/// A path's (or an activity's) share of the change in time per case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// Source activity (`None`: the start), or the activity.
    pub from: Option<String>,
    /// Target activity (`None`: the end); for an activity, the activity again.
    pub to: Option<String>,
    /// In segment A.
    pub a: Side,
    /// In segment B.
    pub b: Side,
    /// `f_B·w_B - f_A·w_A`, seconds per case.
    pub contribution_s: f64,
    /// `(f_B - f_A)·w_A`.
    pub frequency_part_s: f64,
    /// `f_B·(w_B - w_A)`.
    pub speed_part_s: f64,
}

/// The change in time per case, split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeSplit {
    /// Cases in A and in B.
    pub cases: (u64, u64),
    /// Mean case duration in A and B, seconds, summed from the parts.
    pub mean_s: (f64, f64),
    /// `mean_s.1 - mean_s.0`: the sum of every part's contribution.
    pub change_s: f64,
    /// The change of the mean case duration computed from the durations themselves, seconds:
    /// `change_s` up to rounding.
    pub duration_change_s: f64,
    /// Paths, largest contribution (either sign) first.
    pub edges: Vec<Part>,
    /// Activities' own durations (logs with start times), largest contribution first.
    pub activities: Vec<Part>,
}

/// `f·w` terms of both sides and their split; `n` the cases of A and B.
fn part(from: Option<String>, to: Option<String>, a: Side, b: Side, n: (u64, u64)) -> Part {
    let per_case = |s: &Side, n: u64| if n == 0 { 0.0 } else { s.frequency as f64 / n as f64 };
    let (fa, fb) = (per_case(&a, n.0), per_case(&b, n.1));
    let wb = b.mean_wait_s.unwrap_or(0.0);
    // A path only B has: its whole term is a frequency change.
    let wa = a.mean_wait_s.unwrap_or(if a.frequency == 0 { wb } else { 0.0 });
    let frequency_part_s = (fb - fa) * wa;
    let speed_part_s = fb * (wb - wa);
    let contribution_s = fb * wb - fa * a.mean_wait_s.unwrap_or(0.0);
    Part { from, to, a, b, contribution_s, frequency_part_s, speed_part_s }
}

fn mean_duration(log: &EventLog, selection: Selection<'_>) -> f64 {
    let (mut sum, mut n) = (0.0, 0u64);
    for case in selection.iter(log) {
        if !log.case_events(case).is_empty() {
            sum += seconds(case_duration(log, case));
            n += 1;
        }
    }
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// A path's ends by name (`None`: the start or the end of the cases).
type Key = (Option<String>, Option<String>);

/// One segment's paths and activities by name (segments may come from different logs: a
/// filter that removes events makes a log of its own): occurrences, cases, and each
/// occurrence's time.
#[derive(Default)]
struct Tally {
    cases: u64,
    edges: HashMap<Key, (u64, u64, Vec<Micros>)>,
    activities: HashMap<String, (u64, u64, Vec<Micros>)>,
}

impl Tally {
    /// Gaps `begin(b) - end(a)` between consecutive events, negative where `b` began before
    /// `a` ended, so that a case's gaps and durations add up to its duration exactly.
    fn of(log: &EventLog, selection: Selection<'_>) -> Tally {
        let mut cases = 0u64;
        // Paths counted in the map's edge table (dense for up to 2,000 activities, hashed
        // beyond), with their gaps; activities by id, with their durations.
        let mut table = EdgeTable::new(log.activities.len());
        let mut activities: Vec<(Counter, Vec<Micros>)> = vec![Default::default(); log.activities.len()];
        let mut order: Vec<u32> = Vec::new();
        for case in selection.iter(log) {
            let events = log.case_events(case);
            if events.is_empty() {
                continue;
            }
            cases += 1;
            // The map's paths: its directly-follows order (by start, then end, with start times).
            follows_order(log, case, &mut order);
            let (first, last) = (order[0] as usize, order[order.len() - 1] as usize);
            let mut previous: Option<usize> = None;
            for e in order.iter().map(|&e| e as usize) {
                let from = previous.map_or(Node::Start, |p| Node::Activity(log.activity.get(p)));
                let slot = table.slot(from, Node::Activity(log.activity.get(e)));
                let edge = &mut table.edges[slot].1;
                edge.counter.count(case);
                match previous {
                    Some(p) => edge.waits.push(log.begin(e) - log.time[p]),
                    // With start times, what the order leaves over at the start (the case's
                    // duration runs from its first stored event's start; see the module docs).
                    None if log.start.is_some() => edge.waits.push(log.begin(first) - log.begin(events.start)),
                    None => {}
                }
                let (own, durations) = &mut activities[log.activity.get(e).index()];
                own.count(case);
                durations.extend(log.start.is_some().then(|| log.time[e] - log.begin(e)));
                previous = Some(e);
            }
            let slot = table.slot(Node::Activity(log.activity.get(last)), Node::End);
            let edge = &mut table.edges[slot].1;
            edge.counter.count(case);
            if log.start.is_some() {
                edge.waits.push(log.time[events.end - 1] - log.time[last]);
            }
        }
        let name = |node: Node| match node {
            Node::Activity(id) => Some(log.activities.get(id).unwrap_or_default().to_owned()),
            Node::Start | Node::End => None,
        };
        Tally {
            cases,
            edges: table
                .edges
                .into_iter()
                .map(|((from, to), e)| ((name(from), name(to)), (e.counter.occurrences(), e.counter.cases(), e.waits)))
                .collect(),
            activities: activities
                .into_iter()
                .enumerate()
                .filter(|(_, (c, _))| c.occurrences() > 0)
                .filter_map(|(id, (c, d))| {
                    Some((name(Node::Activity(ActivityId::from_index(id)))?, (c.occurrences(), c.cases(), d)))
                })
                .collect(),
        }
    }
}

fn side_of(entry: Option<(u64, u64, Vec<Micros>)>) -> Side {
    let Some((frequency, cases, mut times)) = entry else { return Side::default() };
    let stats = DurationStats::of(&mut times);
    Side {
        frequency,
        cases,
        mean_wait_s: stats.as_ref().map(|s| s.mean),
        median_wait_s: stats.as_ref().map(|s| s.median),
    }
}

/// The change in time per case from the cases of `a` to those of `b` (each a log and its
/// selected cases), split over paths and activities.
pub fn split(a: (&EventLog, Selection<'_>), b: (&EventLog, Selection<'_>)) -> TimeSplit {
    let (mut ta, mut tb) = (Tally::of(a.0, a.1), Tally::of(b.0, b.1));
    let n = (ta.cases, tb.cases);
    // Paths in a stable order: the start first, the end last, by name between.
    let order = |k: &Key| (k.0.is_some(), k.0.clone(), k.1.is_none(), k.1.clone());
    let mut keys: Vec<Key> = ta.edges.keys().chain(tb.edges.keys()).cloned().collect();
    keys.sort_by_key(order);
    keys.dedup();
    let mut edges: Vec<Part> = keys
        .into_iter()
        .map(|k| {
            let (sa, sb) = (side_of(ta.edges.remove(&k)), side_of(tb.edges.remove(&k)));
            part(k.0, k.1, sa, sb, n)
        })
        .collect();
    let mut activities: Vec<Part> = Vec::new();
    if a.0.start.is_some() || b.0.start.is_some() {
        let mut names: Vec<String> = ta.activities.keys().chain(tb.activities.keys()).cloned().collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            let (sa, sb) = (side_of(ta.activities.remove(&name)), side_of(tb.activities.remove(&name)));
            activities.push(part(Some(name.clone()), Some(name), sa, sb, n));
        }
    }
    let by_size = |x: &Part, y: &Part| y.contribution_s.abs().total_cmp(&x.contribution_s.abs());
    edges.sort_by(by_size);
    activities.sort_by(by_size);
    // Each side's mean time per case, summed as the parts are.
    let mean_of = |s: fn(&Part) -> &Side, cases: u64| {
        if cases == 0 {
            return 0.0;
        }
        edges
            .iter()
            .chain(&activities)
            .map(|p| s(p).mean_wait_s.map_or(0.0, |w| w * s(p).frequency as f64 / cases as f64))
            .sum::<f64>()
    };
    let mean_s = (mean_of(|p| &p.a, n.0), mean_of(|p| &p.b, n.1));
    TimeSplit {
        cases: n,
        mean_s,
        change_s: mean_s.1 - mean_s.0,
        duration_change_s: mean_duration(b.0, b.1) - mean_duration(a.0, a.1),
        edges,
        activities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{ImportOptions, import_bytes};
    use crate::log::CaseIndex;
    use crate::sample::{SampleOptions, generate_csv};

    fn import(csv: &[u8]) -> EventLog {
        import_bytes(csv, &ImportOptions::default()).unwrap().log
    }

    /// Cases by id: A = K1, K2; B = K3, K4.
    const LOG: &str = "\
case,activity,timestamp
K1,a,2025-01-06 09:00
K1,b,2025-01-06 09:10
K2,a,2025-01-06 09:00
K2,b,2025-01-06 09:20
K3,a,2025-01-06 09:00
K3,b,2025-01-06 09:05
K4,a,2025-01-06 09:00
K4,c,2025-01-06 09:30
";

    fn find<'p>(parts: &'p [Part], from: &str, to: &str) -> &'p Part {
        parts.iter().find(|p| p.from.as_deref() == Some(from) && p.to.as_deref() == Some(to)).unwrap()
    }

    #[test]
    fn by_hand() {
        let log = import(LOG.as_bytes());
        let cases: Vec<CaseIndex> = CaseIndex::all(4).collect();
        let (a, b) = cases.split_at(2);
        let s = split((&log, Selection::Cases(a)), (&log, Selection::Cases(b)));
        // A: a -> b in both cases, 10 and 20 min: 15 min per case. B: a -> b once (5 min) and
        // a -> c once (30 min): (5 + 30) / 2 = 17.5 min per case.
        assert_eq!(s.cases, (2, 2));
        assert_eq!(s.mean_s, (900.0, 1050.0));
        assert_eq!(s.change_s, 150.0);
        assert_eq!(s.duration_change_s, 150.0);
        // a -> b: f 1 -> 0.5, w 900 -> 300: frequency (0.5 - 1) * 900 = -450, speed
        // 0.5 * (300 - 900) = -300, in all 150 - 900 = -750.
        let ab = find(&s.edges, "a", "b");
        assert_eq!((ab.frequency_part_s, ab.speed_part_s, ab.contribution_s), (-450.0, -300.0, -750.0));
        assert_eq!((ab.a.frequency, ab.a.cases, ab.b.frequency, ab.b.cases), (2, 2, 1, 1));
        assert_eq!((ab.a.median_wait_s, ab.b.median_wait_s), (Some(900.0), Some(300.0)));
        // a -> c, only in B: 0.5 * 1800 = 900, all of it frequency.
        let ac = find(&s.edges, "a", "c");
        assert_eq!((ac.frequency_part_s, ac.speed_part_s, ac.contribution_s), (900.0, 0.0, 900.0));
        assert_eq!(s.edges[0].to.as_deref(), Some("c"), "the largest contribution first");
        assert!(s.activities.is_empty(), "no start times");
    }

    #[test]
    fn the_parts_add_up_to_the_change_on_the_sample() {
        let csv = generate_csv(&SampleOptions { cases: 600, ..SampleOptions::default() });
        let log = import(&csv);
        let cases: Vec<CaseIndex> = CaseIndex::all(log.case_count()).collect();
        let (a, b) = cases.split_at(cases.len() / 2);
        let s = split((&log, Selection::Cases(a)), (&log, Selection::Cases(b)));
        assert!(!s.activities.is_empty(), "the sample has start times");
        let parts: Vec<&Part> = s.edges.iter().chain(&s.activities).collect();
        let sum: f64 = parts.iter().map(|p| p.contribution_s).sum();
        assert!((sum - s.change_s).abs() < 1e-6, "{sum} vs {}", s.change_s);
        for p in &parts {
            let both = p.frequency_part_s + p.speed_part_s;
            assert!((both - p.contribution_s).abs() <= 1e-9 * p.contribution_s.abs().max(1.0), "{p:?}");
        }
        // The parts add up to the change of the mean case duration, overlaps and all.
        assert!((s.change_s - s.duration_change_s).abs() < 1e-6, "{} vs {}", s.change_s, s.duration_change_s);
    }

    #[test]
    fn overlapping_activities_follow_the_maps_order_and_still_add_up() {
        // K1: "long" runs 09:00-10:00, "short" 09:10-09:20 (it ends first: stored first). The
        // map reads long -> short; the case lasts from 09:10 (the first stored event's start)
        // to 10:00. B: K2, one hour of "long" alone.
        let csv = "case,activity,start,end\n\
K1,short,2025-01-06 09:10,2025-01-06 09:20\n\
K1,long,2025-01-06 09:00,2025-01-06 10:00\n\
K2,long,2025-01-06 09:00,2025-01-06 10:00\n";
        let log = import(csv.as_bytes());
        let (a, b) = ([CaseIndex::all(2).next().unwrap()], [CaseIndex::all(2).nth(1).unwrap()]);
        let s = split((&log, Selection::Cases(&a)), (&log, Selection::Cases(&b)));
        let map = crate::discovery::dfg::Dfg::discover(&log, Selection::Cases(&a), None);
        let edge = |from: &str, to: &str| map.edges.iter().any(|e| e.from.name(&log) == from && e.to.name(&log) == to);
        assert!(edge("long", "short") && !edge("short", "long"));
        // long -> short: 09:10 - 10:00 = -50 min; the start carries 09:00 - 09:10, the end
        // 10:00 - 09:20; with the durations (60 + 10 min) that is the case's 50 min.
        assert_eq!(find(&s.edges, "long", "short").a.mean_wait_s, Some(-3000.0));
        let start = s.edges.iter().find(|p| p.from.is_none()).unwrap();
        assert_eq!((start.a.mean_wait_s, start.b.mean_wait_s), (Some(-600.0), Some(0.0)));
        let end = s.edges.iter().find(|p| p.to.is_none() && p.from.as_deref() == Some("short")).unwrap();
        assert_eq!(end.a.mean_wait_s, Some(2400.0));
        assert_eq!(s.mean_s, (3000.0, 3600.0));
        assert_eq!((s.change_s, s.duration_change_s), (600.0, 600.0));
    }
}
