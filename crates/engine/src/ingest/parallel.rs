//! Parallel import of CSV: the file is cut into byte ranges at record boundaries, each range
//! is parsed on its own (by a thread natively, by a helper worker in the browser) into a
//! [`Part`], and the parts are joined into exactly the log one pass would build: the same
//! events in the same order, the same ids, the same row numbers, the same skipped rows.
//!
//! # Where to cut
//! A line break ends a record unless it is inside a quoted field, and inside a quoted field
//! the number of quote characters since the start of the file is odd (a doubled quote adds
//! two). Every range is scanned on its own ([`RangeScanner`]): its quote count, and the first
//! line break after which the count from the range's start is even, and the first after which
//! it is odd. Once all counts are in, the parity at the start of each range is known, and
//! with it the cut ([`plan`]). The scan is a `memchr` pass, far faster than parsing.
//!
//! # Checked, not trusted
//! A quote inside an unquoted field (`24" monitor`) is plain text to csv-core and breaks the
//! parity rule. So each part checks that csv-core's parse of its range ends at a record
//! boundary, with nothing of a record left over ([`Part::clean`]). The first part starts where
//! one pass starts; if it ends cleanly, the second starts at a boundary of one pass too, and so
//! on: when every part but the last ends cleanly, the parts are one pass's parse, cut. When one
//! does not, [`Part::append`] says so and the caller imports the file in one pass instead.

use super::csv::{Dialect, Records};
use super::decode::TextDecoder;
use strum::VariantArray;

use super::rows::{MissingValues, RowImporter};
use super::{ImportError, ImportOptions, Imported, Inspection, Mapping, SkipReason, SkippedRow, SourceFormat};
use crate::log::builder::LogBuilder;
use crate::log::builder::wire::{Reader, Writer};

/// A part of the file should hold at least this many bytes: below it, threads and merging
/// cost more than they save.
pub const MIN_PART_BYTES: u64 = 8 * 1024 * 1024;

/// How many parts a file of `bytes` bytes is worth cutting into with `workers` available.
pub fn part_count(bytes: u64, workers: usize) -> usize {
    usize::try_from(bytes / MIN_PART_BYTES).unwrap_or(usize::MAX).clamp(1, workers.max(1))
}

/// The nominal starts of `parts` ranges of equal size over `bytes` bytes (the first is 0).
pub fn nominal_starts(bytes: u64, parts: usize) -> Vec<u64> {
    let parts = parts.max(1) as u64;
    (0..parts).map(|k| bytes / parts * k).collect()
}

/// Whether a file can be cut at line breaks: CSV in an encoding where the bytes of a line
/// break and a quote never occur inside another character (UTF-8 and the legacy code pages,
/// not UTF-16).
pub fn can_split(inspection: &Inspection) -> bool {
    match &inspection.format {
        SourceFormat::Csv { encoding, .. } => encoding_rs::Encoding::for_label(encoding.as_bytes())
            .is_some_and(encoding_rs::Encoding::is_ascii_compatible),
        SourceFormat::Xes { .. } | SourceFormat::Xlsx { .. } => false,
    }
}

/// The quote character of the file `inspection` describes.
pub fn quote(inspection: &Inspection) -> u8 {
    match &inspection.format {
        SourceFormat::Csv { dialect, .. } => dialect.quote,
        SourceFormat::Xes { .. } | SourceFormat::Xlsx { .. } => Dialect::default().quote,
    }
}

/// The byte ranges that start at `starts` (the first at 0) and end where the next starts, the
/// last at `bytes`.
pub fn ranges(starts: &[u64], bytes: u64) -> Vec<(u64, u64)> {
    starts.iter().enumerate().map(|(k, &start)| (start, starts.get(k + 1).copied().unwrap_or(bytes))).collect()
}

/// What a range's scan found; see the [module docs](self).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RangeScan {
    /// Quote characters in the range.
    pub quotes: u64,
    /// `cuts[p]`: the offset in the range just after the first line break that is preceded by
    /// an even number (`p = 0`) or an odd number (`p = 1`) of the range's quotes.
    pub cuts: [Option<u64>; 2],
}

/// Scans one range of the file, fed in chunks of any size.
#[derive(Debug, Clone)]
pub struct RangeScanner {
    quote: u8,
    scan: RangeScan,
    offset: u64,
}

impl RangeScanner {
    /// A scanner for files quoted with `quote`.
    pub fn new(quote: u8) -> Self {
        RangeScanner { quote, scan: RangeScan::default(), offset: 0 }
    }

    /// Takes the next chunk of the range.
    pub fn feed(&mut self, chunk: &[u8]) {
        let mut rest = chunk;
        let mut at = 0;
        // Until both cuts are found, every quote and line break matters.
        while self.scan.cuts.iter().any(Option::is_none) {
            let Some(found) = memchr::memchr2(self.quote, b'\n', rest) else {
                rest = &[];
                break;
            };
            if rest[found] == self.quote {
                self.scan.quotes += 1;
            } else {
                let parity = (self.scan.quotes % 2) as usize;
                self.scan.cuts[parity].get_or_insert(self.offset + (at + found + 1) as u64);
            }
            at += found + 1;
            rest = &rest[found + 1..];
        }
        self.scan.quotes += memchr::memchr_iter(self.quote, rest).count() as u64;
        self.offset += chunk.len() as u64;
    }

    /// What the range holds.
    pub fn finish(self) -> RangeScan {
        self.scan
    }
}

/// Bytes after a nominal start that [`guess_cut`] looks at.
pub const GUESS_WINDOW: usize = 64 * 1024;

/// Guesses where a part can start from the [`GUESS_WINDOW`] bytes after its nominal start,
/// without knowing whether that start is inside a quoted field: of the two cuts a
/// [`RangeScanner`] finds in the window (the first line break after an even number of quotes,
/// and after an odd number), the one after which csv-core reads whole records of the
/// header's width. Returns the cut's offset in the window, or `None` when the window does not
/// tell (both or neither read well): then the exact scan of every range decides.
///
/// A guess is checked like any cut ([`Part::clean`]); a wrong one costs a second import in
/// one pass, never a wrong log.
pub fn guess_cut(window: &[u8], dialect: Dialect, width: usize) -> Option<u64> {
    /// Records read after a candidate; at least this many must fit in the window.
    const RECORDS: usize = 16;
    let mut scanner = RangeScanner::new(dialect.quote);
    scanner.feed(window);
    let reads_well = |cut: u64| {
        let mut records = Records::continuing(dialect);
        let (mut whole, mut all_fit) = (0, true);
        records.feed(&window[cut as usize..], |record| {
            // A record is of the header's width (extra fields may only be blank, as the
            // import allows).
            let fits = record.len() == width
                || (record.len() > width && record.iter().skip(width).all(|extra| extra.trim().is_empty()));
            all_fit &= fits;
            whole += 1;
            all_fit && whole < RECORDS
        });
        // The last record may be cut by the window's end: only complete ones count.
        all_fit && whole >= RECORDS
    };
    let cuts = scanner.finish().cuts;
    match (cuts[0].filter(|&cut| reads_well(cut)), cuts[1].filter(|&cut| reads_well(cut))) {
        (Some(cut), None) | (None, Some(cut)) => Some(cut),
        _ => None,
    }
}

/// Where each part starts, from the scan of each range (`ranges[k]`: its start in the file
/// and its scan; the first range starts at 0). A range without a cut joins the one before.
pub fn plan(ranges: &[(u64, RangeScan)]) -> Vec<u64> {
    let mut starts = vec![0];
    let mut quotes = 0;
    for (k, (start, scan)) in ranges.iter().enumerate() {
        if k > 0
            && let Some(cut) = scan.cuts[(quotes % 2) as usize]
        {
            starts.push(start + cut);
        }
        quotes += scan.quotes;
    }
    starts
}

/// Imports one part of a CSV file (or the whole file: the first part of one).
pub struct PartImport {
    decoder: TextDecoder,
    records: Records,
    header_seen: bool,
    rows: RowImporter,
}

/// A parsed part, to be joined with the parts after it.
pub struct Part {
    rows: RowImporter,
    /// Whether its range ended at a record boundary with nothing left over.
    pub clean: bool,
}

impl PartImport {
    /// An importer for the part starting at the file's start (`first`; it holds the header
    /// when the file has one) or at a record boundary after it.
    ///
    /// # Errors
    /// When the mapping cannot make a log, or the inspection is not of CSV text.
    pub fn new(
        inspection: &Inspection,
        mapping: &Mapping,
        options: &ImportOptions,
        first: bool,
    ) -> Result<Self, ImportError> {
        let (encoding, dialect) = match &inspection.format {
            SourceFormat::Csv { encoding, dialect } => {
                (encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8), *dialect)
            }
            // A workbook's sheet comes as comma-separated UTF-8 text.
            SourceFormat::Xlsx { .. } => (encoding_rs::UTF_8, Dialect::default()),
            SourceFormat::Xes { .. } => {
                return Err(ImportError::Malformed { format: "xes".into(), message: "not CSV text".into() });
            }
        };
        let missing = MissingValues::new(options.missing_values.iter().cloned());
        let header = matches!(inspection.format, SourceFormat::Xlsx { .. }) || inspection.has_header;
        Ok(PartImport {
            decoder: if first { TextDecoder::new(encoding) } else { TextDecoder::continuing(encoding) },
            records: if first { Records::new(dialect) } else { Records::continuing(dialect) },
            header_seen: !(first && header),
            rows: RowImporter::new(inspection.header.clone(), mapping, &inspection.shape, missing)?,
        })
    }

    /// Makes room for the rows of about `bytes` bytes, at `row_bytes` bytes a row (the
    /// inspection's estimate; 0 when unknown), a little more than the estimate: rows vary
    /// around the sample's mean.
    pub fn expect_bytes(&mut self, bytes: u64, row_bytes: u32) {
        if row_bytes > 0 {
            let rows = bytes / u64::from(row_bytes);
            self.rows.reserve(usize::try_from(rows + rows / 16).unwrap_or(0).min(1 << 28));
        }
    }

    /// Data rows read so far.
    pub fn rows(&self) -> u64 {
        self.rows.rows()
    }

    /// Takes the next chunk of the part.
    pub fn feed(&mut self, chunk: &[u8]) {
        let PartImport { decoder, records, header_seen, rows } = self;
        let text = decoder.decode(chunk, false);
        records.feed(text, |record| take(header_seen, rows, record));
    }

    /// Ends the part.
    pub fn finish(self) -> Part {
        let PartImport { mut decoder, mut records, mut header_seen, mut rows } = self;
        let text = decoder.decode(&[], true);
        records.feed(text, |record| take(&mut header_seen, &mut rows, record));
        // A record still open at the end of the range (the last record of a file without a
        // final line break, or a part cut inside a quoted field) comes out now.
        let mut clean = true;
        records.finish(|record| {
            clean = false;
            take(&mut header_seen, &mut rows, record)
        });
        Part { rows, clean }
    }
}

fn take(header_seen: &mut bool, rows: &mut RowImporter, record: &super::csv::Record<'_>) -> bool {
    if *header_seen {
        rows.row(record);
    } else {
        *header_seen = true;
    }
    true
}

impl Part {
    /// Data rows in the part.
    pub fn rows(&self) -> u64 {
        self.rows.rows()
    }

    /// Joins `next`, the part that follows this one in the file. Returns `false` (and leaves
    /// this part as it was) when this part did not end at a record boundary: the cut was
    /// wrong, and the file must be imported in one pass.
    pub fn append(&mut self, next: Piece) -> bool {
        if !self.clean {
            return false;
        }
        self.rows.append(next.builder, next.skipped, next.rows);
        self.clean = next.clean;
        true
    }

    /// The part as a [`Piece`], to be moved to the worker that joins the parts.
    pub fn into_piece(self) -> Piece {
        let (builder, skipped, rows) = self.rows.into_parts();
        Piece { builder, skipped, rows, clean: self.clean }
    }

    /// The log.
    ///
    /// # Errors
    /// When no row could be used.
    pub fn finish(self) -> Result<Imported, ImportError> {
        let (log, skipped, rows, collapsed) = self.rows.finish();
        if log.event_count() == 0 {
            return Err(if rows == 0 { ImportError::NoRows } else { ImportError::AllRowsSkipped { rows } });
        }
        Ok(Imported { log, rows, skipped, collapsed })
    }
}

/// Joins parts in file order; `None` when a cut was wrong (see [`Part::append`]).
pub fn join(parts: impl IntoIterator<Item = Part>) -> Option<Part> {
    let mut parts = parts.into_iter();
    let mut whole = parts.next()?;
    for part in parts {
        if !whole.append(part.into_piece()) {
            return None;
        }
    }
    Some(whole)
}

/// A part's events without its importer: what a helper worker sends back.
pub struct Piece {
    builder: LogBuilder,
    skipped: Vec<SkippedRow>,
    rows: u64,
    clean: bool,
}

impl Piece {
    /// Data rows in the piece.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The piece as bytes ([`Piece::from_bytes`] reads them).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.u64(self.rows);
        out.u64(u64::from(self.clean));
        out.u64(self.skipped.len() as u64);
        for row in &self.skipped {
            out.u64(row.row);
            let reason = SkipReason::VARIANTS.iter().position(|&r| r == row.reason).unwrap_or(0);
            out.u64(reason as u64);
            match &row.column {
                Some(column) => {
                    out.u64(1);
                    out.str(column);
                }
                None => out.u64(0),
            }
            out.str(&row.value);
        }
        self.builder.write(&mut out);
        out.bytes
    }

    /// Reads [`Piece::to_bytes`]'s bytes; `None` when they are not a piece.
    pub fn from_bytes(bytes: &[u8]) -> Option<Piece> {
        let mut input = Reader::new(bytes);
        let rows = input.u64()?;
        let clean = input.u64()? == 1;
        let count = usize::try_from(input.u64()?).ok()?.min(bytes.len());
        let mut skipped = Vec::with_capacity(count);
        for _ in 0..count {
            let row = input.u64()?;
            let reason = *SkipReason::VARIANTS.get(usize::try_from(input.u64()?).ok()?)?;
            let column = if input.u64()? == 1 { Some(input.str()?.to_owned()) } else { None };
            skipped.push(SkippedRow { row, column, value: input.str()?.to_owned(), reason });
        }
        let builder = LogBuilder::read(&mut input)?;
        Some(Piece { builder, skipped, rows, clean })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod threads;
#[cfg(not(target_arch = "wasm32"))]
pub use self::threads::{ParallelError, import_parallel};
