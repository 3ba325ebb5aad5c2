//! The mapping: which column plays which role, open to inspection and change before the
//! import runs. The roles are guessed by [`guess`](super::guess) from the columns' names, their
//! contents and the file's [`Shape`](super::shape::Shape).

use serde::{Deserialize, Serialize};

use super::names::milestone_name;
use super::presets::Preset;
use super::profile::ColumnProfile;
use super::role::Role;
use crate::time::TimeFormat;

/// The role of one column, and for time roles how its values are written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The header name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// For date roles (times, milestones, SLA due dates): the format its values are parsed
    /// with.
    pub format: Option<TimeFormat>,
    /// For a milestone: the name of its events (`Created Date` -> `Created`); `None` for the
    /// name made from the header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl ColumnMapping {
    /// The name of a milestone column's events: its label, else the header made readable
    /// (see [`milestone_name`]).
    pub fn milestone_name(&self) -> String {
        match &self.label {
            Some(label) if !label.trim().is_empty() => label.trim().to_owned(),
            _ => milestone_name(&self.name),
        }
    }
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
    /// Milestones (one row per ticket, a date column per step) and an activity or event time
    /// (one row per event) cannot be mixed.
    MilestonesWithEvents {
        /// The activity or time column.
        column: String,
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
            MappingError::MilestonesWithEvents { column } => write!(
                f,
                "\"{column}\" makes each row an event, while the milestone columns make each row a ticket: use one or the other"
            ),
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
        for role in Role::ALL.iter().copied().filter(|role| role.is_unique()) {
            let mut with_role = self.columns.iter().filter(|column| column.role == role);
            if let (Some(first), Some(second)) = (with_role.next(), with_role.next()) {
                return Err(MappingError::Twice { role, columns: [first.name.clone(), second.name.clone()] });
            }
        }
        // A field-history preset makes the activity out of the field and its new value; the
        // milestones of a ticket list name their own events.
        let milestones = self.position(Role::Milestone).is_some();
        let activity_needed = !self.preset.is_some_and(Preset::is_history) && !milestones;
        for role in [Role::CaseId, Role::Activity] {
            if self.position(role).is_none() && (role != Role::Activity || activity_needed) {
                return Err(MappingError::Missing { role });
            }
        }
        if !milestones && !self.columns.iter().any(|column| column.role.is_time()) {
            return Err(MappingError::Missing { role: Role::Timestamp });
        }
        if milestones
            && let Some(index) = self.columns.iter().position(|c| c.role.is_time() || c.role == Role::Activity)
        {
            return Err(MappingError::MilestonesWithEvents { column: self.columns[index].name.clone() });
        }
        for column in &self.columns {
            if column.role.has_dates() && column.format.is_none() {
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
        // Milestones and event columns exclude each other: giving one takes the others away.
        let clears: fn(Role) -> bool = if role == Role::Milestone {
            |r| r.is_time() || r == Role::Activity
        } else if role.is_time() || role == Role::Activity {
            |r| r == Role::Milestone
        } else {
            |_| false
        };
        for column in &mut self.columns {
            if clears(column.role) {
                column.role = Role::Attribute;
            }
        }
        let column = &mut self.columns[index];
        column.role = role;
        if role.has_dates() && column.format.is_none() {
            column.format = profiles.get(index).and_then(|profile| profile.time.as_ref()).map(|time| time.format);
        }
        Ok(())
    }
}
