//! The real public event logs of `../shared/data` import with exactly the events, cases,
//! activities and resources their README lists.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use casemap_engine::ingest::{HEAD_BYTES, ImportOptions, Importer, Role, inspect};
use common::shared_data;

struct Expected {
    file: &'static str,
    events: usize,
    cases: usize,
    activities: usize,
    resources: usize,
    /// A column to use as the resource, as `casemap import --resource` would.
    resource_column: Option<&'static str>,
    /// Missing values other than the default ones.
    missing: Option<&'static [&'static str]>,
}

const LOGS: &[Expected] = &[
    Expected {
        file: "helpdesk.csv",
        events: 21_348,
        cases: 4_580,
        activities: 14,
        resources: 22,
        resource_column: None,
        missing: None,
    },
    Expected {
        file: "bpic2013_closed_problems.csv",
        events: 6_660,
        cases: 1_487,
        activities: 4,
        // One agent is called "-", which casemap reads as a missing value by default: the
        // README's 585 distinct values are 584 agents and "-" unless "-" is not missing.
        resources: 585,
        resource_column: None,
        missing: Some(&["NULL", "null", "N/A", "?"]),
    },
    Expected {
        file: "receipt.csv",
        events: 8_577,
        cases: 1_434,
        activities: 27,
        resources: 48,
        resource_column: None,
        missing: None,
    },
    Expected {
        file: "academic_credentials.csv",
        events: 13_740,
        cases: 954,
        activities: 18,
        resources: 561,
        resource_column: None,
        missing: None,
    },
    Expected {
        file: "sepsis.csv",
        events: 15_214,
        cases: 1_050,
        activities: 16,
        // No agent column: org:group (the hospital department) is the resource.
        resources: 25,
        resource_column: None,
        missing: None,
    },
    Expected {
        file: "traffic_fines_10k_cases.csv",
        events: 34_724,
        cases: 10_000,
        activities: 11,
        resources: 15,
        resource_column: None,
        missing: None,
    },
    Expected {
        file: "bpic2012.csv",
        events: 262_200,
        cases: 13_087,
        activities: 24,
        resources: 68,
        resource_column: None,
        missing: None,
    },
];

#[test]
fn every_shared_log_imports_with_its_listed_figures() {
    let dir = shared_data();
    for expected in LOGS {
        let options = match expected.missing {
            Some(values) => ImportOptions {
                missing_values: values.iter().map(|v| (*v).to_owned()).collect(),
                ..ImportOptions::default()
            },
            None => ImportOptions::default(),
        };
        let bytes = std::fs::read(dir.join(expected.file)).unwrap();
        let inspection = inspect(&bytes[..bytes.len().min(HEAD_BYTES)], &options)
            .unwrap_or_else(|e| panic!("{}: {e}", expected.file));
        let mut mapping = inspection.mapping.clone();
        if let Some(column) = expected.resource_column {
            mapping.assign(column, Role::Resource, &inspection.profiles).unwrap();
        }
        let mut importer = Importer::new(&inspection, &mapping, &options).unwrap();
        // Odd-sized chunks, as a browser or a pipe would deliver them.
        for chunk in bytes.chunks(65_521) {
            importer.feed(chunk);
        }
        let imported = importer.finish().unwrap_or_else(|e| panic!("{}: {e}", expected.file));
        let log = &imported.log;
        let figures = (log.event_count(), log.case_count(), log.activities.len(), log.resource_count());
        assert_eq!(
            figures,
            (expected.events, expected.cases, expected.activities, expected.resources),
            "{}: (events, cases, activities, resources); skipped {:?}",
            expected.file,
            imported.skipped
        );
        assert_eq!(imported.skipped.total, 0, "{}: {:?}", expected.file, imported.skipped);
    }
}

#[test]
fn a_dash_is_a_missing_value_by_default() {
    let bytes = std::fs::read(shared_data().join("bpic2013_closed_problems.csv")).unwrap();
    let imported = casemap_engine::ingest::import_bytes(&bytes, &ImportOptions::default()).unwrap();
    assert_eq!(imported.log.resource_count(), 584);
    assert_eq!(imported.log.event_count(), 6_660);
}

#[test]
fn the_xes_originals_import_with_the_same_figures() {
    let dir = shared_data();
    let logs = [
        ("helpdesk.xes.gz", 21_348, 4_580, 14),
        ("bpic2013_closed_problems.xes.gz", 6_660, 1_487, 4),
        ("receipt.xes.gz", 8_577, 1_434, 27),
        ("academic_credentials.xes", 13_740, 954, 18),
        ("bpic2012.xes.gz", 262_200, 13_087, 24),
    ];
    for (file, events, cases, activities) in logs {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let options = ImportOptions::default();
        let inspection = inspect(&bytes[..bytes.len().min(HEAD_BYTES)], &options).unwrap();
        assert!(matches!(inspection.format, casemap_engine::ingest::SourceFormat::Xes { .. }), "{file}");
        assert!(!inspection.preview.is_empty(), "{file}: no preview");
        let mut importer = Importer::new(&inspection, &inspection.mapping, &options).unwrap();
        for chunk in bytes.chunks(40_009) {
            importer.feed(chunk);
        }
        let imported = importer.finish().unwrap_or_else(|e| panic!("{file}: {e}"));
        let log = &imported.log;
        assert_eq!((log.event_count(), log.case_count(), log.activities.len()), (events, cases, activities), "{file}");
        assert_eq!(imported.skipped.total, 0, "{file}");
    }
}

#[test]
fn lifecycle_pairs_merge_into_activities_with_durations() {
    // academic_credentials has paired start/complete rows (6,870 each).
    let bytes = std::fs::read(shared_data().join("academic_credentials.xes")).unwrap();
    let options = ImportOptions { merge_lifecycle: true, ..ImportOptions::default() };
    let imported = casemap_engine::ingest::import_bytes(&bytes, &options).unwrap();
    let log = &imported.log;
    assert_eq!(log.event_count(), 6_870);
    let start = log.start.as_ref().expect("start times");
    assert!(start.iter().zip(&log.time).all(|(s, t)| s <= t));
}
