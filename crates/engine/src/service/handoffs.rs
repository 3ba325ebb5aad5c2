//! Handoffs: how cases move between agents and teams.
//!
//! - **Handoffs per case**: the mean number of resource changes between consecutive events
//!   (events without a resource left out), in the log's event order.
//! - **Ping-pong**: a case whose resource sequence, consecutive repeats collapsed, contains
//!   some `A, B, A`.
//! - **Handover network**: every resource change `A -> B` counted once per occurrence, with
//!   the time the receiving side took: from the end of A's last event before the change to
//!   the start of B's first event (never negative), and whether either side is an automation
//!   (the app lists the changes between people). The same for teams.
//! - **Tiers**: each case's sequence of teams, consecutive repeats collapsed
//!   (`L1 -> L2 -> L3`), counted per sequence; **single owner**: at most one person worked
//!   on the case.
//! - **Cost of a handoff**: the median resolution time of resolved cases by number of
//!   handoffs (0, 1, 2, 3, 4 and more), and the least-squares slope of resolution time on
//!   handoffs: what each extra handoff adds on average.
//! - **Reassignments per case**: the mean of the tool's own reassignment count
//!   (`reassignment_count`, such as ServiceNow's), when the log has one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::context::{ServiceContext, case_values};
use super::facts::CaseFacts;
use super::need::Need;
use super::stats::{Rate, distribution, mean};
use crate::discovery::cases::Distribution;
use crate::discovery::stats::seconds;
use crate::log::{CaseIndex, EventLog, MaybeMissing, ServiceField, ValueId};
use crate::time::Micros;

/// One edge of the handover network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    /// Who handed over.
    pub from: String,
    /// Who received.
    pub to: String,
    /// How often.
    pub count: u64,
    /// Median time the receiving side took, seconds.
    pub median_pickup_s: f64,
    /// Whether either side is an automation (an auto-reply, a workflow), per the vocabulary.
    pub automated: bool,
}

/// Cases with a number of handoffs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandoffBucket {
    /// Handoffs (the last bucket holds this many and more).
    pub handoffs: u32,
    /// Whether the bucket also holds larger counts.
    pub or_more: bool,
    /// Cases.
    pub cases: u64,
    /// Resolution time of its resolved cases.
    pub resolution: Option<Distribution>,
}

/// A sequence of teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamChain {
    /// Teams in order, repeats collapsed.
    pub teams: Vec<String>,
    /// Cases.
    pub cases: u64,
    /// Median resolution time of its resolved cases, seconds.
    pub median_resolution_s: Option<f64>,
}

/// The handoff report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandoffReport {
    /// Mean resource changes per case.
    pub handoffs_per_case: Option<f64>,
    /// Mean team changes per case.
    pub team_changes_per_case: Option<f64>,
    /// Cases with ping-pong.
    pub ping_pong_cases: u64,
    /// Their share.
    pub ping_pong: Rate,
    /// Cases worked on by at most one person.
    pub single_owner: Rate,
    /// Resource changes, most frequent first.
    pub pairs: Vec<Handover>,
    /// Team changes, most frequent first.
    pub team_pairs: Vec<Handover>,
    /// Team sequences, most frequent first (at most [`CHAINS_LISTED`]).
    pub chains: Vec<TeamChain>,
    /// Cases by handoffs.
    pub by_handoffs: Vec<HandoffBucket>,
    /// Seconds of resolution time each extra handoff adds (least squares), if estimable.
    pub seconds_per_handoff: Option<f64>,
    /// The mean of the tool's own reassignment count (`reassignment_count`, such as
    /// ServiceNow's), when the log has one.
    #[serde(default)]
    pub reassignments_per_case: Option<f64>,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

/// Most team sequences listed.
pub const CHAINS_LISTED: usize = 20;

/// Counts the changes of a value per event sequence into `pairs` with their pickup times.
fn network<I: MaybeMissing + Ord>(
    log: &EventLog,
    facts: &[CaseFacts],
    value: impl Fn(CaseIndex, usize) -> I,
    name: impl Fn(I) -> String,
    automated: impl Fn(I) -> bool,
) -> Vec<Handover> {
    let mut pairs: BTreeMap<(I, I), Vec<Micros>> = BTreeMap::new();
    for f in facts {
        let mut previous: Option<(I, usize)> = None;
        for e in log.case_events(f.case) {
            let v = value(f.case, e);
            if v == I::MISSING {
                continue;
            }
            if let Some((p, pe)) = previous
                && p != v
            {
                pairs.entry((p, v)).or_default().push((log.begin(e) - log.time[pe]).max(0));
            }
            // The last event of the current holder.
            previous = Some((v, e));
        }
    }
    let mut list: Vec<Handover> = pairs
        .into_iter()
        .map(|((from, to), mut waits)| Handover {
            from: name(from),
            to: name(to),
            count: waits.len() as u64,
            median_pickup_s: Distribution::of_micros(&mut waits).map_or(0.0, |d| d.median),
            automated: automated(from) || automated(to),
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to))));
    list
}

/// Least-squares slope of `y` on `x`.
fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    let mx = mean(points.iter().map(|p| p.0))?;
    let my = mean(points.iter().map(|p| p.1))?;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    (n >= 2.0 && sxx > 0.0).then(|| sxy / sxx)
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> HandoffReport {
    report(i.log, i.ctx, i.facts)
}

/// The handoff report of `facts`.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts]) -> HandoffReport {
    let mut needs = Vec::new();
    let resources = !log.resources.is_empty();
    if !resources {
        needs.push(Need::Resource);
    }
    let team = ctx.field(log, ServiceField::Team);
    if team.is_none() {
        needs.push(Need::Team);
    }
    needs.extend(ctx.resolution_need());
    let pairs = if resources {
        network(
            log,
            facts,
            |_, e| log.resource.get(e),
            |r| log.resources.get(r).unwrap_or_default().to_owned(),
            |r| ctx.automation[r.index()],
        )
    } else {
        Vec::new()
    };
    let team_pairs = team.map_or_else(Vec::new, |team| {
        network(
            log,
            facts,
            |case, e| team.id(case, e),
            |v| team.values.get(v).unwrap_or_default().to_owned(),
            |_| false,
        )
    });
    let mut chains: BTreeMap<Vec<ValueId>, Vec<&CaseFacts>> = BTreeMap::new();
    if let Some(team) = team {
        for f in facts {
            let mut chain: Vec<ValueId> = Vec::new();
            for v in case_values(team, log, f.case).filter(|&v| v != ValueId::MISSING) {
                if chain.last() != Some(&v) {
                    chain.push(v);
                }
            }
            chains.entry(chain).or_default().push(f);
        }
    }
    let mut chains: Vec<TeamChain> = chains
        .into_iter()
        .filter(|(chain, _)| !chain.is_empty())
        .map(|(chain, cases)| TeamChain {
            teams: chain.iter().map(|&v| team.and_then(|t| t.values.get(v)).unwrap_or_default().to_owned()).collect(),
            cases: cases.len() as u64,
            median_resolution_s: distribution(cases.iter().copied(), CaseFacts::resolution).map(|d| d.median),
        })
        .collect();
    chains.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.teams.cmp(&b.teams)));
    chains.truncate(CHAINS_LISTED);
    let by_handoffs = if resources {
        (0..=4)
            .map(|n| {
                let cases: Vec<&CaseFacts> =
                    facts.iter().filter(|f| if n == 4 { f.handoffs >= 4 } else { f.handoffs == n }).collect();
                HandoffBucket {
                    handoffs: n,
                    or_more: n == 4,
                    cases: cases.len() as u64,
                    resolution: distribution(cases, CaseFacts::resolution),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let points: Vec<(f64, f64)> =
        facts.iter().filter_map(|f| f.resolution().map(|r| (f64::from(f.handoffs), seconds(r)))).collect();
    HandoffReport {
        handoffs_per_case: resources.then(|| mean(facts.iter().map(|f| f64::from(f.handoffs)))).flatten(),
        team_changes_per_case: team.and_then(|_| mean(facts.iter().map(|f| f64::from(f.team_changes)))),
        ping_pong_cases: facts.iter().filter(|f| f.ping_pong).count() as u64,
        ping_pong: Rate::of(facts, |f| f.ping_pong),
        single_owner: Rate::of(facts, |f| f.agents <= 1),
        pairs,
        team_pairs,
        chains,
        by_handoffs,
        seconds_per_handoff: if resources { slope(&points) } else { None },
        reassignments_per_case: ctx.reassignment_count.as_ref().and_then(|counts| {
            mean(facts.iter().filter_map(|f| counts.get(f.case.index()).copied().flatten()).map(f64::from))
        }),
        needs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn the_tools_reassignment_count_is_averaged_over_cases_that_have_one() {
        let csv = "case,activity,time,agent,reassignment_count\n\
            1,Case Created,2025-01-06 09:00,Anna,0\n1,Case Resolved,2025-01-06 10:00,Bob,3\n\
            2,Case Created,2025-01-06 09:00,Anna,0\n2,Case Resolved,2025-01-06 11:00,Anna,1\n\
            3,Case Created,2025-01-06 09:00,Anna,\n";
        let (log, ctx, counted) = facts(csv);
        // Each case's last value: 3 and 1; case 3 has none.
        assert_eq!(report(&log, &ctx, &counted).reassignments_per_case, Some(2.0));
        let (log, ctx, desk) = facts(DESK);
        assert_eq!(report(&log, &ctx, &desk).reassignments_per_case, None);
    }

    #[test]
    fn the_desks_handovers() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts);
        assert_eq!(report.handoffs_per_case, Some(5.0 / 3.0));
        assert_eq!(report.ping_pong_cases, 1);
        // C1 (Anna) and C3 (Anna) have one person each.
        assert_eq!((report.single_owner.count, report.single_owner.of), (2, 3));
        let pairs: Vec<(&str, &str, u64)> =
            report.pairs.iter().map(|h| (h.from.as_str(), h.to.as_str(), h.count)).collect();
        // C1: Auto-reply -> Anna, Anna -> Auto-close. C2: Bob -> Carla, Carla -> Bob, Bob -> Dan.
        assert_eq!(
            pairs,
            [
                ("Anna", "Auto-close", 1),
                ("Auto-reply", "Anna", 1),
                ("Bob", "Carla", 1),
                ("Bob", "Dan", 1),
                ("Carla", "Bob", 1)
            ]
        );
        // Bob escalated at 09:00 on the 7th; Dan's first event came at 12:00: 3 h.
        let bob_dan = report.pairs.iter().find(|h| h.from == "Bob" && h.to == "Dan").unwrap();
        assert_eq!(bob_dan.median_pickup_s, 3.0 * 3600.0);
        let teams: Vec<(&str, &str, u64)> =
            report.team_pairs.iter().map(|h| (h.from.as_str(), h.to.as_str(), h.count)).collect();
        assert_eq!(teams, [("L1", "Billing", 1), ("L1", "L2", 1)]);
        let chains: Vec<(Vec<&str>, u64)> =
            report.chains.iter().map(|c| (c.teams.iter().map(String::as_str).collect(), c.cases)).collect();
        assert_eq!(chains, [(vec!["L1"], 1), (vec!["L1", "Billing"], 1), (vec!["L1", "L2"], 1)]);
        // Resolved: C1 (2 handoffs, 2 h) and C2 (3 handoffs, 74 h): 72 h per extra handoff.
        assert_eq!(report.seconds_per_handoff, Some(72.0 * 3600.0));
        assert_eq!(report.by_handoffs[2].cases, 1);
        assert_eq!(report.by_handoffs[0].cases, 1);
        assert_eq!(report.by_handoffs[0].resolution, None, "C3 is open");
    }
}
