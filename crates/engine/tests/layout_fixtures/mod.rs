//! The graphs the layout is judged on: the seeded maps of [`fixtures`] and the maps of the
//! real logs in `../shared/data/` (every activity; 20 % of the paths, the app's default, and
//! all of them). Shared by `tests/layout.rs` and `examples/layout_reference.rs`.

use std::path::Path;

use casemap_engine::discovery::draw::{MapDrawing, Measure};
use casemap_engine::discovery::map::{MapOptions, process_map};
use casemap_engine::format::Lang;
use casemap_engine::ingest::{ImportOptions, import_bytes};
use casemap_engine::layout::quality::stability;
use casemap_engine::layout::sample::{fixtures, without_node, without_rarest_edge};
use casemap_engine::layout::{Anchor, Graph, layout, layout_stable};
use casemap_engine::log::Selection;

/// Real logs whose maps are fixtures.
pub const REAL_LOGS: &[&str] =
    &["helpdesk.csv", "receipt.csv", "sepsis.csv", "bpic2012.csv", "bpic2013_closed_problems.csv"];

/// Every fixture: (name, graph). The real logs are read from `data`.
pub fn all(data: &Path) -> Vec<(String, Graph)> {
    let mut out = fixtures();
    for file in REAL_LOGS {
        let bytes = std::fs::read(data.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let log = import_bytes(&bytes, &ImportOptions::default()).expect("the shared logs import").log;
        for paths in [20.0, 100.0] {
            let map =
                process_map(&log, Selection::All, MapOptions { activities: Some(usize::MAX), paths: Some(paths) });
            let stem = file.trim_end_matches(".csv");
            out.push((format!("{stem}-paths-{paths}"), MapDrawing::layout_input(&log, &map, Measure::Cases, Lang::En)));
        }
    }
    out
}

/// Stability of slider steps on `graph`, laid out against the full graph's layout as
/// [`layout_stable`] does for the app: (mean node move in node widths, share of node pairs
/// reversing order) for each of 8 path-slider steps (the rarest edge goes) and up to 4
/// activity-slider steps (the node with the least traffic goes; two activities always stay).
pub fn slider_steps(graph: &Graph) -> Vec<(f64, f64)> {
    let base = layout(graph);
    let anchors = base.anchors();
    let mut steps = Vec::new();
    let mut state = graph.clone();
    let mut before = layout_stable(&state, &anchors.iter().copied().map(Some).collect::<Vec<_>>());
    let identity: Vec<(usize, usize)> = (0..graph.nodes.len()).map(|v| (v, v)).collect();
    for _ in 0..8 {
        state = without_rarest_edge(&state);
        let after = layout_stable(&state, &anchors.iter().copied().map(Some).collect::<Vec<_>>());
        steps.push(stability(&before, &after, &identity));
        before = after;
    }
    // Activity steps: from the full graph, the least used node goes, one at a time.
    let mut state = graph.clone();
    let mut original: Vec<usize> = (0..graph.nodes.len()).collect();
    let mut before = layout_stable(&state, &anchors.iter().copied().map(Some).collect::<Vec<_>>());
    // At least two activities stay, as on the app's slider.
    let activities = graph.nodes.len().saturating_sub(2);
    for _ in 0..4.min(activities.saturating_sub(2)) {
        let traffic =
            |v: usize| -> f64 { state.edges.iter().filter(|e| e.from == v || e.to == v).map(|e| e.weight).sum() };
        let candidates = (0..state.nodes.len()).filter(|&v| Some(v) != state.first && Some(v) != state.last);
        let Some(gone) = candidates.min_by(|&a, &b| traffic(a).total_cmp(&traffic(b)).then(a.cmp(&b))) else { break };
        let (next, kept) = without_node(&state, gone);
        let next_original: Vec<usize> = kept.iter().map(|&k| original[k]).collect();
        let next_anchors: Vec<Option<Anchor>> = next_original.iter().map(|&o| Some(anchors[o])).collect();
        let after = layout_stable(&next, &next_anchors);
        let same: Vec<(usize, usize)> = kept.iter().enumerate().map(|(new, &old)| (old, new)).collect();
        steps.push(stability(&before, &after, &same));
        (state, original, before) = (next, next_original, after);
    }
    steps
}
