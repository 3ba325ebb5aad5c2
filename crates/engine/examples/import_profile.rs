//! Times the parts of an import on one file, to see where the time goes:
//! `cargo run --release -p casemap-engine --example import_profile -- FILE`.

use std::time::Instant;

use casemap_engine::ingest::csv::{Dialect, Records};
use casemap_engine::ingest::{HEAD_BYTES, ImportOptions, Importer, Role, inspect};

fn main() {
    let path = std::env::args().nth(1).expect("a CSV file");
    let bytes = std::fs::read(&path).expect("readable file");
    let options = ImportOptions::default();
    let inspection = inspect(&bytes[..bytes.len().min(HEAD_BYTES)], &options).expect("an event log");
    let best = |f: &mut dyn FnMut() -> usize| {
        (0..5)
            .map(|_| {
                let started = Instant::now();
                let n = f();
                (started.elapsed().as_secs_f64(), n)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap()
    };
    let mb = bytes.len() as f64 / 1e6;
    let report = |name: &str, (seconds, n): (f64, usize)| {
        println!("{name:<28} {:>8.1} ms {:>8.0} MB/s  ({n})", seconds * 1e3, mb / seconds);
    };
    report(
        "csv crate, byte records",
        best(&mut || {
            let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[..]);
            let mut record = csv::ByteRecord::new();
            let mut n = 0;
            while reader.read_byte_record(&mut record).unwrap() {
                n += 1;
            }
            n
        }),
    );
    let casemap_engine::ingest::SourceFormat::Csv { dialect, .. } = inspection.format else {
        panic!("a CSV file, please");
    };
    report(
        "casemap records",
        best(&mut || {
            let mut n = 0;
            let mut records = Records::new(Dialect { ..dialect });
            for chunk in bytes.chunks(8 << 20) {
                records.feed(chunk, |_| {
                    n += 1;
                    true
                });
            }
            records.finish(|_| {
                n += 1;
                true
            });
            n
        }),
    );
    report(
        "records, fields touched",
        best(&mut || {
            let mut n = 0usize;
            let mut records = Records::new(Dialect { ..dialect });
            let mut touch = |record: &casemap_engine::ingest::csv::Record<'_>| {
                for i in 0..record.len() {
                    n += record.get(i).map_or(0, |f| f.len());
                }
                true
            };
            for chunk in bytes.chunks(8 << 20) {
                records.feed(chunk, &mut touch);
            }
            records.finish(&mut touch);
            n
        }),
    );
    let mut only_core = inspection.mapping.clone();
    for column in &mut only_core.columns {
        if matches!(column.role, Role::Attribute) || column.role.service_field().is_some() {
            column.role = Role::Ignore;
        }
    }
    for (name, mapping) in [("import, core columns only", &only_core), ("import, everything", &inspection.mapping)] {
        let mut importer = Importer::new(&inspection, mapping, &options).unwrap();
        let started = Instant::now();
        for chunk in bytes.chunks(8 << 20) {
            importer.feed(chunk);
        }
        let fed = started.elapsed().as_secs_f64();
        let started = Instant::now();
        importer.finish().unwrap();
        println!("  {name}: feeding {:.1} ms, finishing {:.1} ms", fed * 1e3, started.elapsed().as_secs_f64() * 1e3);
        report(
            name,
            best(&mut || {
                let mut importer = Importer::new(&inspection, mapping, &options).unwrap();
                for chunk in bytes.chunks(8 << 20) {
                    importer.feed(chunk);
                }
                importer.finish().unwrap().log.event_count()
            }),
        );
    }
}
