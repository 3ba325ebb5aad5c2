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

/// A real model file with a random cut, a repeated slice and changed digits: broken in the
/// ways a hand-edited or truncated export is.
fn mangled(text: &'static str) -> impl Strategy<Value = String> {
    let len = text.len();
    (0..len, 0..200usize, 0..len, 0..100usize, any::<u8>()).prop_map(
        move |(cut_at, cut_len, copy_at, copy_len, digit)| {
            let mut bytes = text.as_bytes().to_vec();
            let end = (cut_at + cut_len).min(bytes.len());
            bytes.drain(cut_at..end);
            let from = copy_at.min(bytes.len());
            let slice: Vec<u8> = bytes[from..(from + copy_len).min(bytes.len())].to_vec();
            bytes.splice(from..from, slice);
            if let Some(d) = bytes.iter_mut().find(|b| b.is_ascii_digit()) {
                *d = b'0' + digit % 10;
            }
            String::from_utf8_lossy(&bytes).into_owned()
        },
    )
}

const PNML: &str = include_str!("../../../tests/reference/models/helpdesk.imf.pnml");
const BPMN: &str = include_str!("../../../tests/reference/models/helpdesk.imf.bpmn");

/// Reads a model and replays a short case on it; the result does not matter.
fn use_model(net: Option<casemap_engine::conformance::net::PetriNet>) {
    use casemap_engine::conformance::replay::Replayer;
    if let Some(net) = net
        && net.validate().is_ok()
    {
        let _ = Replayer::new(&net).replay(&["Assign seriousness", "Take in charge ticket", "Closed"]);
        let _ = casemap_engine::conformance::bpmn::from_petri_net(&net);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn broken_pnml_never_panics(text in mangled(PNML)) {
        use_model(casemap_engine::conformance::pnml::read_pnml(&text).ok().map(|m| m.net));
    }

    #[test]
    fn broken_bpmn_never_panics(text in mangled(BPMN)) {
        use casemap_engine::conformance::bpmn::{read_bpmn, to_petri_net};
        use_model(read_bpmn(&text).ok().map(|m| to_petri_net(&m)));
    }
}
