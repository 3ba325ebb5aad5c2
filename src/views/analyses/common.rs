//! What several analysis views share: segment rows and their filters, headline figures that
//! rest on resolution, percentages, durations and chart axes.

use casemap_engine::filter::Filter;
use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::fcr::SegmentRate;
use casemap_engine::service::{Distribution, Need, Rate, Step};

use leptos::prelude::*;

use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::widgets::{Axis, BarChart, Cell, Row};

/// The i18n context, passed to the functions that build an analysis's body.
pub(super) type I18n = leptos_i18n::I18nContext<Locale>;

/// Whether an analysis's figures that rest on resolution are unknown: no activity is
/// recognised as a resolution or a closure (the engine names the step in `needs`).
pub(super) fn resolution_unknown(needs: &[Need]) -> bool {
    needs.contains(&Need::Activity(Step::Resolved))
}

/// A headline duration that rests on resolution: "–" with the reason when resolution is
/// unknown, else the value (and `note`).
pub(super) fn resolution_figure(
    i18n: I18n,
    unknown: bool,
    seconds: Option<f64>,
    note: String,
    lang: Lang,
) -> (String, String) {
    if unknown {
        ("–".to_owned(), t_string!(i18n, kpis.why_resolution).to_string())
    } else {
        (duration_text(seconds, lang), note)
    }
}

/// A headline rate: its percentage and `note`, or "–" with `why` when it has none.
pub(super) fn rate_figure(
    rate: Option<f64>,
    note: String,
    why: impl FnOnce() -> String,
    lang: Lang,
) -> (String, String) {
    match rate {
        Some(r) => (format::percent(r, lang), note),
        None => ("–".to_owned(), why()),
    }
}

/// Segment groups in the order they are shown: priority, team, channel, case type, agent.
pub(super) fn in_order<V>(map: &std::collections::BTreeMap<String, V>) -> Vec<(&String, &V)> {
    let place =
        |key: &str| ["priority", "team", "channel", "case_type", "agent"].iter().position(|k| *k == key).unwrap_or(9);
    let mut list: Vec<(&String, &V)> = map.iter().collect();
    list.sort_by_key(|(key, _)| place(key));
    list
}

/// The column that holds a service field (from the filter choices), for filters on it.
pub(super) fn column_of(choices: Option<&FilterChoices>, field: ServiceField) -> Option<String> {
    choices?.columns.iter().find(|c| c.field == Some(field)).map(|c| c.name.clone())
}

pub(super) fn value_filter(column: &Option<String>, value: &Option<String>) -> Option<Filter> {
    Some(Filter::Attribute { column: column.clone()?, values: vec![value.clone()?], exclude: false, events: false })
}

pub(super) fn none_label(i18n: I18n, value: &Option<String>) -> Cell {
    match value {
        Some(v) => Cell::Text(v.clone()),
        None => Cell::Faint(t_string!(i18n, analyses.no_value).to_string()),
    }
}

pub(super) fn pct(rate: Rate) -> Option<f64> {
    (rate.of > 0).then_some(rate.rate)
}

pub(super) fn median(d: &Option<Distribution>) -> Option<f64> {
    d.map(|d| d.median)
}

pub(super) fn duration_text(seconds: Option<f64>, lang: Lang) -> String {
    seconds.map_or_else(|| "–".to_owned(), |s| format::duration(s, lang))
}

pub(super) fn percent_text(ratio: Option<f64>, lang: Lang) -> String {
    ratio.map_or_else(|| "–".to_owned(), |r| format::percent(r, lang))
}

pub(super) fn duration_axis(lang: Lang) -> crate::widgets::Axis {
    crate::widgets::Axis::Duration(lang)
}

pub(super) fn percent_axis(lang: Lang) -> crate::widgets::Axis {
    crate::widgets::Axis::Percent(lang)
}

pub(super) fn count_axis(lang: Lang) -> crate::widgets::Axis {
    crate::widgets::Axis::Count(lang)
}

/// One filter per bar of a chart, made from its label.
pub(super) fn by_label(items: &[(String, f64)], make: impl Fn(&str) -> Option<Filter>) -> Vec<Option<Filter>> {
    items.iter().map(|(label, _)| make(label)).collect()
}

pub(super) fn segment_rows(i18n: I18n, rows: &[SegmentRate], column: Option<String>) -> (Vec<Row>, Vec<(String, f64)>) {
    let table = rows
        .iter()
        .map(|r| {
            Row::filtering(
                vec![
                    none_label(i18n, &r.value),
                    Cell::Count(r.rate.of),
                    Cell::Count(r.rate.count),
                    Cell::Percent(pct(r.rate)),
                ],
                value_filter(&column, &r.value),
            )
        })
        .collect();
    let chart =
        rows.iter().filter_map(|r| Some((r.value.clone()?, r.rate.rate)).filter(|_| r.rate.of > 0)).take(12).collect();
    (table, chart)
}

pub(super) fn segment_name(i18n: I18n, key: &str) -> String {
    match segment_field(key) {
        Some(field) => crate::names::field_name(i18n, field),
        None => t_string!(i18n, roles.resource).to_string(),
    }
}

pub(super) fn segment_field(key: &str) -> Option<ServiceField> {
    match key {
        "priority" => Some(ServiceField::Priority),
        "channel" => Some(ServiceField::Channel),
        "case_type" => Some(ServiceField::CaseType),
        "team" => Some(ServiceField::Team),
        _ => None,
    }
}

pub(super) fn segment_filter(choices: Option<&FilterChoices>, key: &str, value: &Option<String>) -> Option<Filter> {
    match segment_field(key) {
        Some(field) => value_filter(&column_of(choices, field), value),
        None => Some(Filter::Resources { resources: vec![value.clone()?], exclude: false, events: false }),
    }
}

/// Bars of a figure per value of `column`, when there are any; a click on a bar keeps the cases
/// with its value.
#[component]
pub fn ValueBars(
    /// Test id.
    testid: &'static str,
    /// Title (translated).
    title: String,
    /// Values and their figures, in the order shown.
    items: Vec<(String, f64)>,
    /// What the figures are.
    format: Axis,
    /// The column the values are of (a bar filters on it).
    column: Option<String>,
) -> impl IntoView {
    (!items.is_empty()).then(|| {
        let filters = by_label(&items, |l| value_filter(&column, &Some(l.to_owned())));
        view! { <BarChart testid title items format filters /> }
    })
}
