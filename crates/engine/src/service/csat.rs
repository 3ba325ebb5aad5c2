//! Customer satisfaction (CSAT) against the path a case took.
//!
//! A case's score is its last numeric value of the CSAT column (`4`, `4,5`, `80%`, `4/5`).
//! Per group: cases with a score (responses), the mean score, and the share of responses at
//! or above the satisfied threshold (4 on a scale up to 5, 8 up to 10, 80 up to 100: 80 % of
//! the highest score seen, rounded down). Groups: the most frequent variants (at most
//! [`VARIANTS_LISTED`]), channel, team, number of handoffs (0, 1, 2, 3, 4 and more), reopened
//! or not, SLA met or breached.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::need::Need;
use super::segments::{Segment, group};
use super::sla::{Outcome, SlaEvaluation};
use super::stats::{Rate, mean};
use crate::log::{ActivityId, EventLog, IdRun};

/// Variants listed.
pub const VARIANTS_LISTED: usize = 10;

/// Satisfaction of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Satisfaction {
    /// The group's label: a value, a handoff count, `yes` / `no`, `met` / `breached`.
    pub group: Option<String>,
    /// Cases in the group.
    pub cases: u64,
    /// Mean score of those with one.
    pub mean: Option<f64>,
    /// Responses at or above the satisfied threshold, of responses.
    pub satisfied: Rate,
}

/// Satisfaction of a variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantSatisfaction {
    /// Its activities.
    pub activities: Vec<String>,
    /// Its figures.
    #[serde(flatten)]
    pub satisfaction: Satisfaction,
}

/// The CSAT report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsatReport {
    /// All cases.
    pub overall: Option<Satisfaction>,
    /// Score counted as satisfied.
    pub threshold: Option<f64>,
    /// Most frequent variants with a response.
    pub by_variant: Vec<VariantSatisfaction>,
    /// By channel.
    pub by_channel: Vec<Satisfaction>,
    /// By team.
    pub by_team: Vec<Satisfaction>,
    /// By number of handoffs.
    pub by_handoffs: Vec<Satisfaction>,
    /// Reopened (`yes`) or not (`no`).
    pub by_reopen: Vec<Satisfaction>,
    /// SLA `met` or `breached`.
    pub by_sla: Vec<Satisfaction>,
    /// Response rate.
    pub responses: Rate,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

fn satisfaction<'a>(
    group: Option<String>,
    cases: impl Iterator<Item = &'a CaseFacts> + Clone,
    threshold: f64,
) -> Satisfaction {
    let scores: Vec<f64> = cases.clone().filter_map(|f| f.csat).collect();
    Satisfaction {
        group,
        cases: cases.count() as u64,
        mean: mean(scores.iter().copied()),
        satisfied: Rate::new(scores.iter().filter(|&&s| s >= threshold).count() as u64, scores.len() as u64),
    }
}

/// The threshold for the highest score seen: 80 % of the scale's top, rounded down.
pub fn threshold(top: f64) -> f64 {
    let scale = [5.0, 7.0, 10.0, 100.0].into_iter().find(|&s| top <= s).unwrap_or(top);
    (scale * 0.8).floor()
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> CsatReport {
    report(i.log, i.ctx, i.facts, i.evaluation())
}

/// The CSAT report of `facts` with their SLA clocks.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts], sla: &SlaEvaluation) -> CsatReport {
    let top = facts.iter().filter_map(|f| f.csat).fold(f64::NEG_INFINITY, f64::max);
    if ctx.csat.is_none() || !top.is_finite() {
        return CsatReport {
            overall: None,
            threshold: None,
            by_variant: Vec::new(),
            by_channel: Vec::new(),
            by_team: Vec::new(),
            by_handoffs: Vec::new(),
            by_reopen: Vec::new(),
            by_sla: Vec::new(),
            responses: Rate::of(facts, |f| f.csat.is_some()),
            needs: vec![Need::Csat],
        };
    }
    let t = threshold(top);
    let segment = |segment: Segment| -> Vec<Satisfaction> {
        group(log, ctx, facts, segment)
            .into_iter()
            .map(|(value, cases)| satisfaction(value, cases.iter().copied(), t))
            .collect()
    };
    let mut variants: BTreeMap<IdRun<'_, ActivityId>, Vec<&CaseFacts>> = BTreeMap::new();
    for f in facts {
        variants.entry(log.activity.run(log.case_events(f.case))).or_default().push(f);
    }
    let mut variants: Vec<(IdRun<'_, ActivityId>, Vec<&CaseFacts>)> = variants.into_iter().collect();
    variants.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    let by_variant = variants
        .into_iter()
        .filter(|(_, cases)| cases.iter().any(|f| f.csat.is_some()))
        .take(VARIANTS_LISTED)
        .map(|(activities, cases)| VariantSatisfaction {
            activities: activities.iter().map(|a| log.activities.get(a).unwrap_or_default().to_owned()).collect(),
            satisfaction: satisfaction(None, cases.iter().copied(), t),
        })
        .collect();
    let by_handoffs = if log.resources.is_empty() {
        Vec::new()
    } else {
        (0..=4u32)
            .map(|n| {
                let label = if n == 4 { "4+".to_owned() } else { n.to_string() };
                satisfaction(
                    Some(label),
                    facts.iter().filter(move |f| if n == 4 { f.handoffs >= 4 } else { f.handoffs == n }),
                    t,
                )
            })
            .collect()
    };
    let by_reopen = if ctx.knows_reopens() {
        vec![
            satisfaction(Some("yes".into()), facts.iter().filter(|f| f.reopens > 0), t),
            satisfaction(Some("no".into()), facts.iter().filter(|f| f.reopens == 0), t),
        ]
    } else {
        Vec::new()
    };
    let outcome = |i: usize| sla.overall.get(i).copied().flatten().map(|c| c.outcome);
    let by_sla = if sla.source.is_some() {
        [("met", Outcome::Met), ("breached", Outcome::Breached)]
            .into_iter()
            .map(|(label, wanted)| {
                let cases = facts.iter().enumerate().filter(move |(i, _)| outcome(*i) == Some(wanted)).map(|(_, f)| f);
                satisfaction(Some(label.into()), cases, t)
            })
            .collect()
    } else {
        Vec::new()
    };
    CsatReport {
        overall: Some(satisfaction(None, facts.iter(), t)),
        threshold: Some(t),
        by_variant,
        by_channel: segment(Segment::Channel),
        by_team: segment(Segment::Team),
        by_handoffs,
        by_reopen,
        by_sla,
        responses: Rate::of(facts, |f| f.csat.is_some()),
        needs: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::sla::evaluate;
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn the_desks_scores() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[]));
        // C1 scored 4, C2 2; C3 none. Scores up to 5: satisfied from 4.
        assert_eq!(report.threshold, Some(4.0));
        let overall = report.overall.unwrap();
        assert_eq!((overall.cases, overall.mean), (3, Some(3.0)));
        assert_eq!((overall.satisfied.count, overall.satisfied.of), (1, 2));
        assert_eq!(report.by_reopen[0].mean, Some(2.0));
        assert_eq!(report.by_reopen[1].mean, Some(4.0));
        // C1 met its SLA (4), C2 breached it (2).
        assert_eq!((report.by_sla[0].mean, report.by_sla[1].mean), (Some(4.0), Some(2.0)));
        // Two handoffs: C1; three: C2.
        assert_eq!((report.by_handoffs[2].mean, report.by_handoffs[3].mean), (Some(4.0), Some(2.0)));
        assert_eq!(report.by_variant.len(), 2, "C3's variant has no response");
        assert_eq!((report.responses.count, report.responses.of), (2, 3));
    }

    #[test]
    fn thresholds_follow_the_scale() {
        assert_eq!(threshold(5.0), 4.0);
        assert_eq!(threshold(3.0), 4.0);
        assert_eq!(threshold(10.0), 8.0);
        assert_eq!(threshold(95.0), 80.0);
    }
}
