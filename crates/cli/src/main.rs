//! `casemap`: the command line over casemap's engine, the same code the browser app runs.
//!
//! Every command that prints results takes `--json`; that output is a documented contract
//! (see `docs/cli.md`): keys are only ever added, never renamed or removed.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use casemap_engine::format::{self, Lang};
use casemap_engine::sample::{self, SampleOptions};
use casemap_engine::scan::{FileKind, LineEndings, ScanSummary, Scanner, TextEncoding};
use casemap_engine::template;
use clap::{Parser, Subcommand};
use serde::Serialize;

/// Process mining for customer-service cases: the casemap engine on the command line.
///
/// casemap reads case exports (CSV event logs) and shows where cases get stuck and why. The
/// browser app at the same version gives the same figures: both run the same engine.
#[derive(Debug, Parser)]
#[command(name = "casemap", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Take a first look at a file: its kind, encoding, size, lines and line endings.
    ///
    /// The file is read in chunks, as the browser app reads a dropped file, so a file of any
    /// size works in constant memory. With --json, prints one object (schema in docs/cli.md).
    Scan {
        /// The file to look at.
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Read the file in chunks of this many bytes.
        #[arg(long, default_value_t = 8 * 1024 * 1024, value_name = "BYTES")]
        chunk_size: usize,
    },
    /// Generate a realistic customer-service case log (the app's sample data, or a benchmark
    /// log of any size).
    ///
    /// Cases arrive by Email, Phone, Web, Chat and Social with priorities, SLA due dates,
    /// acknowledgements, assignments, reassignments and ping-pong, tiered escalation that
    /// swarming replaces from --change-week on, waits for the customer, reopens, closures and
    /// CSAT scores, in working hours. The same options and seed give the same file. The app's
    /// "Try the sample data" is `--cases 2000 --seed 42`.
    Generate {
        /// Number of cases.
        #[arg(long, default_value_t = 2_000)]
        cases: u32,
        /// Seed of the random generator.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// First day of the log (YYYY-MM-DD).
        #[arg(long, default_value = "2025-01-06")]
        start: jiff::civil::Date,
        /// Weeks over which cases arrive.
        #[arg(long, default_value_t = 26)]
        weeks: u32,
        /// Week (0-based, from --start) in which swarming replaces tiered escalation; 0 or
        /// more than --weeks for no change.
        #[arg(long, default_value_t = 14)]
        change_week: u32,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the data template: a CSV with the columns casemap recommends and example rows.
    ///
    /// Columns: case_id, activity, start_time, end_time, agent, team, priority, channel,
    /// case_type, status, sla_due, csat, escalated. Only case_id, activity and one of the two
    /// times are required. See the README for a guide to each column.
    Template {
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Scan { file, json, chunk_size } => scan(&file, json, chunk_size),
        Command::Template { output } => write_template(output.as_deref()),
        Command::Generate { cases, seed, start, weeks, change_week, output } => {
            let change_week = (1..weeks).contains(&change_week).then_some(change_week);
            generate(&SampleOptions { cases, seed, start, weeks, change_week }, output.as_deref())
        }
    }
}

/// The `scan --json` object.
#[derive(Debug, Serialize)]
struct ScanReport<'a> {
    file: &'a str,
    #[serde(flatten)]
    summary: &'a ScanSummary,
    seconds: f64,
}

fn scan(path: &Path, json: bool, chunk_size: usize) -> Result<()> {
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
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
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

fn generate(options: &SampleOptions, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => {
            let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let stats = sample::write_csv(options, io::BufWriter::new(file))
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "wrote {} cases, {} events to {}",
                format::count(stats.cases, Lang::En),
                format::count(stats.events, Lang::En),
                path.display()
            );
        }
        None => {
            sample::write_csv(options, io::BufWriter::new(io::stdout().lock()))?;
        }
    }
    Ok(())
}

fn write_template(output: Option<&Path>) -> Result<()> {
    let text = template::csv();
    match output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?,
        None => io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}
