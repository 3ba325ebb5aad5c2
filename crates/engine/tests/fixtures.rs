//! Each quirk of real exports, in a small fixture of `tests/data` (see its README), imports
//! to the log it describes.

use std::path::Path;

use casemap_engine::ingest::presets::Preset;
use casemap_engine::ingest::{ImportOptions, Imported, Inspection, SkipReason, SourceFormat, import_bytes, inspect};
use casemap_engine::log::{CaseIndex, EventLog};

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)).unwrap()
}

fn import(name: &str) -> (Inspection, Imported) {
    let bytes = bytes(name);
    let options = ImportOptions::default();
    let inspection = inspect(&bytes, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
    let imported = import_bytes(&bytes, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
    (inspection, imported)
}

/// The activity names of each case, in log order.
fn traces(log: &EventLog) -> Vec<Vec<&str>> {
    CaseIndex::all(log.case_count())
        .map(|case| log.case_events(case).map(|e| log.activities.get(log.activity.get(e)).unwrap()).collect())
        .collect()
}

macro_rules! imports_to {
    ($($name:ident: $file:expr => $events:expr, $cases:expr, $activities:expr, $resources:expr, $first:expr, $last:expr, $skipped:expr;)*) => {$(
        #[test]
        fn $name() {
            let (_, imported) = import($file);
            let summary = imported.log.summary();
            assert_eq!(
                (summary.events, summary.cases, summary.activities, summary.resources),
                ($events, $cases, $activities, $resources),
                "{}: (events, cases, activities, resources)", $file
            );
            assert_eq!(summary.first.as_deref(), Some($first), "{}: first", $file);
            assert_eq!(summary.last.as_deref(), Some($last), "{}: last", $file);
            assert_eq!(imported.skipped.total, $skipped, "{}: {:?}", $file, imported.skipped);
        }
    )*};
}

imports_to! {
    semicolon_windows1252: "semicolon_windows1252.csv" => 5, 2, 3, 2, "2024-01-05T10:22:00Z", "2024-01-13T09:00:00Z", 0;
    utf16_from_excel: "utf16le_excel.txt" => 5, 2, 3, 2, "2024-02-01T08:00:00Z", "2024-02-02T17:30:00Z", 0;
    salesforce_report_dates: "salesforce_report.csv" => 5, 2, 3, 2, "2024-01-05T10:22:00Z", "2024-02-01T12:15:00Z", 0;
    dotted_dates: "dotted_dates.csv" => 3, 1, 3, 2, "2024-01-05T10:22:00Z", "2024-01-08T09:30:00Z", 0;
    no_zero_padding: "no_padding.csv" => 3, 2, 2, 0, "2016-02-29T01:16:00Z", "2016-03-03T14:00:00Z", 0;
    epoch_seconds: "epoch_seconds.csv" => 3, 2, 2, 0, "2024-01-05T10:22:00Z", "2024-01-06T10:22:00Z", 0;
    epoch_millis: "epoch_millis.csv" => 2, 1, 2, 0, "2024-01-05T10:22:00Z", "2024-01-06T10:22:00.500Z", 0;
    cr_line_endings: "cr_line_endings.csv" => 3, 2, 2, 0, "2024-01-01T10:00:00Z", "2024-01-02T10:00:00Z", 0;
    quoted_newlines: "quoted_newlines.csv" => 3, 2, 2, 0, "2024-03-01T10:00:00Z", "2024-03-02T09:00:00Z", 0;
    missing_values: "missing_values.csv" => 4, 2, 2, 1, "2024-01-01T10:00:00Z", "2024-01-02T11:00:00Z", 0;
    start_and_end_times: "start_end_times.csv" => 3, 2, 2, 2, "2024-01-01T09:00:00Z", "2024-01-02T09:00:00Z", 0;
    chinese_headers: "chinese_headers.csv" => 4, 2, 3, 1, "2024-06-01T09:00:00Z", "2024-06-02T10:00:00Z", 0;
    russian_windows1251: "russian_windows1251.csv" => 4, 2, 3, 2, "2024-07-01T09:00:00Z", "2024-07-03T17:00:00Z", 0;
    offsets_become_utc: "iso_offsets.csv" => 3, 2, 2, 0, "2024-01-01T09:00:00Z", "2024-01-01T15:00:00Z", 0;
    // Without names, the agent column cannot be recognised: it stays an attribute.
    no_header_row: "no_header.csv" => 3, 2, 2, 0, "2024-01-05T10:00:00Z", "2024-01-07T09:00:00Z", 0;
    broken_rows_are_skipped: "broken_rows.csv" => 2, 2, 2, 0, "2024-01-01T10:00:00Z", "2024-01-01T13:00:00Z", 5;
    salesforce_case_history: "salesforce_case_history.csv" => 12, 2, 7, 7, "2024-01-05T09:12:00Z", "2024-01-06T14:05:00Z", 0;
    servicenow_sys_audit: "servicenow_sys_audit.csv" => 10, 2, 7, 3, "2024-02-01T08:00:00Z", "2024-02-05T16:00:00Z", 0;
    jira_changelog: "jira_changelog.csv" => 9, 2, 6, 4, "2024-03-04T09:00:00Z", "2024-03-05T11:00:00Z", 0;
    zendesk_ticket_events: "zendesk_ticket_events.csv" => 8, 2, 6, 3, "2024-04-02T08:00:00Z", "2024-04-03T10:00:00Z", 0;
    servicenow_snapshots: "servicenow_incident_snapshots.csv" => 7, 2, 5, 2, "2024-05-06T08:00:00Z", "2024-05-10T10:00:00Z", 0;
}

#[test]
fn encodings_and_delimiters_are_detected() {
    let cases = [
        ("semicolon_windows1252.csv", "windows-1252", b';'),
        ("utf16le_excel.txt", "UTF-16LE", b'\t'),
        ("russian_windows1251.csv", "windows-1251", b';'),
        ("chinese_headers.csv", "UTF-8", b','),
    ];
    for (file, encoding, delimiter) in cases {
        let (inspection, _) = import(file);
        let SourceFormat::Csv { encoding: found, dialect } = &inspection.format else { panic!("{file}: not CSV") };
        assert_eq!((found.as_str(), dialect.delimiter), (encoding, delimiter), "{file}");
    }
    let (inspection, _) = import("semicolon_windows1252.csv");
    assert_eq!(inspection.header[1], "Attività");
}

#[test]
fn start_times_are_kept_and_a_row_without_end_keeps_its_start() {
    let (_, imported) = import("start_end_times.csv");
    let log = imported.log;
    let start = log.start.as_ref().expect("start times");
    let to_iso = casemap_engine::time::to_iso;
    assert_eq!((to_iso(start[0]), to_iso(log.time[0])), ("2024-01-01T09:00:00Z".into(), "2024-01-01T10:30:00Z".into()));
    // Case 2's only row has a start and no end: its time is the start.
    assert_eq!((to_iso(start[2]), to_iso(log.time[2])), ("2024-01-02T09:00:00Z".into(), "2024-01-02T09:00:00Z".into()));
}

#[test]
fn broken_rows_say_which_row_column_and_value() {
    let (_, imported) = import("broken_rows.csv");
    let report = imported.skipped;
    let reasons: Vec<(u64, SkipReason, Option<&str>, &str)> =
        report.examples.iter().map(|e| (e.row, e.reason, e.column.as_deref(), e.value.as_str())).collect();
    assert_eq!(
        reasons,
        [
            (3, SkipReason::BadTimestamp, Some("timestamp"), "yesterday"),
            (4, SkipReason::MissingCaseId, Some("case_id"), ""),
            (5, SkipReason::MissingActivity, Some("activity"), ""),
            (6, SkipReason::MissingTimestamp, Some("timestamp"), ""),
            (7, SkipReason::WrongFieldCount, None, "2 fields, the header has 3"),
        ]
    );
}

#[test]
fn salesforce_history_becomes_the_process() {
    let (inspection, imported) = import("salesforce_case_history.csv");
    assert_eq!(inspection.preset, Some(Preset::SalesforceCaseHistory));
    let log = imported.log;
    assert_eq!(
        traces(&log),
        [
            vec![
                "Case Created",
                "New",
                "Reassigned",
                "Working",
                "Escalated",
                "Priority Changed",
                "Reassigned",
                "Closed"
            ],
            vec!["Case Created", "New", "Reassigned", "Closed"],
        ]
    );
    // An owner change names the new owner as the resource; other changes, who made them.
    let resource = |event: usize| log.resources.get(log.resource.get(event)).unwrap_or("");
    assert_eq!(resource(2), "Anna Rossi");
    assert_eq!(resource(6), "Ivan Petrov");
    assert_eq!(resource(3), "005A00ANNA");
}

#[test]
fn servicenow_audit_names_the_numeric_states() {
    let (inspection, imported) = import("servicenow_sys_audit.csv");
    assert_eq!(inspection.preset, Some(Preset::ServiceNowAudit));
    assert_eq!(
        traces(&imported.log),
        [
            vec!["New", "Reassigned", "In Progress", "Team Changed", "Reassigned", "Resolved", "Closed"],
            vec!["New", "Priority Changed", "Resolved"],
        ]
    );
}

#[test]
fn jira_and_zendesk_changes_become_events() {
    let (inspection, imported) = import("jira_changelog.csv");
    assert_eq!(inspection.preset, Some(Preset::JiraChangelog));
    assert_eq!(
        traces(&imported.log)[0],
        ["Open", "Reassigned", "In Progress", "Waiting for customer", "In Progress", "Resolved"]
    );
    assert_eq!(traces(&imported.log)[1], ["Open", "Component Changed", "Resolved"]);
    let (inspection, imported) = import("zendesk_ticket_events.csv");
    assert_eq!(inspection.preset, Some(Preset::ZendeskTicketEvents));
    assert_eq!(traces(&imported.log)[0], ["new", "Reassigned", "open", "pending", "solved"]);
    assert_eq!(traces(&imported.log)[1], ["new", "Team Changed", "solved"]);
}

#[test]
fn snapshots_keep_one_event_per_state_change() {
    let (inspection, imported) = import("servicenow_incident_snapshots.csv");
    assert_eq!(inspection.preset, Some(Preset::ServiceNowSnapshots));
    assert_eq!(imported.collapsed, 2);
    assert_eq!(
        traces(&imported.log),
        [vec!["New", "In Progress", "On Hold", "Resolved", "Closed"], vec!["New", "Resolved"]]
    );
    // The priority changed within one state: it stays an event attribute.
    let priority = imported.log.attributes.iter().find(|a| a.name == "priority").unwrap();
    assert_eq!(priority.level, casemap_engine::log::Level::Event);
}

#[test]
fn a_preset_can_be_switched_off() {
    let bytes = bytes("salesforce_case_history.csv");
    let options = ImportOptions::default();
    let inspection = inspect(&bytes, &options).unwrap();
    let plain = inspection.mapping_for(None).unwrap();
    assert_eq!(plain.preset, None);
    // Without the preset, the field names are read as the activity (by their contents).
    let activity = plain.position(casemap_engine::ingest::Role::Activity).map(|i| plain.columns[i].name.as_str());
    assert_eq!(activity, Some("Field"));
    assert!(inspection.mapping_for(Some(Preset::ServiceNowSnapshots)).is_none());
}

#[test]
fn a_file_without_a_header_gets_numbered_columns() {
    let (inspection, _) = import("no_header.csv");
    assert!(!inspection.has_header);
    assert_eq!(inspection.header, ["column 1", "column 2", "column 3", "column 4"]);
    assert_eq!(inspection.preview[0][0], "T-1");
}
