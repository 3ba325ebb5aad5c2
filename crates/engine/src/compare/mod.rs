//! Comparison of two segments of the cases (issue 15): before and after a change, one channel
//! against another, each segment the cases a filter chain keeps.
//!
//! - [`significance`]: the tests that tell a change from noise (SciPy's definitions).
//! - [`kpis`]: every overview KPI side by side, with its change and its test.
//! - [`split`]: where the time went, the change of the mean case duration split over the
//!   paths and activities into frequency and speed parts.
//! - [`change_point`]: the week the weekly KPIs most likely shifted, as a before/after offer.
//!
//! [`compare`] puts them together with the variants that grew, shrank or are new.

pub mod change_point;
pub mod diff_map;
pub mod kpis;
pub mod presets;
pub mod significance;
pub mod split;
pub mod summary;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::discovery::variants::variants;
use crate::filter::{FilterChain, FilterError, Filtered, apply};
use crate::log::{EventLog, Selection};
use crate::service::kpis::KpiValues;
use crate::service::sla::{SlaRule, evaluate};
use crate::service::{ServiceContext, Vocabulary, case_facts};
use change_point::ChangePoint;
use kpis::KpiChange;
use split::TimeSplit;

/// Variants listed: those whose share of cases changed most.
pub const VARIANTS: usize = 50;

/// One segment's size and KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentFigures {
    /// Cases.
    pub cases: u64,
    /// Events.
    pub events: u64,
    /// The overview's KPIs of its cases.
    pub kpis: KpiValues,
}

/// A variant in both segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantChange {
    /// Its activities.
    pub activities: Vec<String>,
    /// Cases in A.
    pub a_cases: u64,
    /// Cases in B.
    pub b_cases: u64,
    /// Its share of A's cases (0 to 1).
    pub a_share: f64,
    /// Its share of B's cases.
    pub b_share: f64,
}

/// Two segments compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Segment A.
    pub a: SegmentFigures,
    /// Segment B.
    pub b: SegmentFigures,
    /// Every KPI side by side, in the overview's order.
    pub kpis: Vec<KpiChange>,
    /// Where the time went.
    pub time: TimeSplit,
    /// The [`VARIANTS`] variants whose share changed most, largest change first.
    pub variants: Vec<VariantChange>,
    /// The change point the whole log suggests, if any.
    pub change_point: Option<ChangePoint>,
}

/// What the comparison needs beyond the log and the segments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompareOptions {
    /// The vocabulary the KPIs read the activities with.
    pub vocabulary: Vocabulary,
    /// SLA rules (none: the log's due dates).
    pub sla_rules: Vec<SlaRule>,
}

/// The suggested change point of the whole log (see [`change_point::suggest`]).
pub fn suggest(log: &EventLog, options: &CompareOptions) -> Option<ChangePoint> {
    let ctx = ServiceContext::new(log, &options.vocabulary);
    let facts = case_facts(log, &ctx, Selection::All);
    let sla = evaluate(log, &ctx, &facts, &options.sla_rules);
    change_point::suggest(&crate::service::kpis::kpis(log, &ctx, &facts, &sla).weeks)
}

/// The cases `a` keeps against those `b` keeps, with the whole log's change point.
///
/// # Errors
/// When a chain cannot be applied (see [`FilterError`]).
pub fn compare(
    log: &EventLog,
    a: &FilterChain,
    b: &FilterChain,
    options: &CompareOptions,
) -> Result<Comparison, FilterError> {
    let mut c = compare_segments(log, a, b, options)?;
    c.change_point = suggest(log, options);
    Ok(c)
}

/// [`compare`] without the change point (`None`): a caller that keeps it asks once.
///
/// # Errors
/// When a chain cannot be applied (see [`FilterError`]).
pub fn compare_segments(
    log: &EventLog,
    a: &FilterChain,
    b: &FilterChain,
    options: &CompareOptions,
) -> Result<Comparison, FilterError> {
    Ok(compare_filtered(log, (&apply(log, a)?, &apply(log, b)?), options))
}

/// [`compare_segments`] of two chains already applied to `log`.
pub fn compare_filtered(log: &EventLog, (fa, fb): (&Filtered, &Filtered), options: &CompareOptions) -> Comparison {
    let (la, lb) = (fa.log(log), fb.log(log));
    let (sa, sb) = (fa.selection(), fb.selection());
    // "Now" is the whole log's last time, as in the overview.
    let now = log.time.iter().copied().max();
    let facts_of = |l: &EventLog, s: Selection<'_>| {
        let ctx = ServiceContext::new(l, &options.vocabulary).with_now(now);
        let facts = case_facts(l, &ctx, s);
        (ctx, facts)
    };
    let ((ca, xa), (cb, xb)) = (facts_of(la, sa), facts_of(lb, sb));
    let (ka, kb) =
        (kpis::side_kpis(la, &ca, &xa, &options.sla_rules), kpis::side_kpis(lb, &cb, &xb, &options.sla_rules));
    let figures = |facts: &[crate::service::CaseFacts], k: &kpis::SideKpis| SegmentFigures {
        cases: facts.len() as u64,
        events: facts.iter().map(|f| u64::from(f.events)).sum(),
        kpis: k.values.clone(),
    };
    Comparison {
        a: figures(&xa, &ka),
        b: figures(&xb, &kb),
        kpis: kpis::compare_sides(&ka, &kb),
        time: split::split((la, sa), (lb, sb)),
        variants: variant_changes((la, sa), (lb, sb)),
        change_point: None,
    }
}

/// The cases started before `date` (ISO 8601, a day or a time) against those started from it:
/// the two chains of a before/after comparison (time frames from 1900 and up to 2200).
pub fn before_after(date: &str) -> (FilterChain, FilterChain) {
    let frame = |from: &str, to: &str| FilterChain {
        filters: vec![crate::filter::Filter::TimeFrame {
            from: from.to_owned(),
            to: to.to_owned(),
            mode: crate::filter::TimeMode::Started,
        }],
    };
    // A time is an end that excludes itself (a day alone would include the whole day).
    let at = if date.contains('T') || date.contains(' ') { date.to_owned() } else { format!("{date}T00:00:00") };
    (frame("1900-01-01T00:00:00", &at), frame(&at, "2200-01-01T00:00:00"))
}

/// The variants of both segments, those whose share changed most first.
fn variant_changes(a: (&EventLog, Selection<'_>), b: (&EventLog, Selection<'_>)) -> Vec<VariantChange> {
    let mut by_path: HashMap<Vec<String>, (u64, u64)> = HashMap::new();
    let mut totals = (0u64, 0u64);
    for (side, (log, selection)) in [a, b].into_iter().enumerate() {
        for v in variants(log, selection) {
            let path: Vec<String> =
                v.activities.iter().map(|&x| log.activities.get(x).unwrap_or_default().to_owned()).collect();
            let entry = by_path.entry(path).or_default();
            let n = v.cases.len() as u64;
            if side == 0 {
                entry.0 += n;
                totals.0 += n;
            } else {
                entry.1 += n;
                totals.1 += n;
            }
        }
    }
    let share = |n: u64, total: u64| if total == 0 { 0.0 } else { n as f64 / total as f64 };
    let mut list: Vec<VariantChange> = by_path
        .into_iter()
        .map(|(activities, (x, y))| VariantChange {
            activities,
            a_cases: x,
            b_cases: y,
            a_share: share(x, totals.0),
            b_share: share(y, totals.1),
        })
        .collect();
    list.sort_by(|p, q| {
        (q.b_share - q.a_share)
            .abs()
            .total_cmp(&(p.b_share - p.a_share).abs())
            .then(q.a_cases.max(q.b_cases).cmp(&p.a_cases.max(p.b_cases)))
            .then_with(|| p.activities.cmp(&q.activities))
    });
    list.truncate(VARIANTS);
    list
}

/// The sample's cases with their facts, for the tests of the comparison's parts.
#[cfg(test)]
pub(crate) fn sample_facts(cases: u32, seed: u64) -> (EventLog, ServiceContext, Vec<crate::service::CaseFacts>) {
    let csv = crate::sample::generate_csv(&crate::sample::SampleOptions {
        cases,
        seed,
        ..crate::sample::SampleOptions::default()
    });
    let log = crate::ingest::import_bytes(&csv, &crate::ingest::ImportOptions::default()).unwrap().log;
    let ctx = ServiceContext::new(&log, &Vocabulary::default());
    let facts = case_facts(&log, &ctx, Selection::All);
    (log, ctx, facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{ImportOptions, import_bytes};
    use crate::sample::{SampleOptions, generate_csv};

    #[test]
    fn the_sample_before_and_after_its_change() {
        let csv = generate_csv(&SampleOptions::default());
        let log = import_bytes(&csv, &ImportOptions::default()).unwrap().log;
        let options = CompareOptions::default();
        let point = suggest(&log, &options).expect("a change point");
        let (before, after) = before_after(&point.week_start);
        let c = compare(&log, &before, &after, &options).unwrap();
        // Every case is on one side.
        assert_eq!(c.a.cases + c.b.cases, 2000);
        assert_eq!(c.a.events + c.b.events, log.event_count() as u64);
        assert_eq!(c.change_point, Some(point));
        // Swarming: fewer escalations, shorter cases, and the split adds up to the change.
        let esc = c.kpis.iter().find(|k| k.key == "escalation_rate").unwrap();
        assert!(esc.significant && esc.change.unwrap() < 0.0, "{esc:?}");
        assert!(c.time.change_s < 0.0);
        let sum: f64 = c.time.edges.iter().chain(&c.time.activities).map(|p| p.contribution_s).sum();
        assert!((sum - c.time.change_s).abs() < 1e-6);
        assert!((c.time.change_s - c.time.duration_change_s).abs() < 1e-6);
        // A path through the swarm is new after the change; the tiered escalation shrank.
        assert!(c.time.edges.iter().any(|p| p.a.frequency == 0 && p.b.frequency > 0), "a new path");
        assert!(!c.variants.is_empty() && c.variants.len() <= VARIANTS);
        let moved = |v: &VariantChange| (v.b_share - v.a_share).abs();
        assert!(c.variants.windows(2).all(|w| moved(&w[0]) >= moved(&w[1])));
    }
}
