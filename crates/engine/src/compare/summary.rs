//! The three to five largest meaningful changes of a comparison, as findings the page and the
//! CLI put into words: the significant KPI changes of at least [`MIN_RELATIVE`] with the
//! largest relative change (of the three resolution KPIs only the median), then the path that
//! moved the mean case duration most in the direction it went.

use serde::{Deserialize, Serialize};

use super::Comparison;

/// KPI findings at most.
pub const KPI_FINDINGS: usize = 3;
/// The smallest relative change of a KPI worth a finding: a significant change of 2 % on a
/// large log is real but says little.
pub const MIN_RELATIVE: f64 = 0.05;

/// One change worth saying.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// A KPI moved, more than noise.
    Kpi {
        /// The KPI (a field name of `KpiValues`).
        key: String,
        /// In A.
        a: f64,
        /// In B.
        b: f64,
        /// `(b - a) / |a|`.
        relative_change: Option<f64>,
        /// The test's p-value.
        p_value: f64,
    },
    /// The path that carried most of the change in case duration.
    Path {
        /// Its source (`None`: the start).
        from: Option<String>,
        /// Its target (`None`: the end).
        to: Option<String>,
        /// Share of A's cases that took it.
        a_share: f64,
        /// Share of B's cases.
        b_share: f64,
        /// Its contribution to the change, seconds per case.
        contribution_s: f64,
        /// The whole change of the mean case duration, seconds.
        change_s: f64,
    },
}

/// The findings of `c`, most telling first.
pub fn findings(c: &Comparison) -> Vec<Finding> {
    let mut kpis: Vec<_> = c
        .kpis
        .iter()
        .filter(|k| {
            k.significant && !matches!(k.key.as_str(), "cases" | "resolved" | "mean_resolution_s" | "p90_resolution_s")
        })
        .filter(|k| k.relative_change.is_none_or(|r| r.abs() >= MIN_RELATIVE))
        .filter_map(|k| Some((k, k.a?, k.b?, k.p_value?)))
        .collect();
    kpis.sort_by(|x, y| {
        let size = |k: &super::kpis::KpiChange| k.relative_change.map_or(0.0, f64::abs);
        size(y.0).total_cmp(&size(x.0))
    });
    let mut out: Vec<Finding> = kpis
        .into_iter()
        .take(KPI_FINDINGS)
        .map(|(k, a, b, p_value)| Finding::Kpi {
            key: k.key.clone(),
            a,
            b,
            relative_change: k.relative_change,
            p_value,
        })
        .collect();
    let change = c.time.change_s;
    let share = |cases: u64, of: u64| if of == 0 { 0.0 } else { cases as f64 / of as f64 };
    if change != 0.0
        && let Some(p) = c
            .time
            .edges
            .iter()
            .filter(|p| p.contribution_s.signum() == change.signum())
            .max_by(|x, y| x.contribution_s.abs().total_cmp(&y.contribution_s.abs()))
    {
        out.push(Finding::Path {
            from: p.from.clone(),
            to: p.to.clone(),
            a_share: share(p.a.cases, c.time.cases.0),
            b_share: share(p.b.cases, c.time.cases.1),
            contribution_s: p.contribution_s,
            change_s: change,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{CompareOptions, before_after, compare};
    use super::*;
    use crate::ingest::{ImportOptions, import_bytes};
    use crate::sample::{SampleOptions, generate_csv};

    #[test]
    fn the_sample_names_the_drop_in_escalation() {
        let log = import_bytes(&generate_csv(&SampleOptions::default()), &ImportOptions::default()).unwrap().log;
        let (before, after) = before_after("2025-04-14");
        let c = compare(&log, &before, &after, &CompareOptions::default()).unwrap();
        let f = findings(&c);
        assert!((2..=KPI_FINDINGS + 1).contains(&f.len()), "{f:?}");
        assert!(
            f.iter().any(|f| matches!(f, Finding::Kpi { key, b, a, .. } if key == "escalation_rate" && b < a)),
            "{f:?}"
        );
        let Some(Finding::Path { contribution_s, change_s, .. }) = f.last() else { panic!("{f:?}") };
        assert!(*change_s < 0.0 && *contribution_s < 0.0, "{f:?}");
    }
}
