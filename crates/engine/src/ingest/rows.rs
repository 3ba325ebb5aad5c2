//! Rows to events: the mapping applied to each record, with every unusable row counted.

use std::borrow::Cow;

use super::csv::Record;
use super::error::{SkipReason, SkipReport, SkippedRow};
use super::mapping::{Mapping, MappingError};
use super::presets::{HistoryColumns, Preset, change_event, snapshot_state};
use super::role::Role;
use super::shape::Shape;
use super::timestamp::Parser;
use crate::log::builder::{LogBuilder, NewEvent};
use crate::log::{EventLog, ServiceField};
use crate::time::{Micros, TimeFormat};

/// The values that count as missing, besides an empty (or blank) field.
pub const DEFAULT_MISSING: [&str; 5] = ["NULL", "null", "N/A", "?", "-"];

/// Decides which values are missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingValues {
    values: Vec<String>,
    /// The longest missing value: longer values need no comparison.
    longest: usize,
    /// The first bytes of the missing values: a value starting otherwise needs none either.
    first_bytes: [bool; 256],
}

impl Default for MissingValues {
    fn default() -> Self {
        MissingValues::new(DEFAULT_MISSING.iter().map(|v| (*v).to_owned()))
    }
}

impl MissingValues {
    /// These values (compared after trimming white space) and blank fields are missing.
    pub fn new(values: impl IntoIterator<Item = String>) -> Self {
        let values: Vec<String> = values.into_iter().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect();
        let longest = values.iter().map(String::len).max().unwrap_or(0);
        let mut first_bytes = [false; 256];
        for value in &values {
            first_bytes[usize::from(value.as_bytes()[0])] = true;
        }
        MissingValues { values, longest, first_bytes }
    }

    /// The value, or `None` when it is missing.
    #[inline]
    pub fn present<'a>(&self, value: &'a str) -> Option<&'a str> {
        let bytes = value.as_bytes();
        // The common case: a value that starts and ends with a visible character, and is
        // longer than any missing value or starts unlike all of them.
        if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last())
            && !first.is_ascii_whitespace()
            && !last.is_ascii_whitespace()
            && (bytes.len() > self.longest || !self.first_bytes[usize::from(first)])
        {
            return Some(value);
        }
        let trimmed = value.trim();
        if trimmed.is_empty() || self.values.iter().any(|missing| missing == trimmed) { None } else { Some(value) }
    }
}

/// A time column and its parser.
#[derive(Debug, Clone)]
struct TimeColumn {
    index: usize,
    name: String,
    parser: Parser,
}

/// A milestone column of a list with one row per ticket: its filled dates become events.
#[derive(Debug, Clone)]
struct MilestoneColumn {
    time: TimeColumn,
    /// The name of its events.
    activity: String,
}

/// Applies a mapping to rows and builds the log.
pub struct RowImporter {
    /// For a list with one row per ticket: the milestone columns, in the order their dates
    /// usually come (ties between a row's dates keep this order).
    milestones: Vec<MilestoneColumn>,
    /// For a field-history preset: where its columns are (the activity is made from them).
    history: Option<HistoryColumns>,
    /// For the snapshot preset: repeated states are collapsed when finishing.
    snapshots: bool,
    header: Vec<String>,
    case: usize,
    /// The activity column (unused with milestones).
    activity: usize,
    /// The event time (unused with milestones).
    time: TimeColumn,
    start: Option<TimeColumn>,
    resource: Option<usize>,
    attributes: Vec<usize>,
    /// The date format of each attribute column that has one (SLA due dates).
    attribute_formats: Vec<Option<TimeFormat>>,
    missing: MissingValues,
    builder: LogBuilder,
    skipped: SkipReport,
    rows: u64,
}

impl RowImporter {
    /// An importer for rows under `header`, with `mapping` (which must be valid); `shape`
    /// (from the inspection) tells whether rows run newest first and how milestones are
    /// ordered.
    ///
    /// # Errors
    /// When the mapping is not valid ([`Mapping::validate`]).
    pub fn new(
        header: Vec<String>,
        mapping: &Mapping,
        shape: &Shape,
        missing: MissingValues,
    ) -> Result<Self, MappingError> {
        mapping.validate()?;
        let date_column = |index: usize| TimeColumn {
            index,
            name: mapping.columns[index].name.clone(),
            // validate() checked that date columns have a format.
            parser: Parser::new(mapping.columns[index].format.expect("validated")),
        };
        let time_column = |role: Role| mapping.position(role).map(date_column);
        let mut milestones: Vec<(f64, MilestoneColumn)> = mapping
            .columns
            .iter()
            .enumerate()
            .filter(|(_, column)| column.role == Role::Milestone)
            .map(|(index, column)| {
                let position = shape.columns.get(index).and_then(|c| c.position).unwrap_or(0.5);
                (position, MilestoneColumn { time: date_column(index), activity: column.milestone_name() })
            })
            .collect();
        milestones.sort_by(|a, b| a.0.total_cmp(&b.0));
        let milestones: Vec<MilestoneColumn> = milestones.into_iter().map(|(_, m)| m).collect();
        let end = time_column(Role::EndTime).or_else(|| time_column(Role::Timestamp));
        let start = time_column(Role::StartTime);
        let (time, start) = match (end, start) {
            (Some(end), start) => (end, start),
            // Only a start time: it is the events' timestamp.
            (None, Some(start)) => (start, None),
            (None, None) => match milestones.first() {
                Some(first) => (first.time.clone(), None),
                None => return Err(MappingError::Missing { role: Role::Timestamp }),
            },
        };
        let newest_first = milestones.is_empty() && shape.newest_first(time.index);
        let attributes: Vec<usize> = mapping
            .columns
            .iter()
            .enumerate()
            .filter(|(_, column)| column.role.is_attribute())
            .map(|(index, _)| index)
            .collect();
        let names: Vec<(String, Option<ServiceField>)> = attributes
            .iter()
            .map(|&index| (mapping.columns[index].name.clone(), mapping.columns[index].role.service_field()))
            .collect();
        let attribute_formats = attributes.iter().map(|&index| mapping.columns[index].format).collect();
        let history = match mapping.preset {
            Some(preset) if preset.is_history() => {
                Some(preset.history_columns(&header).ok_or(MappingError::Missing { role: Role::Activity })?)
            }
            _ => None,
        };
        let activity = match history {
            Some(columns) => columns.field,
            None if !milestones.is_empty() => time.index,
            None => mapping.position(Role::Activity).expect("validated"),
        };
        let mut builder = LogBuilder::new(names, start.is_some());
        builder.newest_first(newest_first);
        Ok(RowImporter {
            milestones,
            history,
            snapshots: mapping.preset == Some(Preset::ServiceNowSnapshots),
            case: mapping.position(Role::CaseId).expect("validated"),
            activity,
            resource: mapping.position(Role::Resource),
            builder,
            time,
            start,
            attributes,
            attribute_formats,
            header,
            missing,
            skipped: SkipReport::default(),
            rows: 0,
        })
    }

    /// Makes room for about `rows` rows.
    pub fn reserve(&mut self, rows: usize) {
        self.builder.reserve(rows);
    }

    /// Data rows seen so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Events kept so far.
    pub fn events(&self) -> usize {
        self.builder.len()
    }

    /// Takes one data row.
    pub fn row(&mut self, record: &Record<'_>) {
        self.rows += 1;
        // The header is row 1 in a spreadsheet.
        let row = self.rows + 1;
        let width = self.header.len();
        if record.len() < width || record.iter().skip(width).any(|extra| !extra.trim().is_empty()) {
            let value = format!("{} fields, the header has {width}", record.len());
            self.skipped.skip(row, None, &value, SkipReason::WrongFieldCount);
            return;
        }
        let field = |index: usize| record.get(index).unwrap_or("");
        let Some(case) = self.missing.present(field(self.case)) else {
            self.skipped.skip(row, Some(&self.header[self.case]), field(self.case), SkipReason::MissingCaseId);
            return;
        };
        if !self.milestones.is_empty() {
            self.milestone_row(record, case, row);
            return;
        }
        let Some(activity) = self.missing.present(field(self.activity)) else {
            self.skipped.skip(
                row,
                Some(&self.header[self.activity]),
                field(self.activity),
                SkipReason::MissingActivity,
            );
            return;
        };
        // A history row: the activity comes from the changed field and its new value; an
        // owner change names the new owner as the resource.
        let mut new_owner = None;
        let activity: Cow<'_, str> = match self.history {
            Some(columns) => {
                let new = field(columns.new);
                let (activity, owner) = change_event(activity, new);
                if owner {
                    new_owner = self.missing.present(new);
                }
                activity
            }
            None if self.snapshots => Cow::Borrowed(snapshot_state(activity)),
            None => Cow::Borrowed(activity),
        };
        let start = match &mut self.start {
            Some(column) => match self.missing.present(field(column.index)) {
                None => None,
                Some(value) => match column.parser.parse(value) {
                    Some(micros) => Some(micros),
                    None => {
                        self.skipped.skip(row, Some(&column.name), value, SkipReason::BadTimestamp);
                        return;
                    }
                },
            },
            None => None,
        };
        let time: Micros = match self.missing.present(field(self.time.index)) {
            Some(value) => match self.time.parser.parse(value) {
                Some(micros) => micros,
                None => {
                    self.skipped.skip(row, Some(&self.time.name), value, SkipReason::BadTimestamp);
                    return;
                }
            },
            // A row with only a start time keeps it as its time.
            None => match start {
                Some(start) => start,
                None => {
                    self.skipped.skip(row, Some(&self.time.name), field(self.time.index), SkipReason::MissingTimestamp);
                    return;
                }
            },
        };
        let resource = new_owner.or_else(|| self.resource.and_then(|index| self.missing.present(field(index))));
        let missing = &self.missing;
        let attributes = self.attributes.iter().map(|&index| missing.present(field(index)));
        self.builder.push(
            NewEvent { case, activity: &activity, time, start, resource, row: u32::try_from(row).unwrap_or(u32::MAX) },
            attributes,
        );
    }

    /// A row of a ticket list: an event per filled milestone date. A date that cannot be read
    /// is skipped and listed (its row's other dates are kept); a row with no date at all is
    /// skipped.
    fn milestone_row(&mut self, record: &Record<'_>, case: &str, row: u64) {
        let field = |index: usize| record.get(index).unwrap_or("");
        let resource = self.resource.and_then(|index| self.missing.present(field(index)));
        let mut events = 0;
        let mut bad = 0;
        for milestone in &mut self.milestones {
            let Some(value) = self.missing.present(field(milestone.time.index)) else { continue };
            let Some(time) = milestone.time.parser.parse(value) else {
                self.skipped.skip(row, Some(&milestone.time.name), value, SkipReason::BadTimestamp);
                bad += 1;
                continue;
            };
            let missing = &self.missing;
            let attributes = self.attributes.iter().map(|&index| missing.present(field(index)));
            self.builder.push(
                NewEvent {
                    case,
                    activity: &milestone.activity,
                    time,
                    start: None,
                    resource,
                    row: u32::try_from(row).unwrap_or(u32::MAX),
                },
                attributes,
            );
            events += 1;
        }
        if events == 0 && bad == 0 {
            let first = self.milestones.first().map(|m| m.time.name.as_str());
            self.skipped.skip(row, first, "", SkipReason::MissingTimestamp);
        }
    }

    /// Takes the rows another importer with the same mapping read after this one's (its
    /// builder, skipped rows and row count, numbered from its own start): afterwards this
    /// importer is what one pass over both would have made (the same events, ids, row numbers
    /// and skip report).
    pub fn append(&mut self, builder: LogBuilder, skipped: Vec<SkippedRow>, rows: u64) {
        let offset = self.rows;
        for skipped in skipped {
            self.skipped.skip(skipped.row + offset, skipped.column.as_deref(), &skipped.value, skipped.reason);
        }
        self.rows += rows;
        self.builder.append(builder, u32::try_from(offset).unwrap_or(u32::MAX));
    }

    /// The events, the skipped rows and the row count, for [`RowImporter::append`] elsewhere.
    pub fn into_parts(self) -> (LogBuilder, Vec<SkippedRow>, u64) {
        (self.builder, self.skipped.all, self.rows)
    }

    /// The log, the skip report, the rows read, and the snapshot rows merged into the
    /// previous one (same state).
    pub fn finish(self) -> (EventLog, SkipReport, u64, u64) {
        let mut log = self.builder.finish();
        for (attribute, format) in log.attributes.iter_mut().zip(&self.attribute_formats) {
            attribute.time_format = *format;
        }
        let collapsed = if self.snapshots { log.collapse_repeats() } else { 0 };
        (log, self.skipped, self.rows, collapsed)
    }
}
