//! Where a comparison spends its time: `cargo run --release -p casemap-engine --example
//! compare_profile -- LOG.csv DATE` (the cases started before DATE against those after).

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
}
