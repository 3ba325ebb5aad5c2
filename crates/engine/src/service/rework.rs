//! Rework: work done again.
//!
//! - **Per activity** (PM4Py's `get_rework_cases_per_activity`): the number of cases in which
//!   the activity occurs more than once, and the extra occurrences (occurrences beyond the
//!   first in each case).
//! - **Rework rate**: cases in which some activity occurs more than once / cases.
//! - **Self-loops**: an activity directly followed by itself, per activity.
//! - **Reopened cases**: cases with an activity recognised as a reopening; **before a
//!   reopen**: the activity of the event just before each reopening, counted.
//! - **Cost**: the resolution time of resolved cases with rework against those without.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::need::Need;
use super::stats::{Rate, distribution};
use super::vocabulary::Step;
use crate::discovery::cases::Distribution;
use crate::log::{ActivityId, EventLog};

/// Rework of one activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityRework {
    /// The activity.
    pub activity: String,
    /// Cases in which it occurs more than once.
    pub cases: u64,
    /// Occurrences beyond the first per case.
    pub extra_events: u64,
    /// Times it directly follows itself.
    pub self_loops: u64,
}

/// A count per activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityCount {
    /// The activity.
    pub activity: String,
    /// How many.
    pub count: u64,
}

/// The rework report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReworkReport {
    /// Cases with rework.
    pub rate: Rate,
    /// Activity -> cases in which it occurs more than once (only activities with rework).
    pub per_activity: BTreeMap<String, u64>,
    /// The same with more figures, most cases first.
    pub activities: Vec<ActivityRework>,
    /// Reopened cases, when the log has reopenings.
    pub reopened: Option<Rate>,
    /// The activity before each reopening, most frequent first.
    pub before_reopen: Vec<ActivityCount>,
    /// Resolution time of cases with rework.
    pub with_rework: Option<Distribution>,
    /// Resolution time of cases without.
    pub without_rework: Option<Distribution>,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

/// Sorts counts by count (descending), then name.
pub(crate) fn ranked(counts: BTreeMap<ActivityId, u64>, name: impl Fn(ActivityId) -> String) -> Vec<ActivityCount> {
    let mut list: Vec<ActivityCount> =
        counts.into_iter().map(|(id, count)| ActivityCount { activity: name(id), count }).collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.activity.cmp(&b.activity)));
    list
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> ReworkReport {
    report(i.log, i.ctx, i.facts)
}

/// The rework report of `facts`.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts]) -> ReworkReport {
    let n = log.activities.len();
    let (mut cases, mut extra, mut loops) = (vec![0u64; n], vec![0u64; n], vec![0u64; n]);
    let mut in_case = vec![0u32; n];
    let mut touched: Vec<ActivityId> = Vec::new();
    let mut before: BTreeMap<ActivityId, u64> = BTreeMap::new();
    for f in facts {
        let events = log.case_events(f.case);
        let activities = log.activity.run(events.clone());
        for (i, a) in activities.iter().enumerate() {
            if in_case[a.index()] == 0 {
                touched.push(a);
            }
            in_case[a.index()] += 1;
            if i > 0 && activities.get(i - 1) == a {
                loops[a.index()] += 1;
            }
            if i > 0 && ctx.steps[a.index()] == Some(Step::Reopened) {
                *before.entry(activities.get(i - 1)).or_default() += 1;
            }
        }
        for a in touched.drain(..) {
            let count = std::mem::take(&mut in_case[a.index()]);
            if count > 1 {
                cases[a.index()] += 1;
                extra[a.index()] += u64::from(count - 1);
            }
        }
    }
    let name = |a: ActivityId| log.activities.get(a).unwrap_or_default().to_owned();
    let mut activities: Vec<ActivityRework> = (0..n)
        .filter(|&a| cases[a] > 0 || loops[a] > 0)
        .map(|a| ActivityRework {
            activity: name(ActivityId::from_index(a)),
            cases: cases[a],
            extra_events: extra[a],
            self_loops: loops[a],
        })
        .collect();
    activities.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.activity.cmp(&b.activity)));
    let reopen = ctx.knows_reopens();
    ReworkReport {
        rate: Rate::of(facts, |f| f.rework),
        per_activity: activities.iter().filter(|a| a.cases > 0).map(|a| (a.activity.clone(), a.cases)).collect(),
        activities,
        reopened: reopen.then(|| Rate::of(facts, |f| f.reopens > 0)),
        before_reopen: ranked(before, name),
        with_rework: distribution(facts.iter().filter(|f| f.rework), CaseFacts::resolution),
        without_rework: distribution(facts.iter().filter(|f| !f.rework), CaseFacts::resolution),
        needs: (!reopen).then_some(Need::Activity(Step::Reopened)).into_iter().chain(ctx.resolution_need()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn the_desks_rework() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts);
        assert_eq!((report.rate.count, report.rate.of), (2, 3));
        // Case Assigned: twice in C2 and in C3. Reassigned and Resolved: twice in C2.
        let expected: BTreeMap<String, u64> =
            [("Case Assigned", 2), ("Case Reassigned", 1), ("Case Resolved", 1)].map(|(a, n)| (a.to_owned(), n)).into();
        assert_eq!(report.per_activity, expected);
        // C2 reassigned twice in a row: one self-loop.
        let reassigned = report.activities.iter().find(|a| a.activity == "Case Reassigned").unwrap();
        assert_eq!((reassigned.extra_events, reassigned.self_loops), (1, 1));
        assert_eq!(report.reopened.map(|r| r.count), Some(1));
        assert_eq!(report.before_reopen, [ActivityCount { activity: "Case Resolved".into(), count: 1 }]);
        // With rework: C2 resolved (C3 open); without: C1.
        assert_eq!(report.with_rework.map(|d| d.median), Some(74.0 * 3600.0));
        assert_eq!(report.without_rework.map(|d| d.median), Some(2.0 * 3600.0));
    }
}
