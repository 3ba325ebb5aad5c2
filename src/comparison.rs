//! What the compare view shows: the segments last compared, the comparison, the difference
//! map and the suggested change point, each the latest answer of the worker in a signal. The
//! actions that ask for them are in [`crate::state::compare`].

use casemap_engine::compare::Comparison;
use casemap_engine::compare::change_point::ChangePoint;
use casemap_engine::compare::diff_map::{DiffMap, DiffMeasure};
use casemap_engine::compare::presets::Preset;
use casemap_engine::discovery::map::MapOptions;
use casemap_engine::filter::FilterError;
use casemap_engine::format::Lang;
use leptos::prelude::*;

use crate::protocol::JobId;

/// The difference map's settings.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DiffSettings {
    /// Slider positions.
    pub options: MapOptions,
    /// What it compares.
    pub measure: DiffMeasure,
}

/// What the compare view shows. Copy: pass it into closures freely.
#[derive(Debug, Clone, Copy)]
pub struct Comparing {
    /// The segments asked for last (with the filters in force then).
    pub preset: RwSignal<Option<Preset>>,
    /// Their comparison, once it came (or why a chain could not be applied).
    pub result: RwSignal<Option<Result<Comparison, FilterError>>>,
    /// The whole log's change point: `None` until the worker answered, then `Some(None)` when
    /// it sees no clear change.
    pub change_point: RwSignal<Option<Option<ChangePoint>>>,
    /// The difference map's settings.
    pub settings: RwSignal<DiffSettings>,
    /// The last difference map drawn.
    pub diff: RwSignal<Option<Result<DiffMap, FilterError>>>,
    /// The comparison asked for last.
    pub(crate) job: RwSignal<Option<JobId>>,
    /// The difference map in flight, if any.
    pub(crate) diff_job: RwSignal<Option<JobId>>,
    /// Whether the settings changed while a difference map was in flight.
    pub(crate) diff_stale: RwSignal<bool>,
    /// The change point asked for last.
    pub(crate) point_job: RwSignal<Option<JobId>>,
    /// The language the last difference map was asked for in.
    pub(crate) diff_lang: RwSignal<Lang>,
}

impl Comparing {
    /// Nothing compared yet.
    pub fn new() -> Self {
        Comparing {
            preset: RwSignal::new(None),
            result: RwSignal::new(None),
            change_point: RwSignal::new(None),
            settings: RwSignal::new(DiffSettings::default()),
            diff: RwSignal::new(None),
            job: RwSignal::new(None),
            diff_job: RwSignal::new(None),
            diff_stale: RwSignal::new(false),
            point_job: RwSignal::new(None),
            diff_lang: RwSignal::new(Lang::En),
        }
    }
}

impl Default for Comparing {
    fn default() -> Self {
        Self::new()
    }
}
