//! Channels: how cases from each channel fare.
//!
//! Per channel (the case's channel at creation): cases and their share, resolution time,
//! SLA compliance, FCR rate (all parts the log supports, see [`fcr`](super::fcr)),
//! escalation rate, mean CSAT, and its three most frequent variants.
//!
//! **Channel switches**: cases whose channel column changes between events (consecutive
//! repeats and missing values ignored). When the column holds one value per case, no case can
//! switch and `switches` is `None`.

use serde::{Deserialize, Serialize};

use super::context::{ServiceContext, case_values};
use super::facts::{CaseFacts, changes};
use super::fcr::{FcrParts, is_fcr, usable};
use super::need::Need;
use super::segments::{Segment, group};
use super::sla::{Compliance, SlaEvaluation};
use super::stats::{Rate, distribution, mean};
use crate::discovery::cases::Distribution;
use crate::log::{ActivityId, CaseIndex, EventLog, IdRun, Level, ServiceField};

/// A variant within a channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelVariant {
    /// Its activities.
    pub activities: Vec<String>,
    /// Cases of the channel following it.
    pub cases: u64,
}

/// One channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelRow {
    /// The channel (`None`: cases without one).
    pub value: Option<String>,
    /// Cases.
    pub cases: u64,
    /// Share of all cases.
    pub share: f64,
    /// Resolution time.
    pub resolution: Option<Distribution>,
    /// SLA compliance.
    pub sla: Compliance,
    /// FCR among resolved cases.
    pub fcr: Option<Rate>,
    /// Escalated cases.
    pub escalated: Rate,
    /// Mean CSAT of the cases with a score.
    pub csat: Option<f64>,
    /// The most frequent variants (at most three).
    pub top_variants: Vec<ChannelVariant>,
}

/// The channel report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelReport {
    /// Channels, the most cases first.
    pub rows: Vec<ChannelRow>,
    /// Cases that switched channel; `None` when the column has one value per case.
    pub switches: Option<Rate>,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> ChannelReport {
    report(i.log, i.ctx, i.facts, i.evaluation())
}

/// The channel report of `facts`.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts], sla: &SlaEvaluation) -> ChannelReport {
    let Some(channel) = ctx.field(log, ServiceField::Channel) else {
        return ChannelReport { rows: Vec::new(), switches: None, needs: vec![Need::Channel] };
    };
    let (parts, _) = usable(log, ctx, FcrParts::default());
    let any_part = (parts.one_contact || parts.one_agent || parts.no_reopen) && ctx.resolution_from_steps;
    let index_of: std::collections::HashMap<CaseIndex, usize> =
        facts.iter().enumerate().map(|(i, f)| (f.case, i)).collect();
    let total = facts.len().max(1) as f64;
    let rows = group(log, ctx, facts, Segment::Channel)
        .into_iter()
        .map(|(value, cases)| {
            let mut variants: hashbrown::HashMap<IdRun<'_, ActivityId>, u64, foldhash::fast::FixedState> =
                hashbrown::HashMap::default();
            for f in &cases {
                *variants.entry(log.activity.run(log.case_events(f.case))).or_default() += 1;
            }
            let mut variants: Vec<(IdRun<'_, ActivityId>, u64)> = variants.into_iter().collect();
            let name = |a: ActivityId| log.activities.get(a).unwrap_or_default();
            variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.iter().map(name).cmp(b.0.iter().map(name))));
            ChannelRow {
                cases: cases.len() as u64,
                share: cases.len() as f64 / total,
                resolution: distribution(cases.iter().copied(), CaseFacts::resolution),
                sla: Compliance::of(cases.iter().map(|f| &sla.overall[index_of[&f.case]])),
                fcr: any_part
                    .then(|| Rate::of(cases.iter().copied().filter(|f| f.resolved.is_some()), |f| is_fcr(f, parts))),
                escalated: Rate::of(cases.iter().copied(), |f| f.escalated),
                csat: mean(cases.iter().filter_map(|f| f.csat)),
                top_variants: variants
                    .into_iter()
                    .take(3)
                    .map(|(activities, cases)| ChannelVariant {
                        activities: activities.iter().map(|a| name(a).to_owned()).collect(),
                        cases,
                    })
                    .collect(),
                value,
            }
        })
        .collect();
    let switches =
        (channel.level == Level::Event).then(|| Rate::of(facts, |f| changes(case_values(channel, log, f.case)).0 > 0));
    ChannelReport { rows, switches, needs: ctx.resolution_need().into_iter().collect() }
}

#[cfg(test)]
mod tests {
    use super::super::sla::evaluate;
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn the_desks_channels() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[]));
        let email = &report.rows[0];
        assert_eq!((email.value.as_deref(), email.cases), (Some("Email"), 2));
        assert_eq!(email.share, 2.0 / 3.0);
        // Email: C1 met, C3 breached; C1 resolved at first contact; C1 scored 4 (C3 none).
        assert_eq!(email.sla.compliance, Some(0.5));
        assert_eq!(email.fcr.map(|r| (r.count, r.of)), Some((1, 1)));
        assert_eq!(email.csat, Some(4.0));
        assert_eq!(email.top_variants.len(), 2);
        let phone = &report.rows[1];
        assert_eq!((phone.escalated.count, phone.csat), (1, Some(2.0)));
        // One channel per case in this log: nothing can switch.
        assert_eq!(report.switches, None);
    }

    #[test]
    fn switches_when_the_channel_changes_within_a_case() {
        let csv = "case,activity,time,channel\n\
            1,Case Created,2025-01-01 10:00,Email\n1,Customer Contact,2025-01-01 11:00,Phone\n\
            2,Case Created,2025-01-01 10:00,Chat\n2,Case Resolved,2025-01-01 10:30,Chat\n";
        let (log, ctx, facts) = facts(csv);
        let report = report(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[]));
        assert_eq!(report.switches.map(|r| (r.count, r.of)), Some((1, 2)));
        // Case 1 counts under its first channel, Email.
        let values: Vec<Option<&str>> = report.rows.iter().map(|r| r.value.as_deref()).collect();
        assert_eq!(values, [Some("Chat"), Some("Email")]);
    }
}
