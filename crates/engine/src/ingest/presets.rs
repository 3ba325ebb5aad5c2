//! History presets: exports of field changes (or of ticket snapshots) turned into events.
//!
//! Many service systems export the history of a ticket's fields rather than events: one row
//! per change of one field. A preset knows the columns of such an export and which changes are
//! steps of the process:
//!
//! | preset | columns (header names) |
//! | --- | --- |
//! | Salesforce CaseHistory | `CaseId`, `Field`, `OldValue`, `NewValue`, `CreatedDate`, `CreatedById` |
//! | ServiceNow sys_audit | `documentkey`, `fieldname`, `oldvalue`, `newvalue`, `sys_created_on`, `user` |
//! | Jira changelog | `Issue key`, `Field`, `From` (or `fromString`), `To` (or `toString`), `Created`, `Author` |
//! | Zendesk ticket events | `ticket_id`, `field_name`, `previous_value`, `value`, `created_at`, `updater_id` |
//! | ServiceNow incident snapshots | `number`, `state`, `sys_updated_on` (one row per update of an incident) |
//!
//! # What becomes what (field-history presets)
//! - a change of the **status** (`Status`, `state`, `incident_state`) is an event named after
//!   the new status (`Escalated`, `Closed`, ...); ServiceNow's numeric incident states are
//!   named (1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled);
//! - a change of the **owner** (`Owner`, `ownerAssignment`, `assigned_to`, `assignee`) is
//!   `Reassigned`, with the new owner as the resource;
//! - a change of the **team** (`assignment_group`, `group`, `Queue`) is `Team Changed`;
//! - `Priority` is `Priority Changed`; `Type` / `category` is `Type Changed`; the creation row
//!   (`created`) is `Case Created`;
//! - any other field is `<Field> Changed`.
//!
//! The resource of every other event is the user who made the change. The field, old and new
//! values stay with the event as attributes.
//!
//! # Snapshots
//! ServiceNow incident snapshots have one row per update: the `state` column is the
//! activity, `sys_updated_on` the time, `assigned_to` the resource. Consecutive snapshots with
//! the same state are one event (the first): an update that did not change the state is not a
//! step of the process.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use super::names::normalize;

/// A history preset; see the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, VariantArray, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Preset {
    /// Salesforce CaseHistory.
    SalesforceCaseHistory,
    /// ServiceNow sys_audit.
    #[strum(serialize = "servicenow_audit")]
    ServiceNowAudit,
    /// A Jira changelog export.
    JiraChangelog,
    /// Zendesk ticket events.
    ZendeskTicketEvents,
    /// ServiceNow incident snapshots.
    #[strum(serialize = "servicenow_snapshots")]
    ServiceNowSnapshots,
}

/// The columns of a field-history export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryColumns {
    /// The ticket id.
    pub case: usize,
    /// The name of the changed field.
    pub field: usize,
    /// The old value.
    pub old: Option<usize>,
    /// The new value.
    pub new: usize,
    /// When the change was made.
    pub time: usize,
    /// Who made it.
    pub user: Option<usize>,
}

/// The columns of a snapshot export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotColumns {
    /// The ticket number.
    pub case: usize,
    /// The state.
    pub state: usize,
    /// The update time.
    pub time: usize,
    /// The assignee.
    pub user: Option<usize>,
}

/// The names each preset expects, normalised, per column (alternatives in order).
struct Names {
    case: &'static [&'static str],
    field: &'static [&'static str],
    old: &'static [&'static str],
    new: &'static [&'static str],
    time: &'static [&'static str],
    user: &'static [&'static str],
}

const SALESFORCE: Names = Names {
    case: &["case id", "caseid"],
    field: &["field"],
    old: &["old value", "oldvalue"],
    new: &["new value", "newvalue"],
    time: &["created date", "createddate"],
    user: &["created by id", "createdbyid", "created by"],
};
const SERVICENOW_AUDIT: Names = Names {
    case: &["documentkey", "document key"],
    field: &["fieldname", "field name"],
    old: &["oldvalue", "old value"],
    new: &["newvalue", "new value"],
    time: &["sys created on"],
    user: &["user", "sys created by"],
};
const JIRA: Names = Names {
    case: &["issue key", "key", "issue id", "issue"],
    field: &["field"],
    old: &["from string", "fromstring", "from"],
    new: &["to string", "tostring", "to"],
    time: &["history created", "change created", "changed at", "change date", "created", "changed", "date"],
    user: &["author", "user", "changed by"],
};
const ZENDESK: Names = Names {
    case: &["ticket id", "ticketid"],
    field: &["field name", "fieldname"],
    old: &["previous value", "previousvalue"],
    new: &["value"],
    time: &["created at", "createdat"],
    user: &["updater id", "author id", "updater"],
};

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    let normalized: Vec<String> = header.iter().map(|name| normalize(name)).collect();
    names.iter().find_map(|name| normalized.iter().position(|n| n == name))
}

impl Preset {
    /// Every preset, in the order detection tries them. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [Preset] = <Preset as VariantArray>::VARIANTS;

    /// The preset's name in flags and JSON (`salesforce_case_history`, ...).
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The preset for a key.
    pub fn from_key(key: &str) -> Option<Preset> {
        Preset::ALL.iter().copied().find(|preset| preset.key() == key)
    }

    /// The first preset whose columns the header has.
    pub fn detect(header: &[String]) -> Option<Preset> {
        Preset::ALL.iter().copied().find(|preset| preset.fits(header))
    }

    /// True when the header has the columns this preset needs.
    pub fn fits(self, header: &[String]) -> bool {
        match self {
            Preset::ServiceNowSnapshots => self.snapshot_columns(header).is_some(),
            _ => self.history_columns(header).is_some(),
        }
    }

    /// True for the presets that turn field changes into events.
    pub fn is_history(self) -> bool {
        self != Preset::ServiceNowSnapshots
    }

    fn names(self) -> Option<&'static Names> {
        match self {
            Preset::SalesforceCaseHistory => Some(&SALESFORCE),
            Preset::ServiceNowAudit => Some(&SERVICENOW_AUDIT),
            Preset::JiraChangelog => Some(&JIRA),
            Preset::ZendeskTicketEvents => Some(&ZENDESK),
            Preset::ServiceNowSnapshots => None,
        }
    }

    /// Where the columns of a field-history preset are.
    pub fn history_columns(self, header: &[String]) -> Option<HistoryColumns> {
        let names = self.names()?;
        Some(HistoryColumns {
            case: find(header, names.case)?,
            field: find(header, names.field)?,
            old: find(header, names.old),
            new: find(header, names.new)?,
            time: find(header, names.time)?,
            user: find(header, names.user),
        })
    }

    /// Where the columns of the snapshot preset are.
    pub fn snapshot_columns(self, header: &[String]) -> Option<SnapshotColumns> {
        if self != Preset::ServiceNowSnapshots {
            return None;
        }
        Some(SnapshotColumns {
            case: find(header, &["number"])?,
            state: find(header, &["state", "incident state"])?,
            time: find(header, &["sys updated on", "sys updated at"])?,
            user: find(header, &["assigned to", "sys updated by"]),
        })
    }
}

/// What a change of `field` to `new` is: the activity, and whether the new value is the
/// resource (an owner change) rather than the user who made the change.
pub fn change_event<'a>(field: &str, new: &'a str) -> (Cow<'a, str>, bool) {
    let key = normalize(field);
    match key.as_str() {
        "status" | "state" | "incident state" | "status id" if !new.trim().is_empty() => {
            (Cow::Borrowed(servicenow_state(new).unwrap_or(new)), false)
        }
        "owner" | "owner assignment" | "assigned to" | "assignee" | "assignee id" | "owner id" => {
            (Cow::Borrowed("Reassigned"), true)
        }
        "assignment group" | "group" | "group id" | "queue" | "team" => (Cow::Borrowed("Team Changed"), false),
        "priority" | "priority id" | "severity" => (Cow::Borrowed("Priority Changed"), false),
        "type" | "category" | "issue type" | "issuetype" | "ticket type" => (Cow::Borrowed("Type Changed"), false),
        "created" | "create" => (Cow::Borrowed("Case Created"), false),
        _ => (Cow::Owned(format!("{} Changed", readable_field(field))), false),
    }
}

/// ServiceNow's numeric incident states, named.
fn servicenow_state(value: &str) -> Option<&'static str> {
    Some(match value.trim() {
        "1" => "New",
        "2" => "In Progress",
        "3" => "On Hold",
        "6" => "Resolved",
        "7" => "Closed",
        "8" => "Canceled",
        _ => return None,
    })
}

/// A field name as a person would write it: `assignment_group` -> `Assignment group`.
fn readable_field(field: &str) -> String {
    let words = normalize(field);
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Field".to_owned(),
    }
}

/// The snapshot preset's state value, named.
pub fn snapshot_state(value: &str) -> &str {
    servicenow_state(value).unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn presets_are_detected_from_their_headers() {
        let cases = [
            (
                &["Id", "IsDeleted", "CaseId", "CreatedById", "CreatedDate", "Field", "OldValue", "NewValue"][..],
                Preset::SalesforceCaseHistory,
            ),
            (
                &["sys_id", "tablename", "documentkey", "fieldname", "oldvalue", "newvalue", "user", "sys_created_on"]
                    [..],
                Preset::ServiceNowAudit,
            ),
            (&["Issue key", "Author", "Created", "Field", "From", "To"][..], Preset::JiraChangelog),
            (
                &["ticket_id", "created_at", "updater_id", "event_type", "field_name", "previous_value", "value"][..],
                Preset::ZendeskTicketEvents,
            ),
            (
                &[
                    "number",
                    "short_description",
                    "state",
                    "priority",
                    "assigned_to",
                    "assignment_group",
                    "sys_updated_on",
                ][..],
                Preset::ServiceNowSnapshots,
            ),
        ];
        for (names, preset) in cases {
            assert_eq!(Preset::detect(&header(names)), Some(preset), "{names:?}");
        }
        assert_eq!(Preset::detect(&header(&["case_id", "activity", "start_time"])), None);
    }

    #[test]
    fn changes_become_activities() {
        assert_eq!(change_event("Status", "Escalated"), (Cow::Borrowed("Escalated"), false));
        assert_eq!(change_event("state", "6"), (Cow::Borrowed("Resolved"), false));
        assert_eq!(change_event("Owner", "Anna Rossi"), (Cow::Borrowed("Reassigned"), true));
        assert_eq!(change_event("ownerAssignment", "Anna Rossi"), (Cow::Borrowed("Reassigned"), true));
        assert_eq!(change_event("assignment_group", "L2"), (Cow::Borrowed("Team Changed"), false));
        assert_eq!(change_event("Priority", "High"), (Cow::Borrowed("Priority Changed"), false));
        assert_eq!(change_event("created", ""), (Cow::Borrowed("Case Created"), false));
        assert_eq!(change_event("SuppliedEmail", "x@y"), (Cow::Owned("Supplied email Changed".into()), false));
    }
}
