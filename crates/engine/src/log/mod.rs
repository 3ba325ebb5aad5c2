//! The event log: columnar, interned, ordered as PM4Py orders it.
//!
//! # Layout
//! Events are stored column by column, ordered by case, then time, then file order (the
//! order of PM4Py's `format_dataframe`: cases sorted by their id as text, a stable sort on the
//! timestamp within each case). The events of case `c` are `case_starts[c]..case_starts[c + 1]`.
//! Activities, resources and attribute values are interned: each column holds small integer
//! ids into a table of distinct strings.
//!
//! # Memory
//! The core columns take, per event: activity 1 byte (2 with more than 254 activities, 4
//! with more than 65,534: [`column::IdColumn`] over [`codes::Codes`]), time 8, resource 1 to
//! 4 the same way, source row 4, and the start time 8 more when the log has start times:
//! **15 bytes per event for a typical service log (a few dozen activities, a few hundred
//! agents), 23 with start times**, plus 4 bytes per case for the case offsets and the interned
//! strings (each distinct string once). Each event-level attribute adds 1 byte per event (2
//! with more than 254 distinct values, 4 with more than 65,534); each case-level attribute as
//! much per case. [`EventLog::core_bytes`] reports the figure for a log. While a file is read,
//! the builder holds the activity, resource and every attribute column in the same narrow
//! widths (see [`builder`]), and hands them to the log without a copy when the file is in
//! order.
//!
//! # Selections
//! Analyses never copy the log: they take a [`Selection`] of its cases (all of them, or the
//! indices the filters left), which is why the selection lives here, below discovery, the
//! filters and the service analyses that all use it.

use std::marker::PhantomData;

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::time::Micros;

pub mod builder;
pub mod codes;
pub mod column;
pub mod source;

use self::codes::{Codes, retain_kept};
pub use self::column::{IdColumn, IdRun};
pub use self::source::SourceRows;
mod selection;

pub use self::selection::Selection;

/// Defines id newtypes over `u32`: distinct types (an activity id does not pass for a case
/// index), laid out and serialised exactly as the `u32` they wrap.
macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        #[repr(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The id as a position in its table or column.
            #[inline]
            pub const fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of a position (positions fit in `u32`: the log's limit).
            #[inline]
            pub const fn from_index(index: usize) -> Self {
                $name(index as u32)
            }
        }

        impl Id for $name {
            #[inline]
            fn index(self) -> usize {
                $name::index(self)
            }

            #[inline]
            fn from_index(index: usize) -> Self {
                $name::from_index(index)
            }
        }

        impl From<u32> for $name {
            #[inline]
            fn from(id: u32) -> Self {
                $name(id)
            }
        }

        impl From<$name> for u32 {
            #[inline]
            fn from(id: $name) -> u32 {
                id.0
            }
        }
    )*};
}

/// What the id newtypes share: they index a table ([`Interned`]) or a column.
pub trait Id: Copy {
    /// The id as a position.
    fn index(self) -> usize;
    /// The id of a position.
    fn from_index(index: usize) -> Self;
}

ids! {
    /// An index into [`EventLog::activities`].
    ActivityId;
    /// An index into [`EventLog::resources`].
    ResourceId;
    /// An index into the cases of an [`EventLog`].
    CaseIndex;
    /// An index into the values ([`Attribute::values`]) of an attribute.
    ValueId;
}

impl ResourceId {
    /// The resource of an event that has none.
    pub const MISSING: ResourceId = ResourceId(u32::MAX);
}

impl ValueId {
    /// The value of an attribute that is missing.
    pub const MISSING: ValueId = ValueId(u32::MAX);
}

/// Ids that can be missing (resources and attribute values), for code that serves both.
pub trait MaybeMissing: Id + Eq {
    /// The id of a missing value.
    const MISSING: Self;
}

impl MaybeMissing for ResourceId {
    const MISSING: Self = ResourceId::MISSING;
}

impl MaybeMissing for ValueId {
    const MISSING: Self = ValueId::MISSING;
}

impl CaseIndex {
    /// The first `count` cases.
    pub fn all(count: usize) -> impl DoubleEndedIterator<Item = CaseIndex> + ExactSizeIterator + Clone {
        (0..count as u32).map(CaseIndex)
    }
}

/// A table of distinct strings; ids (of type `I`) are positions, in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interned<I> {
    names: Vec<Box<str>>,
    #[serde(skip)]
    id: PhantomData<fn() -> I>,
}

impl<I> Default for Interned<I> {
    fn default() -> Self {
        Interned { names: Vec::new(), id: PhantomData }
    }
}

impl<I: Id> Interned<I> {
    /// A table with these strings, in this order.
    pub fn from_names(names: Vec<Box<str>>) -> Self {
        Interned { names, id: PhantomData }
    }

    /// The string of an id (`None` for a missing id or an unknown one).
    #[inline]
    pub fn get(&self, id: I) -> Option<&str> {
        self.names.get(id.index()).map(|name| &**name)
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// All strings, by id.
    pub fn names(&self) -> impl ExactSizeIterator<Item = &str> {
        self.names.iter().map(|name| &**name)
    }

    /// The id of a string, by search (for lookups outside hot loops).
    pub fn find(&self, name: &str) -> Option<I> {
        self.names.iter().position(|n| &**n == name).map(I::from_index)
    }

    /// Bytes held by the strings.
    pub fn string_bytes(&self) -> usize {
        self.names.iter().map(|name| name.len()).sum()
    }
}

/// Whether an attribute belongs to cases or to events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The same value on every event of a case (priority, channel, SLA due date, ...).
    Case,
    /// May differ between events of a case (status, team, ...).
    Event,
}

/// What a service attribute means, so that the service analyses can find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, VariantArray, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ServiceField {
    /// Team, queue or assignment group.
    Team,
    /// Priority or severity.
    Priority,
    /// Channel (origin) of the case.
    Channel,
    /// Case type or category.
    CaseType,
    /// Status.
    Status,
    /// The date and time by which the case should be resolved.
    SlaDue,
    /// Whether the tool counted the case as within its SLA (a yes/no flag).
    SlaMet,
    /// Customer satisfaction score.
    Csat,
    /// Whether the case was escalated.
    Escalated,
    /// How often the case was reopened, as the tool counted it.
    ReopenCount,
    /// How often the case was reassigned, as the tool counted it.
    ReassignmentCount,
}

impl ServiceField {
    /// Every service field. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [ServiceField] = <ServiceField as VariantArray>::VARIANTS;
}

/// An attribute column other than case id, activity, times and resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribute {
    /// The column name as in the file.
    pub name: String,
    /// The service meaning of the column, when it has one.
    pub field: Option<ServiceField>,
    /// Case- or event-level.
    pub level: Level,
    /// The distinct values.
    pub values: Interned<ValueId>,
    /// One value id per case ([`Level::Case`]) or per event ([`Level::Event`]), missing where
    /// the value is missing ([`Attribute::id_at`] reads them as [`ValueId`]s), each in the
    /// narrowest width its values allow: most columns have a few dozen values, and an
    /// event-level column then takes one byte per event, not four.
    pub ids: Codes,
    /// How the values are written, for a column of dates (an SLA due date) whose format the
    /// mapping decided.
    pub time_format: Option<crate::time::TimeFormat>,
}

impl Attribute {
    /// The same column with no values assigned (for building a column of another log).
    pub fn clone_without_ids(&self) -> Attribute {
        Attribute {
            name: self.name.clone(),
            field: self.field,
            level: self.level,
            values: self.values.clone(),
            ids: Codes::default(),
            time_format: self.time_format,
        }
    }

    /// The value id at position `index` of [`Attribute::ids`] (a case index for a case-level
    /// column, an event index for an event-level one).
    #[inline]
    pub fn id_at(&self, index: usize) -> ValueId {
        ValueId(self.ids.get(index))
    }

    /// The value id for an event of case `case` at position `event`, whatever the level.
    #[inline]
    pub fn id(&self, case: CaseIndex, event: usize) -> ValueId {
        match self.level {
            Level::Case => self.id_at(case.index()),
            Level::Event => self.id_at(event),
        }
    }

    /// The value of this attribute for an event of case `case` at position `event`.
    pub fn value(&self, case: CaseIndex, event: usize) -> Option<&str> {
        self.values.get(self.id(case, event))
    }
}

/// An event log; see the [module docs](self).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EventLog {
    /// Case ids, in case order (sorted as text).
    pub case_ids: Vec<Box<str>>,
    /// Where each case's events start; one more entry than cases, the last is the event count.
    pub case_starts: Vec<u32>,
    /// Activity names.
    pub activities: Interned<ActivityId>,
    /// Resource (agent) names.
    pub resources: Interned<ResourceId>,
    /// The activity of each event (one byte each for fewer than 255 activities).
    pub activity: IdColumn<ActivityId>,
    /// The timestamp of each event (its completion, or its only time).
    pub time: Vec<Micros>,
    /// The start time of each event, when the log has start times (equal to `time` for an
    /// event whose start is missing).
    pub start: Option<Vec<Micros>>,
    /// The resource of each event, [`ResourceId::MISSING`] when none (two bytes each for
    /// fewer than 65,535 resources).
    pub resource: IdColumn<ResourceId>,
    /// The data row (1 = the first row after the header) each event came from.
    pub row: SourceRows,
    /// Other columns.
    pub attributes: Vec<Attribute>,
}

impl EventLog {
    /// Number of events.
    pub fn event_count(&self) -> usize {
        self.activity.len()
    }

    /// Number of cases.
    pub fn case_count(&self) -> usize {
        self.case_ids.len()
    }

    /// When an event began: its start time when the log has start times, else its time.
    pub fn begin(&self, event: usize) -> Micros {
        self.start.as_ref().map_or(self.time[event], |s| s[event])
    }

    /// The range of event positions of a case.
    pub fn case_events(&self, case: CaseIndex) -> std::ops::Range<usize> {
        self.case_starts[case.index()] as usize..self.case_starts[case.index() + 1] as usize
    }

    /// The earliest and latest timestamp (start times included), if there are events.
    pub fn time_span(&self) -> Option<(Micros, Micros)> {
        let times = self.time.iter().chain(self.start.iter().flatten());
        let first = times.clone().min()?;
        Some((*first, *times.max()?))
    }

    /// Bytes per event taken by the core columns (activity, times, resource, row), not counting
    /// interned strings and attributes.
    pub fn core_bytes_per_event(&self) -> usize {
        self.activity.width()
            + 8
            + self.resource.width()
            + self.row.bytes_per_event()
            + if self.start.is_some() { 8 } else { 0 }
    }

    /// Bytes taken by the core columns and case offsets (capacity not counted).
    pub fn core_bytes(&self) -> usize {
        self.event_count() * self.core_bytes_per_event() + self.case_starts.len() * 4
    }

    /// Distinct resources actually used by events (missing values not counted).
    pub fn resource_count(&self) -> usize {
        self.resources.len()
    }

    /// Removes each event whose activity is the same as the previous event's in its case, and
    /// returns how many were removed (for snapshot exports, where a row that did not change
    /// the state is no step of the process).
    pub fn collapse_repeats(&mut self) -> u64 {
        let mut keep = vec![true; self.event_count()];
        for case in CaseIndex::all(self.case_count()) {
            let events = self.case_events(case);
            let run = self.activity.run(events.clone());
            for (i, slot) in keep[events].iter_mut().enumerate().skip(1) {
                *slot = run.get(i - 1) != run.get(i);
            }
        }
        let removed = keep.iter().filter(|k| !**k).count() as u64;
        if removed == 0 {
            return 0;
        }
        self.activity.retain(&keep);
        retain_kept(&mut self.time, &keep);
        if let Some(start) = &mut self.start {
            retain_kept(start, &keep);
        }
        self.resource.retain(&keep);
        self.row.retain(&keep);
        for attribute in &mut self.attributes {
            if attribute.level == Level::Event {
                attribute.ids.retain(&keep);
            }
        }
        let mut kept_before = 0u32;
        let mut position = 0usize;
        for start in &mut self.case_starts {
            let target = *start as usize;
            while position < target {
                kept_before += u32::from(keep[position]);
                position += 1;
            }
            *start = kept_before;
        }
        removed
    }

    /// The headline figures of the log.
    pub fn summary(&self) -> Summary {
        let span = self.time_span();
        Summary {
            events: self.event_count() as u64,
            cases: self.case_count() as u64,
            activities: used(self.activity.iter(), self.activities.len()),
            resources: used(self.resource.iter(), self.resources.len()),
            first: span.map(|(first, _)| crate::time::to_iso(first)),
            last: span.map(|(_, last)| crate::time::to_iso(last)),
        }
    }
}

/// How many distinct ids below `count` occur in `ids` (missing ids, beyond `count`, left out).
fn used<I: Id>(ids: impl Iterator<Item = I>, count: usize) -> u64 {
    let mut seen = vec![false; count];
    let mut distinct = 0;
    for id in ids {
        if let Some(slot) = seen.get_mut(id.index())
            && !*slot
        {
            *slot = true;
            distinct += 1;
        }
    }
    distinct
}

/// The headline figures of a log, as `casemap import --json` prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Events.
    pub events: u64,
    /// Cases.
    pub cases: u64,
    /// Distinct activities.
    pub activities: u64,
    /// Distinct resources.
    pub resources: u64,
    /// The earliest time, ISO 8601 (UTC, or the log's wall-clock time when it has no zone).
    pub first: Option<String>,
    /// The latest time, ISO 8601.
    pub last: Option<String>,
}
