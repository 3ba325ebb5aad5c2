//! Every UI language has every string: a key missing from any locale file fails here (the
//! compiler only checks the default locale, English, and would fall back to it silently).
//!
//! Texts where a count meets a noun are plurals (leptos_i18n: `key_one`, `key_few`,
//! `key_many`, `key_other`, chosen by the `count` argument with the language's CLDR rules). Each
//! language must give exactly the forms its rules use for whole numbers: English one/other,
//! Italian one/many/other (many: exact millions, "1.000.000 di casi"), Russian
//! one/few/many/other (1 обращение, 2 обращения, 5 обращений; other for fractions). Chinese has
//! no plural forms: it gives one plain text.

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

/// The plural forms each language must give (none: a plain text).
fn plural_forms(locale: &str) -> &'static [&'static str] {
    match locale {
        "en" => &["one", "other"],
        "it" => &["one", "many", "other"],
        "ru" => &["one", "few", "many", "other"],
        _ => &[],
    }
}

const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A text of a locale: plain, or plural forms (form -> text).
#[derive(Debug, Clone, PartialEq)]
enum Text {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

impl Text {
    /// The text English's other form (or plain text) corresponds to.
    fn other(&self) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::Plural(forms) => forms.get("other").map_or("", String::as_str),
        }
    }

    fn texts(&self) -> Vec<(String, &str)> {
        match self {
            Text::Plain(text) => vec![(String::new(), text.as_str())],
            Text::Plural(forms) => forms.iter().map(|(form, text)| (format!("_{form}"), text.as_str())).collect(),
        }
    }
}

/// A locale's texts by key, with `key_one`, `key_other`, ... gathered into one plural text
/// (as leptos_i18n gathers them: only when there is an `_other` form).
fn texts(locale: &str) -> BTreeMap<String, Text> {
    let flat = load(locale);
    let mut out = BTreeMap::new();
    for (key, text) in &flat {
        let plural = key
            .rsplit_once('_')
            .filter(|(base, form)| FORMS.contains(form) && flat.contains_key(&format!("{base}_other")));
        match plural {
            Some((base, form)) => {
                let entry = out.entry(base.to_owned()).or_insert_with(|| Text::Plural(BTreeMap::new()));
                if let Text::Plural(forms) = entry {
                    forms.insert(form.to_owned(), text.clone());
                }
            }
            None => {
                out.insert(key.clone(), Text::Plain(text.clone()));
            }
        }
    }
    out
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
    let english = texts("en");
    assert!(english.len() > 50, "the English locale looks truncated: {} keys", english.len());
    let mut problems = Vec::new();
    for locale in &LOCALES[1..] {
        let other = texts(locale);
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
fn plurals_have_the_forms_of_their_language() {
    let english = texts("en");
    let mut problems = Vec::new();
    for locale in LOCALES {
        let wanted = plural_forms(locale);
        for (key, text) in texts(locale) {
            let english_is_plural = matches!(english.get(&key), Some(Text::Plural(_)));
            match (&text, english_is_plural) {
                (Text::Plural(forms), true) => {
                    let forms: Vec<&str> = forms.keys().map(String::as_str).collect();
                    let mut wanted = wanted.to_vec();
                    wanted.sort_unstable();
                    if forms != wanted {
                        problems.push(format!(
                            "{locale}: \"{key}\" has the forms {forms:?}, the language needs {wanted:?}"
                        ));
                    }
                }
                (Text::Plain(_), true) if !wanted.is_empty() => {
                    problems.push(format!("{locale}: \"{key}\" is a plural in English and needs the forms {wanted:?}"));
                }
                (Text::Plural(_), false) => {
                    problems.push(format!("{locale}: \"{key}\" has plural forms, English has one text"));
                }
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn translations_keep_the_placeholders_and_are_not_empty() {
    let english = texts("en");
    let mut problems = Vec::new();
    for locale in LOCALES {
        for (key, text) in texts(locale) {
            for (form, text) in text.texts() {
                if text.trim().is_empty() {
                    problems.push(format!("{locale}: \"{key}{form}\" is empty"));
                }
                if let Some(source) = english.get(&key)
                    && placeholders(source.other()) != placeholders(text)
                {
                    problems.push(format!(
                        "{locale}: \"{key}{form}\" has placeholders {:?}, English has {:?}",
                        placeholders(text),
                        placeholders(source.other())
                    ));
                }
                // The count that chooses the form is a raw number: texts show a formatted one
                // under another name (thousands separators).
                if matches!(english.get(&key), Some(Text::Plural(_)))
                    && placeholders(text).contains(&"count".to_owned())
                {
                    problems.push(format!("{locale}: \"{key}{form}\" shows the unformatted {{{{ count }}}}"));
                }
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
        "fields.with_column",
        // The two sets of a comparison are A and B everywhere; "column: value" needs no words.
        "compare.value_a",
        "compare.value_b",
        "compare.seg_value",
    ];
    let english = texts("en");
    let mut problems = Vec::new();
    for locale in &LOCALES[1..] {
        for (key, text) in texts(locale) {
            let Some(source) = english.get(&key) else { continue };
            for (form, text) in text.texts() {
                let same = match source {
                    Text::Plain(english) => english == text,
                    Text::Plural(forms) => forms.values().any(|english| english == text),
                };
                if same && !SAME_EVERYWHERE.contains(&key.as_str()) {
                    problems.push(format!("{locale}: \"{key}{form}\" is the English text"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checks_catch_a_missing_key_and_a_missing_form() {
    // The checks above must be able to fail: a locale without one key differs from English.
    let english = load("en");
    let mut italian = load("it");
    let removed = italian.keys().next().unwrap().clone();
    italian.remove(&removed);
    assert!(english.keys().any(|key| !italian.contains_key(key)));
    assert_eq!(placeholders("{{ done }} of {{total}}"), ["done", "total"]);
    // Russian plurals are gathered with all four forms; one fewer would not be.
    let russian = texts("ru");
    let Some(Text::Plural(found)) = russian.get("cases.found") else { panic!("cases.found is a plural") };
    assert_eq!(found.keys().map(String::as_str).collect::<Vec<_>>(), ["few", "many", "one", "other"]);
    assert!(matches!(texts("zh").get("cases.found"), Some(Text::Plain(_))));
}

/// The locale keys a function of `src/views/analyses/mod.rs` maps each analysis to, read from
/// its match arms (`AnalysisKind::Sla => t_string!(i18n, analyses.sla)`): the page's own
/// mapping, not a naming rule the test assumes.
fn analysis_keys(function: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/views/analyses/mod.rs");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start = source.find(&format!("fn {function}(")).unwrap_or_else(|| panic!("no fn {function} in {path:?}"));
    let body = &source[start..start + source[start..].find("\n}\n").expect("the end of the function")];
    body.lines()
        .filter_map(|line| {
            let (kind, rest) = line.trim().strip_prefix("AnalysisKind::")?.split_once(" => ")?;
            let key = rest.strip_prefix("t_string!(i18n, ")?.split(')').next()?;
            Some((kind.to_owned(), key.trim().to_owned()))
        })
        .collect()
}

#[test]
fn every_analysis_has_a_title_and_a_definition_in_every_language() {
    let mut problems = Vec::new();
    let functions = [("title", analysis_keys("title")), ("definition", analysis_keys("definition"))];
    let locales: Vec<(&str, BTreeMap<String, Text>)> = LOCALES.iter().map(|l| (*l, texts(l))).collect();
    for kind in casemap_protocol::AnalysisKind::ALL {
        let name = format!("{kind:?}");
        for (function, keys) in &functions {
            let Some(key) = keys.get(&name) else {
                problems.push(format!("{function}() in src/views/analyses/mod.rs has no arm for {name}"));
                continue;
            };
            for (locale, texts) in &locales {
                if !texts.contains_key(key) {
                    problems.push(format!("{locale}.json lacks \"{key}\", the {function} of {name}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
