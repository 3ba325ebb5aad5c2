//! Times each service analysis on a generated log (default 115,000 cases, about a million
//! events): where `casemap analyze` spends its time besides discovery.
//!
//! `cargo run --release -p casemap-engine --example service_profile [CASES]`

use std::time::Instant;

use casemap_engine::ingest::{ImportOptions, import_bytes};
use casemap_engine::log::Selection;
use casemap_engine::sample::{SampleOptions, generate_csv};
use casemap_engine::service::{
    ServiceContext, Vocabulary, acknowledgement, bottlenecks, case_facts, channels, csat, default_outcome, drivers,
    escalations, fcr, handoffs, kpis, misclassification, priority, rework, sla, workload,
};

fn main() {
    let cases = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(115_000);
    let bytes = generate_csv(&SampleOptions { cases, ..SampleOptions::default() });
    let log = import_bytes(&bytes, &ImportOptions::default()).expect("the generated log imports").log;
    println!("{} events, {} cases", log.event_count(), log.case_count());
    let time = |name: &str, f: &mut dyn FnMut()| {
        let started = Instant::now();
        f();
        println!("{name:>18}: {:7.1} ms", started.elapsed().as_secs_f64() * 1e3);
    };
    let mut ctx = None;
    time("context", &mut || ctx = Some(ServiceContext::new(&log, &Vocabulary::default())));
    let ctx = ctx.expect("made");
    let mut facts = Vec::new();
    time("facts", &mut || facts = case_facts(&log, &ctx, Selection::All));
    let mut evaluation = None;
    time("sla evaluation", &mut || evaluation = Some(sla::evaluate(&log, &ctx, &facts, &[])));
    let evaluation = evaluation.expect("made");
    time("kpis", &mut || drop(kpis::kpis(&log, &ctx, &facts, &evaluation)));
    time("bottlenecks", &mut || drop(bottlenecks::report(&log, &ctx, &facts)));
    time("sla report", &mut || drop(sla::report(&log, &ctx, &facts, &evaluation)));
    time("handoffs", &mut || drop(handoffs::report(&log, &ctx, &facts)));
    time("rework", &mut || drop(rework::report(&log, &ctx, &facts)));
    time("escalations", &mut || drop(escalations::report(&log, &ctx, &facts)));
    time("fcr", &mut || drop(fcr::report(&log, &ctx, &facts, fcr::FcrParts::default())));
    time("priority", &mut || drop(priority::report(&log, &ctx, &facts, &evaluation)));
    time("channels", &mut || drop(channels::report(&log, &ctx, &facts, &evaluation)));
    time("workload", &mut || drop(workload::report(&log, &ctx, &facts)));
    time("acknowledgement", &mut || drop(acknowledgement::report(&log, &ctx, &facts)));
    time("misclassification", &mut || drop(misclassification::report(&log, &ctx, &facts)));
    time("csat", &mut || drop(csat::report(&log, &ctx, &facts, &evaluation)));
    let outcome = default_outcome(&facts, &evaluation);
    time("drivers", &mut || drop(drivers::report(&log, &ctx, &facts, &evaluation, outcome, None)));
}
