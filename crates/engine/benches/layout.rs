//! The map's layout on seeded process-map-like graphs of the sizes the layout's bar names:
//! 62 nodes / 300 edges, 150 / 700 and 600 / 2,500.
//!
//! `cargo bench -p casemap-engine --bench layout`

// Criterion is a native dev-dependency only: for wasm32 this file is an empty program.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use casemap_engine::layout::layout;
    use casemap_engine::layout::sample::seeded_map;
    use criterion::{Criterion, criterion_group};

    fn layouts(c: &mut Criterion) {
        let mut group = c.benchmark_group("layout");
        group.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
        for (nodes, edges, seed) in [(62, 300, 7), (150, 700, 9), (600, 2_500, 11)] {
            let graph = seeded_map(nodes, edges, seed);
            group.bench_function(format!("{nodes}_nodes_{}_edges", graph.edges.len()), |b| {
                b.iter(|| black_box(layout(&graph)))
            });
        }
        group.finish();
    }

    criterion_group!(benches, layouts);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
