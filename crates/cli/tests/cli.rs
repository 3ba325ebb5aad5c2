//! The `casemap` binary as a user runs it.

use assert_cmd::Command;
use serde_json::Value;

fn casemap() -> Command {
    Command::cargo_bin("casemap").expect("the casemap binary is built")
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("casemap runs");
    assert!(output.status.success(), "casemap failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn help_explains_every_command() {
    let help = stdout_of(casemap().arg("--help"));
    for command in ["import", "analyze", "conformance", "discover", "map", "scan", "template", "generate", "vocabulary"]
    {
        assert!(help.contains(command), "--help does not mention {command}:\n{help}");
        let sub = stdout_of(casemap().args([command, "--help"]));
        assert!(sub.len() > 200, "{command} --help is too short to explain anything:\n{sub}");
    }
}

#[test]
fn template_writes_the_documented_header() {
    let out = stdout_of(casemap().arg("template"));
    assert!(out.starts_with(
        "case_id,activity,start_time,end_time,agent,team,priority,channel,case_type,status,sla_due,csat,escalated\n"
    ));
    let dir = tempdir();
    let path = dir.join("template.csv");
    stdout_of(casemap().args(["template", "-o"]).arg(&path));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), out);
}

#[test]
fn scan_json_reports_kind_size_and_lines() {
    let dir = tempdir();
    let path = dir.join("cases.csv");
    // 10,000 data lines with Windows line endings, read in small chunks so that CR LF pairs
    // fall across chunk boundaries.
    let mut text = String::from("\u{feff}case_id;activity;time\r\n");
    for i in 0..10_000 {
        text.push_str(&format!("C{i};Case Created;2025-03-03 09:12:00\r\n"));
    }
    std::fs::write(&path, &text).unwrap();
    let out = stdout_of(casemap().args(["scan", "--json", "--chunk-size", "333"]).arg(&path));
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["kind"]["kind"], "text");
    assert_eq!(json["kind"]["encoding"], "utf8_bom");
    assert_eq!(json["bytes"], text.len() as u64);
    assert_eq!(json["lines"], 10_001);
    assert_eq!(json["line_endings"], "cr_lf");
    assert_eq!(json["ends_with_newline"], true);
    assert!(json["seconds"].as_f64().unwrap() >= 0.0);
}

#[test]
fn scan_text_output_is_readable() {
    let dir = tempdir();
    let path = dir.join("picture.png");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = stdout_of(casemap().arg("scan").arg(&path));
    assert!(out.contains("kind:         image"), "{out}");
    let dir2 = tempdir();
    let big = dir2.join("big.csv");
    std::fs::write(&big, "a,b\n".repeat(300_000)).unwrap();
    let out = stdout_of(casemap().arg("scan").arg(&big));
    assert!(out.contains("size:         1.20 MB (1,200,000 bytes)"), "{out}");
    assert!(out.contains("lines:        300,000"), "{out}");
    assert!(out.contains("line endings: LF (Unix)"), "{out}");
}

#[test]
fn generate_is_reproducible_and_reports_what_it_wrote() {
    let dir = tempdir();
    let a = dir.join("a.csv");
    let b = dir.join("b.csv");
    let output = casemap().args(["generate", "--cases", "300", "--seed", "9", "-o"]).arg(&a).output().unwrap();
    assert!(output.status.success());
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(report.starts_with("wrote 300 cases, "), "{report}");
    let stdout = stdout_of(casemap().args(["generate", "--cases", "300", "--seed", "9"]));
    std::fs::write(&b, &stdout).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let mut reader = csv_reader(&stdout);
    let ids: std::collections::BTreeSet<String> = reader.records().map(|row| row.unwrap()[0].to_owned()).collect();
    assert_eq!(ids.len(), 300);
    let other = stdout_of(casemap().args(["generate", "--cases", "300", "--seed", "10"]));
    assert_ne!(other, stdout);
}

#[test]
fn import_json_reports_mapping_summary_and_skips() {
    let dir = tempdir();
    let path = dir.join("cases.csv");
    let text = "Numero caso;Attività;Data;Operatore\r\n\
                C-1;Apertura;05.01.2024 10:22;Anna\r\n\
                C-1;Chiusura;13.01.2024 09:00;Marco\r\n\
                C-2;Apertura;06.01.2024 11:00;NULL\r\n\
                C-2;Chiusura;domani;Anna\r\n\
                ;Apertura;07.01.2024 08:00;Anna\r\n";
    std::fs::write(&path, text).unwrap();
    let out = stdout_of(casemap().args(["import", "--json"]).arg(&path));
    let json: Value = serde_json::from_str(&out).unwrap();
    let roles: Vec<&str> = json["mapping"].as_array().unwrap().iter().map(|c| c["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["case_id", "activity", "timestamp", "resource"]);
    assert_eq!(json["mapping"][2]["time_format"]["order"], "day_month_year");
    assert_eq!(json["mapping"][2]["time_format"]["examples"][0]["value"], "05.01.2024 10:22");
    assert_eq!(json["mapping"][2]["time_format"]["examples"][0]["parsed"], "2024-01-05T10:22:00Z");
    assert_eq!(json["format"]["delimiter"], ";");
    assert_eq!(json["summary"]["events"], 3);
    assert_eq!(json["summary"]["cases"], 2);
    assert_eq!(json["summary"]["activities"], 2);
    assert_eq!(json["summary"]["resources"], 2);
    assert_eq!(json["summary"]["first"], "2024-01-05T10:22:00Z");
    assert_eq!(json["summary"]["last"], "2024-01-13T09:00:00Z");
    assert_eq!(json["skipped"]["total"], 2);
    assert_eq!(json["skipped"]["by_reason"]["bad_timestamp"], 1);
    assert_eq!(json["skipped"]["by_reason"]["missing_case_id"], 1);
    let example = &json["skipped"]["examples"][0];
    assert_eq!(
        (example["row"].as_u64(), example["column"].as_str(), example["value"].as_str()),
        (Some(5), Some("Data"), Some("domani"))
    );
}

#[test]
fn import_flags_replace_the_guess() {
    let dir = tempdir();
    let path = dir.join("cases.csv");
    std::fs::write(
        &path,
        "ticket,step,when,who,queue\n1,Open,01/02/2024 10:00,Ann,L1\n1,Close,01/03/2024 10:00,Bob,L2\n",
    )
    .unwrap();
    let out = stdout_of(casemap().args(["import", "--json", "--resource", "queue", "--time-format", "mdy"]).arg(&path));
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["mapping"][4]["role"], "resource");
    assert_eq!(json["mapping"][3]["role"], "attribute");
    assert_eq!(json["summary"]["first"], "2024-01-02T10:00:00Z");
    assert_eq!(json["summary"]["last"], "2024-01-03T10:00:00Z");
    let output = casemap().args(["import", "--case", "nope"]).arg(&path).output().unwrap();
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("there is no column \"nope\"") && error.contains("ticket, step, when, who, queue"),
        "{error}"
    );
}

#[test]
fn an_excel_workbook_imports_from_the_sheet_with_the_log() {
    let workbook = concat!(env!("CARGO_MANIFEST_DIR"), "/../xlsx/tests/data/template.xlsx");
    let json: Value = serde_json::from_str(&stdout_of(casemap().args(["import", "--json", workbook]))).unwrap();
    assert_eq!(json["format"], serde_json::json!({"kind": "xlsx", "sheet": "Cases"}));
    assert_eq!(json["summary"]["events"], 20);
    assert_eq!(json["summary"]["cases"], 3);
    assert_eq!(json["mapping"][2]["role"], "start_time");
    let output = casemap().args(["import", "--sheet", "Nope", workbook]).output().unwrap();
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("no sheet \"Nope\" (sheets: Read me, Cases)"), "{error}");
}

#[test]
fn presets_are_detected_and_can_be_switched_off() {
    let history = concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/tests/data/salesforce_case_history.csv");
    let json: Value = serde_json::from_str(&stdout_of(casemap().args(["import", "--json", history]))).unwrap();
    assert_eq!(json["preset"], "salesforce_case_history");
    assert_eq!(json["summary"]["activities"], 7);
    let plain: Value =
        serde_json::from_str(&stdout_of(casemap().args(["import", "--json", "--preset", "none", history]))).unwrap();
    assert_eq!(plain["preset"], Value::Null);
    assert_eq!(plain["summary"]["activities"], 4);
}

#[test]
fn a_file_that_is_no_log_gets_one_clear_message() {
    let dir = tempdir();
    let path = dir.join("notes.csv");
    std::fs::write(&path, "name,comment\nAnna,hello\nMarco,bye\n").unwrap();
    let output = casemap().args(["import"]).arg(&path).output().unwrap();
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("no column holds dates and times (columns: name, comment)"), "{error}");
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::Reader::from_reader(text.as_bytes())
}

#[test]
fn missing_file_is_a_clear_error() {
    let output = casemap().args(["scan", "/nonexistent/cases.csv"]).output().unwrap();
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("cannot open /nonexistent/cases.csv"), "{err}");
}

/// A fresh directory under the target folder, removed by nobody: tests stay inspectable.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "casemap-cli-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small log with a rework loop, written to a temporary file.
fn loop_log() -> std::path::PathBuf {
    let path = tempdir().join("loop.csv");
    let rows = [
        "case,activity,time",
        "1,Open,2024-01-01 09:00",
        "1,Work,2024-01-01 10:00",
        "1,Close,2024-01-01 12:00",
        "2,Open,2024-01-02 09:00",
        "2,Work,2024-01-02 09:30",
        "2,Review,2024-01-02 10:00",
        "2,Work,2024-01-02 11:00",
        "2,Close,2024-01-03 09:00",
        "3,Open,2024-01-03 09:00",
        "3,Work,2024-01-03 11:00",
        "3,Close,2024-01-03 11:30",
    ];
    std::fs::write(&path, rows.join("\n")).unwrap();
    path
}

#[test]
fn analyze_json_reports_the_graph_variants_and_durations() {
    let out: Value = serde_json::from_str(&stdout_of(casemap().arg("analyze").arg(loop_log()).arg("--json"))).unwrap();
    assert_eq!(out["summary"]["cases"], 3);
    let edges = out["dfg"]["edges"].as_array().unwrap();
    let open_work = edges.iter().find(|e| e["from"] == "Open" && e["to"] == "Work").unwrap();
    assert_eq!(open_work["frequency"], 3);
    // Waits of 60, 30 and 120 minutes.
    assert_eq!(open_work["duration_s"]["median"], 3600.0);
    assert_eq!(open_work["duration_s"]["total"], 12_600.0);
    assert_eq!(out["start_activities"]["Open"], 3);
    assert_eq!(out["end_activities"]["Close"], 3);
    assert_eq!(out["variants"]["total"], 2);
    let top = &out["variants"]["top"][0];
    assert_eq!(top["activities"], serde_json::json!(["Open", "Work", "Close"]));
    assert_eq!(top["cases"], 2);
    assert_eq!(out["case_durations_s"]["max"], 24.0 * 3600.0);
    let work = out["dfg"]["nodes"].as_array().unwrap().iter().find(|n| n["activity"] == "Work").unwrap();
    assert_eq!(work["max_repetitions"], 2);
}

#[test]
fn map_writes_an_svg_with_every_activity_and_path() {
    let dir = tempdir();
    let svg_path = dir.join("map.svg");
    let output = casemap().arg("map").arg(loop_log()).arg("-o").arg(&svg_path).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<svg"));
    for activity in ["Open", "Work", "Review", "Close", "__start__", "__end__"] {
        assert!(svg.contains(&format!(r#"data-activity="{activity}""#)), "{activity} missing");
    }
    assert!(svg.contains(r#"<g class="edge" data-from="Review" data-to="Work">"#));
    // Only the most frequent activities: Review (1 event of 12) goes, and the path over it
    // is bridged.
    let small = dir.join("small.svg");
    stdout_of(casemap().arg("map").arg(loop_log()).arg("-o").arg(&small).args([
        "--activities",
        "75",
        "--measure",
        "median",
    ]));
    let svg = std::fs::read_to_string(&small).unwrap();
    assert!(!svg.contains(r#"data-activity="Review""#));
    assert!(svg.contains(r#"data-from="Work" data-to="Work""#), "the loop over Review is bridged");
    let error = casemap().arg("map").arg(loop_log()).arg("-o").arg(&small).args(["--paths", "120"]).output().unwrap();
    assert!(!error.status.success());
    assert!(String::from_utf8_lossy(&error.stderr).contains("no percentage"));
}

/// A small service desk: agents, a reopening, an escalation, an SLA due date.
fn desk_log() -> std::path::PathBuf {
    let path = tempdir().join("desk.csv");
    let rows = [
        "case_id,activity,timestamp,agent,channel,sla_due",
        "C1,Case Created,2025-01-06 09:00,,Email,2025-01-06 17:00",
        "C1,Case Assigned,2025-01-06 09:30,Anna,Email,2025-01-06 17:00",
        "C1,Case Resolved,2025-01-06 11:00,Anna,Email,2025-01-06 17:00",
        "C2,Case Created,2025-01-06 10:00,,Phone,2025-01-07 10:00",
        "C2,Case Assigned,2025-01-06 10:10,Bob,Phone,2025-01-07 10:00",
        "C2,Case Reassigned,2025-01-06 12:00,Carla,Phone,2025-01-07 10:00",
        "C2,Case Reassigned,2025-01-06 14:00,Bob,Phone,2025-01-07 10:00",
        "C2,Case Escalated,2025-01-07 09:00,Bob,Phone,2025-01-07 10:00",
        "C2,Case Resolved,2025-01-08 10:00,Dan,Phone,2025-01-07 10:00",
        "C2,Case Reopened,2025-01-09 10:00,,Phone,2025-01-07 10:00",
        "C2,Case Resolved,2025-01-09 12:00,Dan,Phone,2025-01-07 10:00",
    ];
    std::fs::write(&path, rows.join("\n")).unwrap();
    path
}

#[test]
fn analyze_json_reports_the_service_kpis_rework_and_handoffs() {
    let out: Value = serde_json::from_str(&stdout_of(casemap().arg("analyze").arg(desk_log()).arg("--json"))).unwrap();
    let kpis = &out["kpis"];
    assert_eq!(kpis["cases"], 2);
    // C1 resolved in 2 h; C2 in 3 d 2 h (its last resolution): the median is their mean.
    assert_eq!(kpis["median_resolution_s"], (2.0 * 3600.0 + 74.0 * 3600.0) / 2.0);
    assert_eq!(kpis["reopen_rate"], 0.5);
    assert_eq!(kpis["escalation_rate"], 0.5);
    // Anna: no change. Bob, Carla, Bob, Bob, Dan, Dan: three changes.
    assert_eq!(kpis["handoffs_per_case"], 1.5);
    // C1 met its due date, C2 breached it.
    assert_eq!(kpis["sla_compliance"], 0.5);
    // No activity waits for the customer: FCR counts one agent and no reopening: C1.
    assert_eq!(kpis["fcr_rate"], 0.5);
    assert_eq!(out["rework"]["per_activity"], serde_json::json!({"Case Reassigned": 1, "Case Resolved": 1}));
    assert_eq!(out["handoffs"]["ping_pong_cases"], 1);
    let pairs = out["handoffs"]["pairs"].as_array().unwrap();
    let bob_carla = pairs.iter().find(|p| p["from"] == "Bob" && p["to"] == "Carla").unwrap();
    assert_eq!(bob_carla["count"], 1);
    assert_eq!(pairs.len(), 3);
}

#[test]
fn analyze_applies_a_filter_chain_and_sla_rules() {
    let dir = tempdir();
    let chain = dir.join("chain.json");
    std::fs::write(&chain, r#"{"filters": [{"type": "attribute", "column": "channel", "values": ["Phone"]}]}"#)
        .unwrap();
    let out: Value = serde_json::from_str(&stdout_of(
        casemap().arg("analyze").arg(desk_log()).arg("--json").arg("--filter").arg(&chain),
    ))
    .unwrap();
    assert_eq!(out["filter"]["steps"], serde_json::json!([{"cases": 1, "events": 8}]));
    assert_eq!(out["summary"]["cases"], 1);
    assert_eq!(out["kpis"]["cases"], 1);
    assert_eq!(out["dfg"]["nodes"].as_array().unwrap().len(), 6);
    // Rules replace a due date only when there is none: with the due-date column the rule
    // is reported on its own.
    let rules = dir.join("rules.json");
    std::fs::write(&rules, r#"[{"name": "Assigned", "from": "created", "to": {"step": "assigned"}, "within_s": 900}]"#)
        .unwrap();
    let out: Value = serde_json::from_str(&stdout_of(
        casemap().arg("analyze").arg(desk_log()).arg("--json").arg("--sla-rules").arg(&rules),
    ))
    .unwrap();
    assert_eq!(out["sla"]["source"], "due_date");
    // C1 was assigned after 30 min (breached), C2 after 10 (met).
    assert_eq!(out["sla"]["rules"][0]["compliance"], 0.5);
}

#[test]
fn a_bad_filter_names_the_step_and_the_column() {
    let dir = tempdir();
    let chain = dir.join("chain.json");
    std::fs::write(&chain, r#"{"filters": [{"type": "attribute", "column": "colour", "values": ["red"]}]}"#).unwrap();
    let output = casemap().arg("analyze").arg(desk_log()).arg("--filter").arg(&chain).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(r#"filter 1: the log has no column "colour""#), "{stderr}");
    std::fs::write(&chain, r#"{"filters": [{"type": "teleport"}]}"#).unwrap();
    let output = casemap().arg("analyze").arg(desk_log()).arg("--filter").arg(&chain).output().unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a valid filter chain"));
}

#[test]
fn the_vocabulary_prints_and_reads_back() {
    let vocabulary = stdout_of(casemap().arg("vocabulary"));
    let mut parsed: Value = serde_json::from_str(&vocabulary).unwrap();
    assert!(vocabulary.contains("\"reopen*\""));
    // Without reopening patterns, the log has no reopenings: the rate cannot be told.
    for step in parsed["steps"].as_array_mut().unwrap() {
        if step["step"] == "reopened" {
            step["patterns"] = serde_json::json!([]);
        }
    }
    let path = tempdir().join("vocabulary.json");
    std::fs::write(&path, parsed.to_string()).unwrap();
    let out: Value = serde_json::from_str(&stdout_of(
        casemap().arg("analyze").arg(desk_log()).arg("--json").arg("--vocabulary").arg(&path),
    ))
    .unwrap();
    assert_eq!(out["kpis"]["reopen_rate"], Value::Null);
    assert_eq!(out["rework"]["needs"], serde_json::json!([{"activity": "reopened"}]));
}

#[test]
fn every_registered_analysis_is_in_the_json_and_documented() {
    use casemap_engine::service::AnalysisKind;
    let out: Value = serde_json::from_str(&stdout_of(casemap().arg("analyze").arg(desk_log()).arg("--json"))).unwrap();
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/cli.md")).unwrap();
    for kind in AnalysisKind::ALL {
        let key = kind.key();
        if kind.on_demand() {
            // Run only when asked for: its own command, not a part of `analyze`.
            assert!(out.get(key).is_none(), "analyze --json runs `{key}`, an analysis on demand");
            assert!(docs.contains(&format!("\n## `casemap {key} ")), "docs/cli.md has no section for `casemap {key}`");
            continue;
        }
        assert!(out[key].is_object(), "analyze --json has no `{key}`");
        assert!(docs.contains(&format!("\n| `{key}` |")), "docs/cli.md has no row for the analysis `{key}`");
    }
}

/// A strict sequence a -> b -> c as PNML, the way PM4Py writes it.
const SEQUENCE_PNML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<pnml><net id="n" type="http://www.pnml.org/version-2009/grammar/pnmlcoremodel"><page id="n0">
<place id="p0"><initialMarking><text>1</text></initialMarking></place>
<place id="p1"/><place id="p2"/><place id="p3"/>
<transition id="ta"><name><text>a</text></name></transition>
<transition id="tb"><name><text>b</text></name></transition>
<transition id="tc"><name><text>c</text></name></transition>
<arc id="1" source="p0" target="ta"/><arc id="2" source="ta" target="p1"/>
<arc id="3" source="p1" target="tb"/><arc id="4" source="tb" target="p2"/>
<arc id="5" source="p2" target="tc"/><arc id="6" source="tc" target="p3"/>
</page><finalmarkings><marking><place idref="p3"><text>1</text></place></marking></finalmarkings></net></pnml>"#;

#[test]
fn conformance_aligns_each_case_and_names_the_deviations() {
    let dir = tempdir();
    let log = dir.join("cases.csv");
    std::fs::write(
        &log,
        "case,activity,time\n\
         c1,a,2025-01-01 09:00\nc1,b,2025-01-01 10:00\nc1,c,2025-01-01 11:00\n\
         c2,a,2025-01-02 09:00\nc2,c,2025-01-02 11:00\n\
         c3,a,2025-01-03 09:00\nc3,b,2025-01-03 10:00\nc3,b,2025-01-03 10:30\nc3,c,2025-01-03 11:00\n",
    )
    .unwrap();
    let model = dir.join("model.pnml");
    std::fs::write(&model, SEQUENCE_PNML).unwrap();
    let out: Value = serde_json::from_str(&stdout_of(
        casemap().arg("conformance").arg(&log).arg("--model").arg(&model).arg("--json"),
    ))
    .unwrap();
    assert_eq!(out["method"], "alignments");
    assert_eq!(out["model"]["transitions"], 3);
    // c2 skips b (a model move), c3 does b twice (a log move): one deviation each, of
    // 5 and 7 possible (events + the model's 3 steps).
    assert_eq!(out["fitness"]["cases"], 3);
    assert_eq!(out["fitness"]["fitting_cases"], 1);
    assert_eq!(out["fitness"]["log"], 1.0 - 20_000.0 / 180_000.0);
    assert_eq!(out["fitness"]["average_case"], (1.0 + 0.8 + (1.0 - 1.0 / 7.0)) / 3.0);
    let deviations: Vec<(String, String, u64)> = out["deviations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (d["kind"].as_str().unwrap().into(), d["activity"].as_str().unwrap().into(), d["cases"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(deviations, vec![("log_move".into(), "b".into(), 1), ("model_move".into(), "b".into(), 1)]);

    let out: Value =
        serde_json::from_str(&stdout_of(casemap().arg("conformance").arg(&log).arg("--model").arg(&model).args([
            "--method",
            "token-replay",
            "--json",
        ])))
        .unwrap();
    assert_eq!(out["method"], "token-replay");
    let skipped =
        out["variants"].as_array().unwrap().iter().find(|v| v["activities"] == serde_json::json!(["a", "c"])).unwrap();
    // c fires on a missing token; a's token stays behind.
    assert_eq!((skipped["missing"].as_u64(), skipped["remaining"].as_u64()), (Some(1), Some(1)));
    assert_eq!(out["fitness"]["fitting_cases"], 1);

    // Service rules, without a model.
    let rules = dir.join("rules.json");
    std::fs::write(
        &rules,
        r#"[{"kind": "at_most", "step": {"activity": "b"}, "times": 1},
            {"name": "c needs b", "kind": "precedes", "step": {"activity": "c"}, "requires": {"activity": "b"}}]"#,
    )
    .unwrap();
    let out: Value = serde_json::from_str(&stdout_of(
        casemap().arg("conformance").arg(&log).arg("--rules").arg(&rules).arg("--json"),
    ))
    .unwrap();
    assert!(out.get("fitness").is_none());
    let checked: Vec<(u64, Vec<String>)> = out["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["applies"].as_u64().unwrap(), serde_json::from_value(r["cases"].clone()).unwrap()))
        .collect();
    assert_eq!(checked, vec![(3, vec!["c3".to_owned()]), (3, vec!["c2".to_owned()])]);
    assert_eq!(out["rules"][1]["name"], "c needs b");
    let failed = casemap().arg("conformance").arg(&log).output().unwrap();
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("--rules"));
}

#[test]
fn discover_writes_a_model_the_log_fits_as_pnml_and_as_bpmn() {
    let dir = tempdir();
    let log = dir.join("cases.csv");
    let mut csv = String::from("case,activity,time\n");
    for (c, path) in ["abd", "acd", "abd", "acbd"].iter().enumerate() {
        for (i, a) in path.chars().enumerate() {
            csv.push_str(&format!("c{c},{a},2025-01-0{} 09:0{i}\n", c + 1));
        }
    }
    std::fs::write(&log, csv).unwrap();
    for (file, noise) in [("model.pnml", "0"), ("model.bpmn", "0")] {
        let model = dir.join(file);
        let out = casemap().arg("discover").arg(&log).args(["--noise", noise, "-o"]).arg(&model).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        // IM keeps every behaviour: every case fits its model.
        let report: Value = serde_json::from_str(&stdout_of(
            casemap().arg("conformance").arg(&log).arg("--model").arg(&model).arg("--json"),
        ))
        .unwrap();
        assert_eq!(report["fitness"]["fitting_cases"], 4, "{file}");
        assert_eq!(report["fitness"]["average_case"], 1.0, "{file}");
    }
    let bpmn = std::fs::read_to_string(dir.join("model.bpmn")).unwrap();
    assert!(bpmn.contains("bpmndi:BPMNDiagram") && bpmn.contains("name=\"a\""));
    let bad = casemap().arg("discover").arg(&log).args(["-o"]).arg(dir.join("model.txt")).output().unwrap();
    assert!(!bad.status.success());
}

#[test]
fn compare_before_and_after_the_samples_change() {
    let dir = tempdir();
    let log = dir.join("sample.csv");
    casemap().args(["generate", "-o"]).arg(&log).assert().success();
    let out: Value =
        serde_json::from_str(&stdout_of(casemap().arg("compare").arg(&log).args(["--before", "2025-04-14", "--json"])))
            .unwrap();
    let (a, b) = (out["a"]["cases"].as_u64().unwrap(), out["b"]["cases"].as_u64().unwrap());
    assert_eq!(a + b, 2000);
    let kpi = |key: &str| out["kpis"].as_array().unwrap().iter().find(|k| k["key"] == key).unwrap().clone();
    let esc = kpi("escalation_rate");
    assert_eq!(esc["test"], "two-proportion-z");
    assert_eq!(esc["significant"], true);
    assert!(esc["change"].as_f64().unwrap() < 0.0);
    assert_eq!(kpi("median_resolution_s")["test"], "mann-whitney-u");
    // The parts add up to the change of the mean case duration.
    let sum: f64 = ["edges", "activities"]
        .iter()
        .flat_map(|k| out[*k].as_array().unwrap())
        .map(|p| p["contribution_s"].as_f64().unwrap())
        .sum();
    assert!((sum - out["time"]["change_s"].as_f64().unwrap()).abs() < 1e-6);
    for p in out["edges"].as_array().unwrap() {
        let parts = p["frequency_part_s"].as_f64().unwrap() + p["speed_part_s"].as_f64().unwrap();
        assert!((parts - p["contribution_s"].as_f64().unwrap()).abs() < 1e-6, "{p}");
    }
    assert_eq!(out["change_point"]["week_start"], "2025-04-14");
    let summary: Vec<&str> = out["summary"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(summary.iter().any(|s| s.starts_with("The escalation rate fell from")), "{summary:?}");
    // --suggest prints only the change point; chains given as files compare the same way.
    let point: Value =
        serde_json::from_str(&stdout_of(casemap().arg("compare").arg(&log).args(["--suggest", "--json"]))).unwrap();
    assert_eq!(point, out["change_point"]);
    let chain = |from: &str, to: &str| {
        format!(r#"{{"filters": [{{"type": "time_frame", "from": "{from}", "to": "{to}", "mode": "started"}}]}}"#)
    };
    let (fa, fb) = (dir.join("a.json"), dir.join("b.json"));
    std::fs::write(&fa, chain("1900-01-01T00:00:00", "2025-04-14T00:00:00")).unwrap();
    std::fs::write(&fb, chain("2025-04-14T00:00:00", "2200-01-01T00:00:00")).unwrap();
    let again: Value = serde_json::from_str(&stdout_of(
        casemap().arg("compare").arg(&log).arg("--a").arg(&fa).arg("--b").arg(&fb).arg("--json"),
    ))
    .unwrap();
    assert_eq!(again["kpis"], out["kpis"]);
}
