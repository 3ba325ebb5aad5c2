//! The mapping: which column plays which role, guessed from names and contents, open to
//! inspection and change before the import runs.
//!
//! # How roles are guessed
//! Each column gets a profile from sample rows ([`ColumnProfile`]: distinct values, missing
//! values, whether its values are timestamps, numbers or yes/no flags). Then, role by role:
//! - **case id**: a column named like one (`Case ID`, `Numero caso`, `工单号`, ...); else the
//!   leftmost column whose values repeat, that is neither a timestamp nor a low-cardinality
//!   label;
//! - **activity**: a column named like one; else the status column (a report of status
//!   changes); else the text column with the fewest distinct values (at least two) among those
//!   left;
//! - **times**: timestamp columns named as start, end or plain timestamp; a single unnamed
//!   timestamp column becomes the timestamp;
//! - **resource** and the **service fields** (team, priority, channel, type, status, SLA due,
//!   CSAT, escalated): by name, checked against contents (an SLA due date must be a timestamp,
//!   CSAT a number, escalated a yes/no flag); with no agent column, the team or queue column
//!   is the resource;
//! - every other column is an **attribute** (case-level when constant within each case).
//!
//! An exact name beats a partial one; a role goes to one column only.

use serde::{Deserialize, Serialize};

use super::names::{NameMatch, name_match};
use super::presets::Preset;
use super::timestamp::{Inference, TimeFormat, infer_format};
use crate::log::ServiceField;

/// What a column is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// Customer satisfaction.
    Csat,
    /// Escalation flag.
    Escalated,
    /// Any other value kept with the events or cases.
    Attribute,
    /// Not imported.
    Ignore,
}

impl Role {
    /// Every role, in the order the mapping step lists them.
    pub const ALL: [Role; 16] = [
        Role::CaseId,
        Role::Activity,
        Role::Timestamp,
        Role::StartTime,
        Role::EndTime,
        Role::Resource,
        Role::Team,
        Role::Priority,
        Role::Channel,
        Role::CaseType,
        Role::Status,
        Role::SlaDue,
        Role::Csat,
        Role::Escalated,
        Role::Attribute,
        Role::Ignore,
    ];

    /// The service field a role stands for, if any.
    pub fn service_field(self) -> Option<ServiceField> {
        Some(match self {
            Role::Team => ServiceField::Team,
            Role::Priority => ServiceField::Priority,
            Role::Channel => ServiceField::Channel,
            Role::CaseType => ServiceField::CaseType,
            Role::Status => ServiceField::Status,
            Role::SlaDue => ServiceField::SlaDue,
            Role::Csat => ServiceField::Csat,
            Role::Escalated => ServiceField::Escalated,
            _ => return None,
        })
    }

    /// True for roles that at most one column may have.
    pub fn is_unique(self) -> bool {
        !matches!(self, Role::Attribute | Role::Ignore)
    }

    /// True for the time roles.
    pub fn is_time(self) -> bool {
        matches!(self, Role::Timestamp | Role::StartTime | Role::EndTime)
    }

    /// The role's name in flags and JSON (`case_id`, `start_time`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Role::CaseId => "case_id",
            Role::Activity => "activity",
            Role::Timestamp => "timestamp",
            Role::StartTime => "start_time",
            Role::EndTime => "end_time",
            Role::Resource => "resource",
            Role::Team => "team",
            Role::Priority => "priority",
            Role::Channel => "channel",
            Role::CaseType => "case_type",
            Role::Status => "status",
            Role::SlaDue => "sla_due",
            Role::Csat => "csat",
            Role::Escalated => "escalated",
            Role::Attribute => "attribute",
            Role::Ignore => "ignore",
        }
    }
}

/// The role of one column, and for time roles how its values are written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The header name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// For time roles (and SLA due dates): the format its values are parsed with.
    pub format: Option<TimeFormat>,
}

/// The roles of all columns, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// One entry per column.
    pub columns: Vec<ColumnMapping>,
    /// The history preset that turns rows into events, if any (see
    /// [`presets`](super::presets)).
    #[serde(default)]
    pub preset: Option<Preset>,
}

/// Why a mapping cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum MappingError {
    /// No column has this required role.
    Missing {
        /// The role (case id, activity, or a time).
        role: Role,
    },
    /// Two columns have a role only one may have.
    Twice {
        /// The role.
        role: Role,
        /// The two columns.
        columns: [String; 2],
    },
    /// A time column has no format.
    NoFormat {
        /// The column.
        column: String,
    },
    /// A column name given for a role does not exist.
    UnknownColumn {
        /// The name given.
        name: String,
    },
}

impl std::fmt::Display for MappingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MappingError::Missing { role: Role::Timestamp } => {
                f.write_str("no column is mapped to a time (timestamp, start time or end time)")
            }
            MappingError::Missing { role } => write!(f, "no column is mapped to {}", role.key()),
            MappingError::Twice { role, columns } => {
                write!(f, "both \"{}\" and \"{}\" are mapped to {}", columns[0], columns[1], role.key())
            }
            MappingError::NoFormat { column } => write!(f, "no timestamp format is known for \"{column}\""),
            MappingError::UnknownColumn { name } => write!(f, "there is no column \"{name}\""),
        }
    }
}

impl std::error::Error for MappingError {}

impl Mapping {
    /// The position of the column with `role` (the first one, for attribute roles).
    pub fn position(&self, role: Role) -> Option<usize> {
        self.columns.iter().position(|column| column.role == role)
    }

    /// Checks that the mapping can make a log: one case id, one activity, at least one time,
    /// no unique role twice, and a format for every time column.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), MappingError> {
        for role in Role::ALL.into_iter().filter(|role| role.is_unique()) {
            let mut with_role = self.columns.iter().filter(|column| column.role == role);
            if let (Some(first), Some(second)) = (with_role.next(), with_role.next()) {
                return Err(MappingError::Twice { role, columns: [first.name.clone(), second.name.clone()] });
            }
        }
        // A field-history preset makes the activity out of the field and its new value.
        let activity_needed = !self.preset.is_some_and(Preset::is_history);
        for role in [Role::CaseId, Role::Activity] {
            if self.position(role).is_none() && (role != Role::Activity || activity_needed) {
                return Err(MappingError::Missing { role });
            }
        }
        if !self.columns.iter().any(|column| column.role.is_time()) {
            return Err(MappingError::Missing { role: Role::Timestamp });
        }
        for column in &self.columns {
            if (column.role.is_time() || column.role == Role::SlaDue) && column.format.is_none() {
                return Err(MappingError::NoFormat { column: column.name.clone() });
            }
        }
        Ok(())
    }

    /// Gives `role` to the column named `name` (taking it away from any other column, which
    /// becomes an attribute, when the role is unique).
    ///
    /// # Errors
    /// When there is no such column.
    pub fn assign(&mut self, name: &str, role: Role, profiles: &[ColumnProfile]) -> Result<(), MappingError> {
        let index = self
            .columns
            .iter()
            .position(|column| column.name == name)
            .ok_or_else(|| MappingError::UnknownColumn { name: name.to_owned() })?;
        if role.is_unique() {
            for column in &mut self.columns {
                if column.role == role {
                    column.role = Role::Attribute;
                }
            }
        }
        let column = &mut self.columns[index];
        column.role = role;
        if (role.is_time() || role == Role::SlaDue) && column.format.is_none() {
            column.format = profiles.get(index).and_then(|profile| profile.time.as_ref()).map(|time| time.format);
        }
        Ok(())
    }
}

/// What the sample rows tell about one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    /// The header name.
    pub name: String,
    /// Sample values that are not missing.
    pub present: usize,
    /// Sample values that are missing.
    pub missing: usize,
    /// Distinct non-missing sample values.
    pub distinct: usize,
    /// How the values read as timestamps, when most of them do.
    pub time: Option<Inference>,
    /// True when every present value is a number.
    pub numeric: bool,
    /// True when every present value is a yes/no flag (yes, no, true, false, 1, 0, y, n).
    pub flag: bool,
    /// Up to three distinct example values.
    pub examples: Vec<String>,
}

impl ColumnProfile {
    /// Profiles a column from its sample values (`None` = missing).
    pub fn new<'a>(name: &str, values: impl IntoIterator<Item = Option<&'a str>>) -> ColumnProfile {
        let mut present = Vec::new();
        let mut missing = 0;
        for value in values {
            match value {
                Some(value) => present.push(value),
                None => missing += 1,
            }
        }
        let mut distinct: Vec<&str> = present.clone();
        distinct.sort_unstable();
        distinct.dedup();
        // Most values must read as times (a few bad ones are skipped rows, not a text column).
        let time = infer_format(present.iter().copied()).filter(|inference| inference.coverage() >= 0.8);
        let numeric = !present.is_empty() && present.iter().all(|v| v.trim().parse::<f64>().is_ok());
        let flag = !present.is_empty()
            && present.iter().all(|v| {
                matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "yes" | "no" | "true" | "false" | "1" | "0" | "y" | "n"
                )
            });
        let mut examples = Vec::new();
        for value in &present {
            if examples.len() == 3 {
                break;
            }
            if !examples.iter().any(|e: &String| e == value) {
                examples.push((*value).to_owned());
            }
        }
        ColumnProfile {
            name: name.to_owned(),
            present: present.len(),
            missing,
            distinct: distinct.len(),
            time,
            numeric,
            flag,
            examples,
        }
    }

    fn is_time(&self) -> bool {
        self.time.is_some()
    }
}

/// Guesses a mapping from column profiles; see the [module docs](self).
pub fn guess(profiles: &[ColumnProfile]) -> Mapping {
    let mut roles: Vec<Option<Role>> = vec![None; profiles.len()];
    let by_name = |profile: &ColumnProfile, role: Role| name_match(&profile.name, role);

    // Best column for a role by name, among columns without a role that pass `fits`.
    let pick = |roles: &[Option<Role>], role: Role, fits: &dyn Fn(&ColumnProfile) -> bool| -> Option<usize> {
        let mut best: Option<(NameMatch, usize)> = None;
        for (index, profile) in profiles.iter().enumerate() {
            if roles[index].is_some() || !fits(profile) {
                continue;
            }
            if let Some(quality) = by_name(profile, role)
                && best.is_none_or(|(q, _)| quality > q)
            {
                best = Some((quality, index));
            }
        }
        best.map(|(_, index)| index)
    };

    let not_time = |p: &ColumnProfile| !p.is_time();
    let any = |_: &ColumnProfile| true;
    let time = |p: &ColumnProfile| p.is_time();

    // Names first, strongest roles first.
    for (role, fits) in [
        (Role::CaseId, &not_time as &dyn Fn(&ColumnProfile) -> bool),
        (Role::Activity, &not_time),
        (Role::StartTime, &time),
        (Role::EndTime, &time),
        (Role::Timestamp, &time),
        (Role::Resource, &not_time),
        (Role::SlaDue, &time),
        (Role::Csat, &|p: &ColumnProfile| p.numeric),
        (Role::Escalated, &|p: &ColumnProfile| p.flag),
        (Role::Priority, &any),
        (Role::Channel, &not_time),
        (Role::CaseType, &not_time),
        (Role::Status, &not_time),
        (Role::Team, &not_time),
    ] {
        if let Some(index) = pick(&roles, role, fits) {
            roles[index] = Some(role);
        }
    }

    // Contents where names did not tell.
    let has = |roles: &[Option<Role>], role: Role| roles.contains(&Some(role));
    if !has(&roles, Role::CaseId)
        && let Some(index) = profiles.iter().enumerate().position(|(i, p)| {
            roles[i].is_none() && !p.is_time() && p.present > 0 && p.distinct < p.present && p.distinct * 20 > p.present
        })
    {
        roles[index] = Some(Role::CaseId);
    }
    // Exports of case status (a report with one row per status change) have no activity
    // column: the status is what happened.
    if !has(&roles, Role::Activity)
        && let Some(slot) = roles.iter_mut().find(|role| **role == Some(Role::Status))
    {
        *slot = Some(Role::Activity);
    }
    if !has(&roles, Role::Activity)
        && let Some((index, _)) = profiles
            .iter()
            .enumerate()
            .filter(|(i, p)| roles[*i].is_none() && !p.is_time() && !p.numeric && p.distinct >= 2)
            .min_by_key(|(_, p)| p.distinct)
    {
        roles[index] = Some(Role::Activity);
    }
    if !roles.iter().any(|role| role.is_some_and(Role::is_time)) {
        let times: Vec<usize> = (0..profiles.len()).filter(|&i| roles[i].is_none() && profiles[i].is_time()).collect();
        match times.as_slice() {
            [only] => roles[*only] = Some(Role::Timestamp),
            [first, second, ..] => {
                roles[*first] = Some(Role::StartTime);
                roles[*second] = Some(Role::EndTime);
            }
            [] => {}
        }
    }
    // No agent column: the team or queue that did the work is the resource (the template's
    // "agent" is a user or a queue).
    if !has(&roles, Role::Resource)
        && let Some(slot) = roles.iter_mut().find(|role| **role == Some(Role::Team))
    {
        *slot = Some(Role::Resource);
    }
    // A lone end time (no start) reads better as the timestamp.
    if has(&roles, Role::EndTime)
        && !has(&roles, Role::StartTime)
        && !has(&roles, Role::Timestamp)
        && let Some(slot) = roles.iter_mut().find(|role| **role == Some(Role::EndTime))
    {
        *slot = Some(Role::Timestamp);
    }

    Mapping {
        preset: None,
        columns: profiles
            .iter()
            .zip(roles)
            .map(|(profile, role)| {
                let role = role.unwrap_or(Role::Attribute);
                let format = if role.is_time() || role == Role::SlaDue {
                    profile.time.as_ref().map(|time| time.format)
                } else {
                    None
                };
                ColumnMapping { name: profile.name.clone(), role, format }
            })
            .collect(),
    }
}

/// The mapping for a history preset: the preset's columns get their roles (for a
/// field-history preset the activity is made from the field, so no column is the activity),
/// the other columns keep the roles of [`guess`].
pub fn for_preset(preset: Preset, profiles: &[ColumnProfile]) -> Option<Mapping> {
    let header: Vec<String> = profiles.iter().map(|p| p.name.clone()).collect();
    let mut mapping = guess(profiles);
    mapping.preset = Some(preset);
    let roles: Vec<(usize, Role)> = if let Some(columns) = preset.history_columns(&header) {
        let mut roles = vec![(columns.case, Role::CaseId), (columns.time, Role::Timestamp)];
        roles.extend(columns.user.map(|user| (user, Role::Resource)));
        roles.extend([columns.field, columns.new].map(|c| (c, Role::Attribute)));
        roles.extend(columns.old.map(|old| (old, Role::Attribute)));
        roles
    } else {
        let columns = preset.snapshot_columns(&header)?;
        let mut roles =
            vec![(columns.case, Role::CaseId), (columns.state, Role::Activity), (columns.time, Role::Timestamp)];
        roles.extend(columns.user.map(|user| (user, Role::Resource)));
        roles
    };
    // Clear the roles the preset sets, then set them.
    for (_, role) in &roles {
        if role.is_unique() {
            for column in &mut mapping.columns {
                if column.role == *role || (role.is_time() && column.role.is_time()) {
                    column.role = Role::Attribute;
                    column.format = None;
                }
            }
        }
    }
    for (index, role) in roles {
        let column = &mut mapping.columns[index];
        column.role = role;
        column.format = if role.is_time() { profiles[index].time.as_ref().map(|t| t.format) } else { None };
    }
    Some(mapping)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::timestamp::DateOrder;

    fn profiles(header: &[&str], rows: &[&[&str]]) -> Vec<ColumnProfile> {
        header
            .iter()
            .enumerate()
            .map(|(i, name)| ColumnProfile::new(name, rows.iter().map(|row| Some(row[i]).filter(|v| !v.is_empty()))))
            .collect()
    }

    fn roles(mapping: &Mapping) -> Vec<Role> {
        mapping.columns.iter().map(|column| column.role).collect()
    }

    #[test]
    fn template_columns_map_by_name() {
        let header = crate::template::Column::ALL.map(crate::template::Column::name);
        let rows: Vec<[&str; 13]> = crate::template::EXAMPLE_ROWS.to_vec();
        let rows: Vec<&[&str]> = rows.iter().map(|row| &row[..]).collect();
        let mapping = guess(&profiles(&header, &rows));
        assert_eq!(
            roles(&mapping),
            [
                Role::CaseId,
                Role::Activity,
                Role::StartTime,
                Role::EndTime,
                Role::Resource,
                Role::Team,
                Role::Priority,
                Role::Channel,
                Role::CaseType,
                Role::Status,
                Role::SlaDue,
                Role::Csat,
                Role::Escalated
            ]
        );
        assert_eq!(mapping.columns[2].format, Some(TimeFormat::Calendar { order: DateOrder::YearMonthDay }));
        assert!(mapping.validate().is_ok());
    }

    #[test]
    fn xes_style_columns_map_by_name() {
        let header = ["case:concept:name", "concept:name", "time:timestamp", "org:resource", "lifecycle:transition"];
        let rows: &[&[&str]] = &[
            &["1", "Assign seriousness", "2012-10-09 14:50:17+00:00", "Value 1", "complete"],
            &["1", "Take in charge ticket", "2012-10-09 14:51:01+00:00", "Value 1", "complete"],
        ];
        let mapping = guess(&profiles(&header, rows));
        assert_eq!(roles(&mapping), [Role::CaseId, Role::Activity, Role::Timestamp, Role::Resource, Role::Attribute]);
    }

    #[test]
    fn contents_decide_when_names_say_nothing() {
        let header = ["A", "B", "C", "D"];
        let rows: &[&[&str]] = &[
            &["x1", "Open", "05.01.2024 10:22", "17"],
            &["x1", "Close", "06.01.2024 10:22", "3"],
            &["x2", "Open", "13.01.2024 09:00", "8"],
            &["x2", "Close", "14.01.2024 10:00", "5"],
        ];
        let mapping = guess(&profiles(&header, rows));
        assert_eq!(roles(&mapping), [Role::CaseId, Role::Activity, Role::Timestamp, Role::Attribute]);
        assert_eq!(mapping.columns[2].format, Some(TimeFormat::Calendar { order: DateOrder::DayMonthYear }));
    }

    #[test]
    fn a_status_report_takes_the_status_as_the_activity() {
        let p = profiles(
            &["Case Number", "Status", "Date/Time Opened"],
            &[&["00001026", "New", "1/5/2024, 10:22 AM"], &["00001026", "Closed", "1/13/2024, 3:05 PM"]],
        );
        assert_eq!(roles(&guess(&p)), [Role::CaseId, Role::Activity, Role::Timestamp]);
    }

    #[test]
    fn a_mapping_without_a_time_is_refused() {
        let mut mapping = guess(&profiles(&["case", "activity"], &[&["1", "a"], &["1", "b"]]));
        assert_eq!(mapping.preset, None);
        assert_eq!(mapping.validate(), Err(MappingError::Missing { role: Role::Timestamp }));
        assert_eq!(
            mapping.assign("nope", Role::Timestamp, &[]),
            Err(MappingError::UnknownColumn { name: "nope".into() })
        );
    }

    #[test]
    fn assigning_a_unique_role_moves_it() {
        let p = profiles(&["Case ID", "Ticket", "Activity", "Time"], &[&["1", "9", "a", "2024-01-01"]]);
        let mut mapping = guess(&p);
        assert_eq!(mapping.columns[0].role, Role::CaseId);
        mapping.assign("Ticket", Role::CaseId, &p).unwrap();
        assert_eq!(mapping.columns[0].role, Role::Attribute);
        assert_eq!(mapping.columns[1].role, Role::CaseId);
        mapping.assign("Case ID", Role::CaseId, &p).unwrap();
        assert_eq!(
            mapping.columns.iter().filter(|c| c.role == Role::CaseId).map(|c| &c.name[..]).collect::<Vec<_>>(),
            ["Case ID"]
        );
    }
}
