//! Parallel import: a file cut into parts anywhere gives exactly the log, the row numbers and
//! the skip report of one pass, or says the cut was wrong (and the one pass is used).

use casemap_engine::ingest::parallel::{self, PartImport, Piece, RangeScanner};
use casemap_engine::ingest::{HEAD_BYTES, ImportOptions, Imported, Importer, Inspection, inspect};
use casemap_engine::log::Level;

/// A service export with what makes cutting hard: descriptions with quoted line breaks
/// (some spanning several lines), doubled quotes, commas in quotes, a line that starts with a
/// quote inside a field, rows that are skipped (bad time, no case id, wrong field count) and
/// empty lines; and two attributes: a channel that is the case's on every row that has one
/// (case-level) and a priority that is too except in case 5, which is raised at its fourth
/// step (event-level: a cut before that step leaves each part with one priority per case).
fn tricky_csv(cases: usize, line_end: &str) -> String {
    let mut out = format!("Case ID,Activity,Timestamp,Agent,Description,Channel,Priority{line_end}");
    let steps = ["Created", "Assigned", "Waiting on customer", "Resolved", "Closed"];
    for case in 0..cases {
        for (step, activity) in steps.iter().enumerate() {
            let time = format!("2024-03-{:02} {:02}:{:02}:00", 1 + case % 27, 8 + step, (case * 7 + step) % 60);
            let description = match (case + step) % 6 {
                0 => format!("\"line one\nline two, with a comma{line_end}line three\""),
                1 => "\"said \"\"hello\"\"\nthen left\"".to_owned(),
                2 => format!("\"\n\"\"quoted start\"\"{line_end}\""),
                3 => String::new(),
                4 => "plain text".to_owned(),
                _ => "\"ends with a break\n\"".to_owned(),
            };
            let time = if (case * 5 + step) % 11 == 0 { "not a date".to_owned() } else { time };
            let id = if (case * 3 + step) % 13 == 0 { String::new() } else { format!("C{case}") };
            let channel = if step == 1 && case % 4 == 0 { "" } else { ["Email", "Phone", "Chat"][case % 3] };
            let priority = if case == 5 && step >= 3 { "High" } else { ["Low", "Medium"][case % 2] };
            out.push_str(&format!(
                "{id},{activity},{time},agent {},{description},{channel},{priority}{line_end}",
                case % 4
            ));
            if (case + step) % 9 == 0 {
                out.push_str(&format!("C{case},Broken row{line_end}"));
            }
            if (case + step) % 7 == 0 {
                out.push_str(line_end);
            }
        }
    }
    out
}

fn inspection(bytes: &[u8]) -> Inspection {
    inspect(&bytes[..bytes.len().min(HEAD_BYTES)], &ImportOptions::default()).unwrap()
}

fn one_pass(bytes: &[u8]) -> Imported {
    let options = ImportOptions::default();
    let inspection = inspection(bytes);
    let mut importer = Importer::new(&inspection, &inspection.mapping, &options).unwrap();
    importer.feed(bytes);
    importer.finish().unwrap()
}

/// Imports `bytes` cut into ranges at `nominal` (the first is 0) as the browser does: each
/// range scanned, the parts planned, each part fed in `chunk`-byte pieces, the parts joined.
/// `None` when a cut was found wrong.
fn cut_import(bytes: &[u8], inspection: &Inspection, nominal: &[u64], chunk: usize) -> Option<Imported> {
    let options = ImportOptions::default();
    assert!(parallel::can_split(inspection));
    let ranges: Vec<(u64, _)> = nominal
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = nominal.get(k + 1).map_or(bytes.len(), |&end| end as usize);
            let mut scanner = RangeScanner::new(b'"');
            for piece in bytes[start as usize..end].chunks(chunk) {
                scanner.feed(piece);
            }
            (start, scanner.finish())
        })
        .collect();
    let starts = parallel::plan(&ranges);
    let mut parts = starts.iter().enumerate().map(|(k, &start)| {
        let end = starts.get(k + 1).map_or(bytes.len(), |&end| end as usize);
        let mut part = PartImport::new(inspection, &inspection.mapping, &options, k == 0).unwrap();
        for piece in bytes[start as usize..end].chunks(chunk) {
            part.feed(piece);
        }
        part.finish()
    });
    // The first part stays where it was parsed; the others come as bytes, as from a helper
    // worker.
    let mut whole = parts.next().unwrap();
    for part in parts {
        let bytes = part.into_piece().to_bytes();
        if !whole.append(Piece::from_bytes(&bytes).expect("the bytes read back")) {
            return None;
        }
    }
    Some(whole.finish().unwrap())
}

fn assert_same(cut: &Imported, whole: &Imported, what: &str) {
    assert_eq!(cut.rows, whole.rows, "{what}: rows");
    assert_eq!(cut.skipped, whole.skipped, "{what}: skipped rows");
    assert!(cut.log == whole.log, "{what}: the logs differ");
}

#[test]
fn two_parts_cut_at_every_byte_give_the_one_pass_log() {
    for line_end in ["\n", "\r\n"] {
        let csv = tricky_csv(12, line_end);
        let whole = one_pass(csv.as_bytes());
        let inspected = inspection(csv.as_bytes());
        assert!(whole.skipped.total >= 5, "the file has skipped rows of several kinds: {:?}", whole.skipped.by_reason);
        assert_eq!(whole.log.case_count(), 12);
        let level = |name: &str| whole.log.attributes.iter().find(|a| a.name == name).map(|a| a.level);
        assert_eq!((level("Channel"), level("Priority")), (Some(Level::Case), Some(Level::Event)));
        let mut cut_inside_quotes = 0;
        for at in 1..csv.len() as u64 {
            let cut = cut_import(csv.as_bytes(), &inspected, &[0, at], 7)
                .expect("a quote-parity cut of an RFC 4180 file is right");
            assert_same(&cut, &whole, &format!("cut at byte {at}, line end {line_end:?}"));
            // A byte inside a quoted field with a line break after it: the naive cut (the next
            // line break) would have been wrong here.
            let before = &csv.as_bytes()[..at as usize];
            if before.iter().filter(|&&b| b == b'"').count() % 2 == 1 {
                cut_inside_quotes += 1;
            }
        }
        assert!(cut_inside_quotes > 100, "the test cuts inside quoted fields: {cut_inside_quotes}");
    }
}

#[test]
fn many_parts_and_chunk_sizes() {
    let csv = tricky_csv(40, "\n");
    let whole = one_pass(csv.as_bytes());
    let inspected = inspection(csv.as_bytes());
    let len = csv.len() as u64;
    for parts in [3, 5, 16, 64] {
        for shift in [0, 1, 13, 101] {
            let nominal: Vec<u64> =
                (0..parts).map(|k| if k == 0 { 0 } else { (len / parts * k + shift).min(len - 1) }).collect();
            for chunk in [1, 64, 1 << 20] {
                let cut = cut_import(csv.as_bytes(), &inspected, &nominal, chunk).expect("the cuts are right");
                assert_same(&cut, &whole, &format!("{parts} parts, shift {shift}, chunks of {chunk}"));
            }
        }
    }
}

#[test]
fn a_stray_quote_that_fools_the_cut_is_caught() {
    // `24" monitor` is an unquoted field with a quote: csv-core reads it as text, the parity
    // rule counts it. Cuts after it are wrong until the next stray quote.
    let mut csv = String::from("Case ID,Activity,Timestamp,Item\n");
    for case in 0..30 {
        for (step, activity) in ["Created", "Shipped", "Closed"].iter().enumerate() {
            let item = if case == 10 && step == 1 { "24\" monitor" } else { "\"desk,\noak\"" };
            csv.push_str(&format!("C{case},{activity},2024-01-{:02} 10:{step:02}:00,{item}\n", 1 + case % 28));
        }
    }
    let whole = one_pass(csv.as_bytes());
    let inspected = inspection(csv.as_bytes());
    assert_eq!(whole.log.event_count(), 90);
    // A cut is looked for at the first line break after `at`: from the stray quote's line on.
    let stray = csv[..csv.find("24\"").unwrap()].rfind('\n').unwrap() as u64;
    let (mut caught, mut right) = (0, 0);
    for at in 1..csv.len() as u64 {
        match cut_import(csv.as_bytes(), &inspected, &[0, at], 16) {
            Some(cut) => {
                assert_same(&cut, &whole, &format!("cut at byte {at}"));
                right += 1;
            }
            None => {
                assert!(at > stray, "a cut before the stray quote's line is right (byte {at})");
                caught += 1;
            }
        }
    }
    assert!(caught > 100 && right > 100, "caught {caught}, right {right}");
}

#[test]
fn legacy_encodings_and_semicolons() {
    // Windows-1252 with semicolons, as Excel saves "CSV" on a German system.
    let text = tricky_csv(10, "\r\n").replace(',', ";").replace("agent", "Bearbeiter Jürgen");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let whole = one_pass(&bytes);
    let inspected = inspection(&bytes);
    assert!(whole.log.resources.names().any(|name| name.contains('ü')), "decoded as Windows-1252");
    for at in (1..bytes.len() as u64).step_by(3) {
        let cut = cut_import(&bytes, &inspected, &[0, at], 5).expect("right cut");
        assert_same(&cut, &whole, &format!("cut at byte {at}"));
    }
}

#[test]
#[cfg(not(target_arch = "wasm32"))]
fn threads_over_a_big_file_give_the_one_pass_log() {
    use casemap_engine::ingest::parallel::import_parallel;

    let mut csv = tricky_csv(1, "\n");
    let row = tricky_csv(400, "\n");
    let body = &row[row.find('\n').unwrap() + 1..];
    // About 28 MB: three parts of at least MIN_PART_BYTES with three threads, two with two.
    let mut copy = 0;
    while (csv.len() as u64) < 3 * parallel::MIN_PART_BYTES + parallel::MIN_PART_BYTES / 2 {
        csv.push_str(&body.replace("C", &format!("K{copy}-")));
        copy += 1;
    }
    let bytes = csv.as_bytes();
    let whole = one_pass(bytes);
    let options = ImportOptions::default();
    let inspection = inspect(&bytes[..HEAD_BYTES], &options).unwrap();
    assert_eq!(parallel::part_count(bytes.len() as u64, 8), 3);
    for threads in [1, 2, 3] {
        let read = |start: u64, end: u64, on_chunk: &mut dyn FnMut(&[u8])| -> Result<(), ()> {
            for piece in bytes[start as usize..end as usize].chunks(1 << 20) {
                on_chunk(piece);
            }
            Ok(())
        };
        let cut = import_parallel(bytes.len() as u64, threads, &inspection, &inspection.mapping, &options, read)
            .unwrap_or_else(|_| panic!("import with {threads} threads"));
        assert_same(&cut, &whole, &format!("{threads} threads"));
    }
}

#[test]
fn damaged_piece_bytes_are_refused_not_trusted() {
    let csv = tricky_csv(6, "\n");
    let inspected = inspection(csv.as_bytes());
    let options = ImportOptions::default();
    let mut part = PartImport::new(&inspected, &inspected.mapping, &options, false).unwrap();
    part.feed(&csv.as_bytes()[csv.find('\n').unwrap() + 1..]);
    let bytes = part.finish().into_piece().to_bytes();
    assert!(Piece::from_bytes(&bytes).is_some_and(|piece| piece.rows() > 30));
    for cut in 0..bytes.len() {
        assert!(Piece::from_bytes(&bytes[..cut]).is_none(), "{cut} of {} bytes", bytes.len());
    }
    let mut flipped = bytes.clone();
    for at in (0..flipped.len()).step_by(7) {
        flipped[at] ^= 0xa5;
        // Whatever comes back (or not), reading never panics.
        let _ = Piece::from_bytes(&flipped);
        flipped[at] ^= 0xa5;
    }
}

#[test]
fn guessed_cuts_are_the_exact_cuts_or_no_guess() {
    for line_end in ["\n", "\r\n"] {
        // Without the rows of the wrong width: a window with one of those gives no guess.
        let csv: String =
            tricky_csv(60, line_end).split_inclusive('\n').filter(|line| !line.contains("Broken row")).collect();
        let bytes = csv.as_bytes();
        let inspected = inspection(bytes);
        let casemap_engine::ingest::SourceFormat::Csv { dialect, .. } = inspected.format else { panic!("CSV") };
        let scan = |range: &[u8]| {
            let mut scanner = RangeScanner::new(b'"');
            scanner.feed(range);
            scanner.finish()
        };
        let (mut guessed, mut positions) = (0, 0);
        for at in (1..bytes.len() - 4096).step_by(3) {
            let window = &bytes[at..(at + parallel::GUESS_WINDOW).min(bytes.len())];
            let exact = parallel::plan(&[(0, scan(&bytes[..at])), (at as u64, scan(&bytes[at..]))]);
            positions += 1;
            if let Some(cut) = parallel::guess_cut(window, dialect, inspected.header.len()) {
                assert_eq!(Some(&(at as u64 + cut)), exact.get(1), "guess at byte {at}");
                guessed += 1;
            }
        }
        assert!(guessed * 10 > positions * 9, "a guess for most starts: {guessed} of {positions}");
    }
}
