//! What a column is used for: the roles of a [`Mapping`](super::Mapping).
//!
//! Kept apart from the name matching ([`names`](super::names)) and the guess
//! ([`guess`](super::guess)), which both use it.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::log::ServiceField;

/// What a column is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, VariantArray, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// The case (ticket) id.
    CaseId,
    /// The activity.
    Activity,
    /// The only timestamp of each event.
    Timestamp,
    /// When each event started.
    StartTime,
    /// When each event completed.
    EndTime,
    /// A date column of a list with one row per ticket: each filled date is an event, named
    /// after the column (`Created Date` -> `Created`) or as the mapping's label says.
    Milestone,
    /// The agent or queue that did the work.
    Resource,
    /// Team, queue or assignment group.
    Team,
    /// Priority or severity.
    Priority,
    /// Channel (origin).
    Channel,
    /// Case type or category.
    CaseType,
    /// Status.
    Status,
    /// SLA due date.
    SlaDue,
    /// Whether the tool counted the case as within its SLA (ServiceNow's `made_sla`).
    SlaMet,
    /// Customer satisfaction.
    Csat,
    /// Escalation flag.
    Escalated,
    /// How often the case was reopened, as the tool counted it (`reopen_count`, `Reopens`).
    ReopenCount,
    /// How often the case was reassigned, as the tool counted it (`reassignment_count`).
    ReassignmentCount,
    /// Any other value kept with the events or cases.
    Attribute,
    /// Not imported.
    Ignore,
}

impl Role {
    /// Every role, in the order the mapping step lists them. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [Role] = <Role as VariantArray>::VARIANTS;

    /// The service field a role stands for, if any.
    pub fn service_field(self) -> Option<ServiceField> {
        Some(match self {
            Role::Team => ServiceField::Team,
            Role::Priority => ServiceField::Priority,
            Role::Channel => ServiceField::Channel,
            Role::CaseType => ServiceField::CaseType,
            Role::Status => ServiceField::Status,
            Role::SlaDue => ServiceField::SlaDue,
            Role::SlaMet => ServiceField::SlaMet,
            Role::Csat => ServiceField::Csat,
            Role::Escalated => ServiceField::Escalated,
            Role::ReopenCount => ServiceField::ReopenCount,
            Role::ReassignmentCount => ServiceField::ReassignmentCount,
            _ => return None,
        })
    }

    /// True for the roles whose columns the import keeps as attributes of the log: a plain
    /// attribute or a service field.
    pub fn is_attribute(self) -> bool {
        self == Role::Attribute || self.service_field().is_some()
    }

    /// True for roles that at most one column may have.
    pub fn is_unique(self) -> bool {
        !matches!(self, Role::Attribute | Role::Ignore | Role::Milestone)
    }

    /// True for the time roles of event rows (a milestone is a time too, see
    /// [`Role::has_dates`]).
    pub fn is_time(self) -> bool {
        matches!(self, Role::Timestamp | Role::StartTime | Role::EndTime)
    }

    /// True for roles whose values are dates and need a format: the times, milestones and
    /// SLA due dates.
    pub fn has_dates(self) -> bool {
        self.is_time() || matches!(self, Role::Milestone | Role::SlaDue)
    }

    /// The role's name in flags and JSON (`case_id`, `start_time`, ...).
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The role for a key of [`Role::key`].
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|role| role.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_serde_names_and_round_trip() {
        for &role in Role::ALL {
            assert_eq!(
                serde_json::to_value(role).unwrap(),
                serde_json::Value::String(role.key().to_owned()),
                "{role:?}"
            );
            assert_eq!(Role::from_key(role.key()), Some(role));
        }
    }
}
