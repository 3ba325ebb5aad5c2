//! Any bytes through inspection and import (as CSV, or whatever they look like), fed in
//! chunks whose size the first byte chooses: a log or an error, never a panic.
#![no_main]

use casemap_engine::ingest::{ImportOptions, Importer, inspect};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, bytes)) = data.split_first() else { return };
    let options = ImportOptions::default();
    let Ok(inspection) = inspect(bytes, &options) else { return };
    let Ok(mut importer) = Importer::new(&inspection, &inspection.mapping, &options) else { return };
    for piece in bytes.chunks(usize::from(chunk).max(1)) {
        importer.feed(piece);
    }
    let _ = importer.finish();
});
