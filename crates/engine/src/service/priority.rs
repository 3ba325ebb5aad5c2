//! Priority: are urgent cases really faster?
//!
//! Per priority value (the case's priority at creation), most urgent first (ranked by the
//! [vocabulary](super::vocabulary); values it cannot rank come last, by name): cases, the
//! median and mean resolution time, the median time to first acknowledgement, SLA
//! compliance and the escalation rate.
//!
//! **Verdict**, on the ranked values with at least [`MIN_CASES`] resolved cases:
//! - `faster`: every more urgent priority has a lower median resolution time than every less
//!   urgent one next to it (the medians rise strictly from the most to the least urgent);
//! - `partly`: the most urgent priority is faster than the least urgent, but not every step
//!   between is;
//! - `not_faster`: the most urgent priority is not faster than the least urgent;
//! - `undecided`: fewer than two rankable priorities with enough cases.

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::need::Need;
use super::segments::{Segment, group};
use super::sla::{Compliance, SlaEvaluation};
use super::stats::{Rate, distribution};
use crate::discovery::cases::Distribution;
use crate::log::{CaseIndex, EventLog};

/// Resolved cases a priority needs to take part in the verdict.
pub const MIN_CASES: u64 = 5;

/// One priority value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorityRow {
    /// The value as in the file (`None`: cases without one).
    pub value: Option<String>,
    /// Its rank (0 most urgent), if the vocabulary can rank it.
    pub rank: Option<u32>,
    /// Cases.
    pub cases: u64,
    /// Resolution time.
    pub resolution: Option<Distribution>,
    /// Time to first acknowledgement.
    pub acknowledgement: Option<Distribution>,
    /// SLA compliance.
    pub sla: Compliance,
    /// Escalated cases.
    pub escalated: Rate,
}

/// The verdict; see the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Urgent cases are resolved faster, step by step.
    Faster,
    /// The most urgent faster than the least, not at every step.
    Partly,
    /// The most urgent not faster than the least.
    NotFaster,
    /// Not enough ranked data.
    Undecided,
}

/// The priority report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorityReport {
    /// Priorities, most urgent first.
    pub rows: Vec<PriorityRow>,
    /// The verdict.
    pub verdict: Verdict,
    /// Median resolution of the most urgent priority in the verdict, seconds.
    pub most_urgent_median_s: Option<f64>,
    /// Median resolution of the least urgent priority in the verdict, seconds.
    pub least_urgent_median_s: Option<f64>,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> PriorityReport {
    report(i.log, i.ctx, i.facts, i.evaluation())
}

/// The priority report of `facts` with their SLA clocks.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts], sla: &SlaEvaluation) -> PriorityReport {
    if !Segment::Priority.available(log, ctx) {
        return PriorityReport {
            rows: Vec::new(),
            verdict: Verdict::Undecided,
            most_urgent_median_s: None,
            least_urgent_median_s: None,
            needs: vec![Need::Priority],
        };
    }
    let index_of: std::collections::HashMap<CaseIndex, usize> =
        facts.iter().enumerate().map(|(i, f)| (f.case, i)).collect();
    let mut rows: Vec<PriorityRow> = group(log, ctx, facts, Segment::Priority)
        .into_iter()
        .map(|(value, cases)| PriorityRow {
            rank: value.as_deref().and_then(|v| ctx.matcher.priority_rank(v)).map(|(rank, _)| rank),
            cases: cases.len() as u64,
            resolution: distribution(cases.iter().copied(), CaseFacts::resolution),
            acknowledgement: distribution(cases.iter().copied(), |f| f.acknowledged.map(|a| a - f.created)),
            sla: Compliance::of(cases.iter().map(|f| &sla.overall[index_of[&f.case]])),
            escalated: Rate::of(cases.iter().copied(), |f| f.escalated),
            value,
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.rank.is_none(), a.rank, a.value.is_none(), &a.value).cmp(&(
            b.rank.is_none(),
            b.rank,
            b.value.is_none(),
            &b.value,
        ))
    });
    let medians: Vec<f64> = rows
        .iter()
        .filter(|r| r.rank.is_some() && r.resolution.is_some_and(|d| d.count >= MIN_CASES))
        .filter_map(|r| r.resolution.map(|d| d.median))
        .collect();
    let verdict = match (medians.first(), medians.last()) {
        (Some(first), Some(last)) if medians.len() >= 2 => {
            if first >= last {
                Verdict::NotFaster
            } else if medians.windows(2).all(|w| w[0] < w[1]) {
                Verdict::Faster
            } else {
                Verdict::Partly
            }
        }
        _ => Verdict::Undecided,
    };
    PriorityReport {
        verdict,
        most_urgent_median_s: (medians.len() >= 2).then(|| medians[0]),
        least_urgent_median_s: (medians.len() >= 2).then(|| medians[medians.len() - 1]),
        rows,
        needs: ctx.resolution_need().into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::sla::evaluate;
    use super::super::tests::facts;
    use super::*;

    /// Cases of three priorities with resolution times in hours.
    fn log_with(times: &[(&str, u32)]) -> String {
        let mut csv = String::from("case,activity,time,priority\n");
        for (i, (priority, hours)) in times.iter().enumerate() {
            csv.push_str(&format!("{i},Case Created,2025-01-06 00:00,{priority}\n"));
            csv.push_str(&format!("{i},Case Resolved,2025-01-{:02} {:02}:00,{priority}\n", 6 + hours / 24, hours % 24));
        }
        csv
    }

    fn verdict(times: &[(&str, u32)]) -> PriorityReport {
        let (log, ctx, facts) = facts(&log_with(times));
        report(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[]))
    }

    #[test]
    fn urgent_first_and_a_plain_verdict() {
        let mut times = Vec::new();
        for _ in 0..5 {
            times.extend([("Low", 30), ("Urgent", 2), ("High", 10)]);
        }
        let report = verdict(&times);
        let order: Vec<&str> = report.rows.iter().map(|r| r.value.as_deref().unwrap()).collect();
        assert_eq!(order, ["Urgent", "High", "Low"]);
        assert_eq!(report.verdict, Verdict::Faster);
        assert_eq!((report.most_urgent_median_s, report.least_urgent_median_s), (Some(7200.0), Some(108_000.0)));
    }

    #[test]
    fn partly_not_faster_and_undecided() {
        let mut times = Vec::new();
        for _ in 0..5 {
            times.extend([("Low", 30), ("Urgent", 2), ("High", 1)]);
        }
        assert_eq!(verdict(&times).verdict, Verdict::Partly);
        let mut times = Vec::new();
        for _ in 0..5 {
            times.extend([("Low", 3), ("Urgent", 20)]);
        }
        assert_eq!(verdict(&times).verdict, Verdict::NotFaster);
        // Four cases per priority are too few to judge.
        let mut times = Vec::new();
        for _ in 0..4 {
            times.extend([("Low", 30), ("Urgent", 2)]);
        }
        assert_eq!(verdict(&times).verdict, Verdict::Undecided);
        let (log, ctx, facts) = facts("case,activity,time\n1,a,2025-01-01 10:00\n");
        let report = report(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[]));
        assert_eq!(report.needs, [Need::Priority]);
    }
}
