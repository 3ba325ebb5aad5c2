//! Where a comparison spends its time: `cargo run --release -p casemap-engine --example
//! compare_profile -- LOG.csv DATE` (the cases started before DATE against those after).
//! Then what the page waits for, as the worker's session does it: the comparison and the
//! difference map of a pair of segments not seen before (DATE and the week after, in turn),
//! a slider step on the difference map, and, as the baseline of the same run, the first
//! process map of the whole log. Medians of 5 runs.

use std::time::Instant;

use casemap_engine::compare::{CompareOptions, before_after, compare_segments, split::split};
use casemap_engine::filter::apply;
use casemap_engine::ingest::{ImportOptions, import_bytes};
use casemap_engine::service::{ServiceContext, case_facts};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let log = import_bytes(&std::fs::read(&args[1]).unwrap(), &ImportOptions::default()).unwrap().log;
    let (a, b) = before_after(&args[2]);
    let options = CompareOptions::default();
    let t = Instant::now();
    let (fa, fb) = (apply(&log, &a).unwrap(), apply(&log, &b).unwrap());
    println!("filters     {:>7.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let ctx = ServiceContext::new(&log, &options.vocabulary);
    let facts = (case_facts(&log, &ctx, fa.selection()), case_facts(&log, &ctx, fb.selection()));
    println!("facts       {:>7.1} ms ({} + {} cases)", t.elapsed().as_secs_f64() * 1e3, facts.0.len(), facts.1.len());
    let t = Instant::now();
    let k = casemap_engine::compare::kpis::compare_kpis(&log, &ctx, &facts.0, &facts.1, &[]);
    println!("kpis+tests  {:>7.1} ms ({} KPIs)", t.elapsed().as_secs_f64() * 1e3, k.len());
    let t = Instant::now();
    let s = split((&log, fa.selection()), (&log, fb.selection()));
    println!("split       {:>7.1} ms ({} paths)", t.elapsed().as_secs_f64() * 1e3, s.edges.len());
    let t = Instant::now();
    let c = compare_segments(&log, &a, &b, &options).unwrap();
    println!("all         {:>7.1} ms ({} variants)", t.elapsed().as_secs_f64() * 1e3, c.variants.len());
    session_runs(log, &args[2]);
}

/// The session's answers to the page, timed (medians of 5 runs).
fn session_runs(log: casemap_engine::log::EventLog, date: &str) {
    use casemap_engine::compare::diff_map::DiffMeasure;
    use casemap_engine::discovery::draw::Measure;
    use casemap_engine::discovery::map::MapOptions;
    use casemap_engine::format::Lang;
    use casemap_engine::service::AnalysisSetup;
    use casemap_engine::session::Session;
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let later = casemap_engine::compare::presets::day_after(&format!("{date}T00:00:00"))
        .and_then(|d| casemap_engine::compare::presets::day_after(&format!("{d}T00:00:00")))
        .unwrap();
    let mut session = Session::new(log, Default::default());
    let setup = AnalysisSetup::default();
    session.change_point(&setup);
    let (mut fresh, mut step, mut map) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..5 {
        let (a, b) = before_after(if run % 2 == 0 { date } else { &later });
        let t = Instant::now();
        session.compare(&a, &b, &setup).unwrap();
        session.diff_map(&a, &b, MapOptions::default(), DiffMeasure::Cases, Lang::En).unwrap();
        fresh.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let fewer = MapOptions { activities: Some(8), paths: Some(30.0 + run as f64) };
        session.diff_map(&a, &b, fewer, DiffMeasure::Median, Lang::En).unwrap();
        step.push(t.elapsed().as_secs_f64() * 1e3);
        let mut whole = Session::new(session.log().clone(), Default::default());
        let t = Instant::now();
        whole.map(MapOptions::default(), Measure::Cases, Lang::En);
        map.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (fresh, step, map) = (median(fresh), median(step), median(map));
    println!("session: compare + difference map {fresh:>7.1} ms ({:.1}x the whole log's first map)", fresh / map);
    println!("session: difference map slider step {step:>5.1} ms");
    println!("session: the whole log's first map  {map:>6.1} ms (baseline)");
}
