//! A first look at a file's bytes, streamed chunk by chunk.
//!
//! [`Scanner`] takes the bytes of a file in chunks of any size (the browser worker feeds
//! `File` slices, the CLI feeds reads of a file) and never holds more than the chunk it is
//! given. When the last chunk is in, [`Scanner::finish`] tells what the file is
//! ([`FileKind`]: text in which encoding, or a zip, gzip, PDF, image or other binary file), how
//! many bytes and lines it has, and which line endings it uses.
//!
//! The result does not depend on where the chunk boundaries fall: a CR LF pair, a UTF-16 code
//! unit or a magic number split across two chunks is seen exactly as in one piece.
//!
//! ```
//! use casemap_engine::scan::{FileKind, LineEndings, Scanner, TextEncoding};
//!
//! let mut scanner = Scanner::new();
//! for chunk in [&b"case,activity\r"[..], b"\n1,Created\r\n1,Closed"] {
//!     scanner.feed(chunk);
//! }
//! let summary = scanner.finish();
//! assert_eq!(summary.kind, FileKind::Text(TextEncoding::Utf8));
//! assert_eq!(summary.lines, 3);
//! assert_eq!(summary.line_endings, LineEndings::CrLf);
//! assert!(!summary.ends_with_newline);
//! ```

use serde::{Deserialize, Serialize};

/// How many leading bytes [`sniff_kind`] looks at to recognise a file type.
pub const SNIFF_LEN: usize = 8;

/// The encoding of a text file, as far as its first bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    /// UTF-8 (or ASCII, or a single-byte code page: those are told apart when decoding).
    Utf8,
    /// UTF-8 starting with a byte-order mark (as Excel writes "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little endian (Excel's "Unicode text"), with or without a byte-order mark.
    Utf16Le,
    /// UTF-16 big endian, with or without a byte-order mark.
    Utf16Be,
}

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "encoding")]
pub enum FileKind {
    /// Nothing at all: a file of zero bytes.
    Empty,
    /// Text in the given encoding.
    Text(TextEncoding),
    /// A zip archive (an Excel `.xlsx` workbook is one).
    Zip,
    /// A gzip stream (for example `.xes.gz`).
    Gzip,
    /// A PDF document.
    Pdf,
    /// A PNG, JPEG, GIF, WebP or BMP picture.
    Image,
    /// Bytes that are not text (NUL bytes outside UTF-16) of no recognised type.
    Binary,
}

impl FileKind {
    /// True when the file is text that an event-log importer could read.
    pub fn is_text(self) -> bool {
        matches!(self, FileKind::Text(_))
    }
}

/// Which line endings the text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEndings {
    /// No line break at all (empty, or a single line).
    None,
    /// Unix: LF.
    Lf,
    /// Windows: CR LF.
    CrLf,
    /// Classic Mac: a lone CR.
    Cr,
    /// More than one of the above.
    Mixed,
}

/// What [`Scanner::finish`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanSummary {
    /// What kind of file it is.
    pub kind: FileKind,
    /// Total number of bytes.
    pub bytes: u64,
    /// Number of lines: line breaks, plus one when text follows the last break. Counted for
    /// text files only (0 otherwise). A quoted CSV field may span lines, so this is an upper
    /// bound on the number of records.
    pub lines: u64,
    /// The line endings used.
    pub line_endings: LineEndings,
    /// True when the last character is a line break.
    pub ends_with_newline: bool,
}

/// Recognises a file's type from its first bytes (at most [`SNIFF_LEN`] are looked at).
///
/// Text without a byte-order mark is reported as UTF-8 unless its first bytes show the NUL
/// pattern of UTF-16 (`a\0b\0` or `\0a\0b`); NUL bytes further on are found by [`Scanner`].
pub fn sniff_kind(head: &[u8]) -> FileKind {
    const MAGIC: &[(&[u8], FileKind)] = &[
        (b"PK\x03\x04", FileKind::Zip),
        (b"PK\x05\x06", FileKind::Zip),
        (b"\x1f\x8b", FileKind::Gzip),
        (b"%PDF", FileKind::Pdf),
        (b"\x89PNG", FileKind::Image),
        (b"\xff\xd8\xff", FileKind::Image),
        (b"GIF8", FileKind::Image),
        (b"BM", FileKind::Image),
        (b"\xef\xbb\xbf", FileKind::Text(TextEncoding::Utf8Bom)),
        (b"\xff\xfe", FileKind::Text(TextEncoding::Utf16Le)),
        (b"\xfe\xff", FileKind::Text(TextEncoding::Utf16Be)),
    ];
    if head.is_empty() {
        return FileKind::Empty;
    }
    if head.starts_with(b"RIFF") {
        // RIFF....WEBP: only the first four bytes are certain within SNIFF_LEN.
        return FileKind::Image;
    }
    for (magic, kind) in MAGIC {
        if head.starts_with(magic) {
            // "BM" is also how a plain text file may start ("BMW,..."): require a NUL soon
            // after, as every real bitmap header has.
            if *kind == FileKind::Image && *magic == b"BM" && !head.contains(&0) {
                continue;
            }
            return *kind;
        }
    }
    if head.len() >= 4 {
        let even_nul = head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0;
        let odd_nul = head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0;
        if even_nul {
            return FileKind::Text(TextEncoding::Utf16Le);
        }
        if odd_nul {
            return FileKind::Text(TextEncoding::Utf16Be);
        }
    }
    if head.contains(&0) {
        return FileKind::Binary;
    }
    FileKind::Text(TextEncoding::Utf8)
}

/// Streams a file's bytes and summarises them; see the [module docs](self).
#[derive(Debug, Clone, Default)]
pub struct Scanner {
    head: Vec<u8>,
    kind: Option<FileKind>,
    bytes: u64,
    /// A byte held back from the previous chunk: the first half of a UTF-16 code unit.
    pending: Option<u8>,
    /// Code units of text seen (after the byte-order mark), to know whether a last line exists.
    units: u64,
    lf: u64,
    crlf: u64,
    cr: u64,
    prev_cr: bool,
    last_was_break: bool,
    nul_in_text: bool,
}

impl Scanner {
    /// A scanner that has seen nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Bytes fed so far.
    pub fn bytes_seen(&self) -> u64 {
        self.bytes
    }

    /// Lines completed so far (line breaks seen), for progress reports.
    pub fn lines_so_far(&self) -> u64 {
        self.lf + self.crlf + self.cr
    }

    /// Feeds the next chunk of the file. Chunks may have any size, including zero.
    pub fn feed(&mut self, mut chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        if self.kind.is_none() {
            let take = (SNIFF_LEN - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
            chunk = &chunk[take..];
            if self.head.len() < SNIFF_LEN {
                return;
            }
            self.decide_kind();
        }
        self.count(chunk);
    }

    /// Ends the scan and returns the summary.
    pub fn finish(mut self) -> ScanSummary {
        if self.kind.is_none() {
            self.decide_kind();
        }
        let mut kind = self.kind.unwrap_or(FileKind::Empty);
        if self.nul_in_text && kind == FileKind::Text(TextEncoding::Utf8) {
            kind = FileKind::Binary;
        }
        if self.pending.take().is_some() {
            // An odd trailing byte of a UTF-16 file: a damaged last character, still text.
            self.units += 1;
            self.last_was_break = false;
        }
        let breaks = self.lf + self.crlf + self.cr;
        let text = kind.is_text();
        let lines = if !text {
            0
        } else if self.units > 0 && !self.last_was_break {
            breaks + 1
        } else {
            breaks
        };
        let kinds_used = [self.lf, self.crlf, self.cr].iter().filter(|&&n| n > 0).count();
        let line_endings = match (text, kinds_used) {
            (false, _) | (true, 0) => LineEndings::None,
            (true, 1) if self.lf > 0 => LineEndings::Lf,
            (true, 1) if self.crlf > 0 => LineEndings::CrLf,
            (true, 1) => LineEndings::Cr,
            _ => LineEndings::Mixed,
        };
        ScanSummary { kind, bytes: self.bytes, lines, line_endings, ends_with_newline: text && self.last_was_break }
    }

    fn decide_kind(&mut self) {
        let kind = sniff_kind(&self.head);
        self.kind = Some(kind);
        let head = std::mem::take(&mut self.head);
        let bom = match kind {
            FileKind::Text(TextEncoding::Utf8Bom) => 3,
            FileKind::Text(TextEncoding::Utf16Le | TextEncoding::Utf16Be)
                if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") =>
            {
                2
            }
            _ => 0,
        };
        self.count(&head[bom.min(head.len())..]);
    }

    fn count(&mut self, chunk: &[u8]) {
        match self.kind {
            Some(FileKind::Text(TextEncoding::Utf16Le)) => self.count_utf16(chunk, false),
            Some(FileKind::Text(TextEncoding::Utf16Be)) => self.count_utf16(chunk, true),
            Some(FileKind::Text(_)) => self.count_utf8(chunk),
            _ => {}
        }
    }

    fn count_utf8(&mut self, chunk: &[u8]) {
        if chunk.is_empty() {
            return;
        }
        if !self.nul_in_text && memchr::memchr(0, chunk).is_some() {
            self.nul_in_text = true;
        }
        let mut start = 0;
        for pos in memchr::memchr2_iter(b'\n', b'\r', chunk) {
            self.line_break(chunk[pos] as u16, pos > start);
            start = pos + 1;
        }
        self.units += chunk.len() as u64;
        if start < chunk.len() {
            self.text_unit();
        }
    }

    fn count_utf16(&mut self, mut chunk: &[u8], big_endian: bool) {
        let unit = |a: u8, b: u8| {
            if big_endian { u16::from_be_bytes([a, b]) } else { u16::from_le_bytes([a, b]) }
        };
        if let Some(first) = self.pending.take() {
            match chunk.split_first() {
                Some((&second, rest)) => {
                    self.utf16_unit(unit(first, second));
                    chunk = rest;
                }
                None => {
                    self.pending = Some(first);
                    return;
                }
            }
        }
        let mut pairs = chunk.chunks_exact(2);
        for pair in &mut pairs {
            self.utf16_unit(unit(pair[0], pair[1]));
        }
        if let [odd] = pairs.remainder() {
            self.pending = Some(*odd);
        }
    }

    fn utf16_unit(&mut self, unit: u16) {
        self.units += 1;
        if unit == u16::from(b'\n') || unit == u16::from(b'\r') {
            self.line_break(unit, false);
        } else {
            self.text_unit();
        }
    }

    /// Records a line break character; `text_before` says whether other text came between it
    /// and the previous break in the same chunk.
    fn line_break(&mut self, ch: u16, text_before: bool) {
        if text_before {
            self.text_unit();
        }
        if ch == u16::from(b'\n') {
            if self.prev_cr {
                // The CR was counted as a lone CR: it is half of a CR LF.
                self.cr -= 1;
                self.crlf += 1;
            } else {
                self.lf += 1;
            }
            self.prev_cr = false;
        } else {
            self.cr += 1;
            self.prev_cr = true;
        }
        self.last_was_break = true;
    }

    fn text_unit(&mut self) {
        self.prev_cr = false;
        self.last_was_break = false;
    }
}

/// Scans a whole byte slice at once (a convenience over [`Scanner`]).
pub fn scan_bytes(bytes: &[u8]) -> ScanSummary {
    let mut scanner = Scanner::new();
    scanner.feed(bytes);
    scanner.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_in_chunks(bytes: &[u8], size: usize) -> ScanSummary {
        let mut scanner = Scanner::new();
        for chunk in bytes.chunks(size.max(1)) {
            scanner.feed(chunk);
        }
        scanner.finish()
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian { b"\xfe\xff" } else { b"\xff\xfe" });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        out
    }

    macro_rules! scans_to {
        ($($name:ident: $input:expr => $kind:expr, $lines:expr, $endings:expr, $trailing:expr;)*) => {$(
            #[test]
            fn $name() {
                let input: Vec<u8> = $input.into();
                for size in [1, 2, 3, 7, 4096] {
                    let summary = scan_in_chunks(&input, size);
                    assert_eq!(summary.kind, $kind, "kind, chunk size {size}");
                    assert_eq!(summary.lines, $lines, "lines, chunk size {size}");
                    assert_eq!(summary.line_endings, $endings, "endings, chunk size {size}");
                    assert_eq!(summary.ends_with_newline, $trailing, "trailing, chunk size {size}");
                    assert_eq!(summary.bytes, input.len() as u64);
                }
            }
        )*};
    }

    use FileKind::*;
    use LineEndings as E;
    use TextEncoding::*;

    scans_to! {
        empty_file: b"".to_vec() => Empty, 0, E::None, false;
        one_line_no_break: b"case_id".to_vec() => Text(Utf8), 1, E::None, false;
        lf_with_trailing: b"a,b\n1,2\n".to_vec() => Text(Utf8), 2, E::Lf, true;
        lf_without_trailing: b"a,b\n1,2\n3,4".to_vec() => Text(Utf8), 3, E::Lf, false;
        crlf: b"a,b\r\n1,2\r\n".to_vec() => Text(Utf8), 2, E::CrLf, true;
        lone_cr: b"a,b\r1,2\r3,4".to_vec() => Text(Utf8), 3, E::Cr, false;
        mixed: b"a\r\nb\nc\rd".to_vec() => Text(Utf8), 4, E::Mixed, false;
        blank_lines_count: b"a\n\n\nb\n".to_vec() => Text(Utf8), 4, E::Lf, true;
        crlf_blank_lines: b"a\r\n\r\nb".to_vec() => Text(Utf8), 3, E::CrLf, false;
        utf8_bom: b"\xef\xbb\xbfcase\nx\n".to_vec() => Text(Utf8Bom), 2, E::Lf, true;
        bom_only: b"\xef\xbb\xbf".to_vec() => Text(Utf8Bom), 0, E::None, false;
        non_ascii_utf8: "Numero caso;Attività\n工单号;Номер\n".as_bytes().to_vec() => Text(Utf8), 2, E::Lf, true;
        windows_1252: b"Attivit\xe0;x\r\n".to_vec() => Text(Utf8), 1, E::CrLf, true;
        utf16_le_bom: utf16("a\tb\r\n1\t2\r\n", false, true) => Text(Utf16Le), 2, E::CrLf, true;
        utf16_be_bom: utf16("a\tb\n1\t2", true, true) => Text(Utf16Be), 2, E::Lf, false;
        utf16_le_no_bom: utf16("case,act\n1,x\n", false, false) => Text(Utf16Le), 2, E::Lf, true;
        // U+0A0D and U+010A contain the byte 0x0A but are no line feed.
        utf16_newline_byte_inside_char: utf16("\u{0a0d}\u{010a}x\ny", false, true) => Text(Utf16Le), 2, E::Lf, false;
        zip: b"PK\x03\x04\x14\x00\x06\x00rest".to_vec() => Zip, 0, E::None, false;
        gzip: b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\n\n".to_vec() => Gzip, 0, E::None, false;
        pdf: b"%PDF-1.7\n%\xe2\xe3\n".to_vec() => Pdf, 0, E::None, false;
        png: b"\x89PNG\r\n\x1a\n\x00\x00".to_vec() => Image, 0, E::None, false;
        jpeg: b"\xff\xd8\xff\xe0\x00\x10JFIF".to_vec() => Image, 0, E::None, false;
        text_starting_bm: b"BMW,Service\n".to_vec() => Text(Utf8), 1, E::Lf, true;
        nul_later_is_binary: b"case,activity\n\x00\x01\x02".to_vec() => Binary, 0, E::None, false;
        short_text: b"ab".to_vec() => Text(Utf8), 1, E::None, false;
    }

    #[test]
    fn progress_counters_follow_the_feed() {
        let mut scanner = Scanner::new();
        scanner.feed(b"a,b\n1,2\n");
        assert_eq!(scanner.bytes_seen(), 8);
        assert_eq!(scanner.lines_so_far(), 2);
        scanner.feed(b"3,4\n");
        assert_eq!(scanner.bytes_seen(), 12);
        assert_eq!(scanner.lines_so_far(), 3);
    }

    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn chunking_never_changes_the_summary(bytes in proptest::collection::vec(any::<u8>(), 0..300), size in 1usize..40) {
            prop_assert_eq!(scan_in_chunks(&bytes, size), scan_bytes(&bytes));
        }

        #[test]
        fn lines_match_a_plain_count(lines in proptest::collection::vec("[a-z,;]{0,6}", 1..30), ending in prop_oneof!["\n", "\r\n", "\r"], trailing: bool) {
            let mut text = lines.join(ending.as_str());
            if trailing {
                text.push_str(&ending);
            }
            let summary = scan_bytes(text.as_bytes());
            let breaks = text.matches(ending.as_str()).count() as u64;
            let expected = breaks + u64::from(!text.is_empty() && !text.ends_with(ending.as_str()));
            prop_assert_eq!(summary.lines, expected);
        }
    }
}
