//! `casemap map`: the process map as SVG, the same drawing the app shows.

use std::path::Path;

use anyhow::{Context, Result};
use casemap_engine::discovery::Selection;
use casemap_engine::discovery::dfg::Dfg;
use casemap_engine::discovery::draw::{MapAnchors, MapDrawing, Measure};
use casemap_engine::discovery::map::{MapOptions, simplify};
use casemap_engine::format::Lang;

use super::import::{ImportFlags, load};

/// Runs `casemap map`.
pub fn run(
    path: &Path,
    flags: &ImportFlags,
    output: &Path,
    options: MapOptions,
    measure: Measure,
    lang: Lang,
) -> Result<()> {
    let loaded = load(path, flags)?;
    let log = &loaded.imported.log;
    // As in the app: the nodes stay where the full map puts them, whatever the sliders.
    let full = Dfg::discover(log, Selection::All, None);
    let anchors = MapAnchors::of_full_map(log, &full, lang);
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
