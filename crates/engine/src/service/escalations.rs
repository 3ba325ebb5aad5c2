//! Escalations.
//!
//! - **Escalated case**: a case with an activity recognised as an escalation
//!   ([`Step::Escalated`]), or flagged in an escalated column.
//! - **Rate**: escalated cases / cases, overall and by priority, channel, case type and team.
//! - **What precedes them**: for each escalation event, the activity just before it
//!   (counted), the wait before it (from the end of that event to the escalation), and the
//!   time from the case's creation to its first escalation.
//! - **Cost**: resolution time of escalated against other resolved cases.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::fcr::SegmentRate;
use super::need::Need;
use super::rework::{ActivityCount, ranked};
use super::segments::{Segment, group};
use super::stats::{Rate, distribution};
use super::vocabulary::Step;
use crate::discovery::cases::Distribution;
use crate::log::{ActivityId, EventLog};
use crate::time::Micros;

/// The escalation report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EscalationReport {
    /// Escalated cases; `None` when the log cannot tell.
    pub rate: Option<Rate>,
    /// By segment key (`priority`, `channel`, `case_type`, `team`).
    pub by_segment: BTreeMap<String, Vec<SegmentRate>>,
    /// The activity before each escalation event, most frequent first.
    pub preceded_by: Vec<ActivityCount>,
    /// The wait before escalation events.
    pub wait_before: Option<Distribution>,
    /// Time from creation to the first escalation.
    pub time_to_escalation: Option<Distribution>,
    /// Resolution time of escalated cases.
    pub escalated: Option<Distribution>,
    /// Resolution time of the other cases.
    pub not_escalated: Option<Distribution>,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> EscalationReport {
    report(i.log, i.ctx, i.facts)
}

/// The escalation report of `facts`.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts]) -> EscalationReport {
    let events = ctx.has_step(Step::Escalated);
    let known = events || ctx.escalated_flag.is_some();
    let mut before: BTreeMap<ActivityId, u64> = BTreeMap::new();
    let mut waits: Vec<Micros> = Vec::new();
    let mut first: Vec<Micros> = Vec::new();
    for f in facts {
        let range = log.case_events(f.case);
        let mut seen = false;
        for e in range.clone() {
            if ctx.step_of(log, e) != Some(Step::Escalated) {
                continue;
            }
            let begin = log.begin(e);
            if !seen {
                first.push(begin - f.created);
                seen = true;
            }
            if e > range.start {
                *before.entry(log.activity.get(e - 1)).or_default() += 1;
                waits.push((begin - log.time[e - 1]).max(0));
            }
        }
    }
    let mut by_segment = BTreeMap::new();
    if known {
        for segment in [Segment::Priority, Segment::Channel, Segment::CaseType, Segment::Team] {
            let rows: Vec<SegmentRate> = group(log, ctx, facts, segment)
                .into_iter()
                .map(|(value, cases)| SegmentRate { value, rate: Rate::of(cases.iter().copied(), |f| f.escalated) })
                .collect();
            if !rows.is_empty() {
                by_segment.insert(segment.key().to_owned(), rows);
            }
        }
    }
    EscalationReport {
        rate: known.then(|| Rate::of(facts, |f| f.escalated)),
        by_segment,
        preceded_by: ranked(before, |a| log.activities.get(a).unwrap_or_default().to_owned()),
        wait_before: Distribution::of_micros(&mut waits),
        time_to_escalation: Distribution::of_micros(&mut first),
        escalated: distribution(facts.iter().filter(|f| f.escalated), CaseFacts::resolution),
        not_escalated: distribution(facts.iter().filter(|f| !f.escalated), CaseFacts::resolution),
        needs: (!known).then_some(Need::Activity(Step::Escalated)).into_iter().chain(ctx.resolution_need()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn the_desks_escalation() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts);
        assert_eq!(report.rate.map(|r| (r.count, r.of)), Some((1, 3)));
        // C2 was reassigned back to Bob at 14:00 and escalated the next day at 09:00.
        assert_eq!(report.preceded_by, [ActivityCount { activity: "Case Reassigned".into(), count: 1 }]);
        assert_eq!(report.wait_before.map(|d| d.median), Some(19.0 * 3600.0));
        assert_eq!(report.time_to_escalation.map(|d| d.median), Some(23.0 * 3600.0));
        let channel = &report.by_segment["channel"];
        assert_eq!(channel[0].value.as_deref(), Some("Email"));
        assert_eq!((channel[0].rate.count, channel[1].rate.count), (0, 1));
        assert_eq!(report.escalated.map(|d| d.median), Some(74.0 * 3600.0));
        assert_eq!(report.not_escalated.map(|d| d.count), Some(1));
    }

    #[test]
    fn a_flag_column_alone_gives_rates_but_nothing_precedes() {
        let csv = "case,activity,time,escalated\n1,a,2025-01-01 10:00,yes\n2,a,2025-01-01 11:00,no\n";
        let (log, ctx, facts) = facts(csv);
        let report = report(&log, &ctx, &facts);
        assert_eq!(report.rate.map(|r| r.rate), Some(0.5));
        assert!(report.preceded_by.is_empty());
        let (log, ctx, facts) = super::super::tests::facts("case,activity,time\n1,a,2025-01-01 10:00\n");
        // Neither an escalation nor a resolution (the durations of escalated cases rest on it).
        assert_eq!(
            super::report(&log, &ctx, &facts).needs,
            [Need::Activity(Step::Escalated), Need::Activity(Step::Resolved)]
        );
    }
}
