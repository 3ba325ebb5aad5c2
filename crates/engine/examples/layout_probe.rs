//! Times the phases of drawing a map of a CSV file: discovery, simplification, layout.
//!
//! `cargo run --release -p casemap-engine --example layout_probe -- FILE [PATHS%]`
use std::time::Instant;

use casemap_engine::discovery::draw::{MapDrawing, Measure};
use casemap_engine::discovery::map::{MapOptions, process_map};
use casemap_engine::format::Lang;
use casemap_engine::ingest::{ImportOptions, import_bytes};
use casemap_engine::log::Selection;

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("a CSV file");
    let paths: f64 = args.next().and_then(|p| p.parse().ok()).unwrap_or(100.0);
    let bytes = std::fs::read(&file).expect("readable");
    let log = import_bytes(&bytes, &ImportOptions::default()).expect("a log").log;
    let t = Instant::now();
    let map = process_map(&log, Selection::All, MapOptions { activities: Some(usize::MAX), paths: Some(paths) });
    let discovered = t.elapsed();
    let t = Instant::now();
    let drawing = MapDrawing::new(&log, &map, Measure::Cases, Lang::En);
    let drawn = t.elapsed();
    println!(
        "{} activities, {} paths shown: discovery {:.1} ms, layout and labels {:.1} ms, {:.0} x {:.0}",
        map.dfg.activities.len(),
        map.shown.len(),
        discovered.as_secs_f64() * 1e3,
        drawn.as_secs_f64() * 1e3,
        drawing.width,
        drawing.height
    );
}
