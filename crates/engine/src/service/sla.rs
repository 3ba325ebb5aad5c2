//! SLA compliance.
//!
//! # Where deadlines come from
//! - **A due-date column** (`sla_due`): the clock starts when the case is created and the
//!   case must be resolved by the due time.
//! - **Rules** the user defines ([`SlaRule`]): "from A to B within D", where A is the case's
//!   creation, its first event of an activity, or its first event recognised as a step, and B
//!   its resolution or the first such event at or after A. D may depend on the priority
//!   (the case's priority at creation) and may count only business hours
//!   ([`BusinessHours`]). Several rules (first response, resolution) are evaluated side by
//!   side.
//!
//! When the log has a due-date column, it is what the overall compliance uses; otherwise the
//! rules: a case complies when it met every rule that applies to it; otherwise the tool's own
//! verdict, a yes/no column such as ServiceNow's `made_sla` ([`SlaSource::Flag`]: met when
//! yes and resolved, breached when no, pending when yes and still open).
//!
//! # Outcomes
//! For each case and deadline: **met** when B happened by the deadline; **breached** when B
//! happened after it, or has not happened and the deadline has passed ("now" is the log's
//! latest time); **pending** when B has not happened and the deadline is still ahead; a case
//! to which the rule does not apply (no A, no due date, no duration for its priority) is
//! left out. **Compliance** = met / (met + breached).
//!
//! # What the report shows
//! - Compliance overall, per rule, and by priority, team, channel, case type and agent
//!   (segments as in the [service definitions](super)).
//! - **Breaches after**: for each breached case, the activity of its last event at or before
//!   the deadline (what the case had last done when its time ran out), counted per activity;
//!   an event that records the violation itself ([`Step::SlaViolated`]) does not count.
//! - **Hot potato**: the final quarter of each case's SLA window (`deadline - 25 %` of the
//!   time from A to the deadline, up to the deadline). Among decided cases, the breach rate
//!   of those with a resource change (a reassignment) inside that stretch against those
//!   without one.
//! - **At risk**: open cases whose deadline has passed or falls in the final quarter of its
//!   window, the nearest deadline first.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::need::Need;
use super::segments::{Segment, group};
use super::stats::Rate;
use super::vocabulary::Step;
use crate::discovery::stats::seconds;
use crate::log::{ActivityId, CaseIndex, EventLog, ResourceId, ServiceField, ValueId};
use crate::time::{DAY, Micros, SECOND, to_iso, weekday};

/// Working hours: the days of the week and the time of day in which SLA clocks run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessHours {
    /// Working days, 0 = Monday to 6 = Sunday.
    pub days: Vec<u8>,
    /// Opening time, minutes after midnight.
    pub open_minute: u32,
    /// Closing time, minutes after midnight (after the opening).
    pub close_minute: u32,
}

impl Default for BusinessHours {
    /// Monday to Friday, 08:00 to 18:00.
    fn default() -> Self {
        BusinessHours { days: vec![0, 1, 2, 3, 4], open_minute: 8 * 60, close_minute: 18 * 60 }
    }
}

impl BusinessHours {
    fn window(&self, day: i64) -> Option<(Micros, Micros)> {
        let weekday = weekday(day) as u8;
        (self.days.contains(&weekday) && self.close_minute > self.open_minute).then(|| {
            (
                day * DAY + i64::from(self.open_minute) * 60 * SECOND,
                day * DAY + i64::from(self.close_minute) * 60 * SECOND,
            )
        })
    }

    /// Working time between two instants, microseconds (0 when `to` is not after `from`).
    pub fn between(&self, from: Micros, to: Micros) -> Micros {
        if to <= from {
            return 0;
        }
        let (first, last) = (from.div_euclid(DAY), to.div_euclid(DAY));
        let per_week: Micros = (0..7).filter_map(|d| self.window(d)).map(|(a, b)| b - a).sum();
        let mut total = 0;
        let mut day = first;
        // Whole weeks at once.
        if last - first > 14 {
            while day < first + 7 {
                total += self.overlap(day, from, to);
                day += 1;
            }
            let weeks = (last - day) / 7;
            total += weeks * per_week;
            day += weeks * 7;
        }
        while day <= last {
            total += self.overlap(day, from, to);
            day += 1;
        }
        total
    }

    fn overlap(&self, day: i64, from: Micros, to: Micros) -> Micros {
        self.window(day).map_or(0, |(open, close)| (close.min(to) - open.max(from)).max(0))
    }

    /// The instant after `from` at which `amount` of working time has passed (`None` when the
    /// hours have no working time at all).
    pub fn add(&self, from: Micros, amount: Micros) -> Option<Micros> {
        if self.days.is_empty() || self.close_minute <= self.open_minute {
            return None;
        }
        let mut left = amount.max(0);
        let mut day = from.div_euclid(DAY);
        let per_week: Micros = (0..7).filter_map(|d| self.window(d)).map(|(a, b)| b - a).sum();
        loop {
            if let Some((open, close)) = self.window(day) {
                let begin = open.max(from);
                if close > begin {
                    if begin + left <= close {
                        return Some(begin + left);
                    }
                    left -= close - begin;
                }
            }
            day += 1;
            // Any seven days in a row hold one week's working time: skip whole weeks.
            if left > per_week * 2 {
                let weeks = left / per_week - 1;
                left -= weeks * per_week;
                day += weeks * 7;
            }
        }
    }
}

/// Where an SLA clock starts or stops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// The case's creation (first event).
    Created,
    /// The case's resolution.
    Resolved,
    /// The first event of this activity (by name).
    Activity(String),
    /// The first event recognised as this step.
    Step(Step),
}

/// "From `from` to `to` within `within_s`"; see the [module docs](self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaRule {
    /// The rule's name as the user gave it ("First response").
    pub name: String,
    /// Where the clock starts.
    pub from: Endpoint,
    /// Where it stops.
    pub to: Endpoint,
    /// The allowed time in seconds, for priorities not listed in `per_priority`.
    #[serde(default)]
    pub within_s: Option<f64>,
    /// The allowed time per priority value (as in the file).
    #[serde(default)]
    pub per_priority: BTreeMap<String, f64>,
    /// Count only working time.
    #[serde(default)]
    pub business_hours: Option<BusinessHours>,
}

/// The outcome of one deadline for one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Stopped in time.
    Met,
    /// Stopped late, or not stopped and overdue.
    Breached,
    /// Not stopped, deadline ahead.
    Pending,
}

/// One case against one deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// The outcome.
    pub outcome: Outcome,
    /// When the clock started.
    pub start: Micros,
    /// The deadline.
    pub deadline: Micros,
    /// When it stopped, if it did.
    pub stop: Option<Micros>,
}

/// Where the SLA figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaSource {
    /// The due-date column.
    DueDate,
    /// The user's rules.
    Rules,
    /// The tool's own verdict per case (a yes/no column such as ServiceNow's `made_sla`): no
    /// deadline is known, so what happened before it (breaches after, hot potato, at risk)
    /// cannot be told.
    Flag,
}

/// Every case's clocks: per rule, and the one the overall compliance uses.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaEvaluation {
    /// Where the overall figure comes from; `None` when there is no due date and no rule.
    pub source: Option<SlaSource>,
    /// The rules evaluated.
    pub rules: Vec<SlaRule>,
    /// Per rule, per case (in facts order).
    pub per_rule: Vec<Vec<Option<Clock>>>,
    /// The clock the overall figures use, per case: the due date's, or for rules the
    /// earliest breached rule's (else the latest deadline's).
    pub overall: Vec<Option<Clock>>,
}

fn decide(start: Micros, deadline: Micros, stop: Option<Micros>, now: Micros) -> Clock {
    let outcome = match stop {
        Some(stop) if stop <= deadline => Outcome::Met,
        Some(_) => Outcome::Breached,
        None if now > deadline => Outcome::Breached,
        None => Outcome::Pending,
    };
    Clock { outcome, start, deadline, stop }
}

fn rule_clock(log: &EventLog, ctx: &ServiceContext, rule: &SlaRule, f: &CaseFacts) -> Option<Clock> {
    let events = log.case_events(f.case);
    let find = |endpoint: &Endpoint, from: usize| -> Option<usize> {
        let matches = |e: &usize| match endpoint {
            Endpoint::Activity(name) => log.activities.get(log.activity.get(*e)) == Some(name.as_str()),
            Endpoint::Step(step) => ctx.step_of(log, *e) == Some(*step),
            Endpoint::Created | Endpoint::Resolved => false,
        };
        (from..events.end).find(matches)
    };
    let (start, start_event) = match &rule.from {
        Endpoint::Created => (f.created, events.start),
        Endpoint::Resolved => (f.resolved?, f.resolved_event?),
        other => {
            let e = find(other, events.start)?;
            (log.begin(e), e)
        }
    };
    let allowed = ctx
        .field(log, ServiceField::Priority)
        .and_then(|a| (f.priority != ValueId::MISSING).then(|| a.values.get(f.priority)).flatten())
        .and_then(|p| rule.per_priority.get(p))
        .copied()
        .or(rule.within_s)?;
    let allowed = (allowed * 1e6) as Micros;
    let deadline = match &rule.business_hours {
        Some(hours) => hours.add(start, allowed)?,
        None => start + allowed,
    };
    let stop = match &rule.to {
        Endpoint::Resolved => f.resolved.filter(|&r| r >= start),
        Endpoint::Created => None,
        other => find(other, start_event)
            .filter(|&e| e != start_event || rule.from == Endpoint::Created)
            .map(|e| log.begin(e)),
    };
    Some(decide(start, deadline, stop, ctx.now))
}

/// Evaluates the due dates (when the log has them) and the rules for every case of `facts`.
pub fn evaluate(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts], rules: &[SlaRule]) -> SlaEvaluation {
    let per_rule: Vec<Vec<Option<Clock>>> =
        rules.iter().map(|rule| facts.iter().map(|f| rule_clock(log, ctx, rule, f)).collect()).collect();
    let (source, overall) = if ctx.sla_due.is_some() {
        let overall = facts.iter().map(|f| f.sla_due.map(|due| decide(f.created, due, f.resolved, ctx.now))).collect();
        (Some(SlaSource::DueDate), overall)
    } else if !rules.is_empty() {
        let overall = (0..facts.len())
            .map(|i| {
                let clocks: Vec<Clock> = per_rule.iter().filter_map(|clocks| clocks[i]).collect();
                let breached = clocks.iter().filter(|c| c.outcome == Outcome::Breached).min_by_key(|c| c.deadline);
                let pending = clocks.iter().filter(|c| c.outcome == Outcome::Pending).max_by_key(|c| c.deadline);
                breached.or(pending).or_else(|| clocks.iter().max_by_key(|c| c.deadline)).copied()
            })
            .collect();
        (Some(SlaSource::Rules), overall)
    } else if let Some(flags) = &ctx.sla_met {
        let overall = facts
            .iter()
            .map(|f| {
                flags[f.case.index()].map(|met| {
                    let outcome = match (met, f.resolved) {
                        (false, _) => Outcome::Breached,
                        (true, Some(_)) => Outcome::Met,
                        (true, None) => Outcome::Pending,
                    };
                    Clock { outcome, start: f.created, deadline: f.resolved.unwrap_or(ctx.now), stop: f.resolved }
                })
            })
            .collect();
        (Some(SlaSource::Flag), overall)
    } else {
        (None, vec![None; facts.len()])
    };
    SlaEvaluation { source, rules: rules.to_vec(), per_rule, overall }
}

/// Met, breached and pending cases, and the compliance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Compliance {
    /// Cases that met the deadline.
    pub met: u64,
    /// Cases that breached it.
    pub breached: u64,
    /// Open cases with the deadline ahead.
    pub pending: u64,
    /// met / (met + breached); `None` when no case is decided.
    pub compliance: Option<f64>,
}

impl Compliance {
    /// The compliance of some clocks.
    pub fn of<'a>(clocks: impl IntoIterator<Item = &'a Option<Clock>>) -> Compliance {
        let (mut met, mut breached, mut pending) = (0, 0, 0);
        for clock in clocks.into_iter().flatten() {
            match clock.outcome {
                Outcome::Met => met += 1,
                Outcome::Breached => breached += 1,
                Outcome::Pending => pending += 1,
            }
        }
        let decided = met + breached;
        Compliance { met, breached, pending, compliance: (decided > 0).then(|| met as f64 / decided as f64) }
    }
}

/// One rule's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleReport {
    /// The rule's name.
    pub name: String,
    /// Its compliance.
    #[serde(flatten)]
    pub compliance: Compliance,
}

/// The compliance of one segment value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentCompliance {
    /// The value (`None`: cases without one).
    pub value: Option<String>,
    /// Its compliance.
    #[serde(flatten)]
    pub compliance: Compliance,
}

/// Breached cases per last activity before the deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreachAfter {
    /// The activity.
    pub activity: String,
    /// Breached cases whose last event by the deadline was this activity.
    pub cases: u64,
    /// Share of the breached cases.
    pub share: f64,
}

/// Reassignments in the final stretch before the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HotPotato {
    /// Breaches among decided cases with a resource change in the final quarter.
    pub with_reassignment: Rate,
    /// Breaches among decided cases without one.
    pub without_reassignment: Rate,
}

/// An open case at risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtRisk {
    /// Case id.
    pub case: String,
    /// The deadline, ISO 8601.
    pub deadline: String,
    /// Seconds from now to the deadline (negative: overdue).
    pub left_s: f64,
    /// Its last activity.
    pub last_activity: String,
}

/// Most open cases at risk listed.
pub const AT_RISK_LISTED: usize = 50;

/// The SLA report; see the [module docs](self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaReport {
    /// Where the overall figure comes from (`None`: no due date and no rule).
    pub source: Option<SlaSource>,
    /// Overall.
    pub overall: Compliance,
    /// Per rule, in the rules' order.
    pub rules: Vec<RuleReport>,
    /// By segment (only those the log has columns for).
    pub by_segment: BTreeMap<String, Vec<SegmentCompliance>>,
    /// Breached cases by their last activity before the deadline, most first.
    pub breaches_after: Vec<BreachAfter>,
    /// Reassignments shortly before the deadline.
    pub hot_potato: Option<HotPotato>,
    /// Open cases at risk (at most [`AT_RISK_LISTED`]), the nearest deadline first.
    pub at_risk: Vec<AtRisk>,
    /// Open cases at risk in all.
    pub at_risk_total: u64,
    /// What the log lacks for this analysis.
    pub needs: Vec<Need>,
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> SlaReport {
    report(i.log, i.ctx, i.facts, i.evaluation())
}

/// The SLA report of `facts` with their [`evaluate`]d clocks.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts], evaluation: &SlaEvaluation) -> SlaReport {
    let mut needs = Vec::new();
    if evaluation.source.is_none() {
        needs.push(Need::SlaDue);
    }
    // A due date and the tool's verdict are measured against the resolution, as are rules
    // that end at it: without a recognised resolution their outcomes cannot be told.
    let to_resolution = |e: &Endpoint| matches!(e, Endpoint::Resolved | Endpoint::Step(Step::Resolved | Step::Closed));
    let on_resolution = match evaluation.source {
        Some(SlaSource::DueDate | SlaSource::Flag) => true,
        Some(SlaSource::Rules) => evaluation.rules.iter().any(|r| to_resolution(&r.from) || to_resolution(&r.to)),
        None => false,
    };
    if on_resolution {
        needs.extend(ctx.resolution_need());
    }
    let overall = Compliance::of(&evaluation.overall);
    let rules = evaluation
        .rules
        .iter()
        .zip(&evaluation.per_rule)
        .map(|(rule, clocks)| RuleReport { name: rule.name.clone(), compliance: Compliance::of(clocks) })
        .collect();
    let index_of: std::collections::HashMap<CaseIndex, usize> =
        facts.iter().enumerate().map(|(i, f)| (f.case, i)).collect();
    let mut by_segment = BTreeMap::new();
    if evaluation.source.is_some() {
        for &segment in Segment::ALL {
            let rows: Vec<SegmentCompliance> = group(log, ctx, facts, segment)
                .into_iter()
                .map(|(value, cases)| SegmentCompliance {
                    value,
                    compliance: Compliance::of(cases.iter().map(|f| &evaluation.overall[index_of[&f.case]])),
                })
                .collect();
            if !rows.is_empty() {
                by_segment.insert(segment.key().to_owned(), rows);
            }
        }
    }
    // What the breached cases had last done by their deadline.
    let mut after: BTreeMap<ActivityId, u64> = BTreeMap::new();
    let mut breached_total = 0u64;
    let (mut with, mut with_breached, mut without, mut without_breached) = (0u64, 0u64, 0u64, 0u64);
    let mut at_risk: Vec<(Micros, AtRisk)> = Vec::new();
    // The tool's verdict knows no deadline: nothing can be told about the time before it.
    let deadlines = evaluation.source != Some(SlaSource::Flag);
    for (f, clock) in facts.iter().zip(&evaluation.overall) {
        let Some(clock) = clock else { continue };
        if !deadlines {
            breached_total += u64::from(clock.outcome == Outcome::Breached);
            continue;
        }
        let events = log.case_events(f.case);
        if clock.outcome == Outcome::Breached {
            breached_total += 1;
            // The violation record itself (at the deadline) is no work the case had done.
            if let Some(e) = events
                .clone()
                .rev()
                .find(|&e| log.time[e] <= clock.deadline && ctx.step_of(log, e) != Some(Step::SlaViolated))
            {
                *after.entry(log.activity.get(e)).or_default() += 1;
            }
        }
        if clock.outcome != Outcome::Pending {
            let stretch_start = clock.deadline - (clock.deadline - clock.start) / 4;
            let last_event_time = clock.stop.unwrap_or(clock.deadline).min(clock.deadline);
            let mut previous = ResourceId::MISSING;
            let mut reassigned = false;
            for e in events.clone() {
                let resource = log.resource.get(e);
                if resource == ResourceId::MISSING {
                    continue;
                }
                let t = log.begin(e);
                if previous != ResourceId::MISSING && resource != previous && t >= stretch_start && t <= last_event_time
                {
                    reassigned = true;
                }
                previous = resource;
            }
            let breached = u64::from(clock.outcome == Outcome::Breached);
            if reassigned {
                with += 1;
                with_breached += breached;
            } else {
                without += 1;
                without_breached += breached;
            }
        }
        let open = clock.stop.is_none();
        let stretch_start = clock.deadline - (clock.deadline - clock.start) / 4;
        if open && f.resolved.is_none() && ctx.now >= stretch_start {
            let last = events.end - 1;
            at_risk.push((
                clock.deadline,
                AtRisk {
                    case: log.case_ids[f.case.index()].to_string(),
                    deadline: to_iso(clock.deadline),
                    left_s: seconds(clock.deadline - ctx.now),
                    last_activity: log.activities.get(log.activity.get(last)).unwrap_or_default().to_owned(),
                },
            ));
        }
    }
    let mut breaches_after: Vec<BreachAfter> = after
        .into_iter()
        .map(|(activity, cases)| BreachAfter {
            activity: log.activities.get(activity).unwrap_or_default().to_owned(),
            cases,
            share: cases as f64 / breached_total.max(1) as f64,
        })
        .collect();
    breaches_after.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.activity.cmp(&b.activity)));
    at_risk.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.case.cmp(&b.1.case)));
    let at_risk_total = at_risk.len() as u64;
    SlaReport {
        source: evaluation.source,
        overall,
        rules,
        by_segment,
        breaches_after,
        hot_potato: (with + without > 0).then(|| HotPotato {
            with_reassignment: Rate::new(with_breached, with),
            without_reassignment: Rate::new(without_breached, without),
        }),
        at_risk: at_risk.into_iter().take(AT_RISK_LISTED).map(|(_, r)| r).collect(),
        at_risk_total,
        needs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{DESK, facts};
    use super::*;

    const H: f64 = 3600.0;
    const HOUR: Micros = 3_600_000_000;

    #[test]
    fn due_dates_decide_met_breached_and_pending() {
        let (log, ctx, facts) = facts(DESK);
        let evaluation = evaluate(&log, &ctx, &facts, &[]);
        assert_eq!(evaluation.source, Some(SlaSource::DueDate));
        let outcomes: Vec<Outcome> = evaluation.overall.iter().map(|c| c.unwrap().outcome).collect();
        // C1 resolved at 11:00, due 17:00. C2 resolved on the 9th, due on the 7th. C3 open,
        // due on the 8th at 08:00, and now is the 9th at 12:00: overdue.
        assert_eq!(outcomes, [Outcome::Met, Outcome::Breached, Outcome::Breached]);
        let report = report(&log, &ctx, &facts, &evaluation);
        assert_eq!(report.overall.compliance, Some(1.0 / 3.0));
        // By priority: High has C1 (met) and C3 (breached); Low has C2 (breached).
        let priority = &report.by_segment["priority"];
        assert_eq!(priority[0].value.as_deref(), Some("High"));
        assert_eq!((priority[0].compliance.met, priority[0].compliance.breached), (1, 1));
        assert_eq!((priority[1].compliance.met, priority[1].compliance.breached), (0, 1));
        // C2's last event by its deadline (07 10:00) was the escalation at 09:00; C3's the
        // reassignment to Billing on the 7th at 16:00.
        let after: Vec<(&str, u64)> = report.breaches_after.iter().map(|b| (b.activity.as_str(), b.cases)).collect();
        assert_eq!(after, [("Case Assigned", 1), ("Case Escalated", 1)]);
        // C3 is open and overdue: at risk, 28 h past its deadline.
        assert_eq!(report.at_risk_total, 1);
        assert_eq!(report.at_risk[0].case, "C3");
        assert_eq!(report.at_risk[0].left_s, -28.0 * H);
    }

    #[test]
    fn hot_potato_compares_reassigned_and_other_cases() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[]));
        // C2's window is 06 10:00 to 07 10:00; its final quarter starts on the 7th at 04:00;
        // no resource changed in it (Bob escalated at 09:00, Dan came at 12:00). C3's window
        // 07 08:00 to 08 08:00, final quarter from 08 02:00: nothing. C1: 09:00 to 17:00,
        // final quarter from 15:00, after its resolution at 11:00: nothing.
        let hot = report.hot_potato.unwrap();
        assert_eq!((hot.with_reassignment.of, hot.without_reassignment.of), (0, 3));
        assert_eq!(hot.without_reassignment.count, 2);
    }

    #[test]
    fn rules_per_priority_and_in_business_hours() {
        let (log, mut ctx, facts) = facts(DESK);
        ctx.sla_due = None;
        let first_response = SlaRule {
            name: "First response".into(),
            from: Endpoint::Created,
            to: Endpoint::Step(Step::Assigned),
            within_s: Some(1.0 * H),
            per_priority: BTreeMap::from([("Low".to_owned(), 0.1 * H)]),
            business_hours: None,
        };
        let resolution = SlaRule {
            name: "Resolution".into(),
            from: Endpoint::Created,
            to: Endpoint::Resolved,
            within_s: Some(10.0 * H),
            per_priority: BTreeMap::new(),
            business_hours: Some(BusinessHours::default()),
        };
        let facts_ = facts;
        let evaluation = evaluate(&log, &ctx, &facts_, &[first_response, resolution]);
        assert_eq!(evaluation.source, Some(SlaSource::Rules));
        let outcomes =
            |rule: usize| -> Vec<Outcome> { evaluation.per_rule[rule].iter().map(|c| c.unwrap().outcome).collect() };
        // First response: C1 assigned after 30 min (met), C2 (Low, 6 min allowed) after 10 min
        // (breached), C3 after 60 min (met: exactly the limit).
        assert_eq!(outcomes(0), [Outcome::Met, Outcome::Breached, Outcome::Met]);
        // Resolution in 10 business hours: C1 took 2 h (met). C2 was created Monday 10:00:
        // 10 working hours end on Tuesday at 10:00; it was resolved on Thursday (breached).
        // C3 is open, created Tuesday 08:00, deadline Tuesday 18:00, now Thursday: breached.
        assert_eq!(outcomes(1), [Outcome::Met, Outcome::Breached, Outcome::Breached]);
        assert_eq!(evaluation.per_rule[1][1].unwrap().deadline - facts_[1].created, 24 * HOUR);
        let report = report(&log, &ctx, &facts_, &evaluation);
        assert_eq!(report.rules[0].compliance.compliance, Some(2.0 / 3.0));
        // Overall: a case complies when it met every rule: only C1.
        assert_eq!(report.overall.compliance, Some(1.0 / 3.0));
    }

    #[test]
    fn without_due_dates_or_rules_the_report_says_what_is_missing() {
        let (log, ctx, facts) = facts("case,activity,time\n1,a,2025-01-01 10:00\n");
        let report = report(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[]));
        assert_eq!(report.source, None);
        assert_eq!(report.overall.compliance, None);
        assert_eq!(report.needs, [Need::SlaDue]);
    }

    #[test]
    fn business_hours_count_and_add_working_time() {
        let hours = BusinessHours::default();
        // 2025-01-06 is a Monday; days since the epoch.
        let monday = 20_094 * DAY;
        assert_eq!(hours.between(monday + 7 * HOUR, monday + 9 * HOUR), HOUR);
        // Friday 17:00 to Monday 09:00: two working hours.
        assert_eq!(hours.between(monday + 4 * DAY + 17 * HOUR, monday + 7 * DAY + 9 * HOUR), 2 * HOUR);
        // Three weeks: 150 hours, counted by whole weeks.
        assert_eq!(hours.between(monday, monday + 21 * DAY), 150 * HOUR);
        assert_eq!(hours.add(monday + 4 * DAY + 17 * HOUR, 2 * HOUR), Some(monday + 7 * DAY + 9 * HOUR));
        assert_eq!(hours.add(monday, 150 * HOUR), Some(monday + 18 * DAY + 18 * HOUR));
        assert_eq!(hours.add(monday + 20 * HOUR, 0), Some(monday + DAY + 8 * HOUR));
        let none = BusinessHours { days: vec![], ..BusinessHours::default() };
        assert_eq!(none.add(monday, HOUR), None);
    }
}
