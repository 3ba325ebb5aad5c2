//! Discovery on a generated log of about a million events: the directly-follows graph with
//! its waiting times, the map at slider positions (the work of one slider step in the app),
//! variants, case statistics and the layout of the drawn map.
//!
//! `cargo bench -p casemap-engine --bench discovery`; `CASEMAP_BENCH_CASES` changes the size
//! (115,000 cases make about 1,017,000 events).

// Criterion is a native dev-dependency only: for wasm32 this file is an empty program.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use casemap_engine::discovery::cases::case_stats;
    use casemap_engine::discovery::dfg::Dfg;
    use casemap_engine::discovery::draw::{MapDrawing, Measure};
    use casemap_engine::discovery::map::{
        MapOptions, kept_activities, kept_set, project, project_with, simplify, with_paths,
    };
    use casemap_engine::discovery::projection::Projector;
    use casemap_engine::discovery::variants::variants;
    use casemap_engine::format::Lang;
    use casemap_engine::ingest::{ImportOptions, import_bytes};
    use casemap_engine::log::Selection;
    use casemap_engine::sample::{SampleOptions, generate_csv};
    use criterion::{Criterion, criterion_group};

    fn cases() -> u32 {
        std::env::var("CASEMAP_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(115_000)
    }

    fn discovery(c: &mut Criterion) {
        let bytes = generate_csv(&SampleOptions { cases: cases(), ..SampleOptions::default() });
        let log = import_bytes(&bytes, &ImportOptions::default()).unwrap().log;
        drop(bytes);
        let mut group = c.benchmark_group(format!("discovery_{}k_events", log.event_count() / 1000));
        group.sample_size(10).measurement_time(Duration::from_secs(10)).warm_up_time(Duration::from_secs(2));
        group.bench_function("dfg", |b| b.iter(|| black_box(Dfg::discover(&log, Selection::All, None))));
        let full = Dfg::discover(&log, Selection::All, None);
        // One step of the activity slider, as the app takes it: from a projector built once per
        // selection (timed too), against the baseline of reading every event again.
        let kept = kept_activities(full.activities.len(), 50.0);
        let keep = kept_set(&log, &full, kept);
        group.bench_function("activity_step_50pct_read_again", |b| {
            b.iter(|| black_box(Dfg::discover(&log, Selection::All, Some(&keep))))
        });
        group.bench_function("projector_build", |b| b.iter(|| black_box(Projector::new(&log, Selection::All))));
        let projector = Projector::new(&log, Selection::All);
        group.bench_function("activity_step_50pct", |b| {
            b.iter(|| black_box(project_with(&projector, &log, Selection::All, &full, kept)))
        });
        // One step of the path slider: the projected graph is kept, only paths are chosen.
        let projected = project(&log, Selection::All, &full, kept);
        let total = full.activities.len();
        group.bench_function("path_step_20pct", |b| {
            b.iter(|| black_box(with_paths(projected.clone(), total, Some(20.0))))
        });
        let map = simplify(&log, Selection::All, &full, MapOptions::EVERYTHING);
        group.bench_function("layout_and_labels_all_paths", |b| {
            b.iter(|| black_box(MapDrawing::new(&log, &map, Measure::Median, Lang::En)))
        });
        group.bench_function("variants", |b| b.iter(|| black_box(variants(&log, Selection::All))));
        group.bench_function("case_stats", |b| b.iter(|| black_box(case_stats(&log, Selection::All))));
        group.finish();
    }

    criterion_group!(benches, discovery);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
