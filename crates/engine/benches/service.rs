//! The service analyses and the filter chain on a generated log of about a million events:
//! the per-case facts, every analysis at once (what `casemap analyze` computes besides
//! discovery), and a filter change as the app makes it (apply the chain, then the full
//! graph and the KPIs of what it keeps), against the plain graph of the whole log as the
//! baseline of the same run.
//!
//! `cargo bench -p casemap-engine --bench service`; `CASEMAP_BENCH_CASES` changes the size
//! (115,000 cases make about 1,017,000 events).

// Criterion is a native dev-dependency only: for wasm32 this file is an empty program.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use casemap_engine::discovery::dfg::Dfg;
    use casemap_engine::filter::{Filter, FilterChain, Presence, TimeMode, apply};
    use casemap_engine::ingest::{ImportOptions, import_bytes};
    use casemap_engine::log::Selection;
    use casemap_engine::sample::{SampleOptions, generate_csv};
    use casemap_engine::service::{self, ServiceContext, ServiceOptions, Vocabulary, case_facts, kpis, sla};
    use criterion::{Criterion, criterion_group};

    fn cases() -> u32 {
        std::env::var("CASEMAP_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(115_000)
    }

    fn service(c: &mut Criterion) {
        let bytes = generate_csv(&SampleOptions { cases: cases(), ..SampleOptions::default() });
        let log = import_bytes(&bytes, &ImportOptions::default()).unwrap().log;
        drop(bytes);
        let vocabulary = Vocabulary::default();
        let mut group = c.benchmark_group(format!("service_{}k_events", log.event_count() / 1000));
        group.sample_size(10).measurement_time(Duration::from_secs(10)).warm_up_time(Duration::from_secs(2));
        // The baseline: one directly-follows graph of the whole log.
        group.bench_function("baseline_dfg", |b| b.iter(|| black_box(Dfg::discover(&log, Selection::All, None))));
        group.bench_function("context_and_facts", |b| {
            b.iter(|| {
                let ctx = ServiceContext::new(&log, &vocabulary);
                black_box(case_facts(&log, &ctx, Selection::All))
            })
        });
        let ctx = ServiceContext::new(&log, &vocabulary);
        group.bench_function("all_analyses", |b| {
            b.iter(|| black_box(service::analyze(&log, &ctx, Selection::All, &ServiceOptions::default())))
        });
        // A filter change in the app: the chain is applied to the whole log, then the map's
        // full graph and the overview's KPIs are computed on what it keeps.
        let case_chain = FilterChain {
            filters: vec![
                Filter::Attribute {
                    column: "channel".into(),
                    values: vec!["Email".into()],
                    exclude: false,
                    events: false,
                },
                Filter::Activities { activities: vec!["Case Escalated".into()], mode: Presence::Any },
            ],
        };
        let event_chain = FilterChain {
            filters: vec![Filter::TimeFrame {
                from: "2025-02-01".into(),
                to: "2025-05-31".into(),
                mode: TimeMode::Trim,
            }],
        };
        for (name, chain) in [("filter_change_case_level", &case_chain), ("filter_change_event_level", &event_chain)] {
            group.bench_function(name, |b| {
                b.iter(|| {
                    let filtered = apply(&log, chain).unwrap();
                    let view = filtered.log(&log);
                    let selection = filtered.selection();
                    let dfg = Dfg::discover(view, selection, None);
                    let ctx = ServiceContext::new(view, &vocabulary);
                    let facts = case_facts(view, &ctx, selection);
                    let evaluation = sla::evaluate(view, &ctx, &facts, &[]);
                    black_box((dfg, kpis::kpis(view, &ctx, &facts, &evaluation)))
                })
            });
        }
        group.finish();
    }

    criterion_group!(benches, service);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
