//! The names enums go by in flags, JSON and the page are their serde names, listed once by the
//! enums themselves (strum), so a new variant cannot be missing from a hand-kept table.

use casemap_engine::discovery::draw::Measure;
use casemap_engine::format::Lang;
use casemap_engine::ingest::error::SkipReason;
use casemap_engine::ingest::presets::Preset;
use casemap_engine::ingest::role::Role;
use casemap_engine::ingest::source::System;
use casemap_engine::service::segments::Segment;
use casemap_engine::service::{AnalysisKind, Step};
use casemap_engine::template::Column;
use serde::Serialize;

fn serde_name(value: impl Serialize) -> String {
    serde_json::to_value(value).expect("serialises").as_str().expect("a unit variant").to_owned()
}

fn check<T: Serialize + Copy + std::fmt::Debug>(all: &[T], key: impl Fn(T) -> &'static str) {
    assert!(!all.is_empty());
    let mut seen = std::collections::BTreeSet::new();
    for &value in all {
        assert_eq!(key(value), serde_name(value), "{value:?}");
        assert!(seen.insert(key(value)), "{value:?} shares its key");
    }
}

#[test]
fn keys_are_serde_names() {
    check(Measure::ALL, Measure::code);
    check(Lang::ALL, Lang::code);
    check(SkipReason::ALL, SkipReason::key);
    check(Role::ALL, Role::key);
    check(System::ALL, System::key);
    check(Segment::ALL, Segment::key);
    check(Step::ALL, Step::key);
    check(Column::ALL, Column::name);
    check(&AnalysisKind::ALL, AnalysisKind::key);
}

#[test]
fn preset_keys_keep_their_flag_spelling() {
    // `--preset servicenow_audit` predates the serde names (`service_now_audit`): both stay.
    let keys: Vec<&str> = Preset::ALL.iter().map(|p| p.key()).collect();
    assert_eq!(
        keys,
        [
            "salesforce_case_history",
            "servicenow_audit",
            "jira_changelog",
            "zendesk_ticket_events",
            "servicenow_snapshots"
        ]
    );
    for &preset in Preset::ALL {
        assert_eq!(Preset::from_key(preset.key()), Some(preset));
    }
}
