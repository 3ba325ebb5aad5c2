//! The PM4Py reference files in `tests/reference/expected/` and the import that reads a shared
//! log as PM4Py was given it.

use std::io::Read;
use std::path::{Path, PathBuf};

use casemap_engine::ingest::{HEAD_BYTES, ImportOptions, Importer, Role, inspect};
use casemap_engine::log::EventLog;
use serde_json::Value;

/// The folder of PM4Py's expected results.
pub fn expected_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/reference/expected")
}

/// A JSON file (gzipped when it ends in .gz).
pub fn read_expected(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
        text
    } else {
        String::from_utf8(bytes).unwrap()
    };
    serde_json::from_str(&text).unwrap()
}

/// Imports a shared log with no flags, checking that the guessed columns are those PM4Py was
/// given, and that no row is skipped.
pub fn import(bytes: &[u8], columns: &Value) -> EventLog {
    let options = ImportOptions::default();
    let inspection = inspect(&bytes[..bytes.len().min(HEAD_BYTES)], &options).unwrap();
    let mapping = &inspection.mapping;
    let named = |role: Role| mapping.position(role).map(|i| mapping.columns[i].name.as_str());
    // The guessed mapping is the one PM4Py was given.
    assert_eq!(named(Role::CaseId), columns["case"].as_str());
    assert_eq!(named(Role::Activity), columns["activity"].as_str());
    match columns["start_timestamp"].as_str() {
        Some(start) => {
            assert_eq!(named(Role::StartTime), Some(start));
            assert_eq!(named(Role::EndTime), columns["timestamp"].as_str());
        }
        None => assert_eq!(named(Role::Timestamp).or(named(Role::EndTime)), columns["timestamp"].as_str()),
    }
    let mut importer = Importer::new(&inspection, mapping, &options).unwrap();
    importer.feed(bytes);
    let imported = importer.finish().unwrap();
    assert_eq!(imported.skipped.total, 0);
    imported.log
}
