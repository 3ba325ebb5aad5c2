//! Any bytes through the streaming XES reader, plain and gzipped, with and without lifecycle
//! merging: a log or an error, never a panic.
#![no_main]

use casemap_engine::ingest::xes::{XesImporter, XesOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else { return };
    let mut reader = XesImporter::new(flags & 1 == 1, XesOptions { merge_lifecycle: flags & 2 == 2 });
    for piece in bytes.chunks(usize::from(flags >> 2).max(1)) {
        reader.feed(piece);
    }
    let _ = reader.finish();
});
