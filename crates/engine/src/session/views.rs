//! What a session answers: plain serde types, sent to the page as they are.

use serde::{Deserialize, Serialize};

use crate::discovery::dfg::Dfg;
use crate::discovery::draw::MapDrawing;
use crate::filter::{FilterError, StepCount};
use crate::log::{ActivityId, Level, ServiceField};

/// What the filtered log holds now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilterState {
    /// Cases and events after each step.
    pub steps: Vec<StepCount>,
    /// Cases of the whole log.
    pub total_cases: u64,
    /// Events of the whole log.
    pub total_events: u64,
    /// Why the chain could not be applied (the previous one stays in force).
    pub error: Option<FilterError>,
}

/// A value and how many cases (case-level) or events (event-level) have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueCount {
    /// The value.
    pub value: String,
    /// Cases or events.
    pub count: u64,
}

/// A column filters can select on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnChoice {
    /// Its name in the file.
    pub name: String,
    /// Case- or event-level.
    pub level: Level,
    /// Its service meaning.
    pub field: Option<ServiceField>,
    /// Its values, the most frequent first (at most [`CHOICE_VALUES`]).
    pub values: Vec<ValueCount>,
    /// Distinct values in all.
    pub distinct: u64,
}

/// Most values of a column offered to filters.
pub const CHOICE_VALUES: usize = 200;

/// What filters can choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilterChoices {
    /// Attribute columns.
    pub columns: Vec<ColumnChoice>,
    /// Activities with their events, the most frequent first.
    pub activities: Vec<ValueCount>,
    /// Resources with their events, the most frequent first (at most [`CHOICE_VALUES`]).
    pub resources: Vec<ValueCount>,
    /// The log's first time, ISO 8601.
    pub first: Option<String>,
    /// Its last time.
    pub last: Option<String>,
}

/// Most rows of the case list answered at once.
pub const CASE_PAGE_LIMIT: usize = 500;

/// Most variants sent to the page (the rest are counted).
pub const VARIANT_ROWS_LIMIT: usize = 1_000;

/// A process map ready to draw, with the figures behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    /// The drawing.
    pub drawing: MapDrawing,
    /// The graph of the kept activities: the figures shown on hover.
    pub dfg: Dfg,
    /// Activities before the activity slider.
    pub activities_total: usize,
    /// Activities shown (the slider's position, the first map's when it was left alone).
    pub kept: usize,
    /// The path slider's position in percent (the first map's when it was left alone).
    pub paths: f64,
}

/// One variant, as the variants view lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantRow {
    /// Its activities in order, as indices into [`VariantsView::activity_names`] (a thousand
    /// rows of names cost the page ten times the time of the numbers).
    pub activities: Vec<ActivityId>,
    /// Cases.
    pub cases: u64,
    /// Share of all cases (0 to 1).
    pub share: f64,
    /// Share of all cases covered by it and the more frequent ones.
    pub coverage: f64,
    /// Median case duration, seconds.
    pub median_duration_s: f64,
    /// Mean case duration, seconds.
    pub mean_duration_s: f64,
}

/// The variants of the current log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantsView {
    /// Distinct variants.
    pub total: u64,
    /// Cases.
    pub cases: u64,
    /// The most frequent ones, at most [`VARIANT_ROWS_LIMIT`].
    pub rows: Vec<VariantRow>,
    /// The names of the activities the rows refer to.
    pub activity_names: Vec<String>,
}

impl VariantsView {
    /// The names of a row's activities.
    pub fn names<'v>(&'v self, row: &'v VariantRow) -> impl Iterator<Item = &'v str> + 'v {
        row.activities.iter().map(|&a| self.activity_names.get(a.index()).map_or("", String::as_str))
    }
}
