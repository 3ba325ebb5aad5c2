//! Service analytics: the questions customer-service teams ask, answered from the event log.
//!
//! Every analysis reads the same per-case [`CaseFacts`], computed in one pass over the
//! selected cases by [`case_facts`]; each module defines its figures in its own docs:
//!
//! - [`kpis`]: the overview KPIs and their trend per week and month.
//! - [`bottlenecks`]: where cases wait.
//! - [`sla`]: SLA compliance from a due-date column or from rules.
//! - [`handoffs`]: agent and team changes, ping-pong, the handover network, tiers.
//! - [`rework`]: repeated activities, loops, reopened cases.
//! - [`escalations`]: rate, segments, what precedes an escalation.
//! - [`fcr`]: first-contact resolution, with switchable parts.
//! - [`priority`]: whether higher priorities are faster.
//! - [`channels`]: KPIs per channel, channel switches.
//! - [`workload`]: cases and events per agent and team, balance, work in progress.
//! - [`acknowledgement`]: time to the first acknowledgement or agent action.
//! - [`misclassification`]: cases whose type or team changed, and what it cost.
//! - [`csat`]: satisfaction by path, channel, team, handoffs, reopen.
//! - [`drivers`]: the attribute values and path features that most raise an outcome's rate.
//!
//! # Shared definitions
//! Activities are recognised by the [`vocabulary`] (Resolved, Reopened, Escalated, ...).
//! Events are read in the log's order (PM4Py's: by time, then file order).
//!
//! - **Created**: the case's first event (its start time when the log has start times).
//! - **Resolved**: the time of the case's last event recognised as [`Step::Resolved`]; a
//!   case without one is resolved by its last [`Step::Closed`] event. A case with neither is
//!   **open**. When the log has no activity recognised as a resolution or a closure at all,
//!   every case counts as resolved by its last event (the case duration is the resolution
//!   time), and [`ServiceContext::resolution_from_steps`] says so.
//! - **Resolution time**: resolved minus created.
//! - **Now**: the latest time in the log (an export has no other "now"); open cases are
//!   measured up to it.
//! - **Handoffs**: the number of resource changes between consecutive events, events without
//!   a resource left out (`A, -, A, B` has one).
//! - **Agents**: distinct resources of the case that are people (not automations such as
//!   `Auto-reply`, per the vocabulary).
//! - **Segments** (priority, channel, case type): the case's first value, as it was created;
//!   team and agent: the team and resource of the event that resolved the case (else the
//!   last ones the case had).
//! - **CSAT**: the case's last numeric value of the CSAT column.
//! - **Reopens**: the events recognised as [`Step::Reopened`], or the tool's own reopen count
//!   (`reopen_count`, Zendesk's `Reopens`: the case's last value) when that is higher.

use serde::{Deserialize, Serialize};

pub use crate::discovery::cases::Distribution;
use crate::ingest::timestamp::infer_format;
use crate::log::{Attribute, CaseIndex, EventLog, Level, MISSING, Selection, ServiceField, ValueId};
use crate::time::Micros;

pub mod acknowledgement;
pub mod bottlenecks;
pub mod channels;
pub mod csat;
pub mod drivers;
pub mod escalations;
pub mod fcr;
pub mod handoffs;
pub mod kpis;
pub mod misclassification;
pub mod priority;
pub mod rework;
pub mod segments;
pub mod sla;
pub mod vocabulary;
pub mod workload;

pub use vocabulary::{Matcher, Step, Vocabulary};

/// A column an analysis needs and the log lacks: the view names it (and links to the
/// mapping step) instead of showing zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// A resource (agent) column.
    Resource,
    /// A team column.
    Team,
    /// A priority column.
    Priority,
    /// A channel column.
    Channel,
    /// A case-type column.
    CaseType,
    /// An SLA due-date column, or SLA rules.
    SlaDue,
    /// A CSAT column.
    Csat,
    /// Start and end times per event (working vs waiting time).
    StartTime,
    /// An activity the vocabulary recognises as this step (e.g. "Case Reopened"), or for
    /// escalations an escalated-flag column.
    Activity(Step),
}

/// What the log offers the service analyses: the vocabulary applied to its activities and
/// resources, and the service columns found and parsed. Cheap to build (a pass over the
/// distinct names and the cases).
#[derive(Debug, Clone)]
pub struct ServiceContext {
    /// The vocabulary.
    pub matcher: Matcher,
    /// The step of each activity (by id).
    pub steps: Vec<Option<Step>>,
    /// Whether each resource (by id) is an automation.
    pub automation: Vec<bool>,
    /// The attribute index of each service field the log has.
    fields: [Option<usize>; ServiceField::ALL.len()],
    /// The SLA due time of each case, when the log has a due-date column.
    pub sla_due: Option<Vec<Option<Micros>>>,
    /// The CSAT score of each case, when the log has a CSAT column.
    pub csat: Option<Vec<Option<f64>>>,
    /// Whether each case is flagged escalated, when the log has an escalated column.
    pub escalated_flag: Option<Vec<bool>>,
    /// Whether the tool counted each case as within its SLA (its last yes/no value), when the
    /// log has such a column (ServiceNow's `made_sla`).
    pub sla_met: Option<Vec<Option<bool>>>,
    /// How often each case was reopened by the tool's own count (its last value), when the log
    /// has such a column.
    pub reopen_count: Option<Vec<Option<u32>>>,
    /// How often each case was reassigned by the tool's own count, when the log has such a
    /// column.
    pub reassignment_count: Option<Vec<Option<u32>>>,
    /// The latest time in the log.
    pub now: Micros,
    /// Whether resolution comes from Resolved / Closed activities (else from case ends).
    pub resolution_from_steps: bool,
}

fn field_index(field: ServiceField) -> usize {
    ServiceField::ALL.iter().position(|f| *f == field).expect("every field is in ALL")
}

/// The value id of an attribute for each event of a case, in order (case-level attributes
/// repeat their one value).
pub(crate) fn case_values<'a>(
    attribute: &'a Attribute,
    log: &'a EventLog,
    case: CaseIndex,
) -> impl Iterator<Item = ValueId> + 'a {
    let events = log.case_events(case);
    events.map(move |e| match attribute.level {
        Level::Case => attribute.ids[case as usize],
        Level::Event => attribute.ids[e],
    })
}

/// A number in a CSAT-like value: `4`, `4.5`, `4,5`, `80%`, `4/5` (the part before the slash).
pub fn parse_score(value: &str) -> Option<f64> {
    let value = value.trim();
    let value = value.split('/').next().unwrap_or(value).trim().trim_end_matches('%').trim();
    value.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Each case's last value of `attribute` that `parse` accepts.
fn per_case_last<T: Copy>(log: &EventLog, attribute: &Attribute, parse: impl Fn(&str) -> Option<T>) -> Vec<Option<T>> {
    let parsed: Vec<Option<T>> = attribute.values.names().map(parse).collect();
    (0..log.case_count() as CaseIndex)
        .map(|case| match attribute.level {
            // One value per case: no need to walk its events.
            Level::Case => parsed.get(attribute.ids[case as usize] as usize).copied().flatten(),
            Level::Event => case_values(attribute, log, case)
                .filter(|&id| id != MISSING)
                .filter_map(|id| parsed[id as usize])
                .last(),
        })
        .collect()
}

impl ServiceContext {
    /// The context of `log` with a vocabulary.
    pub fn new(log: &EventLog, vocabulary: &Vocabulary) -> ServiceContext {
        let matcher = Matcher::new(vocabulary);
        let steps: Vec<Option<Step>> = log.activities.names().map(|name| matcher.step(name)).collect();
        let automation = log.resources.names().map(|name| matcher.is_automation(name)).collect();
        let mut fields = [None; ServiceField::ALL.len()];
        for (index, attribute) in log.attributes.iter().enumerate() {
            if let Some(field) = attribute.field {
                fields[field_index(field)].get_or_insert(index);
            }
        }
        let sla_due = fields[field_index(ServiceField::SlaDue)].map(|index| {
            let attribute = &log.attributes[index];
            let format = attribute.time_format.or_else(|| infer_format(attribute.values.names()).map(|i| i.format));
            // The importer's parser (with its cache of days): a due date per case is many values.
            let parser = std::cell::RefCell::new(format.map(crate::ingest::timestamp::Parser::new));
            per_case_last(log, attribute, |value| parser.borrow_mut().as_mut().and_then(|p| p.parse(value)))
        });
        let csat = fields[field_index(ServiceField::Csat)]
            .map(|index| per_case_last(log, &log.attributes[index], parse_score))
            .filter(|scores| scores.iter().any(Option::is_some));
        let escalated_flag = fields[field_index(ServiceField::Escalated)].map(|index| {
            let attribute = &log.attributes[index];
            let yes: Vec<bool> = attribute.values.names().map(|v| matcher.is_yes(v)).collect();
            (0..log.case_count() as CaseIndex)
                .map(|case| match attribute.level {
                    Level::Case => yes.get(attribute.ids[case as usize] as usize).copied().unwrap_or(false),
                    Level::Event => case_values(attribute, log, case).any(|id| id != MISSING && yes[id as usize]),
                })
                .collect()
        });
        let count =
            |value: &str| value.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).map(|v| v as u32);
        let counted = |field: ServiceField| {
            fields[field_index(field)]
                .map(|index| per_case_last(log, &log.attributes[index], count))
                .filter(|counts| counts.iter().any(Option::is_some))
        };
        let reopen_count = counted(ServiceField::ReopenCount);
        let reassignment_count = counted(ServiceField::ReassignmentCount);
        let sla_met = fields[field_index(ServiceField::SlaMet)]
            .map(|index| per_case_last(log, &log.attributes[index], |v| matcher.yes_or_no(v)))
            .filter(|flags| flags.iter().any(Option::is_some));
        let resolution_from_steps = steps.iter().any(|s| matches!(s, Some(Step::Resolved | Step::Closed)));
        ServiceContext {
            now: log.time.iter().copied().max().unwrap_or(0),
            matcher,
            steps,
            automation,
            fields,
            sla_due,
            csat,
            escalated_flag,
            sla_met,
            reopen_count,
            reassignment_count,
            resolution_from_steps,
        }
    }

    /// Whether reopenings can be counted: an activity recognised as a reopening, or the tool's
    /// reopen count.
    pub fn knows_reopens(&self) -> bool {
        self.has_step(Step::Reopened) || self.reopen_count.is_some()
    }

    /// The same context with another "now" (for a filtered log: the whole log's latest time,
    /// so that open cases are measured up to the same moment whatever the filters).
    pub fn with_now(mut self, now: Option<Micros>) -> ServiceContext {
        if let Some(now) = now {
            self.now = now;
        }
        self
    }

    /// The attribute of a service field, if the log has one.
    pub fn field<'l>(&self, log: &'l EventLog, field: ServiceField) -> Option<&'l Attribute> {
        self.fields[field_index(field)].map(|index| &log.attributes[index])
    }

    /// What figures resting on resolution (resolution times, open cases, first-contact
    /// resolution) need when no activity is recognised as a resolution or a closure: such an
    /// activity. Reports that have such figures name it in their `needs`.
    pub fn resolution_need(&self) -> Option<Need> {
        (!self.resolution_from_steps).then_some(Need::Activity(Step::Resolved))
    }

    /// Whether some activity of the log is recognised as `step`.
    pub fn has_step(&self, step: Step) -> bool {
        self.steps.contains(&Some(step))
    }

    /// The step of an event's activity.
    pub fn step_of(&self, log: &EventLog, event: usize) -> Option<Step> {
        self.steps[log.activity[event] as usize]
    }

    /// Whether an event was done by a person (it has a resource that is no automation).
    pub fn by_person(&self, log: &EventLog, event: usize) -> bool {
        let resource = log.resource[event];
        resource != MISSING && !self.automation[resource as usize]
    }
}

/// What one case did, as the service analyses need it; see the [module docs](self).
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
    /// Value ids of the segments (priority, channel, case type, team), [`MISSING`] when none.
    pub priority: ValueId,
    /// Channel value id.
    pub channel: ValueId,
    /// Case type value id.
    pub case_type: ValueId,
    /// Team value id.
    pub team: ValueId,
    /// The resolving (else last) resource.
    pub agent: u32,
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
        Level::Case => attribute.ids[case as usize],
        Level::Event => case_values(attribute, log, case).find(|&v| v != MISSING).unwrap_or(MISSING),
    }
}

/// Counts the changes in a sequence with missing values left out, and tells whether the
/// collapsed sequence has some `A, B, A`.
pub(crate) fn changes(sequence: impl Iterator<Item = u32>) -> (u32, bool) {
    let mut changes = 0;
    let mut ping_pong = false;
    let (mut last, mut before) = (MISSING, MISSING);
    for value in sequence.filter(|&v| v != MISSING) {
        if last != MISSING && value != last {
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
    let mut seen: Vec<u32> = vec![u32::MAX; log.activities.len()];
    let mut people: Vec<u32> = Vec::new();
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
                sla_due: ctx.sla_due.as_ref().and_then(|d| d[case as usize]),
                csat: ctx.csat.as_ref().and_then(|c| c[case as usize]),
                priority: priority.map_or(MISSING, |a| first_present(a, log, case)),
                channel: channel.map_or(MISSING, |a| first_present(a, log, case)),
                case_type: case_type.map_or(MISSING, |a| first_present(a, log, case)),
                team: MISSING,
                agent: MISSING,
            };
            let (mut last_resolved, mut last_closed) = (None, None);
            people.clear();
            for e in events.clone() {
                let begin = log.begin(e);
                let step = ctx.step_of(log, e);
                let activity = log.activity[e] as usize;
                if seen[activity] == case {
                    facts.rework = true;
                }
                seen[activity] = case;
                let resource = log.resource[e];
                if e > first
                    && facts.acknowledged.is_none()
                    && (step == Some(Step::Acknowledged) || resource != MISSING)
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
            (facts.handoffs, facts.ping_pong) = changes(log.resource[events.clone()].iter().copied());
            facts.resolved_event = if ctx.resolution_from_steps { last_resolved.or(last_closed) } else { Some(last) };
            facts.resolved = facts.resolved_event.map(|e| log.time[e]);
            facts.escalated = facts.escalations > 0 || ctx.escalated_flag.as_ref().is_some_and(|f| f[case as usize]);
            // The tool's reopen count when it says more than the activities do.
            if let Some(Some(count)) = ctx.reopen_count.as_ref().map(|c| c[case as usize]) {
                facts.reopens = facts.reopens.max(count);
            }
            let at = facts.resolved_event.unwrap_or(last);
            let until = at + 1 - first;
            if let Some(team) = team {
                values.clear();
                values.extend(case_values(team, log, case));
                facts.team = values[..until].iter().rev().copied().find(|&v| v != MISSING).unwrap_or(MISSING);
                let (mut previous, mut escalated_since) = (MISSING, false);
                for (offset, &value) in values.iter().enumerate() {
                    let step = ctx.step_of(log, first + offset);
                    if step == Some(Step::Escalated) {
                        escalated_since = true;
                    }
                    if value == MISSING {
                        continue;
                    }
                    if previous != MISSING && value != previous {
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
            facts.agent =
                log.resource[first..first + until].iter().rev().copied().find(|&r| r != MISSING).unwrap_or(MISSING);
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

/// A rate: how many of how many.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    /// Cases with the property.
    pub count: u64,
    /// Cases looked at.
    pub of: u64,
    /// `count / of` (0 when `of` is 0).
    pub rate: f64,
}

impl Rate {
    /// `count` of `of`.
    pub fn new(count: u64, of: u64) -> Rate {
        Rate { count, of, rate: if of == 0 { 0.0 } else { count as f64 / of as f64 } }
    }

    /// The rate of `property` among `facts`.
    pub fn of<'a>(facts: impl IntoIterator<Item = &'a CaseFacts>, property: impl Fn(&CaseFacts) -> bool) -> Rate {
        let (mut count, mut of) = (0, 0);
        for f in facts {
            of += 1;
            count += u64::from(property(f));
        }
        Rate::new(count, of)
    }
}

/// The distribution (count, min, median, mean, 90th percentile, max; seconds) of the
/// durations `value` gives for `facts` (where it gives one); `None` when it gives none.
pub fn distribution<'a>(
    facts: impl IntoIterator<Item = &'a CaseFacts>,
    value: impl Fn(&CaseFacts) -> Option<Micros>,
) -> Option<Distribution> {
    let mut values: Vec<Micros> = facts.into_iter().filter_map(value).collect();
    Distribution::of_micros(&mut values)
}

/// The median of some numbers (reordered): the middle one, or the mean of the two middle
/// ones; `None` when empty.
pub fn median_of(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// The mean of some numbers; `None` when empty.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0u64);
    for v in values {
        sum += v;
        n += 1;
    }
    (n > 0).then(|| sum / n as f64)
}

/// The choices behind a full service report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceOptions {
    /// SLA rules (used for the overall figures when the log has no due-date column).
    #[serde(default)]
    pub sla_rules: Vec<sla::SlaRule>,
    /// The parts of first-contact resolution.
    #[serde(default)]
    pub fcr: fcr::FcrParts,
    /// The outcome whose drivers are sought (`None`: SLA breaches when the log has SLAs,
    /// else resolution longer than the 90th percentile).
    #[serde(default)]
    pub drivers: Option<drivers::DriverOutcome>,
    /// Least support of a single driver (`None`: [`drivers::default_min_support`]).
    #[serde(default)]
    pub min_support: Option<u64>,
}

/// Every service analysis of one selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceReport {
    /// Overview KPIs and trends.
    pub kpis: kpis::Kpis,
    /// Where cases wait.
    pub bottlenecks: bottlenecks::BottleneckReport,
    /// SLA compliance.
    pub sla: sla::SlaReport,
    /// Handoffs.
    pub handoffs: handoffs::HandoffReport,
    /// Rework.
    pub rework: rework::ReworkReport,
    /// Escalations.
    pub escalations: escalations::EscalationReport,
    /// First-contact resolution.
    pub fcr: fcr::FcrReport,
    /// Priorities.
    pub priority: priority::PriorityReport,
    /// Channels.
    pub channels: channels::ChannelReport,
    /// Workload.
    pub workload: workload::WorkloadReport,
    /// Acknowledgement.
    pub acknowledgement: acknowledgement::AckReport,
    /// Misclassification.
    pub misclassification: misclassification::MisclassificationReport,
    /// Satisfaction.
    pub csat: csat::CsatReport,
    /// Drivers.
    pub drivers: drivers::DriversReport,
}

/// The default drivers outcome for these facts: SLA breaches when SLAs are known, else
/// resolution longer than the 90th percentile.
pub fn default_outcome(facts: &[CaseFacts], evaluation: &sla::SlaEvaluation) -> drivers::DriverOutcome {
    if evaluation.source.is_some() {
        return drivers::DriverOutcome::SlaBreach;
    }
    let p90 = distribution(facts, CaseFacts::resolution).map_or(0.0, |d| d.p90);
    drivers::DriverOutcome::LongerThan { seconds: p90 }
}

/// Every service analysis of the selected cases.
pub fn analyze(
    log: &EventLog,
    ctx: &ServiceContext,
    selection: Selection<'_>,
    options: &ServiceOptions,
) -> ServiceReport {
    let facts = case_facts(log, ctx, selection);
    let evaluation = sla::evaluate(log, ctx, &facts, &options.sla_rules);
    let outcome = options.drivers.unwrap_or_else(|| default_outcome(&facts, &evaluation));
    ServiceReport {
        kpis: kpis::kpis(log, ctx, &facts, &evaluation),
        bottlenecks: bottlenecks::report(log, ctx, &facts),
        sla: sla::report(log, ctx, &facts, &evaluation),
        handoffs: handoffs::report(log, ctx, &facts),
        rework: rework::report(log, ctx, &facts),
        escalations: escalations::report(log, ctx, &facts),
        fcr: fcr::report(log, ctx, &facts, options.fcr),
        priority: priority::report(log, ctx, &facts, &evaluation),
        channels: channels::report(log, ctx, &facts, &evaluation),
        workload: workload::report(log, ctx, &facts),
        acknowledgement: acknowledgement::report(log, ctx, &facts),
        misclassification: misclassification::report(log, ctx, &facts),
        csat: csat::report(log, ctx, &facts, &evaluation),
        drivers: drivers::report(log, ctx, &facts, &evaluation, outcome, options.min_support),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ingest::{ImportOptions, import_bytes};

    /// A log from CSV text (the importer guesses the mapping).
    pub fn log(csv: &str) -> EventLog {
        import_bytes(csv.as_bytes(), &ImportOptions::default()).expect("the test log imports").log
    }

    /// The facts of every case of a CSV log, with the default vocabulary.
    pub fn facts(csv: &str) -> (EventLog, ServiceContext, Vec<CaseFacts>) {
        let log = log(csv);
        let ctx = ServiceContext::new(&log, &Vocabulary::default());
        let facts = case_facts(&log, &ctx, Selection::All);
        (log, ctx, facts)
    }

    /// Three small cases of a service desk, times in minutes from 2025-01-06 00:00 (a
    /// Monday). Used across the service modules' tests.
    pub const DESK: &str = "\
case_id,activity,timestamp,agent,team,priority,channel,case_type,sla_due,csat,escalated
C1,Case Created,2025-01-06 09:00,,,High,Email,Problem,2025-01-06 17:00,4,no
C1,Initial Acknowledgement Sent,2025-01-06 09:05,Auto-reply,,High,Email,Problem,2025-01-06 17:00,4,no
C1,Case Assigned,2025-01-06 09:30,Anna,L1,High,Email,Problem,2025-01-06 17:00,4,no
C1,Case Resolved,2025-01-06 11:00,Anna,L1,High,Email,Problem,2025-01-06 17:00,4,no
C1,Case Closed,2025-01-08 11:00,Auto-close,L1,High,Email,Problem,2025-01-06 17:00,4,no
C2,Case Created,2025-01-06 10:00,,,Low,Phone,Question,2025-01-07 10:00,2,yes
C2,Case Assigned,2025-01-06 10:10,Bob,L1,Low,Phone,Question,2025-01-07 10:00,2,yes
C2,Case Reassigned,2025-01-06 12:00,Carla,L1,Low,Phone,Question,2025-01-07 10:00,2,yes
C2,Case Reassigned,2025-01-06 14:00,Bob,L1,Low,Phone,Question,2025-01-07 10:00,2,yes
C2,Case Escalated,2025-01-07 09:00,Bob,L1,Low,Phone,Question,2025-01-07 10:00,2,yes
C2,Case Assigned,2025-01-07 12:00,Dan,L2,Low,Phone,Question,2025-01-07 10:00,2,yes
C2,Case Resolved,2025-01-08 10:00,Dan,L2,Low,Phone,Question,2025-01-07 10:00,2,yes
C2,Case Reopened,2025-01-09 10:00,,L2,Low,Phone,Question,2025-01-07 10:00,2,yes
C2,Case Resolved,2025-01-09 12:00,Dan,L2,Low,Phone,Question,2025-01-07 10:00,2,yes
C3,Case Created,2025-01-07 08:00,,,High,Email,Incident,2025-01-08 08:00,,no
C3,Case Assigned,2025-01-07 09:00,Anna,L1,High,Email,Incident,2025-01-08 08:00,,no
C3,Information Requested,2025-01-07 09:30,Anna,L1,High,Email,Incident,2025-01-08 08:00,,no
C3,Customer Responded,2025-01-07 15:00,,L1,High,Email,Incident,2025-01-08 08:00,,no
C3,Case Assigned,2025-01-07 16:00,Anna,Billing,High,Email,Incident,2025-01-08 08:00,,no
";

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
    fn figures_resting_on_resolution_name_it_when_no_activity_is_one() {
        let need = Need::Activity(Step::Resolved);
        let options = ServiceOptions::default();
        // The desk knows its resolutions: no analysis asks for one.
        let (log, ctx, _) = facts(DESK);
        let known = analyze(&log, &ctx, Selection::All, &options);
        assert!(known.fcr.rate.is_some());
        // The same desk with resolutions and closures its own way: what rests on them is named.
        let desk = DESK.replace("Case Resolved", "Stage R9").replace("Case Closed", "Stage C9");
        let (log, ctx, _) = facts(&desk);
        assert_eq!(ctx.resolution_need(), Some(need));
        let unknown = analyze(&log, &ctx, Selection::All, &options);
        let needs = |r: &ServiceReport| {
            [
                ("bottlenecks", r.bottlenecks.needs.clone()),
                ("sla", r.sla.needs.clone()),
                ("handoffs", r.handoffs.needs.clone()),
                ("rework", r.rework.needs.clone()),
                ("escalations", r.escalations.needs.clone()),
                ("fcr", r.fcr.needs.clone()),
                ("priority", r.priority.needs.clone()),
                ("channels", r.channels.needs.clone()),
                ("workload", r.workload.needs.clone()),
                ("misclassification", r.misclassification.needs.clone()),
            ]
        };
        for ((name, with), (_, without)) in needs(&unknown).into_iter().zip(needs(&known)) {
            assert!(with.contains(&need), "{name}: {with:?}");
            assert!(!without.contains(&need), "{name}: {without:?}");
        }
        // First response does not rest on resolution.
        assert!(!unknown.acknowledgement.needs.contains(&need));
        // Every case "resolved" at its last event would be a rate of something else.
        assert_eq!(unknown.fcr.rate, None);
        assert!(unknown.fcr.by_channel.is_empty());
        assert!(unknown.channels.rows.iter().all(|row| row.fcr.is_none()));
        assert_eq!(unknown.kpis.values.fcr_rate, None);
    }

    #[test]
    fn changes_and_ping_pong() {
        assert_eq!(changes([1, MISSING, 1, 2].into_iter()), (1, false));
        assert_eq!(changes([1, 2, 2, 1].into_iter()), (2, true));
        assert_eq!(changes([1, 2, 3, 2].into_iter()), (3, true));
        assert_eq!(changes([1, 2, 3, 4].into_iter()), (3, false));
        assert_eq!(changes(std::iter::empty()), (0, false));
    }

    #[test]
    fn scores() {
        assert_eq!(parse_score("4"), Some(4.0));
        assert_eq!(parse_score(" 4,5 "), Some(4.5));
        assert_eq!(parse_score("80%"), Some(80.0));
        assert_eq!(parse_score("4/5"), Some(4.0));
        assert_eq!(parse_score("good"), None);
    }
}
