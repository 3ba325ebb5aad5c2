//! Import: any service export becomes an [`EventLog`](crate::log::EventLog).
//!
//! Import is two steps, so that a person can check the guess before the work is done:
//! 1. [`inspect`] looks at the head of the file (its first megabyte): format, encoding,
//!    delimiter, header, a profile of each column from sample rows, a preview, the detected
//!    history preset, and a guessed [`Mapping`].
//! 2. An [`Importer`] built from the inspection and a mapping (the guess, or one the caller
//!    changed) takes the whole file chunk by chunk and returns the log with a report of the
//!    rows it skipped.
//!
//! Both steps take bytes, never files: the browser worker feeds `File` slices, the CLI feeds
//! reads of a file, and nothing holds the whole file at once (except an `.xlsx` workbook,
//! which is a zip archive and can only be read whole).
//!
//! ```
//! use casemap_engine::ingest::{import_bytes, ImportOptions};
//!
//! let csv = "Case ID;Activity;Time\n1;Created;05.01.2024 10:22\n1;Closed;06.01.2024 09:00\n";
//! let imported = import_bytes(csv.as_bytes(), &ImportOptions::default()).unwrap();
//! assert_eq!(imported.log.event_count(), 2);
//! assert_eq!(imported.log.case_count(), 1);
//! ```

pub mod csv;
pub mod decode;
pub mod error;
pub mod fit;
pub mod guess;
pub mod mapping;
pub mod names;
pub mod parallel;
pub mod presets;
pub mod profile;
pub mod role;
pub mod rows;
pub mod shape;
pub mod source;
pub mod timestamp;
pub mod xes;

use serde::{Deserialize, Serialize};

use self::csv::{Dialect, Records};
use self::decode::TextDecoder;
pub use self::error::{ImportError, SkipReason, SkipReport, SkippedRow};
pub use self::mapping::{ColumnMapping, Mapping};
pub use self::profile::ColumnProfile;
pub use self::role::Role;
use self::rows::MissingValues;
pub use self::shape::Shape;
pub use self::source::{Layout, System};
use crate::log::EventLog;
use crate::scan::{FileKind, sniff_kind};
use crate::time;

/// How many bytes of the head [`inspect`] wants: enough for the sample rows of nearly any
/// export.
pub const HEAD_BYTES: usize = 1024 * 1024;
/// Rows profiled to guess the mapping.
pub const SAMPLE_ROWS: usize = 2_000;
/// Rows kept for the preview.
pub const PREVIEW_ROWS: usize = 20;
/// At most this many bytes of sample rows are kept in an [`Inspection`] for the checks of a
/// mapping the user changed ([`Inspection::warnings`]) and for examples from several cases.
pub const KEPT_SAMPLE_BYTES: usize = 256 * 1024;

/// Choices the caller can make before importing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// Values that mean "missing" besides blank fields (default: `NULL`, `null`, `N/A`, `?`,
    /// `-`).
    pub missing_values: Vec<String>,
    /// The CSV delimiter, instead of sniffing it.
    pub delimiter: Option<u8>,
    /// XES: merge lifecycle start/complete pairs into events with a start and an end time.
    pub merge_lifecycle: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            missing_values: rows::DEFAULT_MISSING.iter().map(|v| (*v).to_owned()).collect(),
            delimiter: None,
            merge_lifecycle: false,
        }
    }
}

/// The format of the source, as inspected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SourceFormat {
    /// Delimited text.
    Csv {
        /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
        encoding: String,
        /// Delimiter and quote.
        dialect: Dialect,
    },
    /// XES (IEEE 1849).
    Xes {
        /// True for `.xes.gz`.
        gzipped: bool,
    },
    /// A sheet of an Excel workbook, turned into CSV text by the caller (the `casemap-xlsx`
    /// crate) before import: comma-separated UTF-8.
    Xlsx {
        /// The sheet read.
        sheet: String,
        /// All sheets of the workbook.
        sheets: Vec<String>,
    },
}

/// What [`inspect`] found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    /// The format.
    pub format: SourceFormat,
    /// The header names, in file order (made unique: a repeated name gets ` (2)`).
    pub header: Vec<String>,
    /// One profile per column, from up to [`SAMPLE_ROWS`] rows.
    pub profiles: Vec<ColumnProfile>,
    /// The first [`PREVIEW_ROWS`] data rows.
    pub preview: Vec<Vec<String>>,
    /// False when the first row is data (it held a date): the columns are then named
    /// `column 1`, `column 2`...
    #[serde(default = "yes")]
    pub has_header: bool,
    /// The average size of a row in bytes, from the sample (0 when unknown): a file's size
    /// divided by it estimates its rows, to make room for them at once.
    #[serde(default)]
    pub row_bytes: u32,
    /// The guessed mapping (for the detected preset, if any).
    pub mapping: Mapping,
    /// The history preset the header matches, if any.
    pub preset: Option<presets::Preset>,
    /// The ticketing system whose export this looks like, from its standard columns.
    #[serde(default)]
    pub system: Option<System>,
    /// What the sample rows tell about the file's shape (the guess rests on it).
    #[serde(default)]
    pub shape: Shape,
    /// Sample rows (the preview's and more, up to [`KEPT_SAMPLE_BYTES`]): for the checks of a
    /// changed mapping and examples from several cases.
    #[serde(default)]
    pub sample: Vec<Vec<String>>,
}

/// Looks at the head of a file; see the [module docs](self).
///
/// # Errors
/// When the file cannot be an event log: empty, binary, no rows, a single column.
pub fn inspect(head: &[u8], options: &ImportOptions) -> Result<Inspection, ImportError> {
    match sniff_kind(head) {
        FileKind::Empty => return Err(ImportError::Empty),
        FileKind::Text(_) if xes::looks_like_xes(head) => return inspect_xes(head, false, options),
        FileKind::Text(_) => {}
        FileKind::Zip => return Err(ImportError::NotText { found: "zip".into() }),
        FileKind::Gzip => {
            let unpacked = xes::gunzip_head(head, HEAD_BYTES * 4);
            if xes::looks_like_xes(&unpacked) {
                return inspect_xes(head, true, options);
            }
            return Err(ImportError::NotText { found: "gzip".into() });
        }
        FileKind::Pdf => return Err(ImportError::NotText { found: "PDF".into() }),
        FileKind::Image => return Err(ImportError::NotText { found: "image".into() }),
        FileKind::Binary => return Err(ImportError::NotText { found: "binary".into() }),
    }
    let encoding = decode::detect(head);
    let mut decoder = TextDecoder::new(encoding);
    let text = decoder.decode(head, false).to_vec();
    if text.contains(&0) {
        return Err(ImportError::NotText { found: "binary".into() });
    }
    let dialect = match options.delimiter {
        Some(delimiter) => Dialect { delimiter, quote: b'"' },
        None => csv::sniff_dialect(&text),
    };
    let mut header: Option<Vec<String>> = None;
    let mut sample: Vec<Vec<String>> = Vec::new();
    let mut records = Records::new(dialect);
    let mut take = |record: &csv::Record<'_>| {
        let fields: Vec<String> = record.iter().map(str::to_owned).collect();
        if header.is_none() {
            header = Some(fields);
        } else {
            sample.push(fields);
        }
        sample.len() < SAMPLE_ROWS
    };
    let whole = head.len() < HEAD_BYTES;
    if records.feed(&text, &mut take) && whole {
        records.finish(&mut take);
    } else if !whole && sample.len() > 1 && sample.len() < SAMPLE_ROWS {
        // The head ends inside a row: drop the partial last one.
        sample.pop();
    }
    let first = header.ok_or(ImportError::Empty)?;
    // A first row holding a date is data, not a header: the columns get numbered names.
    let has_header = !first
        .iter()
        .any(|value| matches!(timestamp::infer_format([value.as_str()]), Some(i) if i.parsed == 1 && matches!(i.format, time::TimeFormat::Calendar { .. })));
    let header = if has_header {
        unique_names(first)
    } else {
        let names = (1..=first.len()).map(|i| format!("column {i}")).collect();
        sample.insert(0, first);
        names
    };
    if header.len() < 2 {
        return Err(ImportError::OneColumn { header: header.into_iter().next().unwrap_or_default() });
    }
    if sample.is_empty() {
        return Err(ImportError::NoRows);
    }
    let missing = MissingValues::new(options.missing_values.iter().cloned());
    let values: Vec<Vec<Option<&str>>> = sample
        .iter()
        .map(|row| (0..header.len()).map(|index| row.get(index).and_then(|value| missing.present(value))).collect())
        .collect();
    let profiles: Vec<ColumnProfile> = header
        .iter()
        .enumerate()
        .map(|(index, name)| ColumnProfile::new(name, values.iter().map(|row| row[index])))
        .collect();
    if !profiles.iter().any(|profile| profile.time.is_some()) {
        return Err(ImportError::NoTimestampColumn { columns: header });
    }
    let shape = Shape::of(&values, &profiles, guess::choose_case(&profiles));
    drop(values);
    let row_bytes = if sample.is_empty() {
        0
    } else {
        let total: usize = sample.iter().map(|row| row.iter().map(|f| f.len() + 1).sum::<usize>() + 1).sum();
        u32::try_from(total / sample.len()).unwrap_or(u32::MAX)
    };
    // Snapshots of a ticket list (one row per ticket) hold no process: their dates do.
    let preset = presets::Preset::detect(&header).filter(|preset| preset.is_history() || !shape.one_row_per_case());
    let mapping = preset
        .and_then(|preset| guess::for_preset(preset, &profiles, &shape))
        .unwrap_or_else(|| guess::guess(&profiles, &shape));
    let system = source::detect(&header);
    let preview = sample.iter().take(PREVIEW_ROWS).cloned().collect();
    let mut kept = 0;
    let sample = sample
        .into_iter()
        .take_while(|row| {
            kept += row.iter().map(|f| f.len() + 8).sum::<usize>();
            kept <= KEPT_SAMPLE_BYTES
        })
        .collect();
    Ok(Inspection {
        format: SourceFormat::Csv { encoding: encoding.name().to_owned(), dialect },
        header,
        profiles,
        preview,
        has_header,
        row_bytes,
        mapping,
        preset,
        system,
        shape,
        sample,
    })
}

/// Something the caller should tell the user about a mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Warning {
    /// No value of a date column decided between day-first and month-first.
    AmbiguousDates {
        /// The column.
        column: String,
        /// How the dates are read.
        read_as: time::DateOrder,
    },
    /// The events of most cases would share one time: the column is probably a case's date
    /// (its creation, its closure) repeated on every row, not each event's own time.
    SharedTimes {
        /// The event time column.
        column: String,
        /// The share of cases with two or more events whose events all have the same time, in
        /// percent.
        percent: u32,
        /// A date column that changes within cases, when there is one.
        instead: Option<String>,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::AmbiguousDates { column, read_as } => {
                let order = match read_as {
                    time::DateOrder::DayMonthYear => "day first (05/01 is 5 January)",
                    time::DateOrder::MonthDayYear => "month first (05/01 is 1 May)",
                    time::DateOrder::YearMonthDay => "year first",
                };
                write!(f, "no date in \"{column}\" shows whether the day or the month comes first; read as {order}")
            }
            Warning::SharedTimes { column, percent, instead } => {
                write!(
                    f,
                    "in {percent} % of the cases every event has the same time in \"{column}\": it looks like a date of the case, not of each event"
                )?;
                match instead {
                    Some(other) => write!(f, "; \"{other}\" changes within cases"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl Inspection {
    /// The mapping to start from with `preset` (or without any): what the user sees after
    /// choosing a preset by hand. `None` when the file lacks the preset's columns.
    pub fn mapping_for(&self, preset: Option<presets::Preset>) -> Option<Mapping> {
        match preset {
            None => Some(guess::guess(&self.profiles, &self.shape)),
            Some(preset) => guess::for_preset(preset, &self.profiles, &self.shape),
        }
    }

    /// What the user should know about `mapping` on this file.
    pub fn warnings(&self, mapping: &Mapping) -> Vec<Warning> {
        let mut warnings: Vec<Warning> = mapping
            .columns
            .iter()
            .zip(&self.profiles)
            .filter(|(column, _)| column.role.has_dates())
            .filter_map(|(column, profile)| match (column.format, &profile.time) {
                (Some(time::TimeFormat::Calendar { order }), Some(inference))
                    if inference.ambiguous && inference.format == (time::TimeFormat::Calendar { order }) =>
                {
                    Some(Warning::AmbiguousDates { column: column.name.clone(), read_as: order })
                }
                _ => None,
            })
            .collect();
        warnings.extend(self.shared_times(mapping));
        warnings
    }

    /// The sample rows kept (the preview when an older inspection has none).
    fn kept_rows(&self) -> &[Vec<String>] {
        if self.sample.is_empty() { &self.preview } else { &self.sample }
    }

    /// [`Warning::SharedTimes`] for the event time of `mapping`, from the kept sample rows.
    fn shared_times(&self, mapping: &Mapping) -> Option<Warning> {
        if mapping.preset.is_some() {
            return None;
        }
        let case = mapping.position(Role::CaseId)?;
        let time = mapping
            .position(Role::EndTime)
            .or_else(|| mapping.position(Role::Timestamp))
            .or_else(|| mapping.position(Role::StartTime))?;
        let missing = MissingValues::default();
        // Per case: its first time, and whether another time differs.
        let mut cases: hashbrown::HashMap<&str, (&str, usize, bool), foldhash::fast::FixedState> =
            hashbrown::HashMap::default();
        for row in self.kept_rows() {
            let (Some(id), Some(value)) =
                (row.get(case).and_then(|v| missing.present(v)), row.get(time).and_then(|v| missing.present(v)))
            else {
                continue;
            };
            let entry = cases.entry(id).or_insert((value, 0, false));
            entry.1 += 1;
            entry.2 |= entry.0 != value;
        }
        let several: Vec<bool> = cases.values().filter(|(_, n, _)| *n >= 2).map(|(_, _, differs)| *differs).collect();
        let same = several.iter().filter(|differs| !**differs).count();
        if several.len() < 3 || same * 2 <= several.len() {
            return None;
        }
        let instead = (0..mapping.columns.len())
            .filter(|&i| i != time && !matches!(mapping.columns[i].role, Role::CaseId | Role::SlaDue))
            .filter(|&i| self.profiles.get(i).is_some_and(ColumnProfile::is_time) && self.shape.event_level(i))
            .filter(|&i| self.shape.varies(i).is_some())
            .max_by(|&a, &b| self.shape.varies(a).unwrap_or(0.0).total_cmp(&self.shape.varies(b).unwrap_or(0.0)))
            .map(|i| mapping.columns[i].name.clone());
        Some(Warning::SharedTimes {
            column: mapping.columns[time].name.clone(),
            percent: (same * 100 / several.len()) as u32,
            instead,
        })
    }

    /// Up to `count` sample values of a column with how `format` reads them (ISO 8601), for
    /// the user to check a timestamp format: from different cases where the sample allows, so
    /// that a date repeated on every row of a case does not look like several times.
    pub fn examples(&self, column: usize, format: time::TimeFormat, count: usize) -> Vec<(String, Option<String>)> {
        let mut parser = timestamp::Parser::new(format);
        let present = |row: &Vec<String>| row.get(column).filter(|value| !value.trim().is_empty()).cloned();
        let mut seen_cases: Vec<&str> = Vec::new();
        let mut values: Vec<String> = Vec::new();
        let rows = self.kept_rows();
        if let Some(case) = self.shape.case {
            for row in rows {
                let id = row.get(case).map_or("", String::as_str);
                if values.len() < count
                    && !seen_cases.contains(&id)
                    && let Some(value) = present(row)
                    && !values.contains(&value)
                {
                    seen_cases.push(id);
                    values.push(value);
                }
            }
        }
        for row in rows {
            if values.len() >= count {
                break;
            }
            if let Some(value) = present(row)
                && !values.contains(&value)
            {
                values.push(value);
            }
        }
        values.into_iter().map(|value| (value.clone(), parser.parse(&value).map(time::to_iso))).collect()
    }
}

/// Inspects a sheet of a workbook that the caller turned into CSV text (see
/// [`SourceFormat::Xlsx`]).
///
/// # Errors
/// As [`inspect`].
pub fn inspect_sheet(
    csv: &[u8],
    sheet: &str,
    sheets: Vec<String>,
    options: &ImportOptions,
) -> Result<Inspection, ImportError> {
    let options = ImportOptions { delimiter: Some(b','), ..options.clone() };
    let mut inspection = inspect(&csv[..csv.len().min(HEAD_BYTES)], &options)?;
    inspection.format = SourceFormat::Xlsx { sheet: sheet.to_owned(), sheets };
    Ok(inspection)
}

/// Inspects XES: the first events of the head as a preview, the standard keys as the mapping.
fn inspect_xes(head: &[u8], gzipped: bool, options: &ImportOptions) -> Result<Inspection, ImportError> {
    let mut reader = xes::XesImporter::new(gzipped, xes::XesOptions { merge_lifecycle: options.merge_lifecycle });
    reader.feed(head);
    let (header, preview) = reader.preview(PREVIEW_ROWS);
    let roles = [Role::CaseId, Role::Activity, Role::Timestamp, Role::Resource];
    let mapping = Mapping {
        preset: None,
        columns: header
            .iter()
            .enumerate()
            .map(|(index, name)| ColumnMapping {
                name: name.clone(),
                role: roles.get(index).copied().unwrap_or(Role::Attribute),
                format: (index == 2).then_some(time::TimeFormat::Calendar { order: time::DateOrder::YearMonthDay }),
                label: None,
            })
            .collect(),
    };
    let profiles = header
        .iter()
        .enumerate()
        .map(|(index, name)| ColumnProfile::new(name, preview.iter().map(|row| row.get(index).map(String::as_str))))
        .collect();
    Ok(Inspection {
        format: SourceFormat::Xes { gzipped },
        header,
        profiles,
        preview,
        has_header: true,
        row_bytes: 0,
        mapping,
        preset: None,
        system: None,
        shape: Shape::default(),
        sample: Vec::new(),
    })
}

fn yes() -> bool {
    true
}

/// Header names made unique and never empty: a blank name becomes `column N`, a repeated one
/// gets ` (2)`, ` (3)`...
fn unique_names(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for (index, name) in names.into_iter().enumerate() {
        let base = if name.trim().is_empty() { format!("column {}", index + 1) } else { name };
        let mut candidate = base.clone();
        let mut n = 2;
        while out.contains(&candidate) {
            candidate = format!("{base} ({n})");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// Imports a whole file, chunk by chunk; see the [module docs](self).
pub struct Importer {
    kind: Kind,
    bytes: u64,
}

enum Kind {
    Csv(Box<parallel::PartImport>),
    Xes(Box<xes::XesImporter>),
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The log.
    pub log: EventLog,
    /// Data rows read (skipped ones included).
    pub rows: u64,
    /// The rows that were skipped, and why.
    pub skipped: SkipReport,
    /// Snapshot rows merged into the previous row of their ticket (the same state).
    pub collapsed: u64,
}

impl Importer {
    /// An importer for the file `inspection` describes, with `mapping`.
    ///
    /// # Errors
    /// When the mapping cannot make a log.
    pub fn new(inspection: &Inspection, mapping: &Mapping, options: &ImportOptions) -> Result<Self, ImportError> {
        let kind = match &inspection.format {
            SourceFormat::Csv { .. } | SourceFormat::Xlsx { .. } => {
                Kind::Csv(Box::new(parallel::PartImport::new(inspection, mapping, options, true)?))
            }
            SourceFormat::Xes { gzipped } => Kind::Xes(Box::new(xes::XesImporter::new(
                *gzipped,
                xes::XesOptions { merge_lifecycle: options.merge_lifecycle },
            ))),
        };
        Ok(Importer { kind, bytes: 0 })
    }

    /// Tells the importer the size of the whole file in bytes, so that it makes room for its
    /// rows at once instead of growing as they come.
    pub fn expect_bytes(&mut self, total: u64, row_bytes: u32) {
        if let Kind::Csv(csv) = &mut self.kind {
            csv.expect_bytes(total, row_bytes);
        }
    }

    /// Bytes fed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Data rows (XES: events) read so far.
    pub fn rows(&self) -> u64 {
        match &self.kind {
            Kind::Csv(csv) => csv.rows(),
            Kind::Xes(reader) => reader.events(),
        }
    }

    /// Takes the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        match &mut self.kind {
            Kind::Csv(csv) => csv.feed(chunk),
            Kind::Xes(reader) => reader.feed(chunk),
        }
    }

    /// Ends the input and returns the log.
    ///
    /// # Errors
    /// When no row could be used.
    pub fn finish(self) -> Result<Imported, ImportError> {
        match self.kind {
            Kind::Csv(csv) => csv.finish().finish(),
            Kind::Xes(reader) => {
                let (log, skipped, rows) = reader.finish()?;
                Ok(Imported { log, rows, skipped, collapsed: 0 })
            }
        }
    }
}

/// Inspects and imports bytes held in memory, with the guessed mapping.
///
/// # Errors
/// As [`inspect`], [`Importer::new`] and [`Importer::finish`].
pub fn import_bytes(bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let inspection = inspect(&bytes[..bytes.len().min(HEAD_BYTES)], options)?;
    let mut importer = Importer::new(&inspection, &inspection.mapping, options)?;
    importer.expect_bytes(bytes.len() as u64, inspection.row_bytes);
    importer.feed(bytes);
    importer.finish()
}
