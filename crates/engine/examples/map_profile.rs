//! Times steps of the activity slider on a generated log: reading every event again
//! (`Dfg::discover` with the kept activities) against a [`Projector`] built once
//! (`map::project_with`), and checks that both give the same graph.
//!
//! `cargo run --release -p casemap-engine --example map_profile [cases]` (115,000 cases make
//! about a million events).
use std::time::Instant;

use casemap_engine::discovery::dfg::Dfg;
use casemap_engine::discovery::map::{kept_activities, kept_set, project_with};
use casemap_engine::discovery::projection::Projector;
use casemap_engine::ingest::{ImportOptions, import_bytes};
use casemap_engine::log::Selection;
use casemap_engine::sample::{SampleOptions, generate_csv};

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let cases = std::env::args().nth(1).and_then(|v| v.parse().ok()).unwrap_or(115_000);
    let bytes = generate_csv(&SampleOptions { cases, ..SampleOptions::default() });
    let log = import_bytes(&bytes, &ImportOptions::default()).unwrap().log;
    // With CASEMAP_PROJECTOR_ONLY set, only the projector runs (for a profiler).
    let only_projector = std::env::var_os("CASEMAP_PROJECTOR_ONLY").is_some();
    let full = Dfg::discover(&log, Selection::All, None);
    let t = Instant::now();
    let projector = Projector::new(&log, Selection::All);
    let built = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{} events, {} activities, {} sequences; projector built in {built:.1} ms",
        log.event_count(),
        full.activities.len(),
        projector.sequences()
    );
    for percent in [10.0, 30.0, 50.0, 70.0, 90.0] {
        let kept = kept_activities(full.activities.len(), percent);
        let keep = kept_set(&log, &full, kept);
        let (mut again, mut projected) = (Vec::new(), Vec::new());
        for _ in 0..if only_projector { 100 } else { 15 } {
            let t = Instant::now();
            let a = (!only_projector).then(|| Dfg::discover(&log, Selection::All, Some(&keep)));
            again.push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            let b = project_with(&projector, &log, Selection::All, &full, kept);
            projected.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(a.is_none_or(|a| a == b), "the projector's graph differs at {percent} %");
        }
        let (a, b) = (median(again), median(projected));
        println!("activities {percent:>3} %: read again {a:6.1} ms, projector {b:6.1} ms ({:.1}x)", a / b);
    }
}
