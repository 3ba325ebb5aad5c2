//! `casemap map`: the process map as SVG, the same drawing the app shows.

use std::path::Path;

use anyhow::{Context, Result};
use casemap_engine::discovery::dfg::Dfg;
use casemap_engine::discovery::draw::{MapAnchors, MapDrawing, Measure};
use casemap_engine::discovery::map::{MapOptions, kept_activities, kept_for, project, reference_activities, simplify};
use casemap_engine::format::Lang;
use casemap_engine::log::Selection;

use super::import::{ImportFlags, load};

/// How many activities the map shows: a percent, a count, or (neither) the app's first map.
#[derive(Debug, Clone, Copy, Default)]
pub struct ActivityChoice {
    /// `--activities P`.
    pub percent: Option<f64>,
    /// `--keep-activities N`.
    pub count: Option<usize>,
}

/// Runs `casemap map`.
pub fn run(
    path: &Path,
    flags: &ImportFlags,
    output: &Path,
    activities: ActivityChoice,
    paths: Option<f64>,
    measure: Measure,
    lang: Lang,
) -> Result<()> {
    let loaded = load(path, flags)?;
    let log = &loaded.imported.log;
    let full = Dfg::discover(log, Selection::All, None);
    let total = full.activities.len();
    let count = activities.count.or_else(|| activities.percent.map(|p| kept_activities(total, p)));
    let options = MapOptions { activities: count, paths };
    // As in the app: the nodes stay where the map of the reference size puts them.
    let reference = project(log, Selection::All, &full, reference_activities(total, kept_for(&full, options)));
    let anchors = MapAnchors::of_reference(log, &reference, total, lang);
    let map = simplify(log, Selection::All, &full, options);
    let drawing = MapDrawing::new_stable(log, &map, measure, lang, Some(&anchors));
    std::fs::write(output, drawing.to_svg()).with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!(
        "wrote {}: {} of {} activities, {} of {} paths ({:.0} x {:.0})",
        output.display(),
        map.dfg.activities.len(),
        map.activities_total,
        map.shown.len(),
        map.dfg.edges.len(),
        drawing.width,
        drawing.height
    );
    Ok(())
}
