//! The map from a warehouse result, on the real public logs of `../shared/data`: with every
//! variant listed, the full graph and every activity slider position give the graph of
//! reading the events (the paths' counts exactly; waits wherever no case bridges a hidden
//! activity to take the path, none where one does); with only some variants listed, the
//! slider's graphs count exactly the cases of those variants.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use casemap_engine::discovery::cases::case_stats;
use casemap_engine::discovery::dfg::{Dfg, Node};
use casemap_engine::discovery::map::kept_set;
use casemap_engine::discovery::variants::variants;
use casemap_engine::ingest::{ImportOptions, import_bytes};
use casemap_engine::log::{EventLog, Selection};
use casemap_engine::warehouse::graphs::AggregateGraphs;
use casemap_engine::warehouse::result::{ActivityRow, Aggregate, EdgeRow, VariantRow};
use common::shared_data;

/// What the warehouse query returns for `log` (tests/warehouse/check.py proves the query
/// returns these figures), listing the `top` most frequent variants.
fn aggregate_of(log: &EventLog, top: usize) -> Aggregate {
    let full = Dfg::discover(log, Selection::All, None);
    let name = |node: Node| node.name(log).to_owned();
    let list = variants(log, Selection::All);
    let stats = case_stats(log, Selection::All);
    let ends = |pick: &dyn Fn(&casemap_engine::discovery::dfg::ActivityStats) -> u64| -> BTreeMap<String, u64> {
        full.activities.iter().filter(|a| pick(a) > 0).map(|a| (name(Node::Activity(a.activity)), pick(a))).collect()
    };
    Aggregate {
        events: full.events,
        cases: full.cases,
        activities: full
            .activities
            .iter()
            .map(|a| ActivityRow {
                activity: name(Node::Activity(a.activity)),
                events: a.events,
                cases: a.cases,
                max_repetitions: a.max_repetitions,
                rework_cases: a.rework_cases,
            })
            .collect(),
        edges: full
            .activity_edges()
            .map(|e| EdgeRow {
                from: name(e.from),
                to: name(e.to),
                frequency: e.frequency,
                cases: e.cases,
                max_repetitions: e.max_repetitions,
                wait: e.waiting.unwrap(),
            })
            .collect(),
        start_activities: ends(&|a| a.starts),
        end_activities: ends(&|a| a.ends),
        variant_count: list.len() as u64,
        variants: list
            .iter()
            .take(top)
            .enumerate()
            .map(|(i, v)| VariantRow {
                rank: i as u64 + 1,
                activities: v.activities.iter().map(|&a| name(Node::Activity(a))).collect(),
                cases: v.cases.len() as u64,
                median_s: v.median_duration_s,
                mean_s: v.mean_duration_s,
            })
            .collect(),
        case_durations: stats.durations,
        events_per_case: stats.events_per_case,
        ..Aggregate::default()
    }
}

/// A graph by names, for graphs whose activity ids differ: activity -> (events, cases, most,
/// rework, starts, ends), and (from, to) -> (frequency, cases, most, wait).
type Named = (BTreeMap<String, [u64; 6]>, BTreeMap<(String, String), (u64, u64, u64, Option<[u64; 4]>)>);

fn named(dfg: &Dfg, log: &EventLog) -> Named {
    let activities = dfg
        .activities
        .iter()
        .map(|a| {
            let n = Node::Activity(a.activity).name(log).to_owned();
            (n, [a.events, a.cases, a.max_repetitions, a.rework_cases, a.starts, a.ends])
        })
        .collect();
    let edges = dfg
        .edges
        .iter()
        .map(|e| {
            let wait = e.waiting.map(|w| [w.count, w.median.to_bits(), w.total.to_bits(), w.max.to_bits()]);
            ((e.from.name(log).to_owned(), e.to.name(log).to_owned()), (e.frequency, e.cases, e.max_repetitions, wait))
        })
        .collect();
    (activities, edges)
}

#[test]
fn every_slider_position_of_a_complete_result_has_the_counts_of_reading_the_events() {
    let data = shared_data();
    let mut logs = 0;
    for file in ["helpdesk.csv", "sepsis.csv", "receipt.csv", "bpic2013_closed_problems.csv"] {
        let log = import_bytes(&std::fs::read(data.join(file)).unwrap(), &ImportOptions::default()).unwrap().log;
        let full = Dfg::discover(&log, Selection::All, None);
        let graphs = AggregateGraphs::new(&aggregate_of(&log, usize::MAX));
        assert!(graphs.coverage.complete());
        assert_eq!(named(&graphs.full, &graphs.names), named(&full, &log), "{file}: the full graph");
        let mut unknown = 0;
        for kept in 1..full.activities.len() {
            let (activities, edges) =
                named(&Dfg::discover(&log, Selection::All, Some(&kept_set(&log, &full, kept))), &log);
            let (got_activities, got_edges) = named(&graphs.project(kept), &graphs.names);
            assert_eq!(got_activities, activities, "{file}: {kept} activities kept");
            assert_eq!(got_edges.keys().collect::<Vec<_>>(), edges.keys().collect::<Vec<_>>(), "{file}: {kept}");
            for (key, got) in &got_edges {
                let expected = &edges[key];
                assert_eq!((got.0, got.1, got.2), (expected.0, expected.1, expected.2), "{file}: {kept}: {key:?}");
                match got.3 {
                    Some(wait) => assert_eq!(Some(wait), expected.3, "{file}: {kept}: {key:?} waits"),
                    None => unknown += usize::from(expected.3.is_some()),
                }
            }
        }
        assert!(unknown > 0, "{file}: some bridged path has no wait");
        logs += 1;
    }
    assert_eq!(logs, 4);
}

#[test]
fn a_partial_result_counts_the_cases_of_its_variants_and_says_how_many() {
    let data = shared_data();
    let log = import_bytes(&std::fs::read(data.join("helpdesk.csv")).unwrap(), &ImportOptions::default()).unwrap().log;
    let list = variants(&log, Selection::All);
    let graphs = AggregateGraphs::new(&aggregate_of(&log, 10));
    let listed: u64 = list.iter().take(10).map(|v| v.cases.len() as u64).sum();
    assert_eq!(
        (graphs.coverage.listed_variants, graphs.coverage.variants, graphs.coverage.listed_cases),
        (10, list.len() as u64, listed)
    );
    assert!(!graphs.coverage.complete());
    // The cases of the listed variants, read again: the same counts.
    let mut sorted: Vec<_> = list.iter().take(10).flat_map(|v| v.cases.iter().copied()).collect();
    sorted.sort_unstable();
    let full = Dfg::discover(&log, Selection::All, None);
    let kept = 5;
    let keep = kept_set(&log, &full, kept);
    let expected = Dfg::discover(&log, Selection::Cases(&sorted), Some(&keep));
    let got = graphs.project(kept);
    assert_eq!(got.cases, listed);
    let counts = |dfg: &Dfg, names: &EventLog| {
        let (a, e) = named(dfg, names);
        (a, e.into_iter().map(|(k, v)| (k, (v.0, v.1, v.2))).collect::<BTreeMap<_, _>>())
    };
    assert_eq!(counts(&got, &graphs.names), counts(&expected, &log));
}
