//! The comparison's words and numbers: the names of the sets, the plain-language summary of
//! the largest meaningful changes, and every key figure side by side with its test.

use casemap_engine::compare::kpis::{KpiChange, display, display_change, is_rate, lower_is_better, p_text};
use casemap_engine::compare::presets::{Preset, day_before};
use casemap_engine::compare::summary::Finding;
use casemap_engine::compare::{Comparison, SegmentFigures};
use casemap_engine::filter::{Filter, FilterChain};
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;

use super::table;
use crate::context::texts;
use crate::i18n::*;

type I18n = leptos_i18n::I18nContext<Locale>;

/// A KPI's name by its key (a field of `KpiValues`).
pub(super) fn kpi_name(i18n: I18n, key: &str) -> String {
    match key {
        "cases" => t_string!(i18n, compare.k_cases),
        "resolved" => t_string!(i18n, compare.k_resolved),
        "median_resolution_s" => t_string!(i18n, compare.k_median_resolution),
        "mean_resolution_s" => t_string!(i18n, compare.k_mean_resolution),
        "p90_resolution_s" => t_string!(i18n, compare.k_p90_resolution),
        "sla_compliance" => t_string!(i18n, compare.k_sla),
        "fcr_rate" => t_string!(i18n, compare.k_fcr),
        "reopen_rate" => t_string!(i18n, compare.k_reopen),
        "escalation_rate" => t_string!(i18n, compare.k_escalation),
        "handoffs_per_case" => t_string!(i18n, compare.k_handoffs),
        "rework_rate" => t_string!(i18n, compare.k_rework),
        "median_ack_s" => t_string!(i18n, compare.k_ack),
        "reassignments_per_case" => t_string!(i18n, compare.k_reassignments),
        _ => return key.to_owned(),
    }
    .to_string()
}

/// The first day of a chain's time frame, and the last day it covers.
fn frame(chain: &FilterChain) -> Option<(String, String)> {
    chain.filters.iter().find_map(|f| match f {
        Filter::TimeFrame { from, to, .. } => Some((from.get(..10)?.to_owned(), day_before(to.get(..10)?)?)),
        _ => None,
    })
}

/// The names of sets A and B.
pub(super) fn segment_names(i18n: I18n, preset: &Preset) -> (String, String) {
    match preset {
        Preset::BeforeAfter { date } => (
            t_string!(i18n, compare.seg_before, date = date.clone()).to_string(),
            t_string!(i18n, compare.seg_after, date = date.clone()).to_string(),
        ),
        Preset::Values { column, a, b } => (
            t_string!(i18n, compare.seg_value, column = column.clone(), value = a.clone()).to_string(),
            t_string!(i18n, compare.seg_value, column = column.clone(), value = b.clone()).to_string(),
        ),
        Preset::ValueVsRest { column, value } => (
            t_string!(i18n, compare.seg_rest, column = column.clone(), value = value.clone()).to_string(),
            t_string!(i18n, compare.seg_value, column = column.clone(), value = value.clone()).to_string(),
        ),
        Preset::PeriodVsPrevious { .. } => {
            let name = |c: Option<FilterChain>| {
                c.as_ref()
                    .and_then(frame)
                    .map(|(from, to)| t_string!(i18n, compare.seg_period, from = from, to = to).to_string())
                    .unwrap_or_default()
            };
            let chains = preset.chains();
            (name(chains.as_ref().map(|c| c.0.clone())), name(chains.map(|c| c.1)))
        }
    }
}

/// One set's size, under its name.
pub(super) fn segment_line(i18n: I18n, letter: &str, name: &str, s: &SegmentFigures, lang: Lang) -> String {
    t_string!(
        i18n,
        compare.segment,
        name = format!("{letter} · {name}"),
        cases = format::count(s.cases, lang),
        events = format::count(s.events, lang)
    )
    .to_string()
}

fn signed_percent(r: f64, lang: Lang) -> String {
    format!("{}{}", if r > 0.0 { "+" } else { "" }, format::percent(r, lang))
}

/// One finding as a sentence of the UI language.
fn sentence(i18n: I18n, f: &Finding, lang: Lang) -> String {
    match f {
        Finding::Kpi { key, a, b, relative_change, p_value } => {
            let change = relative_change.map_or_else(|| display_change(key, b - a, lang), |r| signed_percent(r, lang));
            let fell = b < a;
            let (kpi, a, b, p) =
                (kpi_name(i18n, key), display(key, *a, lang), display(key, *b, lang), p_text(*p_value, lang));
            if fell {
                t_string!(i18n, compare.fell, kpi = kpi, a = a, b = b, change = change, p = p).to_string()
            } else {
                t_string!(i18n, compare.rose, kpi = kpi, a = a, b = b, change = change, p = p).to_string()
            }
        }
        Finding::Path { from, to, a_share, b_share, contribution_s, change_s } => {
            let from = from.clone().unwrap_or_else(|| t_string!(i18n, map.start).to_string());
            let to = to.clone().unwrap_or_else(|| t_string!(i18n, map.end).to_string());
            let (total, part) = (format::duration(change_s.abs(), lang), format::duration(contribution_s.abs(), lang));
            let (a, b) = (format::percent(*a_share, lang), format::percent(*b_share, lang));
            if *change_s < 0.0 {
                t_string!(i18n, compare.path_fell, total = total, from = from, to = to, a = a, b = b, part = part)
                    .to_string()
            } else {
                t_string!(i18n, compare.path_rose, total = total, from = from, to = to, a = a, b = b, part = part)
                    .to_string()
            }
        }
    }
}

/// The three to five largest meaningful changes, in words.
#[component]
pub(super) fn Summary(findings: Vec<Finding>, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let empty = findings.is_empty();
    let items = findings
        .iter()
        .map(|f| {
            let key = match f {
                Finding::Kpi { key, .. } => key.clone(),
                Finding::Path { .. } => "path".to_owned(),
            };
            view! { <li data-finding=key>{sentence(i18n, f, lang)}</li> }
        })
        .collect_view();
    view! {
        <section class="compare-summary" data-testid="compare-summary">
            <h3>{t!(i18n, compare.summary)}</h3>
            {empty.then(|| view! { <p class="muted">{t!(i18n, compare.no_findings)}</p> })}
            <ul>{items}</ul>
        </section>
    }
}

/// What a KPI's test says: higher or lower (coloured better or worse), no clear change, or
/// too few cases.
fn verdict(i18n: I18n, k: &KpiChange) -> (String, &'static str) {
    if k.few_cases {
        return (t_string!(i18n, compare.few_cases).to_string(), "muted");
    }
    let Some(change) = k.change.filter(|_| k.significant) else {
        let tested = k.p_value.is_some();
        return (if tested { t_string!(i18n, compare.no_clear).to_string() } else { String::new() }, "muted");
    };
    let text = if change > 0.0 { t_string!(i18n, compare.higher) } else { t_string!(i18n, compare.lower) }.to_string();
    let class = match lower_is_better(&k.key) {
        Some(lower) if lower == (change < 0.0) => "better",
        Some(_) => "worse",
        None => "",
    };
    (text, class)
}

/// Every key figure of A and B, the change, and its test.
#[component]
pub(super) fn KpiTable(comparison: Comparison, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let none = || "–".to_owned();
    let rows = comparison
        .kpis
        .iter()
        .map(|k| {
            let value = |v: Option<f64>| v.map_or_else(none, |v| display(&k.key, v, lang));
            let change = k.change.map_or_else(none, |c| {
                let text = display_change(&k.key, c, lang);
                if is_rate(&k.key) { t_string!(i18n, compare.pp, n = text).to_string() } else { text }
            });
            let relative = k.relative_change.map_or_else(none, |r| signed_percent(r, lang));
            let p = k.p_value.map_or_else(none, |p| p_text(p, lang));
            let (said, class) = verdict(i18n, k);
            let raw = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            view! {
                <tr data-testid="row" data-key=k.key.clone() data-significant=k.significant.to_string()>
                    <td class="name">{kpi_name(i18n, &k.key)}</td>
                    <td class="num" data-testid="kpi-a" data-value=raw(k.a)>
                        {value(k.a)}
                    </td>
                    <td class="num" data-testid="kpi-b" data-value=raw(k.b)>
                        {value(k.b)}
                    </td>
                    <td class="num">{change}</td>
                    <td class="num">{relative}</td>
                    <td class="num" data-testid="kpi-p" data-value=raw(k.p_value)>
                        {p}
                    </td>
                    <td class=format!("kpi-verdict {class}") data-testid="kpi-verdict">
                        {said}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let headers = texts![
        i18n; compare.kpi, compare.value_a, compare.value_b, compare.change, compare.relative, compare.p_value, compare.verdict
    ];
    view! {
        <h3>{t!(i18n, compare.kpis)}</h3>
        {table("compare-kpis", headers, |i| (1..=5).contains(&i), rows)}
        <p class="note">{t!(i18n, compare.tests_note)}</p>
    }
}
