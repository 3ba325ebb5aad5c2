//! Service analytics: the questions customer-service teams ask, answered from the event log.
//!
//! Every analysis reads the same per-case [`CaseFacts`], computed in one pass over the
//! selected cases by [`case_facts`] from a [`ServiceContext`] (the vocabulary and service
//! columns of the log); the shared figures ([`Rate`], [`distribution`], [`median_of`],
//! [`mean`]) and [`Need`] are defined beside them and exported from here. Each analysis module
//! defines its figures in its own docs:
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
use crate::log::{EventLog, Selection};

pub mod acknowledgement;
pub mod bottlenecks;
pub mod channels;
mod context;
pub mod csat;
pub mod drivers;
pub mod escalations;
mod facts;
pub mod fcr;
pub mod handoffs;
pub mod kpis;
pub mod misclassification;
mod need;
pub mod priority;
pub mod rework;
pub mod segments;
pub mod sla;
mod stats;
pub mod vocabulary;
pub mod workload;

pub use self::context::{ServiceContext, parse_score};
pub use self::facts::{CaseFacts, case_facts};
pub use self::need::Need;
pub use self::stats::{Rate, distribution, mean, median_of};
pub use self::vocabulary::{Matcher, Step, Vocabulary};

// The tests of the facts and the context are still in this module's tests, beside those of
// `analyze`, so that the analysis registry replacing `analyze` merges without conflict; they
// use these.
#[cfg(test)]
use self::facts::changes;
#[cfg(test)]
use crate::{log::MISSING, time::Micros};

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
