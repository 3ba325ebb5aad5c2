//! Exports in the shapes of real service desks (ServiceNow, Jira, Zendesk, Salesforce, a city's
//! request list, a municipality's XES log, ...; `tests/data/exports`, made by its `make.py`)
//! map, with no flag, to the roles `expected.json` names, and import to its cases and events.

use std::path::{Path, PathBuf};

use casemap_engine::ingest::{ImportOptions, Importer, Inspection, Layout, Mapping, Role, System, inspect};
use casemap_engine::log::CaseIndex;
use serde_json::Value;

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/exports")
}

fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(folder().join("expected.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap().as_object().unwrap().clone()
}

fn load(file: &str) -> (Inspection, casemap_engine::ingest::Imported) {
    let bytes = std::fs::read(folder().join(file)).unwrap();
    let options = ImportOptions::default();
    let inspection = inspect(&bytes[..bytes.len().min(casemap_engine::ingest::HEAD_BYTES)], &options).unwrap();
    let mut importer = Importer::new(&inspection, &inspection.mapping, &options).unwrap();
    importer.feed(&bytes);
    let imported = importer.finish().unwrap();
    (inspection, imported)
}

fn columns(mapping: &Mapping, role: Role) -> Vec<&str> {
    mapping.columns.iter().filter(|c| c.role == role).map(|c| c.name.as_str()).collect()
}

/// The columns a role should have: the expected one, or one of the acceptable others.
fn acceptable(entry: &Value, key: &str) -> Vec<String> {
    let mut names: Vec<String> = entry[key].as_str().map(str::to_owned).into_iter().collect();
    if let Some(others) = entry.get("also_acceptable").and_then(|a| a.get(key)).and_then(Value::as_array) {
        names.extend(others.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    names
}

#[test]
fn every_export_maps_as_a_user_expects() {
    let mut failures = Vec::new();
    for (file, entry) in expected() {
        let (inspection, imported) = load(&file);
        let mapping = &inspection.mapping;
        let mut check = |what: &str, ok: bool, found: String| {
            if !ok {
                failures.push(format!("{file}: {what}: found {found}"));
            }
        };
        let roles = [
            ("case_id", Role::CaseId),
            ("activity", Role::Activity),
            ("timestamp", Role::Timestamp),
            ("start_time", Role::StartTime),
            ("end_time", Role::EndTime),
            ("priority", Role::Priority),
            ("team", Role::Team),
            ("resource", Role::Resource),
            ("channel", Role::Channel),
            ("case_type", Role::CaseType),
            ("sla_due", Role::SlaDue),
        ];
        for (key, role) in roles {
            let names = acceptable(&entry, key);
            let mut found = columns(mapping, role);
            // With no agent column, the team that did the work is the resource (by design).
            if role == Role::Team && found.is_empty() && entry["resource"].is_null() {
                found = columns(mapping, Role::Resource);
            }
            if entry[key].is_null() && !names.is_empty() {
                // Only acceptable, not expected: none is fine too.
                check(key, found.is_empty() || names.iter().any(|n| n == found[0]), format!("{found:?}"));
            } else if !names.is_empty() {
                check(key, found.len() == 1 && names.iter().any(|n| n == found[0]), format!("{found:?}"));
            } else if matches!(role, Role::Activity | Role::Timestamp | Role::StartTime | Role::EndTime) {
                check(key, found.is_empty(), format!("{found:?}"));
            }
        }
        let milestones: Vec<&str> = entry["milestones"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        let mut found = columns(mapping, Role::Milestone);
        let mut wanted = milestones.clone();
        found.sort_unstable();
        wanted.sort_unstable();
        check("milestones", found == wanted, format!("{found:?}"));
        if let Some(names) = entry.get("milestone_names").and_then(Value::as_array) {
            let mut made: Vec<String> = imported.log.activities.names().map(str::to_owned).collect();
            let mut wanted: Vec<String> = names.iter().filter_map(Value::as_str).map(str::to_owned).collect();
            made.sort();
            wanted.sort();
            check("milestone names", made == wanted, format!("{made:?}"));
        }
        let preset = entry.get("preset").and_then(Value::as_str);
        check(
            "preset",
            mapping.preset.map(|p| p.key()) == preset.or(mapping.preset.map(|p| p.key())),
            format!("{:?}", mapping.preset),
        );
        if let Some(preset) = preset {
            check("preset", mapping.preset.map(|p| p.key()) == Some(preset), format!("{:?}", mapping.preset));
        }
        for (key, role) in [("not_priority", Role::Priority), ("not_end_time", Role::EndTime)] {
            for name in entry.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                let taken = mapping.columns.iter().any(|c| c.name == name && (c.role == role || c.role.is_time()));
                check(key, !taken, name.to_owned());
            }
        }
        let events = entry
            .get("events_if_equal_consecutive_states_merged")
            .filter(|_| mapping.layout() == Layout::Snapshots)
            .unwrap_or(&entry["events"])
            .as_u64()
            .unwrap();
        let summary = imported.log.summary();
        check("cases", summary.cases == entry["cases"].as_u64().unwrap(), summary.cases.to_string());
        check("events", summary.events == events, summary.events.to_string());
        check("skipped rows", imported.skipped.total == 0, format!("{:?}", imported.skipped.by_reason));
        let warned = inspection
            .warnings(mapping)
            .iter()
            .any(|w| matches!(w, casemap_engine::ingest::Warning::SharedTimes { .. }));
        check("no shared-time warning", !warned, String::from("a warning"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn systems_and_layouts_are_told() {
    let cases = [
        ("servicenow_incident_updates.csv", Some(System::ServiceNow), Layout::Snapshots),
        ("jira_status_changelog.csv", Some(System::Jira), Layout::Events),
        ("jira_changelog_issue_dates.csv", Some(System::Jira), Layout::FieldHistory),
        ("jira_time_in_status.csv", Some(System::Jira), Layout::Tickets),
        ("zendesk_ticket_export.csv", Some(System::Zendesk), Layout::Tickets),
        ("salesforce_case_export.csv", Some(System::Salesforce), Layout::Tickets),
        ("municipal_xes_keys.csv", Some(System::Xes), Layout::Events),
        ("city_service_requests.csv", None, Layout::Tickets),
        ("newest_first_offsets.csv", None, Layout::Events),
    ];
    for (file, system, layout) in cases {
        let (inspection, _) = load(file);
        assert_eq!((inspection.system, inspection.mapping.layout()), (system, layout), "{file}");
    }
}

#[test]
fn newest_first_rows_and_offsets_without_a_colon_are_read_right() {
    let (inspection, imported) = load("newest_first_offsets.csv");
    assert!(inspection.shape.newest_first(3), "{:?}", inspection.shape.columns[3]);
    let log = &imported.log;
    let opened = log.activities.find("Ticket Opened").unwrap();
    for case in CaseIndex::all(log.case_count()) {
        let events = log.case_events(case);
        assert!(events.clone().zip(events.clone().skip(1)).all(|(a, b)| log.time[a] <= log.time[b]));
        // Every ticket begins with its opening, also when a later event has the same time.
        assert_eq!(log.activity.get(events.start), opened, "case {}", log.case_ids[case.index()]);
    }
    // `-0500` and `-0400` are read as offsets: the instants are in UTC.
    let text = std::fs::read_to_string(folder().join("newest_first_offsets.csv")).unwrap();
    let last_row = text.lines().nth(1).unwrap();
    assert!(last_row.contains("-0400") || last_row.contains("-0500"), "{last_row}");
}

#[test]
fn a_ticket_lists_milestones_follow_each_other_in_time() {
    let (_, imported) = load("jira_time_in_status.csv");
    let log = &imported.log;
    // Created before To Do when both have the same time: the usual order breaks ties.
    let created = log.activities.find("Created").unwrap();
    let todo = log.activities.find("To Do").unwrap();
    let mut tied = 0;
    for case in CaseIndex::all(log.case_count()) {
        let events: Vec<usize> = log.case_events(case).collect();
        for pair in events.windows(2) {
            assert!(log.time[pair[0]] <= log.time[pair[1]]);
            if log.time[pair[0]] == log.time[pair[1]] && log.activity.get(pair[1]) == created {
                panic!("Created after a milestone of the same time in case {}", log.case_ids[case.index()]);
            }
            tied += usize::from(
                log.time[pair[0]] == log.time[pair[1]]
                    && log.activity.get(pair[0]) == created
                    && log.activity.get(pair[1]) == todo,
            );
        }
    }
    assert!(tied > 0);
}

#[test]
fn the_shared_time_warning_names_a_better_column() {
    let bytes = std::fs::read(folder().join("servicenow_incident_updates.csv")).unwrap();
    let inspection = inspect(&bytes, &ImportOptions::default()).unwrap();
    // Rows as events with the creation date as each event's time: most cases share one time.
    let mut mapping = inspection.mapping_for(None).unwrap();
    let profiles = inspection.profiles.clone();
    mapping.assign("sys_created_at", Role::Timestamp, &profiles).unwrap();
    let warnings = inspection.warnings(&mapping);
    let shared = warnings.iter().find_map(|w| match w {
        casemap_engine::ingest::Warning::SharedTimes { column, percent, instead } => Some((column, *percent, instead)),
        _ => None,
    });
    let (column, percent, instead) = shared.expect("a shared-time warning");
    assert_eq!(column, "sys_created_at");
    assert!(percent >= 90, "{percent}");
    assert_eq!(instead.as_deref(), Some("sys_updated_at"));
    // The examples of a time column come from different cases.
    let index = inspection.header.iter().position(|h| h == "opened_at").unwrap();
    let examples = inspection.examples(index, inspection.profiles[index].time.as_ref().unwrap().format, 2);
    assert_ne!(examples[0].0, examples[1].0);
}
