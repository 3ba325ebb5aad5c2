//! casemap's discovery equals PM4Py's on the same logs: the directly-follows graph with its
//! waiting times, start and end activities, variants, case durations, rework and handoffs, against the
//! results a pinned PM4Py stored in `tests/reference/expected/` (regenerate them with
//! `tests/reference/regenerate.sh`; see its README for PM4Py's semantics).
#![cfg(not(target_arch = "wasm32"))]

mod common;
#[path = "common/reference.rs"]
mod reference_files;

use std::collections::BTreeMap;

use casemap_engine::discovery::cases::case_duration;
use casemap_engine::discovery::dfg::Dfg;
use casemap_engine::discovery::stats::seconds;
use casemap_engine::discovery::variants::variants;
use casemap_engine::log::Selection;
use casemap_engine::log::{ActivityId, CaseIndex, EventLog};
use casemap_engine::sample::{SampleOptions, generate_csv};
use casemap_engine::service::{ServiceContext, Vocabulary, case_facts, handoffs};
use common::shared_data;
use reference_files::{expected_dir, import, read_expected};
use serde_json::Value;

/// A float PM4Py computed, to the last bit.
fn exact(ours: f64, theirs: &Value, what: &str) {
    assert_eq!(Some(ours), theirs.as_f64(), "{what}: casemap {ours}, PM4Py {theirs}");
}

fn check(name: &str, log: &EventLog, expected: &Value) {
    assert_eq!(log.event_count() as u64, expected["events"].as_u64().unwrap(), "{name}: events");
    assert_eq!(log.case_count() as u64, expected["cases"].as_u64().unwrap(), "{name}: cases");
    let activity = |id: ActivityId| log.activities.get(id).unwrap().to_string();

    let dfg = Dfg::discover(log, Selection::All, None);
    let edges: Vec<_> = dfg.activity_edges().collect();
    let theirs = expected["dfg"].as_array().unwrap();
    assert_eq!(edges.len(), theirs.len(), "{name}: edges");
    let mut ours: Vec<_> = edges.iter().map(|e| (e.from.name(log), e.to.name(log), *e)).collect();
    ours.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for ((from, to, edge), theirs) in ours.iter().zip(theirs) {
        let what = format!("{name}: {from} -> {to}");
        assert_eq!((Some(*from), Some(*to)), (theirs["from"].as_str(), theirs["to"].as_str()), "{what}");
        assert_eq!(edge.frequency, theirs["frequency"].as_u64().unwrap(), "{what}: frequency");
        let waiting = edge.waiting.unwrap();
        // Every figure to the last bit: seconds as pandas computes them, the sum and mean with
        // pandas' Kahan loop and the deviation with its Welford loop, in the same order.
        exact(waiting.min, &theirs["min"], &format!("{what}: min"));
        exact(waiting.max, &theirs["max"], &format!("{what}: max"));
        exact(waiting.median, &theirs["median"], &format!("{what}: median"));
        exact(waiting.total, &theirs["sum"], &format!("{what}: sum"));
        exact(waiting.mean, &theirs["mean"], &format!("{what}: mean"));
        match (waiting.stdev, &theirs["stdev"]) {
            (None, Value::Null) => {}
            (Some(ours), theirs) => exact(ours, theirs, &format!("{what}: stdev")),
            (None, theirs) => panic!("{what}: stdev None, PM4Py {theirs}"),
        }
    }

    let counts =
        |pairs: Vec<(ActivityId, u64)>| pairs.into_iter().map(|(a, n)| (activity(a), n)).collect::<BTreeMap<_, _>>();
    let theirs = |key: &str| -> BTreeMap<String, u64> {
        expected[key].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap())).collect()
    };
    assert_eq!(counts(dfg.start_activities().collect()), theirs("start_activities"), "{name}: start activities");
    assert_eq!(counts(dfg.end_activities().collect()), theirs("end_activities"), "{name}: end activities");
    let rework = dfg.activities.iter().filter(|a| a.rework_cases > 0).map(|a| (a.activity, a.rework_cases)).collect();
    assert_eq!(counts(rework), theirs("rework_cases"), "{name}: rework cases");

    let ours = variants(log, Selection::All);
    let theirs = expected["variants"].as_array().unwrap();
    assert_eq!(ours.len(), theirs.len(), "{name}: variants");
    for (i, (ours, theirs)) in ours.iter().zip(theirs).enumerate() {
        let activities: Vec<String> = ours.activities.iter().map(|&a| activity(a)).collect();
        let expected: Vec<&str> =
            theirs["activities"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
        assert_eq!(activities, expected, "{name}: variant {i}");
        assert_eq!(ours.cases.len() as u64, theirs["cases"].as_u64().unwrap(), "{name}: cases of variant {i}");
    }

    // Handoffs, as `casemap analyze` defines them, against pandas on PM4Py's formatted frame in
    // its event order (generate.py): the mean resource changes per case, every change, and the
    // cases with ping-pong.
    let ctx = ServiceContext::new(log, &Vocabulary::default());
    let facts = case_facts(log, &ctx, Selection::All);
    let report = handoffs::report(log, &ctx, &facts);
    let theirs = &expected["handoffs"];
    exact(report.handoffs_per_case.unwrap(), &theirs["handoffs_per_case"], &format!("{name}: handoffs per case"));
    assert_eq!(Some(report.ping_pong_cases), theirs["ping_pong_cases"].as_u64(), "{name}: ping-pong cases");
    let pairs: BTreeMap<String, u64> =
        report.pairs.iter().map(|p| (format!("{} -> {}", p.from, p.to), p.count)).collect();
    let their_pairs: BTreeMap<String, u64> =
        theirs["pairs"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap())).collect();
    assert_eq!(pairs, their_pairs, "{name}: handover pairs");

    let durations = expected["case_durations"].as_object().unwrap();
    assert_eq!(durations.len(), log.case_count());
    for case in CaseIndex::all(log.case_count()) {
        let id = &log.case_ids[case.index()];
        let theirs = durations.get(&**id).unwrap_or_else(|| panic!("{name}: case {id} not in PM4Py's results"));
        assert_eq!(seconds(case_duration(log, case)), theirs.as_f64().unwrap(), "{name}: duration of case {id}");
    }
}

#[test]
fn the_shared_logs_give_pm4pys_results() {
    let data = shared_data();
    let mut checked = 0;
    for entry in std::fs::read_dir(expected_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue; // conformance/: see conformance_reference.rs
        }
        let expected = read_expected(&path);
        let log_name = expected["log"].as_str().unwrap();
        if log_name.starts_with("casemap generate") {
            continue;
        }
        let bytes = std::fs::read(data.join(log_name)).unwrap();
        check(log_name, &import(&bytes, &expected["columns"]), &expected);
        checked += 1;
    }
    assert_eq!(checked, 7, "one expected file per shared CSV log");
}

#[test]
fn a_generated_log_with_start_and_end_times_gives_pm4pys_results() {
    let expected = read_expected(&expected_dir().join("generated_1000_seed7.json"));
    assert_eq!(expected["log"], "casemap generate --cases 1000 --seed 7");
    let bytes = generate_csv(&SampleOptions { cases: 1000, seed: 7, ..SampleOptions::default() });
    let log = import(&bytes, &expected["columns"]);
    assert!(log.start.is_some());
    check("generated", &log, &expected);
}
