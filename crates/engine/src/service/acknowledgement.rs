//! Acknowledgement: how long customers wait for a first sign of life.
//!
//! - **Time to first acknowledgement**: from the case's creation to its first later event
//!   that is an acknowledgement ([`Step::Acknowledged`], such as an auto-reply) or is done by
//!   a resource (an agent, a team or an automation); cases with no such event are
//!   unacknowledged.
//! - **Time to first agent action**: from creation to the first event done by a person
//!   (automations do not count).
//!
//! Both as median, mean and 90th percentile, with a histogram of the first, by channel and
//! by priority, and the share acknowledged within 1 hour, 4 hours, 1 day and 3 days.

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::need::Need;
use super::segments::{Segment, group};
use super::stats::{Rate, distribution};
use super::vocabulary::Step;
use crate::discovery::cases::Bin;
use crate::discovery::cases::Distribution;
use crate::discovery::stats::seconds;
use crate::log::EventLog;
use crate::time::Micros;

const HOUR: Micros = 3_600_000_000;

/// The thresholds of the "acknowledged within" shares, seconds.
pub const WITHIN_S: [f64; 4] = [3600.0, 4.0 * 3600.0, 86_400.0, 3.0 * 86_400.0];

/// Acknowledgement of one segment value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentAck {
    /// The value (`None`: cases without one).
    pub value: Option<String>,
    /// Cases.
    pub cases: u64,
    /// Time to first acknowledgement.
    pub acknowledgement: Option<Distribution>,
    /// Time to first agent action.
    pub first_agent: Option<Distribution>,
}

/// The acknowledgement report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AckReport {
    /// Time to first acknowledgement.
    pub acknowledgement: Option<Distribution>,
    /// Time to first agent action.
    pub first_agent: Option<Distribution>,
    /// Cases acknowledged at all.
    pub acknowledged: Rate,
    /// Cases acknowledged within each of [`WITHIN_S`].
    pub within: Vec<Rate>,
    /// Histogram of the time to first acknowledgement (seconds), hourly bars up to a day,
    /// then one bar for longer.
    pub histogram: Vec<Bin>,
    /// By channel.
    pub by_channel: Vec<SegmentAck>,
    /// By priority.
    pub by_priority: Vec<SegmentAck>,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

fn ack(f: &CaseFacts) -> Option<Micros> {
    f.acknowledged.map(|a| a - f.created)
}

fn agent(f: &CaseFacts) -> Option<Micros> {
    f.first_agent.map(|a| a - f.created)
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> AckReport {
    report(i.log, i.ctx, i.facts)
}

/// The acknowledgement report of `facts`.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts]) -> AckReport {
    let mut needs = Vec::new();
    if log.resources.is_empty() && !ctx.has_step(Step::Acknowledged) {
        needs.push(Need::Activity(Step::Acknowledged));
    }
    let segments = |segment: Segment| -> Vec<SegmentAck> {
        group(log, ctx, facts, segment)
            .into_iter()
            .map(|(value, cases)| SegmentAck {
                value,
                cases: cases.len() as u64,
                acknowledgement: distribution(cases.iter().copied(), ack),
                first_agent: distribution(cases.iter().copied(), agent),
            })
            .collect()
    };
    // 24 hourly bars, then one for a day or more.
    let mut histogram: Vec<Bin> = (0..24)
        .map(|h| Bin { from: h as f64 * 3600.0, to: (h + 1) as f64 * 3600.0, cases: 0, overflow: false })
        .collect();
    let mut longest = 0.0f64;
    let mut over = 0u64;
    for wait in facts.iter().filter_map(ack) {
        let hours = wait.div_euclid(HOUR).max(0) as usize;
        if hours < 24 {
            histogram[hours].cases += 1;
        } else {
            over += 1;
            longest = longest.max(seconds(wait));
        }
    }
    if over > 0 {
        histogram.push(Bin { from: 86_400.0, to: longest.max(86_400.0), cases: over, overflow: true });
    }
    while histogram.last().is_some_and(|b| b.cases == 0) {
        histogram.pop();
    }
    AckReport {
        acknowledgement: distribution(facts, ack),
        first_agent: distribution(facts, agent),
        acknowledged: Rate::of(facts, |f| f.acknowledged.is_some()),
        within: WITHIN_S
            .iter()
            .map(|&limit| Rate::of(facts, |f| ack(f).is_some_and(|w| seconds(w) <= limit)))
            .collect(),
        histogram,
        by_channel: segments(Segment::Channel),
        by_priority: segments(Segment::Priority),
        needs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn the_desks_acknowledgements() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts);
        // C1 5 min (auto-reply), C2 10 min, C3 60 min.
        let a = report.acknowledgement.unwrap();
        assert_eq!((a.count, a.median), (3, 600.0));
        assert_eq!(a.mean, (5.0 + 10.0 + 60.0) * 60.0 / 3.0);
        // First person: C1 30 min (Anna), C2 10 min, C3 60 min.
        assert_eq!(report.first_agent.unwrap().median, 1800.0);
        // Within an hour: all three (C3 exactly at the limit).
        assert_eq!(report.within[0].count, 3);
        // Two in the first hourly bar, one (60 min) in the second.
        let bars: Vec<u64> = report.histogram.iter().map(|b| b.cases).collect();
        assert_eq!(bars, [2, 1]);
        let email = &report.by_channel[0];
        assert_eq!((email.value.as_deref(), email.acknowledgement.map(|d| d.median)), (Some("Email"), Some(1950.0)));
    }
}
