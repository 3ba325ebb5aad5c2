//! What an analysis needs and the log lacks, so a view can name the missing column instead of
//! showing zeros.

use serde::{Deserialize, Serialize};

use super::vocabulary::Step;

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
