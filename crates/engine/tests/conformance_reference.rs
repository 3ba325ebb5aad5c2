//! casemap's alignments equal PM4Py's on the shared logs: for each log, the IMf model (noise
//! 0.2) and the most frequent variant as a strict sequence, both as PNML written by PM4Py,
//! and the IMf model as BPMN (read and converted as `pm4py.convert_to_petri_net` does),
//! every variant's optimal cost, best-worst cost and fitness, and the log's fitness figures,
//! to the last bit, on the shared logs and the generated one. The files come from `tests/reference/conformance.py` (see the README
//! beside it).
#![cfg(not(target_arch = "wasm32"))]

mod common;
#[path = "common/reference.rs"]
mod reference_files;

use std::collections::HashMap;
use std::path::PathBuf;

use casemap_engine::conformance::bpmn::{from_petri_net, read_bpmn, to_petri_net, write_bpmn};
use casemap_engine::conformance::net::PetriNet;
use casemap_engine::conformance::pnml::read_pnml;
use casemap_engine::conformance::{VariantDetail, check_alignments, check_token_replay};
use casemap_engine::log::{EventLog, Selection};
use casemap_engine::sample::{SampleOptions, generate_csv};
use common::shared_data;
use reference_files::{expected_dir, import, read_expected};
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared log of a conformance reference file, imported as PM4Py was given it.
fn read_log(name: &str, expected: &Value) -> EventLog {
    let log_name = expected["log"].as_str().unwrap();
    let bytes = if log_name.starts_with("casemap generate") {
        // `casemap generate --cases 1000 --seed 7`, as the discovery references.
        assert_eq!(log_name, "casemap generate --cases 1000 --seed 7");
        generate_csv(&SampleOptions { cases: 1000, seed: 7, ..SampleOptions::default() })
    } else {
        std::fs::read(shared_data().join(log_name)).unwrap()
    };
    // The columns PM4Py was given are in the log's discovery reference file.
    let plain = expected_dir().join(format!("{name}.json"));
    let discovery = read_expected(&if plain.exists() { plain } else { expected_dir().join(format!("{name}.json.gz")) });
    import(&bytes, &discovery["columns"])
}

/// A model file of the references: PNML, or BPMN converted as `pm4py.convert_to_petri_net`.
fn read_model(file: &str) -> PetriNet {
    let text = std::fs::read_to_string(repo().join(file)).unwrap();
    if file.ends_with(".bpmn") {
        to_petri_net(&read_bpmn(&text).unwrap_or_else(|e| panic!("{file}: {e}")))
    } else {
        read_pnml(&text).unwrap().net
    }
}

fn check(name: &str, expected: &Value, model_key: &str) {
    let model = &expected["models"][model_key];
    let log = read_log(name, expected);
    let net = read_model(model["file"].as_str().unwrap());
    let what = format!("{name} {model_key}");
    assert_eq!(net.size().places as u64, model["places"].as_u64().unwrap(), "{what}: places");
    assert_eq!(net.size().transitions as u64, model["transitions"].as_u64().unwrap(), "{what}: transitions");
    assert_eq!(net.size().silent_transitions as u64, model["silent_transitions"].as_u64().unwrap(), "{what}: silent");

    let report = check_alignments(&log, Selection::All, &net).unwrap();
    let theirs = &model["alignments"];
    assert_eq!(report.bwc_model, theirs["bwc_model"].as_u64(), "{what}: bwc of the model");
    let ours: HashMap<&Vec<String>, _> = report.variants.iter().map(|v| (&v.activities, v)).collect();
    let variants = expected["variants"].as_array().unwrap();
    assert_eq!(report.variants.len(), variants.len(), "{what}: variants");
    for v in variants {
        let activities: Vec<String> = serde_json::from_value(v["activities"].clone()).unwrap();
        let ours = ours.get(&activities).unwrap_or_else(|| panic!("{what}: no variant {activities:?}"));
        let a = &v["alignments"][model_key];
        assert_eq!(ours.cases, v["cases"].as_u64().unwrap(), "{what}: cases of {activities:?}");
        let VariantDetail::Alignment { cost, bwc, .. } = ours.detail else { panic!("{what}: not an alignment") };
        assert_eq!(cost, a["cost"].as_u64().unwrap(), "{what}: cost of {activities:?}");
        assert_eq!(bwc, a["bwc"].as_u64().unwrap(), "{what}: bwc of {activities:?}");
        assert_eq!(Some(ours.fitness), a["fitness"].as_f64(), "{what}: fitness of {activities:?}");
    }
    let f = report.fitness;
    assert_eq!(f.cases, theirs["cases"].as_u64().unwrap(), "{what}: cases");
    assert_eq!(Some(f.log), theirs["log_fitness"].as_f64(), "{what}: log fitness");
    assert_eq!(Some(f.average_case), theirs["average_trace_fitness"].as_f64(), "{what}: average fitness");
    assert_eq!(Some(f.fitting_percent), theirs["percentage_of_fitting_traces"].as_f64(), "{what}: fitting");

    // Token replay: every variant PM4Py replays the same way on every run, and the log's
    // figures when all of them are.
    let report = check_token_replay(&log, Selection::All, &net);
    let ours: HashMap<&Vec<String>, _> = report.variants.iter().map(|v| (&v.activities, v)).collect();
    let mut unstable = 0;
    for v in variants {
        let r = &v["token_replay"][model_key];
        if r["unstable"].as_bool() == Some(true) {
            unstable += 1;
            continue;
        }
        let activities: Vec<String> = serde_json::from_value(v["activities"].clone()).unwrap();
        let ours = ours[&activities];
        let VariantDetail::Tokens { missing, remaining, consumed, produced } = ours.detail else {
            panic!("{what}: not tokens")
        };
        let theirs = (
            r["missing_tokens"].as_u64().unwrap(),
            r["remaining_tokens"].as_u64().unwrap(),
            r["consumed_tokens"].as_u64().unwrap(),
            r["produced_tokens"].as_u64().unwrap(),
        );
        assert_eq!((missing, remaining, consumed, produced), theirs, "{what}: tokens (m, r, c, p) of {activities:?}");
        assert_eq!(Some(ours.fitness), r["trace_fitness"].as_f64(), "{what}: token fitness of {activities:?}");
    }
    if unstable == 0 {
        let theirs = &model["token_replay"];
        let f = report.fitness;
        assert_eq!(Some(f.log), theirs["log_fitness"].as_f64(), "{what}: token log fitness");
        assert_eq!(Some(f.average_case), theirs["average_trace_fitness"].as_f64(), "{what}: token average fitness");
        assert_eq!(Some(f.fitting_percent), theirs["percentage_of_fitting_traces"].as_f64(), "{what}: token fitting");
    }
}

#[test]
fn alignments_equal_pm4pys_on_the_shared_logs() {
    let dir = expected_dir().join("conformance");
    let mut checked = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "timings.json")
        .collect();
    names.sort();
    for file in names {
        let name = file.trim_end_matches(".gz").trim_end_matches(".json").to_owned();
        let expected = read_expected(&dir.join(&file));
        for model in ["imf", "imf_bpmn", "top"] {
            if expected["models"][model]["alignments"].is_object() {
                check(&name, &expected, model);
                checked.push(format!("{name} {model}"));
            }
        }
    }
    assert!(checked.len() >= 2, "checked only {checked:?}");
}

/// The conformance reference files of the shared logs, by log name.
fn shared_references() -> Vec<(String, Value)> {
    let dir = expected_dir().join("conformance");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "timings.json")
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|file| {
            (file.trim_end_matches(".gz").trim_end_matches(".json").to_owned(), read_expected(&dir.join(&file)))
        })
        .collect()
}

/// Each variant's optimal cost, by its activities.
fn costs(log: &EventLog, net: &PetriNet) -> HashMap<Vec<String>, (u64, f64)> {
    let report = check_alignments(log, Selection::All, net).unwrap();
    report
        .variants
        .into_iter()
        .map(|v| {
            let VariantDetail::Alignment { cost, .. } = v.detail else { panic!("not an alignment") };
            (v.activities, (cost, v.fitness))
        })
        .collect()
}

#[test]
fn bpmn_written_by_casemap_reads_back_to_the_same_alignments() {
    let mut checked = Vec::new();
    for (name, expected) in shared_references() {
        let model = &expected["models"]["imf_bpmn"];
        if !model["alignments"].is_object() {
            continue;
        }
        let log = read_log(&name, &expected);
        let text = std::fs::read_to_string(repo().join(model["file"].as_str().unwrap())).unwrap();
        let bpmn = read_bpmn(&text).unwrap();
        // PM4Py's model, written with a diagram and read back: the same model, net and costs.
        let written = write_bpmn(&bpmn);
        assert!(written.contains("<bpmndi:BPMNShape") && written.contains("<di:waypoint"), "{name}: no diagram");
        let again = read_bpmn(&written).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again, bpmn, "{name}: the model read back");
        let net = to_petri_net(&again);
        assert_eq!(net.size(), to_petri_net(&bpmn).size(), "{name}: the net read back");
        let ours = costs(&log, &net);
        for v in expected["variants"].as_array().unwrap() {
            let activities: Vec<String> = serde_json::from_value(v["activities"].clone()).unwrap();
            let a = &v["alignments"]["imf_bpmn"];
            assert_eq!(ours[&activities].0, a["cost"].as_u64().unwrap(), "{name}: cost of {activities:?} read back");
        }

        // The IMf net (PNML) drawn as BPMN: the same deviations and trace fitness for every
        // variant (the silent moves differ).
        let pnml = read_model(expected["models"]["imf"]["file"].as_str().unwrap());
        let drawn = read_bpmn(&write_bpmn(&from_petri_net(&pnml).unwrap())).unwrap();
        let ours = costs(&log, &to_petri_net(&drawn));
        for v in expected["variants"].as_array().unwrap() {
            let activities: Vec<String> = serde_json::from_value(v["activities"].clone()).unwrap();
            let a = &v["alignments"]["imf"];
            let (cost, fitness) = ours[&activities];
            assert_eq!(cost / 10_000, a["cost"].as_u64().unwrap() / 10_000, "{name}: deviations of {activities:?}");
            assert_eq!(Some(fitness), a["fitness"].as_f64(), "{name}: fitness of {activities:?} from the PNML");
        }
        checked.push(name);
    }
    assert!(!checked.is_empty(), "no BPMN reference model");
}
