//! Every UI language has every string: a key missing from any locale file fails here (the
//! compiler only checks the default locale, English, and would fall back to it silently).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

const LOCALES: [&str; 4] = ["en", "it", "ru", "zh"];

/// Flattens a locale file into `dotted.key -> text`.
fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let key = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&key, value, out);
            }
        }
        Value::String(text) => {
            out.insert(prefix.to_owned(), text.clone());
        }
        other => panic!("{prefix}: expected a string or an object, found {other}"),
    }
}

fn load(locale: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(format!("{locale}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = BTreeMap::new();
    flatten("", &json, &mut out);
    out
}

/// The `{{ name }}` placeholders of a text, sorted.
fn placeholders(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}").map(|(name, _)| name.trim().to_owned()))
        .collect();
    names.sort();
    names
}

#[test]
fn every_locale_has_every_key_of_english_and_no_other() {
    let english = load("en");
    assert!(english.len() > 50, "the English locale looks truncated: {} keys", english.len());
    let mut problems = Vec::new();
    for locale in &LOCALES[1..] {
        let other = load(locale);
        for key in english.keys().filter(|key| !other.contains_key(*key)) {
            problems.push(format!("{locale}.json lacks \"{key}\""));
        }
        for key in other.keys().filter(|key| !english.contains_key(*key)) {
            problems.push(format!("{locale}.json has \"{key}\", which en.json does not"));
        }
    }
    assert!(problems.is_empty(), "locale files disagree:\n{}", problems.join("\n"));
}

#[test]
fn translations_keep_the_placeholders_and_are_not_empty() {
    let english = load("en");
    let mut problems = Vec::new();
    for locale in LOCALES {
        for (key, text) in load(locale) {
            if text.trim().is_empty() {
                problems.push(format!("{locale}: \"{key}\" is empty"));
            }
            if let Some(source) = english.get(&key)
                && placeholders(source) != placeholders(&text)
            {
                problems.push(format!(
                    "{locale}: \"{key}\" has placeholders {:?}, English has {:?}",
                    placeholders(&text),
                    placeholders(source)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn translations_are_translated() {
    // A text identical to English in another language is usually a forgotten translation;
    // names, codes and formats that read the same everywhere are listed here.
    const SAME_EVERYWHERE: &[&str] = &[
        "footer.version",
        "columns.case_type",
        "columns.status",
        "job.progress",
        "mapping.format_xes",
        "roles.csat",
        "variants.rank",
        "filters.d_attribute",
        "filters.d_directly",
        "filters.d_eventually",
        "drivers.f_value",
        "filters.cases_after",
    ];
    let english = load("en");
    let mut problems = Vec::new();
    for locale in &LOCALES[1..] {
        for (key, text) in load(locale) {
            if english.get(&key) == Some(&text) && !SAME_EVERYWHERE.contains(&key.as_str()) {
                problems.push(format!("{locale}: \"{key}\" is the English text"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checks_catch_a_missing_key() {
    // The checks above must be able to fail: a locale without one key differs from English.
    let english = load("en");
    let mut italian = load("it");
    let removed = italian.keys().next().unwrap().clone();
    italian.remove(&removed);
    assert!(english.keys().any(|key| !italian.contains_key(key)));
    assert_eq!(placeholders("{{ done }} of {{total}}"), ["done", "total"]);
}
