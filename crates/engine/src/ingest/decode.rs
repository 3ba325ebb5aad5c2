//! Text encodings: detected from the head of a file, decoded to UTF-8 chunk by chunk.
//!
//! UTF-8 (with or without byte-order mark) passes through without a copy. UTF-16 (Excel's
//! "Unicode text") and legacy code pages (Windows-1252 from Excel on Western systems,
//! Windows-1251 for Russian, GBK for Chinese, ...) are decoded with `encoding_rs`; which legacy
//! code page a file uses is guessed by `chardetng`, Firefox's detector.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// The encoding of a file, from its first bytes (the more, the better the guess for legacy
/// code pages; 64 KiB is plenty).
pub fn detect(head: &[u8]) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return encoding;
    }
    if head.len() >= 4 {
        let pairs = head.len().min(512) / 2;
        let even_nuls = (0..pairs).filter(|i| head[2 * i] == 0).count();
        let odd_nuls = (0..pairs).filter(|i| head[2 * i + 1] == 0).count();
        // Text in UTF-16 has a NUL in every other byte for Latin characters.
        if odd_nuls * 3 > pairs && even_nuls * 10 < pairs {
            return UTF_16LE;
        }
        if even_nuls * 3 > pairs && odd_nuls * 10 < pairs {
            return UTF_16BE;
        }
    }
    if valid_utf8_prefix(head) {
        return UTF_8;
    }
    // Not valid UTF-8, so UTF-8 is not a candidate; ISO-2022-JP is not expected in exports.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, false);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// True when `bytes` is UTF-8, allowing a character cut off at the end.
fn valid_utf8_prefix(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(error) => error.error_len().is_none() && bytes.len() - error.valid_up_to() < 4,
    }
}

/// Decodes chunks of a file to UTF-8.
pub struct TextDecoder {
    encoding: &'static Encoding,
    /// For non-UTF-8 input.
    decoder: Option<encoding_rs::Decoder>,
    /// UTF-8 input: bytes seen so far, to strip a byte-order mark split across chunks.
    seen: usize,
    held: Vec<u8>,
    buffer: Vec<u8>,
}

impl TextDecoder {
    /// A decoder for `encoding` (a byte-order mark at the start is removed).
    pub fn new(encoding: &'static Encoding) -> Self {
        let decoder = (encoding != UTF_8).then(|| encoding.new_decoder_with_bom_removal());
        TextDecoder { encoding, decoder, seen: 0, held: Vec::new(), buffer: Vec::new() }
    }

    /// A decoder for `encoding` that starts in the middle of a file (at a line start): the
    /// bytes there are text, never a byte-order mark.
    pub fn continuing(encoding: &'static Encoding) -> Self {
        let decoder = (encoding != UTF_8).then(|| encoding.new_decoder_without_bom_handling());
        TextDecoder { encoding, decoder, seen: 3, held: Vec::new(), buffer: Vec::new() }
    }

    /// The encoding being decoded.
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// Decodes the next chunk (`last` for the final one, which may be empty) and returns its
    /// UTF-8 text. Invalid sequences become U+FFFD, except in UTF-8 input, which passes
    /// through as it is (fields are checked when they are read).
    pub fn decode<'a>(&'a mut self, chunk: &'a [u8], last: bool) -> &'a [u8] {
        match &mut self.decoder {
            None => {
                if self.seen >= 3 {
                    self.seen += chunk.len();
                    return chunk;
                }
                // Strip a UTF-8 byte-order mark, which may be split across the first chunks.
                self.held.extend_from_slice(chunk);
                self.seen += chunk.len();
                if self.held.len() < 3 && !last && b"\xef\xbb\xbf".starts_with(&self.held) {
                    return &[];
                }
                let start = if self.held.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
                self.buffer = std::mem::take(&mut self.held).split_off(start);
                self.seen = self.seen.max(3);
                &self.buffer
            }
            Some(decoder) => {
                self.buffer.clear();
                let needed = decoder.max_utf8_buffer_length(chunk.len()).unwrap_or(chunk.len() * 3 + 16);
                self.buffer.resize(needed, 0);
                let mut read = 0;
                let mut written = 0;
                loop {
                    let (result, r, w, _) = decoder.decode_to_utf8(&chunk[read..], &mut self.buffer[written..], last);
                    read += r;
                    written += w;
                    match result {
                        encoding_rs::CoderResult::InputEmpty => break,
                        encoding_rs::CoderResult::OutputFull => {
                            let grow = self.buffer.len() + 1024;
                            self.buffer.resize(grow, 0);
                        }
                    }
                }
                self.buffer.truncate(written);
                &self.buffer
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], chunk: usize) -> (String, &'static str) {
        let encoding = detect(bytes);
        let mut decoder = TextDecoder::new(encoding);
        let mut out = Vec::new();
        for piece in bytes.chunks(chunk.max(1)) {
            out.extend_from_slice(decoder.decode(piece, false));
        }
        out.extend_from_slice(decoder.decode(&[], true));
        (String::from_utf8(out).unwrap(), encoding.name())
    }

    #[test]
    fn utf8_with_and_without_bom() {
        for size in [1, 2, 5, 100] {
            assert_eq!(decode_all("Attività;工单".as_bytes(), size), ("Attività;工单".into(), "UTF-8"));
            assert_eq!(decode_all(b"\xef\xbb\xbfcase,x", size), ("case,x".into(), "UTF-8"));
        }
    }

    #[test]
    fn utf16_both_ways() {
        let text = "Numero caso\tAttività\r\nC-1\tApertura\r\n";
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xfe, 0xff];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let le_no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        for size in [1, 3, 64] {
            assert_eq!(decode_all(&le, size), (text.into(), "UTF-16LE"));
            assert_eq!(decode_all(&be, size), (text.into(), "UTF-16BE"));
            assert_eq!(decode_all(&le_no_bom, size), (text.into(), "UTF-16LE"));
        }
    }

    #[test]
    fn legacy_code_pages_are_guessed() {
        // "Attività;Città;Perché" in Windows-1252.
        let western = b"Attivit\xe0;Citt\xe0;Perch\xe9\r\nChiusura;Modifica;Priorit\xe0\r\n".repeat(20);
        assert_eq!(
            decode_all(&western, 7),
            ("Attività;Città;Perché\r\nChiusura;Modifica;Priorità\r\n".repeat(20), "windows-1252")
        );
        // "Номер обращения;Действие" in Windows-1251.
        let russian = "Номер обращения;Действие;Статус\r\n".repeat(20);
        let (text, encoding, _) = encoding_rs::WINDOWS_1251.encode(&russian);
        assert_eq!(encoding, encoding_rs::WINDOWS_1251);
        assert_eq!(decode_all(&text, 5), ("Номер обращения;Действие;Статус\r\n".repeat(20), "windows-1251"));
    }
}
