//! Whatever the bytes, import gives a log or an error: never a panic.
#![cfg(not(target_arch = "wasm32"))]

use casemap_engine::ingest::xes::{XesImporter, XesOptions};
use casemap_engine::ingest::{ImportOptions, Importer, inspect};
use proptest::prelude::*;

/// Inspects and imports `bytes` fed in chunks of `chunk` bytes; the result does not matter.
fn import(bytes: &[u8], chunk: usize) {
    let options = ImportOptions::default();
    let Ok(inspection) = inspect(&bytes[..bytes.len().min(1 << 20)], &options) else {
        return;
    };
    let Ok(mut importer) = Importer::new(&inspection, &inspection.mapping, &options) else {
        return;
    };
    for piece in bytes.chunks(chunk.max(1)) {
        importer.feed(piece);
    }
    let _ = importer.finish();
}

/// Text that looks like an export: a header, then rows of dates, numbers, quotes, blanks.
fn export_like() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        "[a-zA-Z ]{0,8}",
        "\"[a-z,;\n\"]{0,6}\"",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]( [0-2][0-9]:[0-5][0-9](:[0-5][0-9])?)?",
        "[0-3]?[0-9][./][01]?[0-9][./](19|20)?[0-9]{2}( [0-9]{1,2}:[0-9]{2}( [AP]M)?)?",
        "[0-9]{1,13}",
        Just(String::new()),
        Just("NULL".to_owned()),
    ];
    let delimiter = prop_oneof![Just(","), Just(";"), Just("\t"), Just("|")];
    let newline = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    (delimiter, newline, proptest::collection::vec(proptest::collection::vec(field, 1..6), 1..12)).prop_map(
        |(delimiter, newline, rows)| {
            let mut text = "case id,activity,time\n".replace(',', delimiter);
            for row in rows {
                text.push_str(&row.join(delimiter));
                text.push_str(newline);
            }
            text
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000), chunk in 1usize..300) {
        import(&bytes, chunk);
    }

    #[test]
    fn export_like_text_never_panics(text in export_like(), chunk in 1usize..64) {
        import(text.as_bytes(), chunk);
    }

    #[test]
    fn xes_like_bytes_never_panic(body in "[<>/a-z =\":0-9TZ.+-]{0,400}", chunk in 1usize..50, merge: bool) {
        let text = format!("<?xml version=\"1.0\"?><log>{body}</log>");
        let mut reader = XesImporter::new(false, XesOptions { merge_lifecycle: merge });
        for piece in text.as_bytes().chunks(chunk) {
            reader.feed(piece);
        }
        let _ = reader.finish();
    }

    #[test]
    fn gzip_like_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut data = vec![0x1f, 0x8b, 0x08, 0x00];
        data.extend(bytes);
        import(&data, 97);
    }
}
