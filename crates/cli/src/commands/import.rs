//! `casemap import`: a file becomes an event log; what was guessed, what came out, what was
//! skipped. The loading part is shared by every command that reads a log.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use casemap_engine::format::{self, Lang};
use casemap_engine::ingest::fit;
use casemap_engine::ingest::presets::Preset;
use casemap_engine::ingest::{
    HEAD_BYTES, ImportOptions, Imported, Importer, Inspection, Mapping, Role, SkipReport, SourceFormat, System,
    Warning, inspect, parallel,
};
use casemap_engine::log::Summary;
use casemap_engine::time::{DateOrder, TimeFormat};
use clap::{Args, ValueEnum};
use serde::Serialize;

/// Flags that change how a file is read; every command that reads a log takes them.
#[derive(Debug, Clone, Default, Args)]
pub struct ImportFlags {
    /// The case id column (header name), instead of the guess.
    #[arg(long, value_name = "COLUMN")]
    pub case: Option<String>,
    /// The activity column.
    #[arg(long, value_name = "COLUMN")]
    pub activity: Option<String>,
    /// The (only) timestamp column.
    #[arg(long, value_name = "COLUMN")]
    pub timestamp: Option<String>,
    /// The start time column.
    #[arg(long, value_name = "COLUMN")]
    pub start_time: Option<String>,
    /// The end (completion) time column.
    #[arg(long, value_name = "COLUMN")]
    pub end_time: Option<String>,
    /// The resource (agent) column.
    #[arg(long, value_name = "COLUMN")]
    pub resource: Option<String>,
    /// A list with one row per ticket: the date columns whose filled dates become events
    /// (comma-separated), instead of the guess; each event is named after its column.
    #[arg(long, value_name = "COLUMNS", value_delimiter = ',')]
    pub milestones: Option<Vec<String>>,
    /// The field delimiter: , ; | or tab (sniffed when not given).
    #[arg(long, value_name = "D", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// How the times are written, for every time column (inferred when not given).
    #[arg(long, value_name = "FMT")]
    pub time_format: Option<TimeFormatArg>,
    /// Values that mean "missing", comma-separated (default: NULL,null,N/A,?,-); blank fields
    /// are always missing.
    #[arg(long, value_name = "VALUES", value_delimiter = ',')]
    pub missing: Option<Vec<String>>,
    /// XES: merge lifecycle start/complete pairs into one event with a start and an end time.
    #[arg(long)]
    pub merge_lifecycle: bool,
    /// The history preset: salesforce_case_history, servicenow_audit, jira_changelog,
    /// zendesk_ticket_events, servicenow_snapshots, or none (detected from the header when not
    /// given).
    #[arg(long, value_name = "NAME", value_parser = parse_preset)]
    pub preset: Option<PresetArg>,
    /// Excel workbooks: the sheet to read (the first one when not given).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Threads that read a CSV file in parallel, each a part of at least 8 MiB (default: the
    /// machine's cores). The log is the same with any number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// `--preset` values: a preset, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresetArg {
    /// No preset: rows are events.
    None,
    /// This preset.
    Preset(Preset),
}

fn parse_preset(value: &str) -> Result<PresetArg, String> {
    if value == "none" {
        return Ok(PresetArg::None);
    }
    Preset::from_key(value).map(PresetArg::Preset).ok_or_else(|| {
        let keys: Vec<&str> = Preset::ALL.iter().map(|p| p.key()).collect();
        format!("\"{value}\" is not a preset; use one of {}, or none", keys.join(", "))
    })
}

/// `--time-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimeFormatArg {
    /// 2024-01-05 10:22 (ISO 8601 and other year-first dates)
    Ymd,
    /// 05/01/2024 10:22 (day first)
    Dmy,
    /// 01/05/2024 10:22 AM (month first)
    Mdy,
    /// Seconds since 1970
    EpochSeconds,
    /// Milliseconds since 1970
    EpochMillis,
}

impl From<TimeFormatArg> for TimeFormat {
    fn from(arg: TimeFormatArg) -> Self {
        match arg {
            TimeFormatArg::Ymd => TimeFormat::Calendar { order: DateOrder::YearMonthDay },
            TimeFormatArg::Dmy => TimeFormat::Calendar { order: DateOrder::DayMonthYear },
            TimeFormatArg::Mdy => TimeFormat::Calendar { order: DateOrder::MonthDayYear },
            TimeFormatArg::EpochSeconds => TimeFormat::EpochSeconds,
            TimeFormatArg::EpochMillis => TimeFormat::EpochMillis,
        }
    }
}

fn parse_delimiter(value: &str) -> Result<u8, String> {
    match value {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "|" | "pipe" => Ok(b'|'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        other => Err(format!("\"{other}\" is not a delimiter casemap reads: use , ; | or tab")),
    }
}

impl ImportFlags {
    fn options(&self) -> ImportOptions {
        let mut options = ImportOptions {
            delimiter: self.delimiter,
            merge_lifecycle: self.merge_lifecycle,
            ..ImportOptions::default()
        };
        if let Some(missing) = &self.missing {
            options.missing_values = missing.clone();
        }
        options
    }

    /// The guessed mapping with the flags applied.
    fn mapping(&self, inspection: &Inspection) -> Result<Mapping> {
        let mut mapping = match self.preset {
            None => inspection.mapping.clone(),
            Some(PresetArg::None) => inspection.mapping_for(None).unwrap_or_else(|| inspection.mapping.clone()),
            Some(PresetArg::Preset(preset)) => inspection.mapping_for(Some(preset)).with_context(|| {
                format!(
                    "--preset {}: the file lacks its columns (it has {})",
                    preset.key(),
                    inspection.header.join(", ")
                )
            })?,
        };
        let given = [
            (&self.case, Role::CaseId),
            (&self.activity, Role::Activity),
            (&self.timestamp, Role::Timestamp),
            (&self.start_time, Role::StartTime),
            (&self.end_time, Role::EndTime),
            (&self.resource, Role::Resource),
        ];
        for (column, role) in given {
            if let Some(column) = column {
                mapping.assign(column, role, &inspection.profiles).with_context(|| {
                    format!("--{}: the columns are {}", role.key().replace('_', "-"), inspection.header.join(", "))
                })?;
            }
        }
        if let Some(milestones) = &self.milestones {
            for column in &mut mapping.columns {
                if column.role == Role::Milestone {
                    column.role = Role::Attribute;
                    column.format = None;
                }
            }
            for name in milestones {
                mapping
                    .assign(name, Role::Milestone, &inspection.profiles)
                    .with_context(|| format!("--milestones: the columns are {}", inspection.header.join(", ")))?;
            }
        }
        // A time column named by a flag replaces the guessed ones of the other time roles
        // when they would clash (a given --timestamp and a guessed end time).
        if self.timestamp.is_some() {
            for column in &mut mapping.columns {
                if column.role == Role::EndTime {
                    column.role = Role::Attribute;
                    column.format = None;
                }
            }
        }
        if let Some(format) = self.time_format {
            for column in &mut mapping.columns {
                if column.role.has_dates() {
                    column.format = Some(format.into());
                }
            }
        }
        Ok(mapping)
    }
}

/// A log read from a file, with what it took.
pub struct Loaded {
    /// What the head of the file showed.
    pub inspection: Inspection,
    /// The mapping used.
    pub mapping: Mapping,
    /// The log and the skip report.
    pub imported: Imported,
    /// Seconds from opening the file to the finished log.
    pub seconds: f64,
}

/// Reads `path` into an event log: inspects its head, applies the flags, imports it in 8 MiB
/// chunks.
pub fn load(path: &Path, flags: &ImportFlags) -> Result<Loaded> {
    let started = Instant::now();
    let mut file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut file)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let options = flags.options();
    let cannot = || format!("{} cannot be imported", path.display());
    // A workbook is a zip archive: read it whole and import the sheet as CSV text.
    let (sheet_csv, inspection) = if casemap_xlsx::looks_like_xlsx(&head) {
        let mut bytes = head.clone();
        file.read_to_end(&mut bytes).with_context(|| format!("cannot read {}", path.display()))?;
        let (csv, inspection) =
            casemap_xlsx::inspect_workbook(&bytes, flags.sheet.as_deref(), &options).with_context(cannot)?;
        (Some(csv), inspection)
    } else {
        (None, inspect(&head, &options).with_context(cannot)?)
    };
    let mapping = flags.mapping(&inspection)?;
    if let Err(error) = mapping.validate() {
        bail!("{error}; name the column with a flag (see casemap import --help)");
    }
    let imported = match sheet_csv {
        Some(csv) => {
            let mut importer = Importer::new(&inspection, &mapping, &options)?;
            importer.expect_bytes(csv.len() as u64, inspection.row_bytes);
            importer.feed(&csv);
            importer.finish()
        }
        None => {
            let total = file.metadata().map(|m| m.len()).with_context(|| format!("cannot read {}", path.display()))?;
            let threads = flags.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
            match parallel::import_parallel(total, threads, &inspection, &mapping, &options, |start, end, on_chunk| {
                read_range(path, start, end, on_chunk)
            }) {
                Ok(imported) => Ok(imported),
                Err(parallel::ParallelError::Import(error)) => Err(error),
                Err(parallel::ParallelError::Read(error)) => {
                    return Err(error).with_context(|| format!("cannot read {}", path.display()));
                }
            }
        }
    };
    let imported = imported.with_context(|| format!("{} cannot be imported", path.display()))?;
    Ok(Loaded { inspection, mapping, imported, seconds: started.elapsed().as_secs_f64() })
}

/// Hands the bytes `start..end` of the file at `path` to `on_chunk`, 8 MiB at a time.
fn read_range(path: &Path, start: u64, end: u64, on_chunk: &mut dyn FnMut(&[u8])) -> std::io::Result<()> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    let mut reader = file.take(end - start);
    let mut buffer = vec![0; 8 * 1024 * 1024];
    loop {
        let read = reader.read(&mut buffer)?;
        if read == 0 {
            return Ok(());
        }
        on_chunk(&buffer[..read]);
    }
}

/// The `import --json` object (see docs/cli.md).
#[derive(Debug, Serialize)]
pub struct ImportReport<'a> {
    file: String,
    format: FormatReport,
    system: Option<&'static str>,
    layout: &'static str,
    preset: Option<&'static str>,
    mapping: Vec<ColumnReport>,
    warnings: Vec<String>,
    summary: Summary,
    skipped: &'a SkipReport,
    rows: u64,
    collapsed: u64,
    seconds: f64,
    /// What the app's estimate before an import says a browser tab needs for this file.
    #[serde(skip_serializing_if = "Option::is_none")]
    tab_estimate: Option<TabEstimate>,
}

/// `ingest::fit::estimate` for the file, as the app's mapping step computes it.
#[derive(Debug, Serialize)]
struct TabEstimate {
    events: u64,
    memory_bytes: u64,
    fit: &'static str,
}

impl TabEstimate {
    fn of(path: &Path, loaded: &Loaded) -> Option<TabEstimate> {
        let size = std::fs::metadata(path).ok()?.len();
        let estimate = fit::estimate(size, &loaded.inspection, &loaded.mapping)?;
        let fit = match estimate.fit() {
            fit::Fit::Fits => "fits",
            fit::Fit::Tight => "tight",
            fit::Fit::TooBig => "too_big",
        };
        Some(TabEstimate { events: estimate.events, memory_bytes: estimate.bytes, fit })
    }
}

#[derive(Debug, Serialize)]
struct FormatReport {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delimiter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<String>,
}

impl FormatReport {
    fn describe(&self) -> String {
        match (self.kind, &self.encoding, &self.delimiter) {
            ("csv", Some(encoding), Some(delimiter)) => {
                let delimiter = if delimiter == "tab" { "tab".to_owned() } else { format!("\"{delimiter}\"") };
                format!("CSV, {encoding}, delimiter {delimiter}")
            }
            ("xes_gz", ..) => "XES, gzipped".to_owned(),
            ("xlsx", ..) => format!("Excel workbook, sheet \"{}\"", self.sheet.as_deref().unwrap_or_default()),
            ("xes", ..) => "XES".to_owned(),
            (kind, ..) => kind.to_owned(),
        }
    }
}

#[derive(Debug, Serialize)]
struct ColumnReport {
    name: String,
    role: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_format: Option<TimeFormatReport>,
}

#[derive(Debug, Serialize)]
struct TimeFormatReport {
    #[serde(flatten)]
    format: TimeFormat,
    description: &'static str,
    zoned: bool,
    examples: Vec<Example>,
}

#[derive(Debug, Serialize)]
struct Example {
    value: String,
    parsed: Option<String>,
}

fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tab".to_owned(),
        other => (other as char).to_string(),
    }
}

impl<'a> ImportReport<'a> {
    /// The report for a loaded file.
    pub fn new(path: &Path, loaded: &'a Loaded) -> Self {
        let format = match &loaded.inspection.format {
            SourceFormat::Csv { encoding, dialect } => FormatReport {
                kind: "csv",
                encoding: Some(encoding.clone()),
                delimiter: Some(delimiter_name(dialect.delimiter)),
                sheet: None,
            },
            SourceFormat::Xes { gzipped } => FormatReport {
                kind: if *gzipped { "xes_gz" } else { "xes" },
                encoding: None,
                delimiter: None,
                sheet: None,
            },
            SourceFormat::Xlsx { sheet, .. } => {
                FormatReport { kind: "xlsx", encoding: None, delimiter: None, sheet: Some(sheet.clone()) }
            }
        };
        let mapping = loaded
            .mapping
            .columns
            .iter()
            .enumerate()
            .map(|(index, column)| ColumnReport {
                name: column.name.clone(),
                role: column.role.key(),
                event: (column.role == Role::Milestone).then(|| column.milestone_name()),
                time_format: column.format.map(|format| TimeFormatReport {
                    format,
                    description: format.describe(),
                    zoned: loaded.inspection.profiles.get(index).and_then(|p| p.time.as_ref()).is_some_and(|t| t.zoned),
                    examples: loaded
                        .inspection
                        .examples(index, format, 2)
                        .into_iter()
                        .map(|(value, parsed)| Example { value, parsed })
                        .collect(),
                }),
            })
            .collect();
        ImportReport {
            file: path.display().to_string(),
            format,
            system: loaded.inspection.system.map(System::key),
            layout: <&str>::from(loaded.mapping.layout()),
            preset: loaded.mapping.preset.map(Preset::key),
            mapping,
            warnings: loaded.inspection.warnings(&loaded.mapping).iter().map(Warning::to_string).collect(),
            summary: loaded.imported.log.summary(),
            skipped: &loaded.imported.skipped,
            rows: loaded.imported.rows,
            collapsed: loaded.imported.collapsed,
            seconds: loaded.seconds,
            tab_estimate: TabEstimate::of(path, loaded),
        }
    }
}

/// "N events, N cases, N activities, N resources", numbers as `lang` writes them.
pub fn describe_summary(summary: &Summary, lang: Lang) -> String {
    format!(
        "{} events, {} cases, {} activities, {} resources",
        format::count(summary.events, lang),
        format::count(summary.cases, lang),
        format::count(summary.activities, lang),
        format::count(summary.resources, lang)
    )
}

/// Runs `casemap import`.
pub fn run(path: &Path, flags: &ImportFlags, json: bool) -> Result<()> {
    let loaded = load(path, flags)?;
    let report = ImportReport::new(path, &loaded);
    let mut out = io::stdout().lock();
    if json {
        return super::print_json(&mut out, &report);
    }
    let lang = Lang::En;
    writeln!(out, "{}", report.file)?;
    writeln!(out, "  format:     {}", report.format.describe())?;
    if let Some(system) = report.system {
        writeln!(out, "  system:     {system}")?;
    }
    writeln!(out, "  layout:     {}", report.layout)?;
    if let Some(preset) = report.preset {
        writeln!(out, "  preset:     {preset}")?;
    }
    writeln!(out, "  mapping:")?;
    let width = report.mapping.iter().map(|c| c.name.chars().count()).max().unwrap_or(0);
    for column in &report.mapping {
        let padding = width - column.name.chars().count();
        write!(out, "    {}{}  {}", column.name, " ".repeat(padding), column.role)?;
        if let Some(event) = &column.event {
            write!(out, " \"{event}\"")?;
        }
        if let Some(time) = &column.time_format {
            write!(out, " ({})", time.description)?;
            if let Some(example) = time.examples.first() {
                write!(out, ": {} -> {}", example.value, example.parsed.as_deref().unwrap_or("not a time"))?;
            }
        }
        writeln!(out)?;
    }
    for warning in &report.warnings {
        writeln!(out, "  warning:    {warning}")?;
    }
    let summary = &report.summary;
    writeln!(out, "  log:        {}", describe_summary(summary, lang))?;
    if let (Some(first), Some(last)) = (&summary.first, &summary.last) {
        writeln!(out, "  time span:  {first} to {last}")?;
    }
    let skipped = report.skipped;
    if skipped.total == 0 {
        writeln!(out, "  skipped:    none of {} rows", format::count(report.rows, lang))?;
    } else {
        writeln!(
            out,
            "  skipped:    {} of {} rows",
            format::count(skipped.total, lang),
            format::count(report.rows, lang)
        )?;
        for (reason, count) in &skipped.by_reason {
            writeln!(out, "    {}: {}", reason.describe(), format::count(*count, lang))?;
            for example in skipped.examples.iter().filter(|e| e.reason == *reason).take(3) {
                let column = example.column.as_deref().map(|c| format!(", column \"{c}\"")).unwrap_or_default();
                writeln!(out, "      row {}{column}: \"{}\"", format::count(example.row, lang), example.value)?;
            }
        }
    }
    if report.collapsed > 0 {
        writeln!(
            out,
            "  snapshots:  {} rows repeated the state of the row before and were merged",
            format::count(report.collapsed, lang)
        )?;
    }
    writeln!(out, "  read in:    {}", format::elapsed(report.seconds, lang))?;
    Ok(())
}
