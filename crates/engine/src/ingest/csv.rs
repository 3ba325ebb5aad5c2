//! CSV records from UTF-8 chunks, with the dialect sniffed from the head of the file.
//!
//! [`Records`] wraps `csv_core::Reader`, which parses input of any chunk size without holding
//! more than the record in progress: a quoted field with line breaks, or a record split across
//! two chunks, comes out whole. [`sniff_dialect`] picks the delimiter (`,` `;` tab `|`) that
//! splits the first lines into the most consistent number of fields.
//!
//! # The common case, faster
//! Most lines of an export hold no quote at all. For them the record is the line and the
//! fields are what the delimiters separate, so [`Records`] finds the line's end, checks it
//! for a quote or a stray carriage return and for valid UTF-8 with `memchr` and the
//! standard library's vectorised routines, and hands out the fields in place, without a
//! copy. Any other line (quoted, invalid UTF-8, carriage returns as line ends, the file's
//! first record with its byte-order mark, a record split across two chunks) goes to csv-core,
//! which then stands where the line began: the records are the same either way, and
//! `tests::the_fast_path_gives_csv_cores_records` checks it on every kind of line.

use serde::{Deserialize, Serialize};

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialect {
    /// The field delimiter.
    pub delimiter: u8,
    /// The quote character.
    pub quote: u8,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect { delimiter: b',', quote: b'"' }
    }
}

/// The delimiters casemap recognises, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter that splits the first records of `head` (UTF-8 text) most
/// consistently: the most records with the same field count, that count above one.
pub fn sniff_dialect(head: &[u8]) -> Dialect {
    let mut best = (0usize, 0usize, Dialect::default());
    for delimiter in DELIMITERS {
        let dialect = Dialect { delimiter, quote: b'"' };
        let mut counts = Vec::new();
        let mut records = Records::new(dialect);
        records.feed(head, |record| {
            counts.push(record.len());
            counts.len() < 200
        });
        // The last record may be cut off by the end of the head: leave it out when there are
        // others.
        if counts.len() > 1 {
            counts.pop();
        }
        let mut sorted = counts.clone();
        sorted.sort_unstable();
        let (modal, agree) = modal_count(&sorted);
        let score = if modal > 1 { agree } else { 0 };
        if score > best.0 || (score == best.0 && modal > best.1 && score > 0) {
            best = (score, modal, dialect);
        }
    }
    best.2
}

fn modal_count(sorted: &[usize]) -> (usize, usize) {
    let mut best = (0, 0);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().position(|&n| n != sorted[i]).map_or(sorted.len(), |k| i + k);
        if j - i > best.1 {
            best = (sorted[i], j - i);
        }
        i = j;
    }
    best
}

/// One record: its fields as text.
#[derive(Debug)]
pub struct Record<'a> {
    text: &'a str,
    ends: &'a [usize],
    /// Bytes between one field's end and the next one's start: 0 for csv-core's output (the
    /// fields one after another), 1 for a line read in place (the delimiter).
    gap: usize,
}

impl<'a> Record<'a> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True for a record without fields.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `index`, if the record has it.
    pub fn get(&self, index: usize) -> Option<&'a str> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { 0 } else { self.ends[index - 1] + self.gap };
        self.text.get(start..end)
    }

    /// All fields.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// A push parser of CSV records.
pub struct Records {
    reader: csv_core::Reader,
    output: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    lossy: String,
    done: bool,
    /// The dialect, for lines read in place.
    dialect: Dialect,
    /// Whether lines may be read in place: once csv-core has read the start of the file.
    fast: bool,
    /// The field ends of a line read in place.
    line_ends: Vec<usize>,
    /// False to leave every line to csv-core (for the tests that compare the two).
    in_place: bool,
}

impl Records {
    /// A parser for `dialect`.
    pub fn new(dialect: Dialect) -> Self {
        let reader = csv_core::ReaderBuilder::new().delimiter(dialect.delimiter).quote(dialect.quote).build();
        Records {
            reader,
            output: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            lossy: String::new(),
            done: false,
            dialect,
            fast: false,
            line_ends: Vec::new(),
            in_place: true,
        }
    }

    /// A parser for `dialect` that starts in the middle of a file (at a record boundary): the
    /// bytes there are data, never a byte-order mark.
    pub fn continuing(dialect: Dialect) -> Self {
        let mut records = Records::new(dialect);
        // csv-core strips a byte-order mark from the first input it reads, until it has read
        // something. A call with no room for output returns before reading a byte, but counts
        // as having read (the test `continuing_parsers_keep_a_leading_bom` guards this).
        let _ = records.reader.read_record(b" ", &mut [], &mut []);
        records.fast = true;
        records
    }

    /// Parses `input`, calling `on_record` for each complete record; `on_record` returns
    /// `false` to stop (the rest of the input is then ignored). Returns whether to go on.
    pub fn feed(&mut self, input: &[u8], on_record: impl FnMut(&Record<'_>) -> bool) -> bool {
        if input.is_empty() {
            // csv_core reads an empty input as the end of the data.
            return !self.done;
        }
        self.parse(input, on_record)
    }

    fn parse(&mut self, mut input: &[u8], mut on_record: impl FnMut(&Record<'_>) -> bool) -> bool {
        let finishing = input.is_empty();
        if self.done {
            return false;
        }
        loop {
            if self.fast && self.in_place && self.out_len == 0 && self.ends_len == 0 {
                match self.fast_lines(input, &mut on_record) {
                    Some(rest) => input = rest,
                    None => {
                        self.done = true;
                        return false;
                    }
                }
                if input.is_empty() && !finishing {
                    return true;
                }
            }
            let (result, read, written, ends) =
                self.reader.read_record(input, &mut self.output[self.out_len..], &mut self.ends[self.ends_len..]);
            input = &input[read..];
            // The ends are positions in the whole record, across calls.
            self.out_len += written;
            self.ends_len += ends;
            match result {
                csv_core::ReadRecordResult::InputEmpty => return true,
                csv_core::ReadRecordResult::OutputFull => {
                    let grow = self.output.len() * 2;
                    self.output.resize(grow, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let grow = self.ends.len() * 2;
                    self.ends.resize(grow, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    self.fast = true;
                    let go_on = self.emit(&mut on_record);
                    if !go_on {
                        self.done = true;
                        return false;
                    }
                    if input.is_empty() && !finishing {
                        return true;
                    }
                }
                csv_core::ReadRecordResult::End => {
                    self.done = true;
                    return false;
                }
            }
        }
    }

    /// Reads whole lines without a quote in place, from the start of a record: returns the
    /// input from the first line it leaves to csv-core (quoted, a carriage return inside,
    /// invalid UTF-8, or no line break before the end), or `None` when `on_record` said stop.
    fn fast_lines<'i>(
        &mut self,
        mut input: &'i [u8],
        on_record: &mut impl FnMut(&Record<'_>) -> bool,
    ) -> Option<&'i [u8]> {
        let Dialect { delimiter, quote } = self.dialect;
        while let Some(end) = memchr::memchr(b'\n', input) {
            let line = &input[..end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if memchr::memchr2(quote, b'\r', line).is_some() {
                break;
            }
            let Ok(text) = std::str::from_utf8(line) else { break };
            input = &input[end + 1..];
            // csv-core skips empty lines.
            if line.is_empty() {
                continue;
            }
            self.line_ends.clear();
            self.line_ends.extend(memchr::memchr_iter(delimiter, line));
            self.line_ends.push(line.len());
            if !on_record(&Record { text, ends: &self.line_ends, gap: 1 }) {
                return None;
            }
        }
        Some(input)
    }

    /// Ends the input: a last record without a line break is delivered.
    pub fn finish(&mut self, on_record: impl FnMut(&Record<'_>) -> bool) {
        self.parse(&[], on_record);
    }

    fn emit(&mut self, on_record: &mut impl FnMut(&Record<'_>) -> bool) -> bool {
        let bytes = &self.output[..self.out_len];
        let ends = &self.ends[..self.ends_len];
        let go_on = match std::str::from_utf8(bytes) {
            Ok(text) => on_record(&Record { text, ends, gap: 0 }),
            Err(_) => {
                // Invalid UTF-8 inside a UTF-8 file: replace the bad bytes field by field, so
                // that the field boundaries stay where they were.
                self.lossy.clear();
                let mut lossy_ends = Vec::with_capacity(ends.len());
                let mut start = 0;
                for &end in ends {
                    self.lossy.push_str(&String::from_utf8_lossy(&bytes[start..end]));
                    lossy_ends.push(self.lossy.len());
                    start = end;
                }
                on_record(&Record { text: &self.lossy, ends: &lossy_ends, gap: 0 })
            }
        };
        self.out_len = 0;
        self.ends_len = 0;
        go_on
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8], dialect: Dialect, chunk: usize) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut records = Records::new(dialect);
        for piece in text.chunks(chunk.max(1)) {
            records.feed(piece, |record| {
                rows.push(record.iter().map(str::to_owned).collect());
                true
            });
        }
        records.finish(|record| {
            rows.push(record.iter().map(str::to_owned).collect());
            true
        });
        rows
    }

    #[test]
    fn records_come_out_whole_whatever_the_chunks() {
        let text = "case,activity,note\r\n1,Created,\"multi\nline, with comma\"\r\n2,\"Quoted \"\"name\"\"\",x\n3,Last,no newline";
        let expected = vec![
            vec!["case", "activity", "note"],
            vec!["1", "Created", "multi\nline, with comma"],
            vec!["2", "Quoted \"name\"", "x"],
            vec!["3", "Last", "no newline"],
        ];
        for chunk in [1, 2, 7, 1000] {
            assert_eq!(parse(text.as_bytes(), Dialect::default(), chunk), expected, "chunk {chunk}");
        }
    }

    #[test]
    fn long_records_grow_the_buffers() {
        let long = "x".repeat(100_000);
        let fields = vec!["f"; 500].join(",");
        let text = format!("a,b\n{long},y\n{fields}\n");
        let rows = parse(text.as_bytes(), Dialect::default(), 4096);
        assert_eq!(rows[1][0].len(), 100_000);
        assert_eq!(rows[2].len(), 500);
    }

    #[test]
    fn cr_only_line_endings() {
        let rows = parse(b"a;b\r1;2\r3;4", Dialect { delimiter: b';', quote: b'"' }, 3);
        assert_eq!(rows, [["a", "b"], ["1", "2"], ["3", "4"]]);
    }

    #[test]
    fn invalid_utf8_is_replaced_within_its_field() {
        let rows = parse(b"a,b\nAttivit\xe0,ok\n", Dialect::default(), 100);
        assert_eq!(rows[1], ["Attivit\u{fffd}", "ok"]);
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff_dialect(b"case;activity;time\n1;a;2024\n1;b;2024\n").delimiter, b';');
        assert_eq!(sniff_dialect(b"case\tactivity\ttime\n1\ta, b\t2024\n").delimiter, b'\t');
        assert_eq!(sniff_dialect(b"case|activity|time\n1|a|2024\n").delimiter, b'|');
        assert_eq!(sniff_dialect(b"case,activity,time\n1,\"a; b; c\",2024\n1,b,2024\n").delimiter, b',');
        // Semicolons inside a comma file's text do not fool it.
        assert_eq!(sniff_dialect(b"id,text,time\n1,\"x;y;z;w\",1\n2,\"x;y\",2\n3,plain,3\n4,more,4\n").delimiter, b',');
        // The sepsis log: semicolons, many empty fields.
        assert_eq!(sniff_dialect(b"Case ID;Activity;Complete Timestamp;Variant;org:group\nA;ER Registration;2014/10/22 11:15:41.000;Variant 1;A\n").delimiter, b';');
    }

    #[test]
    fn continuing_parsers_keep_a_leading_bom() {
        let text = "\u{feff}a,b\nc,d\n";
        let mut rows = Vec::new();
        let mut records = Records::continuing(Dialect::default());
        records.feed(text.as_bytes(), |record| {
            rows.push(record.iter().map(str::to_owned).collect::<Vec<_>>());
            true
        });
        assert_eq!(rows, [["\u{feff}a", "b"], ["c", "d"]]);
        // A parser from the file's start removes it.
        assert_eq!(parse(text.as_bytes(), Dialect::default(), 100)[0], ["a", "b"]);
    }

    /// Every kind of line, fed in chunks of every size from 1 to 40 bytes and whole, through
    /// the parser with lines read in place and through csv-core alone.
    #[test]
    fn the_fast_path_gives_csv_cores_records() {
        let text = "\u{feff}case,activity,note\n\
            1,Created,plain\r\n\
            \n\r\n\
            2,\"quoted, with comma\",x\n\
            3,Mid\"quote,y\n\
            4,,\n\
            ,,,\n\
            5,\"multi\nline\",z\r\n\
            6,cr\ronly,w\r\r\n\
            7,Attivit\u{e0},\u{4e2d}\u{6587}\n\
            \n\
            8,last,no newline";
        let mut bytes = text.as_bytes().to_vec();
        // A line with invalid UTF-8 after the first ones.
        bytes.extend_from_slice(b"\n9,bad\xe0byte,v\n10,after,u\n");
        let slow = |chunk: usize| {
            let mut records = Records::new(Dialect::default());
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut push = |record: &Record<'_>| {
                rows.push(record.iter().map(str::to_owned).collect());
                true
            };
            records.in_place = false;
            for piece in bytes.chunks(chunk) {
                records.feed(piece, &mut push);
            }
            records.finish(&mut push);
            rows
        };
        let whole = slow(bytes.len());
        assert_eq!(whole.len(), 13, "{whole:?}");
        assert_eq!(whole[0][0], "case");
        assert_eq!(whole[3], ["3", "Mid\"quote", "y"]);
        assert_eq!(whole[7], ["6", "cr"]);
        for chunk in (1..=40).chain([bytes.len()]) {
            // (csv-core keeps a byte-order mark that arrives split across chunks.)
            assert_eq!(parse(&bytes, Dialect::default(), chunk), slow(chunk), "chunks of {chunk}");
        }
        let semicolons = b"a;b\n1;\"x;y\";2\n3;4\n";
        assert_eq!(
            parse(semicolons, Dialect { delimiter: b';', quote: b'\"' }, 5),
            [vec!["a", "b"], vec!["1", "x;y", "2"], vec!["3", "4"]]
        );
    }

    #[test]
    fn stopping_early() {
        let mut seen = 0;
        let mut records = Records::new(Dialect::default());
        let go_on = records.feed(b"a\nb\nc\nd\n", |_| {
            seen += 1;
            seen < 2
        });
        assert!(!go_on);
        assert_eq!(seen, 2);
    }
}
