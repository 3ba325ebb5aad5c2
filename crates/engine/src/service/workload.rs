//! Workload: who does the work, and how evenly it is spread.
//!
//! - **Per agent and per team**: events done, distinct cases touched, and cases per week
//!   (cases touched / weeks from the first to the last event of the selection, at least one).
//!   Automations (auto-replies, auto-close jobs, per the vocabulary) are listed apart: they are
//!   no agents to balance work between.
//! - **Per week**: events, cases touched and active agents, and the events of the busiest
//!   agents ([`AGENTS_CHARTED`]) week by week.
//! - **Work in progress**: cases open at the end of each day (created on or before it, not
//!   yet resolved; open cases stay open until now).
//! - **Balance**: the share of all events done by the busiest 10 % of agents (at least one
//!   agent).
//! - **Handling time for comparable cases**: each resolved case's resolution time divided by
//!   the median of the resolved cases of the same case type and priority; an agent's index is
//!   the median of these ratios over the cases they resolved (at least
//!   [`MIN_COMPARABLE`]): 1.0 is as fast as comparable cases, 0.8 a fifth faster. With start
//!   times, the median working time of the agent's events too.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::need::Need;
use super::stats::median_of;
use crate::discovery::cases::Distribution;
use crate::discovery::stats::seconds;
use crate::log::{CaseIndex, EventLog, MaybeMissing, ResourceId, ServiceField, ValueId};
use crate::time::{DAY, Micros, day_string, week_start};

/// Agents charted week by week.
pub const AGENTS_CHARTED: usize = 8;
/// Resolved cases an agent needs for the comparable-case index.
pub const MIN_COMPARABLE: usize = 5;

/// The load of one agent or team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Load {
    /// The name.
    pub name: String,
    /// Events done.
    pub events: u64,
    /// Distinct cases touched.
    pub cases: u64,
    /// Cases touched per week.
    pub cases_per_week: f64,
    /// Share of all events.
    pub share: f64,
    /// Median ratio of resolution time to comparable cases' (agents only).
    pub comparable_index: Option<f64>,
    /// Resolved cases behind that index.
    pub comparable_cases: u64,
    /// Median working time of its events, seconds (with start times).
    pub median_working_s: Option<f64>,
}

/// One week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekLoad {
    /// Monday, `YYYY-MM-DD`.
    pub start: String,
    /// Events.
    pub events: u64,
    /// Cases with an event in the week.
    pub cases: u64,
    /// Agents with an event in the week.
    pub agents: u64,
    /// Events of each charted agent (in the order of `WorkloadReport::charted`).
    pub by_agent: Vec<u64>,
}

/// Open cases at the end of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayOpen {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// Cases open.
    pub open: u64,
}

/// The workload report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkloadReport {
    /// Agents (people), the most events first.
    pub agents: Vec<Load>,
    /// Automations that did events, the most events first.
    #[serde(default)]
    pub automations: Vec<Load>,
    /// Teams, the most events first.
    pub teams: Vec<Load>,
    /// Names of the agents charted per week.
    pub charted: Vec<String>,
    /// Weeks.
    pub weeks: Vec<WeekLoad>,
    /// Work in progress per day.
    pub wip: Vec<DayOpen>,
    /// Share of events done by the busiest 10 % of agents.
    pub busiest_share: Option<f64>,
    /// How many agents that 10 % is.
    pub busiest_agents: u64,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

/// Loads of the values `value` gives each event.
fn loads<I: MaybeMissing>(
    log: &EventLog,
    facts: &[CaseFacts],
    count: usize,
    value: impl Fn(CaseIndex, usize) -> I,
    name: impl Fn(I) -> String,
    weeks: f64,
) -> Vec<Load> {
    let (mut events, mut cases) = (vec![0u64; count], vec![0u64; count]);
    // The last case of each value (no case is `u32::MAX`).
    let mut last_case = vec![CaseIndex(u32::MAX); count];
    let mut working: Vec<Vec<Micros>> = vec![Vec::new(); if log.start.is_some() { count } else { 0 }];
    for f in facts {
        for e in log.case_events(f.case) {
            let v = value(f.case, e);
            if v == I::MISSING {
                continue;
            }
            let v = v.index();
            events[v] += 1;
            if last_case[v] != f.case {
                last_case[v] = f.case;
                cases[v] += 1;
            }
            if let Some(start) = &log.start {
                working[v].push(log.time[e] - start[e]);
            }
        }
    }
    let total: u64 = events.iter().sum();
    let mut list: Vec<Load> = (0..count)
        .filter(|&v| events[v] > 0)
        .map(|v| Load {
            name: name(I::from_index(v)),
            events: events[v],
            cases: cases[v],
            cases_per_week: cases[v] as f64 / weeks,
            share: events[v] as f64 / total.max(1) as f64,
            comparable_index: None,
            comparable_cases: 0,
            median_working_s: working.get_mut(v).and_then(|w| Distribution::of_micros(w)).map(|d| d.median),
        })
        .collect();
    list.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.name.cmp(&b.name)));
    list
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> WorkloadReport {
    report(i.log, i.ctx, i.facts)
}

/// The workload report of `facts`.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts]) -> WorkloadReport {
    let mut needs = Vec::new();
    if log.resources.is_empty() {
        needs.push(Need::Resource);
    }
    let team = ctx.field(log, ServiceField::Team);
    if team.is_none() {
        needs.push(Need::Team);
    }
    needs.extend(ctx.resolution_need());
    let first = facts.iter().map(|f| f.created).min().unwrap_or(0);
    let last = facts.iter().map(|f| f.ended).max().unwrap_or(0);
    let weeks = (seconds(last - first) / (7.0 * 86_400.0)).max(1.0);
    let mut agents = loads(
        log,
        facts,
        log.resources.len(),
        |_, e| log.resource.get(e),
        |r| log.resources.get(r).unwrap_or_default().to_owned(),
        weeks,
    );
    let teams = team.map_or_else(Vec::new, |team| {
        loads(
            log,
            facts,
            team.values.len(),
            |case, e| team.id(case, e),
            |v| team.values.get(v).unwrap_or_default().to_owned(),
            weeks,
        )
    });
    // Comparable cases: (type, priority) groups of resolved cases.
    let mut groups: BTreeMap<(ValueId, ValueId), Vec<Micros>> = BTreeMap::new();
    for f in facts {
        if let Some(r) = f.resolution() {
            groups.entry((f.case_type, f.priority)).or_default().push(r);
        }
    }
    let group_median: BTreeMap<(ValueId, ValueId), f64> = groups
        .into_iter()
        .filter_map(|(key, mut values)| Distribution::of_micros(&mut values).map(|d| (key, d.median)))
        .collect();
    let mut ratios: BTreeMap<ResourceId, Vec<f64>> = BTreeMap::new();
    for f in facts {
        if let (Some(r), Some(&m)) = (f.resolution(), group_median.get(&(f.case_type, f.priority)))
            && f.agent != ResourceId::MISSING
            && m > 0.0
        {
            ratios.entry(f.agent).or_default().push(seconds(r) / m);
        }
    }
    for load in &mut agents {
        if let Some(id) = log.resources.find(&load.name)
            && let Some(values) = ratios.get_mut(&id)
        {
            load.comparable_cases = values.len() as u64;
            if values.len() >= MIN_COMPARABLE {
                load.comparable_index = median_of(values);
            }
        }
    }
    let is_automation = |load: &Load| log.resources.find(&load.name).is_some_and(|r| ctx.automation[r.index()]);
    let (automations, agents): (Vec<Load>, Vec<Load>) = agents.into_iter().partition(is_automation);
    let charted: Vec<String> = agents.iter().take(AGENTS_CHARTED).map(|a| a.name.clone()).collect();
    let charted_ids: Vec<ResourceId> = charted.iter().filter_map(|n| log.resources.find(n)).collect();
    // Weeks of events.
    let mut by_week: BTreeMap<i64, (u64, u64, Vec<ResourceId>, Vec<u64>)> = BTreeMap::new();
    for f in facts {
        let mut last_week = i64::MIN;
        for e in log.case_events(f.case) {
            let week = week_start(log.time[e].div_euclid(DAY));
            let entry = by_week.entry(week).or_insert_with(|| (0, 0, Vec::new(), vec![0; charted_ids.len()]));
            entry.0 += 1;
            if week != last_week {
                entry.1 += 1;
                last_week = week;
            }
            let r = log.resource.get(e);
            if r != ResourceId::MISSING && !ctx.automation[r.index()] && !entry.2.contains(&r) {
                entry.2.push(r);
            }
            if let Some(i) = charted_ids.iter().position(|&c| c == r) {
                entry.3[i] += 1;
            }
        }
    }
    let week_rows = match (by_week.keys().next().copied(), by_week.keys().last().copied()) {
        (Some(a), Some(b)) => (0..=(b - a) / 7)
            .map(|i| {
                let week = a + i * 7;
                let (events, cases, people, by_agent) =
                    by_week.remove(&week).unwrap_or_else(|| (0, 0, Vec::new(), vec![0; charted_ids.len()]));
                WeekLoad { start: day_string(week), events, cases, agents: people.len() as u64, by_agent }
            })
            .collect(),
        _ => Vec::new(),
    };
    // Open cases at the end of each day.
    let wip = if facts.is_empty() {
        Vec::new()
    } else {
        let (d0, d1) = (first.div_euclid(DAY), ctx.now.max(last).div_euclid(DAY));
        let days = (d1 - d0 + 1) as usize;
        let mut delta = vec![0i64; days + 1];
        for f in facts {
            let a = (f.created.div_euclid(DAY) - d0) as usize;
            // Open at the end of day d while resolved later than that day.
            let b = f.resolved.map_or(days, |r| ((r.div_euclid(DAY) - d0) as usize).min(days));
            if b > a {
                delta[a] += 1;
                delta[b] -= 1;
            }
        }
        let mut open = 0i64;
        (0..days)
            .map(|i| {
                open += delta[i];
                DayOpen { day: day_string(d0 + i as i64), open: open as u64 }
            })
            .collect()
    };
    let people: Vec<&Load> = agents.iter().collect();
    let busiest = people.len().div_ceil(10);
    let busiest_share = (!people.is_empty()).then(|| {
        let total: u64 = people.iter().map(|a| a.events).sum();
        people.iter().take(busiest).map(|a| a.events).sum::<u64>() as f64 / total.max(1) as f64
    });
    WorkloadReport {
        agents,
        automations,
        teams,
        charted,
        weeks: week_rows,
        wip,
        busiest_share,
        busiest_agents: busiest as u64,
        needs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn the_desks_workload() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts);
        let agents: Vec<(&str, u64, u64)> =
            report.agents.iter().map(|a| (a.name.as_str(), a.events, a.cases)).collect();
        // Anna: C1 two events, C3 three; Bob 3, Dan 3 (all in C2); Carla 1; the automations
        // (1 event each) are listed apart, never among the busiest agents.
        assert_eq!(agents, [("Anna", 5, 2), ("Bob", 3, 1), ("Dan", 3, 1), ("Carla", 1, 1)]);
        let automations: Vec<&str> = report.automations.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(automations, ["Auto-close", "Auto-reply"]);
        // The busiest 10 % of the four people is one person: Anna, 5 of 12 events by people.
        assert_eq!((report.busiest_agents, report.busiest_share), (1, Some(5.0 / 12.0)));
        let teams: Vec<(&str, u64)> = report.teams.iter().map(|t| (t.name.as_str(), t.events)).collect();
        assert_eq!(teams, [("L1", 10), ("L2", 4), ("Billing", 1)]);
        // One week of events: Monday 6 to Thursday 9 January.
        assert_eq!(report.weeks.len(), 1);
        assert_eq!((report.weeks[0].events, report.weeks[0].cases, report.weeks[0].agents), (19, 3, 4));
        // Open at the end of each day: on the 6th C2 (C1 was resolved that day); on the 7th
        // and 8th C2 and C3; on the 9th C3 (C2's last resolution was that day).
        let wip: Vec<u64> = report.wip.iter().map(|d| d.open).collect();
        assert_eq!(wip, [1, 2, 2, 1]);
    }
}
