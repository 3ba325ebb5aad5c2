//! "Something changed around week N": the most likely shift in the weekly series of the main
//! KPIs, offered as a one-click before/after comparison.
//!
//! Method: a two-segment least-squares split, weighted by each week's cases. For each KPI in
//! [`KPIS`] the series is its weekly value over the weeks the log covers in full (a week with
//! no value is left out). For every split into a before of at least [`MIN_WEEKS`] weeks and an
//! after of as many, each side is replaced by its weighted mean; the split that leaves the
//! least squared error wins. Its score is the share of the series' weighted variance the split
//! explains (`1 - SSE_split / SSE_one_mean`). The KPI whose best split explains the most is
//! the suggestion, if that share is at least [`MIN_EXPLAINED`]; else there is none.

use serde::{Deserialize, Serialize};

use super::kpis::value;
use crate::service::kpis::TrendPoint;

/// The KPIs scanned.
pub const KPIS: [&str; 4] = ["median_resolution_s", "escalation_rate", "handoffs_per_case", "sla_compliance"];
/// The fewest weeks on each side of a split.
pub const MIN_WEEKS: usize = 4;
/// The least share of a series' variance a suggested split must explain.
pub const MIN_EXPLAINED: f64 = 0.5;

/// A suggested change point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangePoint {
    /// First day (a Monday) of the first week after the change.
    pub week_start: String,
    /// The KPI that shifted most clearly.
    pub kpi: String,
    /// Its weighted mean over the weeks before and after.
    pub before: f64,
    /// After.
    pub after: f64,
    /// The share of the series' weighted variance the split explains (0 to 1).
    pub explained: f64,
}

/// Weighted mean and squared error of `(value, weight)` pairs.
fn fit(points: &[(f64, f64)]) -> (f64, f64) {
    let weight: f64 = points.iter().map(|p| p.1).sum();
    if weight == 0.0 {
        return (0.0, 0.0);
    }
    let mean = points.iter().map(|p| p.0 * p.1).sum::<f64>() / weight;
    (mean, points.iter().map(|p| p.1 * (p.0 - mean).powi(2)).sum())
}

/// The best split of one series: (index of the first week after, before, after, explained).
fn best_split(points: &[(f64, f64)]) -> Option<(usize, f64, f64, f64)> {
    if points.len() < 2 * MIN_WEEKS {
        return None;
    }
    let (_, total) = fit(points);
    if total <= 0.0 {
        return None;
    }
    (MIN_WEEKS..=points.len() - MIN_WEEKS)
        .map(|k| {
            let ((before, e1), (after, e2)) = (fit(&points[..k]), fit(&points[k..]));
            (k, before, after, 1.0 - (e1 + e2) / total)
        })
        .max_by(|x, y| x.3.total_cmp(&y.3).then(y.0.cmp(&x.0)))
}

/// The most likely shift in the weekly KPIs `weeks` (the overview's weekly trend).
pub fn suggest(weeks: &[TrendPoint]) -> Option<ChangePoint> {
    let full: Vec<&TrendPoint> = weeks.iter().filter(|w| !w.partial).collect();
    KPIS.iter()
        .filter_map(|&kpi| {
            let series: Vec<(&TrendPoint, f64)> =
                full.iter().filter_map(|w| value(&w.kpis, kpi).map(|v| (*w, v))).collect();
            let points: Vec<(f64, f64)> = series.iter().map(|(w, v)| (*v, w.kpis.cases as f64)).collect();
            let (k, before, after, explained) = best_split(&points)?;
            Some(ChangePoint { week_start: series[k].0.start.clone(), kpi: kpi.to_owned(), before, after, explained })
        })
        .filter(|c| c.explained >= MIN_EXPLAINED)
        .max_by(|x, y| x.explained.total_cmp(&y.explained))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::kpis::kpis;
    use crate::service::sla::evaluate;

    #[test]
    fn a_step_by_hand() {
        // 4 weeks at 10 then 4 at 20, equal weights: the split after week 4 explains all.
        let points: Vec<(f64, f64)> = [10.0, 10.0, 10.0, 10.0, 20.0, 20.0, 20.0, 20.0].map(|v| (v, 1.0)).to_vec();
        assert_eq!(best_split(&points), Some((4, 10.0, 20.0, 1.0)));
        // Too short, or flat: nothing.
        assert_eq!(best_split(&points[..7]), None);
        assert_eq!(best_split(&[(5.0, 1.0); 10]), None);
        // Weights: a heavy week pulls its side's mean.
        let (mean, _) = fit(&[(10.0, 3.0), (20.0, 1.0)]);
        assert_eq!(mean, 12.5);
    }

    #[test]
    fn the_sample_changed_in_week_14() {
        let (log, ctx, facts) = super::super::sample_facts(2000, 42);
        let weeks = kpis(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[])).weeks;
        let c = suggest(&weeks).expect("a change");
        // The sample's process change: week 14 counted from 0, from Monday 2025-01-06.
        assert_eq!(c.week_start, "2025-04-14", "{c:?}");
        assert_eq!(c.kpi, "escalation_rate");
        assert!(c.after < c.before / 2.0, "{c:?}");
        assert!(c.explained >= MIN_EXPLAINED);
    }
}
