//! The per-case facts: one pass over the events of the selected cases gives each case a
//! compact [`CaseFacts`] row (created, resolved, handoffs, reopens, segments, ...), and every
//! service analysis reads these rows instead of the events. The definitions behind each fact
//! are in the [service module docs](super).

use serde::{Deserialize, Serialize};

use super::context::{ServiceContext, case_values};
use super::vocabulary::Step;
use crate::log::{Attribute, CaseIndex, EventLog, Level, MaybeMissing, ResourceId, Selection, ServiceField, ValueId};
use crate::time::Micros;

/// What one case did, as the service analyses need it; see the [service module docs](super).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFacts {
    /// The case.
    pub case: CaseIndex,
    /// Events.
    pub events: u32,
    /// When it was created.
    pub created: Micros,
    /// Its last event's time.
    pub ended: Micros,
    /// When it was resolved; `None` while open.
    pub resolved: Option<Micros>,
    /// The position of the event that resolved it.
    pub resolved_event: Option<usize>,
    /// The first acknowledgement or action by a resource after creation.
    pub acknowledged: Option<Micros>,
    /// The first action by a person.
    pub first_agent: Option<Micros>,
    /// Resource changes.
    pub handoffs: u32,
    /// Whether the collapsed resource sequence has some `A, B, A`.
    pub ping_pong: bool,
    /// Distinct people among the resources.
    pub agents: u32,
    /// Team changes (event-level team column).
    pub team_changes: u32,
    /// Team changes made by a routing step (an assignment or reassignment; any step when the
    /// log has none) with no escalation since the previous change: the case was sent to
    /// another queue, not escalated and not joined by an expert for one activity.
    pub reroutes: u32,
    /// Reopen events.
    pub reopens: u32,
    /// Escalation events.
    pub escalations: u32,
    /// Escalated: an escalation event or the escalated flag.
    pub escalated: bool,
    /// Some activity occurs more than once.
    pub rework: bool,
    /// Events waiting for the customer.
    pub customer_waits: u32,
    /// Events in which the customer responded.
    pub customer_responses: u32,
    /// Events contacting the customer.
    pub customer_contacts: u32,
    /// The type changed (an activity recognised as such, or the type column changed).
    pub type_changed: bool,
    /// The priority changed.
    pub priority_changed: bool,
    /// SLA due time.
    pub sla_due: Option<Micros>,
    /// CSAT score.
    pub csat: Option<f64>,
    /// Value ids of the segments (priority, channel, case type, team), [`ValueId::MISSING`] when
    /// none.
    pub priority: ValueId,
    /// Channel value id.
    pub channel: ValueId,
    /// Case type value id.
    pub case_type: ValueId,
    /// Team value id.
    pub team: ValueId,
    /// The resolving (else last) resource.
    pub agent: ResourceId,
}

impl CaseFacts {
    /// Resolution time in microseconds, when resolved.
    pub fn resolution(&self) -> Option<Micros> {
        self.resolved.map(|r| r - self.created)
    }

    /// Duration from creation to the last event.
    pub fn duration(&self) -> Micros {
        self.ended - self.created
    }

    /// Whether the case was reopened.
    pub fn reopened(&self) -> bool {
        self.reopens > 0
    }
}

/// A case's first value of an attribute (its one value, for a case-level attribute).
fn first_present(attribute: &Attribute, log: &EventLog, case: CaseIndex) -> ValueId {
    match attribute.level {
        Level::Case => attribute.id_at(case.index()),
        Level::Event => case_values(attribute, log, case).find(|&v| v != ValueId::MISSING).unwrap_or(ValueId::MISSING),
    }
}

/// Counts the changes in a sequence with missing values left out, and tells whether the
/// collapsed sequence has some `A, B, A`.
pub(crate) fn changes<I: MaybeMissing>(sequence: impl Iterator<Item = I>) -> (u32, bool) {
    let mut changes = 0;
    let mut ping_pong = false;
    let (mut last, mut before) = (I::MISSING, I::MISSING);
    for value in sequence.filter(|&v| v != I::MISSING) {
        if last != I::MISSING && value != last {
            changes += 1;
            ping_pong |= value == before;
            before = last;
        }
        last = value;
    }
    (changes, ping_pong)
}

/// The facts of every selected case, in selection order.
pub fn case_facts(log: &EventLog, ctx: &ServiceContext, selection: Selection<'_>) -> Vec<CaseFacts> {
    let team = ctx.field(log, ServiceField::Team);
    let priority = ctx.field(log, ServiceField::Priority);
    let channel = ctx.field(log, ServiceField::Channel);
    let case_type = ctx.field(log, ServiceField::CaseType);
    let routing_steps = ctx.has_step(Step::Assigned) || ctx.has_step(Step::Reassigned);
    // The last case in which each activity was seen (no case is `u32::MAX`).
    let mut seen: Vec<CaseIndex> = vec![CaseIndex(u32::MAX); log.activities.len()];
    let mut people: Vec<ResourceId> = Vec::new();
    let mut values: Vec<ValueId> = Vec::new();
    selection
        .iter(log)
        .map(|case| {
            let events = log.case_events(case);
            let (first, last) = (events.start, events.end - 1);
            let created = log.begin(first);
            let mut facts = CaseFacts {
                case,
                events: events.len() as u32,
                created,
                ended: log.time[last],
                resolved: None,
                resolved_event: None,
                acknowledged: None,
                first_agent: None,
                handoffs: 0,
                ping_pong: false,
                agents: 0,
                team_changes: 0,
                reroutes: 0,
                reopens: 0,
                escalations: 0,
                escalated: false,
                rework: false,
                customer_waits: 0,
                customer_responses: 0,
                customer_contacts: 0,
                type_changed: false,
                priority_changed: false,
                sla_due: ctx.sla_due.as_ref().and_then(|d| d[case.index()]),
                csat: ctx.csat.as_ref().and_then(|c| c[case.index()]),
                priority: priority.map_or(ValueId::MISSING, |a| first_present(a, log, case)),
                channel: channel.map_or(ValueId::MISSING, |a| first_present(a, log, case)),
                case_type: case_type.map_or(ValueId::MISSING, |a| first_present(a, log, case)),
                team: ValueId::MISSING,
                agent: ResourceId::MISSING,
            };
            let (mut last_resolved, mut last_closed) = (None, None);
            people.clear();
            for e in events.clone() {
                let begin = log.begin(e);
                let step = ctx.step_of(log, e);
                let activity = log.activity.get(e).index();
                if seen[activity] == case {
                    facts.rework = true;
                }
                seen[activity] = case;
                let resource = log.resource.get(e);
                if e > first
                    && facts.acknowledged.is_none()
                    && (step == Some(Step::Acknowledged) || resource != ResourceId::MISSING)
                {
                    facts.acknowledged = Some(begin);
                }
                if ctx.by_person(log, e) {
                    facts.first_agent.get_or_insert(begin);
                    if !people.contains(&resource) {
                        people.push(resource);
                    }
                }
                match step {
                    Some(Step::Resolved) => last_resolved = Some(e),
                    Some(Step::Closed) => last_closed = Some(e),
                    Some(Step::Reopened) => facts.reopens += 1,
                    Some(Step::Escalated) => facts.escalations += 1,
                    Some(Step::WaitingForCustomer) => facts.customer_waits += 1,
                    Some(Step::CustomerResponded) => facts.customer_responses += 1,
                    Some(Step::CustomerContact) => facts.customer_contacts += 1,
                    Some(Step::TypeChanged) => facts.type_changed = true,
                    Some(Step::PriorityChanged) => facts.priority_changed = true,
                    _ => {}
                }
            }
            facts.agents = people.len() as u32;
            (facts.handoffs, facts.ping_pong) = changes(log.resource.run(events.clone()).iter());
            facts.resolved_event = if ctx.resolution_from_steps { last_resolved.or(last_closed) } else { Some(last) };
            facts.resolved = facts.resolved_event.map(|e| log.time[e]);
            facts.escalated = facts.escalations > 0 || ctx.escalated_flag.as_ref().is_some_and(|f| f[case.index()]);
            // The tool's reopen count when it says more than the activities do.
            if let Some(Some(count)) = ctx.reopen_count.as_ref().map(|c| c[case.index()]) {
                facts.reopens = facts.reopens.max(count);
            }
            let at = facts.resolved_event.unwrap_or(last);
            let until = at + 1 - first;
            if let Some(team) = team {
                values.clear();
                values.extend(case_values(team, log, case));
                facts.team =
                    values[..until].iter().rev().copied().find(|&v| v != ValueId::MISSING).unwrap_or(ValueId::MISSING);
                let (mut previous, mut escalated_since) = (ValueId::MISSING, false);
                for (offset, &value) in values.iter().enumerate() {
                    let step = ctx.step_of(log, first + offset);
                    if step == Some(Step::Escalated) {
                        escalated_since = true;
                    }
                    if value == ValueId::MISSING {
                        continue;
                    }
                    if previous != ValueId::MISSING && value != previous {
                        facts.team_changes += 1;
                        let routed = !routing_steps || matches!(step, Some(Step::Assigned | Step::Reassigned));
                        if routed && !escalated_since {
                            facts.reroutes += 1;
                        }
                        escalated_since = false;
                    }
                    previous = value;
                }
            }
            facts.agent = log
                .resource
                .run(first..first + until)
                .iter()
                .rev()
                .find(|&r| r != ResourceId::MISSING)
                .unwrap_or(ResourceId::MISSING);
            if let Some(kind) = case_type
                && kind.level == Level::Event
            {
                facts.type_changed |= changes(case_values(kind, log, case)).0 > 0;
            }
            if let Some(priority) = priority
                && priority.level == Level::Event
            {
                facts.priority_changed |= changes(case_values(priority, log, case)).0 > 0;
            }
            facts
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::{DESK, facts};

    #[test]
    fn facts_of_the_desk_are_hand_computed() {
        let (log, ctx, facts) = facts(DESK);
        assert!(ctx.resolution_from_steps);
        assert_eq!(crate::time::to_iso(ctx.now), "2025-01-09T12:00:00Z");
        let [c1, c2, c3] = &facts[..] else { panic!("three cases") };
        const MIN: Micros = 60_000_000;
        // C1: resolved at 11:00 (not closed two days later), 2 h after creation.
        assert_eq!(c1.resolution(), Some(120 * MIN));
        assert_eq!(c1.acknowledged.map(|t| t - c1.created), Some(5 * MIN));
        assert_eq!(c1.first_agent.map(|t| t - c1.created), Some(30 * MIN));
        // Auto-reply -> Anna -> Auto-close: two resource changes, one person.
        assert_eq!((c1.handoffs, c1.agents, c1.ping_pong), (2, 1, false));
        assert_eq!((c1.reopens, c1.escalated, c1.rework), (0, false, false));
        assert_eq!(c1.csat, Some(4.0));
        // C2: Bob, Carla, Bob (ping-pong), Bob escalates, Dan; the reopen has no resource.
        assert_eq!((c2.handoffs, c2.ping_pong, c2.agents), (3, true, 3));
        assert_eq!((c2.reopens, c2.escalations, c2.escalated, c2.rework), (1, 1, true, true));
        // Resolved the second time, 3 days 2 h after creation.
        assert_eq!(c2.resolution(), Some((3 * 24 * 60 + 2 * 60) * MIN));
        // L1 -> L2 after an escalation: a team change, no re-route.
        assert_eq!((c2.team_changes, c2.reroutes), (1, 0));
        assert_eq!(log.attributes.iter().find(|a| a.name == "team").unwrap().values.get(c2.team), Some("L2"));
        assert_eq!(log.resources.get(c2.agent), Some("Dan"));
        // C3 is open: no resolution; one wait for the customer and its answer; re-routed.
        assert_eq!((c3.resolved, c3.customer_waits, c3.customer_responses), (None, 1, 1));
        assert_eq!((c3.team_changes, c3.reroutes), (1, 1));
        assert_eq!(c3.csat, None);
        assert!(c3.rework, "Case Assigned twice");
        assert_eq!(c3.sla_due.map(|d| d - c3.created), Some(24 * 60 * MIN));
    }

    #[test]
    fn without_resolution_steps_cases_resolve_at_their_end() {
        let (_, ctx, facts) = facts("case,activity,time\n1,a,2025-01-01 10:00\n1,b,2025-01-01 12:00\n");
        assert!(!ctx.resolution_from_steps);
        assert_eq!(facts[0].resolution(), Some(7_200_000_000));
    }

    #[test]
    fn changes_and_ping_pong() {
        let values = |ids: [u32; 4]| ids.map(ValueId).into_iter();
        assert_eq!(changes(values([1, ValueId::MISSING.0, 1, 2])), (1, false));
        assert_eq!(changes(values([1, 2, 2, 1])), (2, true));
        assert_eq!(changes(values([1, 2, 3, 2])), (3, true));
        assert_eq!(changes(values([1, 2, 3, 4])), (3, false));
        assert_eq!(changes(std::iter::empty::<ValueId>()), (0, false));
    }
}
