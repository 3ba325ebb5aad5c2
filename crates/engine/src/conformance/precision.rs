//! Precision: how much behaviour the model allows that the log never shows, with PM4Py's
//! ETC definition (`evaluation/precision/variants/etconformance_token.py`).
//!
//! Every proper prefix of every case is replayed on the model (token replay, stopping at the
//! first event that cannot fire). At each prefix that fits, the *allowed* activities are the
//! visible transitions enabled there, directly or through silent transitions, and the
//! *escaping* ones those of them that no case shows after that prefix. The initial marking
//! adds, per case, the activities enabled at the start and those of them no case starts with.
//! Precision is `1 - Σ escaping / Σ allowed`, each prefix weighted by its occurrences.
//! (PM4Py joins a prefix's activities with commas and splits them again, so names with commas
//! are cut there; casemap keeps the names whole.)

use std::collections::{BTreeMap, BTreeSet};

use super::net::PetriNet;
use super::replay::Replayer;
use crate::discovery::variants::variants;
use crate::log::{EventLog, Selection};

/// ETC precision of `net` on the selected cases (1 when nothing is allowed).
pub fn etc_precision(log: &EventLog, selection: Selection<'_>, net: &PetriNet) -> f64 {
    let replayer = Replayer::new(net);
    let name = |a| log.activities.get(a).unwrap_or_default();
    // Each proper prefix: the activities that follow it, and its occurrences.
    let mut prefixes: BTreeMap<Vec<&str>, (BTreeSet<&str>, u64)> = BTreeMap::new();
    let mut starts: BTreeSet<&str> = BTreeSet::new();
    let mut cases = 0u64;
    for v in variants(log, selection) {
        let n = v.cases.len() as u64;
        cases += n;
        let acts: Vec<&str> = v.activities.iter().map(|&a| name(a)).collect();
        if let Some(first) = acts.first() {
            starts.insert(first);
        }
        for i in 1..acts.len() {
            let entry = prefixes.entry(acts[..i].to_vec()).or_default();
            entry.0.insert(acts[i]);
            entry.1 += n;
        }
    }
    let initial = replayer.enabled_after::<&str>(&[]).unwrap_or_default();
    let mut allowed = cases * initial.len() as u64;
    let mut escaping = cases * initial.iter().filter(|a| !starts.contains(*a)).count() as u64;
    for (prefix, (next, n)) in &prefixes {
        if let Some(enabled) = replayer.enabled_after(prefix) {
            allowed += enabled.len() as u64 * n;
            escaping += enabled.iter().filter(|a| !next.contains(*a)).count() as u64 * n;
        }
    }
    if allowed > 0 { 1.0 - escaping as f64 / allowed as f64 } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::tree::{Operator, ProcessTree};

    fn log(traces: &[&str]) -> EventLog {
        let mut csv = String::from("case,activity,time\n");
        for (c, t) in traces.iter().enumerate() {
            for (i, a) in t.chars().enumerate() {
                csv.push_str(&format!("c{c},{a},2025-01-01 09:{i:02}\n"));
            }
        }
        crate::ingest::import_bytes(csv.as_bytes(), &crate::ingest::ImportOptions::default()).unwrap().log
    }

    #[test]
    fn a_model_that_allows_only_the_log_is_precise() {
        let net = ProcessTree::Node(Operator::Sequence, vec![ProcessTree::activity("a"), ProcessTree::activity("b")])
            .to_petri_net();
        assert_eq!(etc_precision(&log(&["ab", "ab"]), Selection::All, &net), 1.0);
    }

    #[test]
    fn unused_choices_escape() {
        // a then b or c; the log only shows b. At the start a is allowed and taken (2 cases
        // x 1); after "a", b and c are allowed and c escapes (2 x 2, 2 x 1 escaping).
        let tree = ProcessTree::Node(
            Operator::Sequence,
            vec![
                ProcessTree::activity("a"),
                ProcessTree::Node(Operator::Xor, vec![ProcessTree::activity("b"), ProcessTree::activity("c")]),
            ],
        );
        let p = etc_precision(&log(&["ab", "ab"]), Selection::All, &tree.to_petri_net());
        assert_eq!(p, 1.0 - 2.0 / 6.0);
    }
}
