//! Import throughput on a generated log of about a million events, against the floor of
//! parsing the same bytes with the `csv` crate and doing nothing else.
//!
//! `cargo bench -p casemap-engine --bench import` (or `scripts/bench-import.sh`, which also
//! prints MB/s, events/s and the ratio to the floor). `CASEMAP_BENCH_CASES` changes the size
//! (115,000 cases make about 1,017,000 events, 144 MB).

// Criterion is a native dev-dependency only: for wasm32 (where `clippy --all-targets` still
// compiles benches) this file is an empty program.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use casemap_engine::ingest::csv::{Dialect, Records};
    use casemap_engine::ingest::{HEAD_BYTES, ImportOptions, Importer, inspect};
    use casemap_engine::sample::{SampleOptions, generate_csv};
    use criterion::{Criterion, Throughput, criterion_group};

    /// Chunk size the CLI reads files with.
    const CHUNK: usize = 8 << 20;

    fn cases() -> u32 {
        std::env::var("CASEMAP_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(115_000)
    }

    fn import(c: &mut Criterion) {
        let bytes = generate_csv(&SampleOptions { cases: cases(), ..SampleOptions::default() });
        let options = ImportOptions::default();
        let inspection = inspect(&bytes[..HEAD_BYTES.min(bytes.len())], &options).unwrap();
        let mut group = c.benchmark_group("import_1m");
        group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(3));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("csv_crate_floor", |b| {
            b.iter(|| {
                let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[..]);
                let mut record = csv::ByteRecord::new();
                let mut rows = 0u64;
                while reader.read_byte_record(&mut record).unwrap() {
                    rows += 1;
                }
                black_box(rows)
            })
        });
        group.bench_function("casemap_records", |b| {
            b.iter(|| {
                let mut rows = 0u64;
                let mut records = Records::new(Dialect::default());
                for chunk in bytes.chunks(CHUNK) {
                    records.feed(chunk, |_| {
                        rows += 1;
                        true
                    });
                }
                records.finish(|_| {
                    rows += 1;
                    true
                });
                black_box(rows)
            })
        });
        group.bench_function("casemap_import", |b| {
            b.iter(|| {
                let mut importer = Importer::new(&inspection, &inspection.mapping, &options).unwrap();
                importer.expect_bytes(bytes.len() as u64, inspection.row_bytes);
                for chunk in bytes.chunks(CHUNK) {
                    importer.feed(chunk);
                }
                black_box(importer.finish().unwrap().log.event_count())
            })
        });
        group.finish();
    }

    criterion_group!(benches, import);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
