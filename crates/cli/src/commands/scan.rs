//! `casemap scan`: a first look at a file.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use casemap_engine::format::{self, Lang};
use casemap_engine::scan::{FileKind, LineEndings, ScanSummary, Scanner, TextEncoding};
use serde::Serialize;

/// The `scan --json` object.
#[derive(Debug, Serialize)]
struct ScanReport<'a> {
    file: &'a str,
    #[serde(flatten)]
    summary: &'a ScanSummary,
    seconds: f64,
}

/// Runs `casemap scan`.
pub fn run(path: &Path, json: bool, chunk_size: usize) -> Result<()> {
    let started = Instant::now();
    let mut file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut scanner = Scanner::new();
    let mut buffer = vec![0; chunk_size.max(1)];
    loop {
        let read = file.read(&mut buffer).with_context(|| format!("cannot read {}", path.display()))?;
        if read == 0 {
            break;
        }
        scanner.feed(&buffer[..read]);
    }
    let summary = scanner.finish();
    let seconds = started.elapsed().as_secs_f64();
    let name = path.display().to_string();
    let mut out = io::stdout().lock();
    if json {
        let report = ScanReport { file: &name, summary: &summary, seconds };
        super::print_json(&mut out, &report)?;
    } else {
        let lang = Lang::En;
        writeln!(out, "{name}")?;
        writeln!(out, "  kind:         {}", describe_kind(summary.kind))?;
        writeln!(
            out,
            "  size:         {} ({} bytes)",
            format::bytes(summary.bytes, lang),
            format::count(summary.bytes, lang)
        )?;
        if summary.kind.is_text() {
            writeln!(out, "  lines:        {}", format::count(summary.lines, lang))?;
            writeln!(out, "  line endings: {}", describe_endings(summary.line_endings))?;
        }
        writeln!(out, "  read in:      {}", format::elapsed(seconds, lang))?;
    }
    Ok(())
}

fn describe_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Empty => "empty file",
        FileKind::Text(TextEncoding::Utf8) => "text (UTF-8 or a single-byte code page)",
        FileKind::Text(TextEncoding::Utf8Bom) => "text (UTF-8 with byte-order mark)",
        FileKind::Text(TextEncoding::Utf16Le) => "text (UTF-16 little endian)",
        FileKind::Text(TextEncoding::Utf16Be) => "text (UTF-16 big endian)",
        FileKind::Zip => "zip archive (an Excel .xlsx workbook is one)",
        FileKind::Gzip => "gzip stream",
        FileKind::Pdf => "PDF document",
        FileKind::Image => "image",
        FileKind::Binary => "binary data, not text",
    }
}

fn describe_endings(endings: LineEndings) -> &'static str {
    match endings {
        LineEndings::None => "none",
        LineEndings::Lf => "LF (Unix)",
        LineEndings::CrLf => "CR LF (Windows)",
        LineEndings::Cr => "CR (classic Mac)",
        LineEndings::Mixed => "mixed",
    }
}
