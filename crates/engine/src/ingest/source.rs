//! Which ticketing system an export comes from, told by its standard columns, and how its rows
//! become events.
//!
//! The system is shown to the user ("a ServiceNow export") and reported by `casemap import
//! --json`; the roles themselves come from the guess, which knows each system's standard
//! names (`number`, `incident_state`, `made_sla`, `reassignment_count`, `Case Origin`,
//! `Solved at`, `Issue key`, ...).

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use super::mapping::Mapping;
use super::names::normalize;
use super::role::Role;

/// A ticketing system whose exports casemap knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, VariantArray, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum System {
    /// ServiceNow (incidents, cases, sys_audit).
    ServiceNow,
    /// Salesforce Service Cloud (case reports, CaseHistory).
    Salesforce,
    /// Zendesk (ticket exports, ticket events).
    Zendesk,
    /// Jira and Jira Service Management (issue exports, changelogs).
    Jira,
    /// A log with the XES standard's keys (`case:concept:name`, `time:timestamp`), as
    /// process-mining tools write them.
    Xes,
}

impl System {
    /// Every system casemap recognises. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [System] = <System as VariantArray>::VARIANTS;

    /// The system's key in JSON.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The columns only this system's exports have (normalised names), then columns its
    /// exports often have.
    fn columns(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            System::ServiceNow => (
                &[
                    "sys id",
                    "sys updated on",
                    "sys updated at",
                    "sys created on",
                    "sys created at",
                    "sys updated by",
                    "sys created by",
                    "sys mod count",
                    "incident state",
                    "made sla",
                    "reassignment count",
                    "reopen count",
                    "caller id",
                    "documentkey",
                    "u symptom",
                    "cmdb ci",
                    "opened at",
                    "resolved at",
                    "closed at",
                ],
                &[
                    "number",
                    "state",
                    "assignment group",
                    "assigned to",
                    "short description",
                    "contact type",
                    "impact",
                    "urgency",
                    "priority",
                    "category",
                ],
            ),
            System::Salesforce => (
                &[
                    "case number",
                    "casenumber",
                    "date time opened",
                    "date time closed",
                    "case origin",
                    "case owner",
                    "is escalated",
                    "createddate",
                    "closeddate",
                    "createdbyid",
                    "created by id",
                    "oldvalue",
                    "newvalue",
                    "age hours",
                ],
                &[
                    "caseid",
                    "case id",
                    "status",
                    "priority",
                    "subject",
                    "account name",
                    "contact name",
                    "type",
                    "origin",
                    "escalated",
                    "closed",
                ],
            ),
            System::Zendesk => (
                &[
                    "solved at",
                    "initially assigned at",
                    "group stations",
                    "assignee stations",
                    "satisfaction score",
                    "first reply time in minutes",
                    "requester wait time in minutes",
                    "updater id",
                    "ticket id",
                    "previous value",
                    "requester id",
                ],
                &[
                    "id",
                    "requester",
                    "assignee",
                    "group",
                    "via",
                    "created at",
                    "updated at",
                    "assigned at",
                    "reopens",
                    "replies",
                    "ticket type",
                    "tags",
                    "status",
                    "priority",
                    "subject",
                ],
            ),
            System::Jira => (
                &[
                    "issue key",
                    "issue id",
                    "issue type",
                    "fromstring",
                    "tostring",
                    "from string",
                    "to string",
                    "project key",
                    "status change from",
                    "status change to",
                    "status change date",
                    "fix version s",
                    "component s",
                ],
                &[
                    "key",
                    "summary",
                    "reporter",
                    "assignee",
                    "created",
                    "updated",
                    "resolved",
                    "resolution",
                    "status",
                    "priority",
                    "project",
                    "sprint",
                    "field",
                    "author",
                ],
            ),
            System::Xes => (
                &[
                    "case concept name",
                    "concept name",
                    "time timestamp",
                    "org resource",
                    "lifecycle transition",
                    "org group",
                    "org role",
                ],
                &[],
            ),
        }
    }
}

/// The system whose standard columns the header has, if any: at least one column only it has
/// and three of its columns in all, the most of them winning.
pub fn detect(header: &[String]) -> Option<System> {
    let names: Vec<String> = header.iter().map(|name| normalize(name)).collect();
    let has = |name: &&&str| names.iter().any(|n| n == **name);
    System::ALL
        .iter()
        .copied()
        .filter_map(|system| {
            let (own, common) = system.columns();
            let own = own.iter().filter(has).count();
            let common = common.iter().filter(has).count();
            let enough = own >= 1 && own + common >= 3 || system == System::Xes && own >= 2;
            enough.then_some((own * 2 + common, system))
        })
        .max_by_key(|(score, system)| (*score, std::cmp::Reverse(*system as u8)))
        .map(|(_, system)| system)
}

/// How the rows of an export become events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Layout {
    /// One row per event (an activity and its time).
    Events,
    /// One row per change of a field (a history preset).
    FieldHistory,
    /// One row per update of a ticket, the state as the activity (the snapshot preset).
    Snapshots,
    /// One row per ticket, a date column per step (milestones).
    Tickets,
}

impl Mapping {
    /// How this mapping makes events of rows.
    pub fn layout(&self) -> Layout {
        match self.preset {
            Some(preset) if preset.is_history() => Layout::FieldHistory,
            Some(_) => Layout::Snapshots,
            None if self.position(Role::Milestone).is_some() => Layout::Tickets,
            None => Layout::Events,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn systems_are_told_by_their_columns() {
        let cases: [(&[&str], Option<System>); 7] = [
            (&["number", "incident_state", "sys_updated_at", "priority", "made_sla"], Some(System::ServiceNow)),
            (&["Case Number", "Status", "Date/Time Opened", "Case Origin"], Some(System::Salesforce)),
            (&["Id", "Requester", "Group", "Created at", "Solved at", "Via"], Some(System::Zendesk)),
            (&["Issue Key", "ID", "Status Change Date", "Status Change To", "Created"], Some(System::Jira)),
            (&["case:concept:name", "concept:name", "time:timestamp"], Some(System::Xes)),
            (&["case_id", "activity", "timestamp", "agent"], None),
            (&["Case ID", "Activity", "Status", "Priority"], None),
        ];
        for (names, system) in cases {
            assert_eq!(detect(&header(names)), system, "{names:?}");
        }
    }
}
