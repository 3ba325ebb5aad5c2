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

pub use crate::discovery::cases::Distribution;

pub mod acknowledgement;
pub mod bottlenecks;
pub mod channels;
pub mod conformance;
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
pub mod registry;
pub mod rework;
pub mod segments;
pub mod sla;
mod stats;
pub mod vocabulary;
pub mod workload;

pub use self::context::{ServiceContext, parse_score};
pub use self::facts::{CaseFacts, case_facts};
pub use self::need::Need;
pub use self::registry::{
    AnalysisKind, AnalysisReport, AnalysisSetup, Inputs, ServiceOptions, ServiceReport, analyze, default_outcome,
};
pub use self::stats::{Rate, distribution, mean, median_of};
pub use self::vocabulary::{Matcher, Step, Vocabulary};

/// Fixtures of the service modules' tests.
#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ingest::{ImportOptions, import_bytes};
    use crate::log::{EventLog, Selection};

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
}
