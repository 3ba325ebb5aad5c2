//! Variants: cases grouped by their sequence of activities (in the log's stored order, as
//! PM4Py's `get_variants`).

use hashbrown::HashMap;
use serde::{Deserialize, Serialize};

use super::cases::case_duration;
use super::stats::median;
use crate::log::{ActivityId, CaseIndex, EventLog, IdRun, Selection};
use crate::time::Micros;

/// One variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// The activities, in order.
    pub activities: Vec<ActivityId>,
    /// The cases that follow it, in log order.
    pub cases: Vec<CaseIndex>,
    /// Its cases as a share of the selected cases (0 to 1).
    pub share: f64,
    /// The share of the selected cases covered by this variant and all more frequent ones.
    pub coverage: f64,
    /// Median case duration, seconds.
    pub median_duration_s: f64,
    /// Mean case duration, seconds.
    pub mean_duration_s: f64,
}

/// The variants of a selection of cases, the most frequent first; equal counts are ordered
/// by their activity names, compared as sequences.
pub fn variants(log: &EventLog, selection: Selection<'_>) -> Vec<Variant> {
    let mut groups: HashMap<IdRun<'_, ActivityId>, Vec<CaseIndex>, foldhash::fast::FixedState> = HashMap::default();
    for case in selection.iter(log) {
        groups.entry(log.activity.run(log.case_events(case))).or_default().push(case);
    }
    let total = selection.len(log).max(1) as f64;
    let mut list: Vec<(IdRun<'_, ActivityId>, Vec<CaseIndex>)> = groups.into_iter().collect();
    let name = |a: ActivityId| log.activities.get(a).unwrap_or_default();
    list.sort_unstable_by(|(a, a_cases), (b, b_cases)| {
        b_cases.len().cmp(&a_cases.len()).then_with(|| a.iter().map(name).cmp(b.iter().map(name)))
    });
    let mut covered = 0usize;
    let mut durations: Vec<Micros> = Vec::new();
    list.into_iter()
        .map(|(activities, cases)| {
            covered += cases.len();
            durations.clear();
            durations.extend(cases.iter().map(|&c| case_duration(log, c)));
            let sum: i128 = durations.iter().map(|&d| i128::from(d)).sum();
            Variant {
                activities: activities.to_vec(),
                share: cases.len() as f64 / total,
                coverage: covered as f64 / total,
                median_duration_s: median(&mut durations),
                mean_duration_s: sum as f64 / cases.len() as f64 / 1e6,
                cases,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discovery::dfg::tests::log;

    #[test]
    fn grouped_ranked_and_covered() {
        let log = log(&[
            ("1", "A", 0),
            ("1", "B", 60),
            ("2", "A", 0),
            ("2", "B", 120),
            ("3", "A", 0),
            ("3", "C", 10),
            ("4", "B", 0),
        ]);
        let variants = variants(&log, Selection::All);
        let names = |v: &Variant| v.activities.iter().map(|&a| log.activities.get(a).unwrap()).collect::<Vec<_>>();
        assert_eq!(variants.len(), 3);
        assert_eq!(names(&variants[0]), ["A", "B"]);
        assert_eq!((variants[0].cases.as_slice(), variants[0].share), (&[CaseIndex(0), CaseIndex(1)][..], 0.5));
        assert_eq!(variants[0].median_duration_s, 90.0 * 60.0);
        // Equal counts: ordered by their activity names.
        assert_eq!(names(&variants[1]), ["A", "C"]);
        assert_eq!(names(&variants[2]), ["B"]);
        assert_eq!(variants[2].coverage, 1.0);
        assert_eq!(variants[2].mean_duration_s, 0.0);
    }
}
