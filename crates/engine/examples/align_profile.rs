//! Which variants the alignments spend their time on: `cargo run --release -p casemap-engine
//! --example align_profile -- LOG.csv MODEL.pnml`.

use casemap_engine::conformance::align::Aligner;
use casemap_engine::conformance::pnml::read_pnml;
use casemap_engine::discovery::variants::variants;
use casemap_engine::ingest::{ImportOptions, import_bytes};
use casemap_engine::log::Selection;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let log = import_bytes(&std::fs::read(&args[1]).unwrap(), &ImportOptions::default()).unwrap().log;
    let net = read_pnml(&std::fs::read_to_string(&args[2]).unwrap()).unwrap().net;
    let aligner = Aligner::new(&net).unwrap();
    let mut rows = Vec::new();
    let all = std::time::Instant::now();
    let min_len: usize = std::env::var("MIN_EVENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    for v in variants(&log, Selection::All) {
        if v.activities.len() < min_len {
            continue;
        }
        let acts: Vec<&str> = v.activities.iter().map(|&a| log.activities.get(a).unwrap_or_default()).collect();
        let started = std::time::Instant::now();
        let a = aligner.align(&acts).unwrap();
        rows.push((started.elapsed().as_secs_f64(), a.visited, a.cost, acts.len()));
    }
    println!("{} variants in {:.3} s", rows.len(), all.elapsed().as_secs_f64());
    let fit: f64 = rows.iter().filter(|r| r.2 < 10_000).map(|r| r.0).sum();
    let fit_n = rows.iter().filter(|r| r.2 < 10_000).count();
    println!(
        "fitting variants: {fit_n} in {fit:.3} s; deviating: {} in {:.3} s",
        rows.len() - fit_n,
        rows.iter().filter(|r| r.2 >= 10_000).map(|r| r.0).sum::<f64>()
    );
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (s, visited, cost, len) in rows.iter().take(12) {
        println!("{s:.3} s  visited {visited}  cost {cost}  events {len}");
    }
}
