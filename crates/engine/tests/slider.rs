//! The activity slider on the real public logs of `../shared/data`: at every position, the
//! graph the app and `casemap map` show (through a `Projector`) is exactly the graph of the
//! cases read again without the left-out activities.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use casemap_engine::discovery::dfg::Dfg;
use casemap_engine::discovery::map::{kept_set, project_with};
use casemap_engine::discovery::projection::Projector;
use casemap_engine::ingest::{ImportOptions, import_bytes};
use casemap_engine::log::Selection;
use common::shared_data;

#[test]
fn every_activity_slider_position_equals_reading_the_events_again() {
    let data = shared_data();
    let mut logs = 0;
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let log = import_bytes(&std::fs::read(&path).unwrap(), &ImportOptions::default()).unwrap().log;
        let full = Dfg::discover(&log, Selection::All, None);
        let projector = Projector::new(&log, Selection::All);
        for kept in 1..full.activities.len() {
            let expected = Dfg::discover(&log, Selection::All, Some(&kept_set(&log, &full, kept)));
            let projected = project_with(&projector, &log, Selection::All, &full, kept);
            assert!(projected == expected, "{}: {kept} activities kept", path.display());
        }
        logs += 1;
    }
    assert_eq!(logs, 7, "every shared CSV log");
}
