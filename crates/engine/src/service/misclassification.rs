//! Misclassification: cases that started in the wrong box, and what it cost them.
//!
//! - **Type changed**: an activity recognised as a type change ([`Step::TypeChanged`]), or
//!   the case-type column changing between events.
//! - **Re-routed**: the team column changed at an assignment or reassignment (at any event
//!   when the log has no activity recognised as one) with no escalation since the previous
//!   team: a case sent to another queue. An escalation's team change is no correction, and
//!   an expert of another team joining for one activity (a swarm session) is no re-routing.
//! - **Cost**: for each, the changed cases against the others: cases, median resolution
//!   time, mean handoffs.
//! - **By case type**: the share of cases of each initial type whose type changed, and the
//!   type changes `from -> to` when the column is per event.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::context::{ServiceContext, case_values};
use super::facts::CaseFacts;
use super::fcr::SegmentRate;
use super::need::Need;
use super::segments::{Segment, group};
use super::stats::{Rate, distribution, mean};
use super::vocabulary::Step;
use crate::discovery::cases::Distribution;
use crate::log::{EventLog, Level, ServiceField, ValueId};

/// A group of cases and what it cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    /// Cases.
    pub cases: u64,
    /// Resolution time.
    pub resolution: Option<Distribution>,
    /// Mean handoffs.
    pub handoffs: Option<f64>,
}

impl Cost {
    fn of<'a>(facts: impl Iterator<Item = &'a CaseFacts> + Clone) -> Cost {
        Cost {
            cases: facts.clone().count() as u64,
            resolution: distribution(facts.clone(), CaseFacts::resolution),
            handoffs: mean(facts.map(|f| f64::from(f.handoffs))),
        }
    }
}

/// Changed against unchanged cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Share of cases changed.
    pub rate: Rate,
    /// The changed cases.
    pub changed: Cost,
    /// The others.
    pub unchanged: Cost,
}

fn compare(facts: &[CaseFacts], changed: impl Fn(&CaseFacts) -> bool + Copy) -> Comparison {
    Comparison {
        rate: Rate::of(facts, changed),
        changed: Cost::of(facts.iter().filter(move |f| changed(f))),
        unchanged: Cost::of(facts.iter().filter(move |f| !changed(f))),
    }
}

/// A change of value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// From.
    pub from: String,
    /// To.
    pub to: String,
    /// How often.
    pub count: u64,
}

/// The misclassification report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MisclassificationReport {
    /// Type changes; `None` when the log cannot tell.
    pub type_changed: Option<Comparison>,
    /// Re-routing between teams; `None` without a team column.
    pub rerouted: Option<Comparison>,
    /// Share of cases whose type changed, by initial type.
    pub by_case_type: Vec<SegmentRate>,
    /// Type changes from one value to another (per-event type column).
    pub type_changes: Vec<Change>,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> MisclassificationReport {
    report(i.log, i.ctx, i.facts)
}

/// The misclassification report of `facts`.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts]) -> MisclassificationReport {
    let kind = ctx.field(log, ServiceField::CaseType);
    let type_known = ctx.has_step(Step::TypeChanged) || kind.is_some_and(|k| k.level == Level::Event);
    let team = ctx.field(log, ServiceField::Team);
    let mut needs = Vec::new();
    if !type_known {
        needs.push(if kind.is_none() { Need::CaseType } else { Need::Activity(Step::TypeChanged) });
    }
    if team.is_none() {
        needs.push(Need::Team);
    }
    needs.extend(ctx.resolution_need());
    let mut changes: BTreeMap<(ValueId, ValueId), u64> = BTreeMap::new();
    if let Some(kind) = kind.filter(|k| k.level == Level::Event) {
        for f in facts {
            let mut previous = ValueId::MISSING;
            for v in case_values(kind, log, f.case).filter(|&v| v != ValueId::MISSING) {
                if previous != ValueId::MISSING && v != previous {
                    *changes.entry((previous, v)).or_default() += 1;
                }
                previous = v;
            }
        }
    }
    let mut type_changes: Vec<Change> = changes
        .into_iter()
        .filter_map(|((a, b), count)| {
            let kind = kind?;
            Some(Change { from: kind.values.get(a)?.to_owned(), to: kind.values.get(b)?.to_owned(), count })
        })
        .collect();
    type_changes.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to))));
    MisclassificationReport {
        type_changed: type_known.then(|| compare(facts, |f| f.type_changed)),
        rerouted: team.map(|_| compare(facts, |f| f.reroutes > 0)),
        by_case_type: if type_known {
            group(log, ctx, facts, Segment::CaseType)
                .into_iter()
                .map(|(value, cases)| SegmentRate { value, rate: Rate::of(cases.iter().copied(), |f| f.type_changed) })
                .collect()
        } else {
            Vec::new()
        },
        type_changes,
        needs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn the_desk_rerouted_one_case() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts);
        // No type change activity and one type per case: the log cannot tell.
        assert!(report.type_changed.is_none());
        assert_eq!(report.needs, [Need::Activity(Step::TypeChanged)]);
        // C3 went from L1 to Billing without an escalation; C2's move to L2 was one.
        let rerouted = report.rerouted.unwrap();
        assert_eq!((rerouted.rate.count, rerouted.changed.cases, rerouted.unchanged.cases), (1, 1, 2));
        assert_eq!(rerouted.changed.resolution, None, "C3 is open");
        assert_eq!(rerouted.unchanged.handoffs, Some(2.5));
    }

    #[test]
    fn type_changes_by_activity_or_column() {
        let csv = "case,activity,time,case_type\n\
            1,Case Created,2025-01-01 10:00,Question\n1,Case Type Changed,2025-01-01 11:00,Problem\n1,Case Resolved,2025-01-01 15:00,Problem\n\
            2,Case Created,2025-01-01 10:00,Question\n2,Case Resolved,2025-01-01 11:00,Question\n";
        let (log, ctx, facts) = facts(csv);
        let report = report(&log, &ctx, &facts);
        let changed = report.type_changed.unwrap();
        assert_eq!(changed.rate.count, 1);
        assert_eq!(changed.changed.resolution.map(|d| d.median), Some(5.0 * 3600.0));
        assert_eq!(changed.unchanged.resolution.map(|d| d.median), Some(3600.0));
        assert_eq!(report.type_changes, [Change { from: "Question".into(), to: "Problem".into(), count: 1 }]);
        assert_eq!(report.by_case_type[0].value.as_deref(), Some("Question"));
        assert_eq!(report.by_case_type[0].rate.count, 1);
    }
}
