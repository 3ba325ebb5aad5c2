//! Every overview KPI for two segments side by side: both values (the overview's own
//! definitions, [`crate::service::kpis`]), the absolute and relative change, and whether the
//! change is more than noise ([`significance`](super::significance)): Mann-Whitney U for
//! durations and counts per case, a test of two proportions for rates. A KPI resting on fewer
//! than [`FEW_CASES`] cases in either segment gets no test: `few_cases` says so, and it never
//! counts as significant.

use serde::{Deserialize, Serialize};

use super::significance::{Test, mann_whitney_u, two_proportions};
use crate::format::{self, Lang};
use crate::log::EventLog;
use crate::service::kpis::{FEW_CASES, KpiValues, Sample, kpi_values, samples};
use crate::service::sla::{SlaRule, evaluate};
use crate::service::{CaseFacts, ServiceContext};

/// A p-value under this counts as a change.
pub const SIGNIFICANCE: f64 = 0.05;

/// The KPIs compared, in the overview's order (the fields of [`KpiValues`]).
pub const KEYS: [&str; 13] = [
    "cases",
    "resolved",
    "median_resolution_s",
    "mean_resolution_s",
    "p90_resolution_s",
    "sla_compliance",
    "fcr_rate",
    "reopen_rate",
    "escalation_rate",
    "handoffs_per_case",
    "rework_rate",
    "median_ack_s",
    "reassignments_per_case",
];

/// One KPI in both segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiChange {
    /// The KPI (a field name of [`KpiValues`]).
    pub key: String,
    /// In segment A (`None`: the log cannot tell).
    pub a: Option<f64>,
    /// In segment B.
    pub b: Option<f64>,
    /// `b - a`.
    pub change: Option<f64>,
    /// `(b - a) / |a|`; `None` when `a` is 0 or unknown.
    pub relative_change: Option<f64>,
    /// The test made; `None` for the counts of cases, for a KPI the log cannot tell, and for
    /// too few cases.
    pub test: Option<Test>,
    /// Its two-sided p-value.
    pub p_value: Option<f64>,
    /// `p_value < SIGNIFICANCE`.
    pub significant: bool,
    /// A segment has fewer than [`FEW_CASES`] cases behind this KPI: no test is made.
    pub few_cases: bool,
}

/// A KPI's value as people read it: a count, a duration, a percentage or a number.
pub fn display(key: &str, v: f64, lang: Lang) -> String {
    if matches!(key, "cases" | "resolved") {
        format::count(v as u64, lang)
    } else if key.ends_with("_s") {
        format::duration(v, lang)
    } else if is_rate(key) {
        format::percent(v, lang)
    } else {
        format::decimal(v, 2, lang)
    }
}

/// A KPI's change as people read it: a signed count, duration or number, and for rates the
/// change in percentage points (the caller adds the unit word).
pub fn display_change(key: &str, change: f64, lang: Lang) -> String {
    if matches!(key, "cases" | "resolved") {
        format::signed_count(change.round() as i64, lang)
    } else if key.ends_with("_s") {
        format::signed_duration(change, lang)
    } else if is_rate(key) {
        points(change, lang)
    } else {
        format::signed_decimal(change, 2, lang)
    }
}

/// A change of a share (0 to 1) in percentage points, signed, without the unit: `-29.1`.
pub fn points(change: f64, lang: Lang) -> String {
    format::signed_decimal(change * 100.0, 1, lang)
}

/// Whether a KPI is a share of cases (its change is in percentage points).
pub fn is_rate(key: &str) -> bool {
    key.ends_with("_rate") || key == "sla_compliance"
}

/// Whether a KPI is better when lower (`Some(true)`), higher (`Some(false)`), or neither.
pub fn lower_is_better(key: &str) -> Option<bool> {
    match key {
        "sla_compliance" | "fcr_rate" => Some(false),
        "cases" | "resolved" => None,
        _ => Some(true),
    }
}

/// A p-value as people read it: `p < 0.001` or `p = 0.023`.
pub fn p_text(p: f64, lang: Lang) -> String {
    if p < 0.001 {
        format!("p < {}", format::decimal(0.001, 3, lang))
    } else {
        format!("p = {}", format::decimal(p, 3, lang))
    }
}

/// A KPI's value by its key.
pub fn value(v: &KpiValues, key: &str) -> Option<f64> {
    match key {
        "cases" => Some(v.cases as f64),
        "resolved" => Some(v.resolved as f64),
        "median_resolution_s" => v.median_resolution_s,
        "mean_resolution_s" => v.mean_resolution_s,
        "p90_resolution_s" => v.p90_resolution_s,
        "sla_compliance" => v.sla_compliance,
        "fcr_rate" => v.fcr_rate,
        "reopen_rate" => v.reopen_rate,
        "escalation_rate" => v.escalation_rate,
        "handoffs_per_case" => v.handoffs_per_case,
        "rework_rate" => v.rework_rate,
        "median_ack_s" => v.median_ack_s,
        "reassignments_per_case" => v.reassignments_per_case,
        _ => None,
    }
}

/// How many cases a sample rests on.
fn size(sample: &Sample) -> u64 {
    match sample {
        Sample::Values(v) => v.len() as u64,
        Sample::Counts { trials, .. } => *trials,
    }
}

/// The KPIs of the cases of `a` and `b` (each with the facts of its cases), with SLA `rules`.
pub fn compare_kpis(
    log: &EventLog,
    ctx: &ServiceContext,
    a: &[CaseFacts],
    b: &[CaseFacts],
    rules: &[SlaRule],
) -> Vec<KpiChange> {
    compare_kpis_of((log, ctx, a), (log, ctx, b), rules)
}

/// [`compare_kpis`] of segments that may come from different logs (a filter that removes
/// events makes a log of its own), each with its context and facts.
pub fn compare_kpis_of(
    a: (&EventLog, &ServiceContext, &[CaseFacts]),
    b: (&EventLog, &ServiceContext, &[CaseFacts]),
    rules: &[SlaRule],
) -> Vec<KpiChange> {
    let side = |(log, ctx, facts): (&EventLog, &ServiceContext, &[CaseFacts])| side_kpis(log, ctx, facts, rules);
    compare_sides(&side(a), &side(b))
}

/// One segment's KPIs and the samples behind them.
#[derive(Debug, Clone)]
pub struct SideKpis {
    /// The overview's KPIs.
    pub values: KpiValues,
    /// What each rests on.
    pub samples: Vec<(&'static str, Sample)>,
}

/// The KPIs of one segment's cases (`facts`, of `log`), with SLA `rules`.
pub fn side_kpis(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts], rules: &[SlaRule]) -> SideKpis {
    let sla = evaluate(log, ctx, facts, rules);
    SideKpis { values: kpi_values(log, ctx, facts, &sla), samples: samples(log, ctx, facts, &sla) }
}

/// Two segments' KPIs side by side, with their tests.
pub fn compare_sides(a: &SideKpis, b: &SideKpis) -> Vec<KpiChange> {
    let (va, sa, vb, sb) = (&a.values, &a.samples, &b.values, &b.samples);
    let sample =
        |list: &[(&'static str, Sample)], key: &str| list.iter().find(|(k, _)| *k == key).map(|(_, s)| s.clone());
    KEYS.iter()
        .map(|&key| {
            let (x, y) = (value(va, key), value(vb, key));
            let change = x.zip(y).map(|(x, y)| y - x);
            let relative_change = change.zip(x).and_then(|(c, x)| (x != 0.0).then(|| c / x.abs()));
            let (test, p_value, few_cases) = match (sample(sa, key), sample(sb, key)) {
                (Some(s), Some(t)) if size(&s).min(size(&t)) < FEW_CASES => (None, None, true),
                (Some(Sample::Values(s)), Some(Sample::Values(t))) => {
                    let r = mann_whitney_u(&s, &t);
                    (r.map(|r| r.test).or(Some(Test::MannWhitneyU)), r.map(|r| r.p_value), false)
                }
                (
                    Some(Sample::Counts { successes: xs, trials: ns }),
                    Some(Sample::Counts { successes: xt, trials: nt }),
                ) => {
                    let r = two_proportions((xs, ns), (xt, nt));
                    (r.map(|r| r.test), r.map(|r| r.p_value), false)
                }
                _ => (None, None, false),
            };
            KpiChange {
                key: key.to_owned(),
                a: x,
                b: y,
                change,
                relative_change,
                test,
                p_value,
                significant: p_value.is_some_and(|p| p < SIGNIFICANCE),
                few_cases,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::DAY;

    fn find<'c>(changes: &'c [KpiChange], key: &str) -> &'c KpiChange {
        changes.iter().find(|c| c.key == key).unwrap()
    }

    #[test]
    fn the_sample_before_and_after_week_14() {
        let (log, ctx, facts) = super::super::sample_facts(2000, 42);
        // The sample starts on Monday 2025-01-06 and changes in week 14, counted from 0.
        let first = facts.iter().map(|f| f.created).min().unwrap();
        let change = first.div_euclid(DAY) * DAY + 14 * 7 * DAY;
        let (before, after): (Vec<CaseFacts>, Vec<CaseFacts>) = facts.iter().cloned().partition(|f| f.created < change);
        let k = compare_kpis(&log, &ctx, &before, &after, &[]);
        assert_eq!(k.len(), KEYS.len());
        let cases = find(&k, "cases");
        assert_eq!((cases.a, cases.b), (Some(before.len() as f64), Some(after.len() as f64)));
        assert_eq!(cases.test, None);
        // Swarming instead of tiered escalation: far fewer escalations, faster resolution.
        let esc = find(&k, "escalation_rate");
        assert_eq!(esc.test, Some(Test::TwoProportionZ));
        assert!(esc.change.unwrap() < 0.0 && esc.significant && esc.p_value.unwrap() < 1e-3, "{esc:?}");
        let median = find(&k, "median_resolution_s");
        assert_eq!(median.test, Some(Test::MannWhitneyU));
        assert!(median.change.unwrap() < 0.0 && median.significant, "{median:?}");
        // The same figures as the overview's KPIs of each half.
        let sla = evaluate(&log, &ctx, &before, &[]);
        assert_eq!(esc.a, crate::service::kpis::kpis(&log, &ctx, &before, &sla).values.escalation_rate);
        assert_eq!(esc.relative_change, Some((esc.b.unwrap() - esc.a.unwrap()) / esc.a.unwrap()));
    }

    #[test]
    fn a_small_segment_says_so_instead_of_testing() {
        let (log, ctx, facts) = super::super::sample_facts(300, 1);
        let (few, rest) = facts.split_at(10);
        let k = compare_kpis(&log, &ctx, few, rest, &[]);
        for key in ["median_resolution_s", "escalation_rate", "rework_rate"] {
            let c = find(&k, key);
            assert!(c.few_cases && c.p_value.is_none() && !c.significant && c.a.is_some(), "{c:?}");
        }
    }
}
