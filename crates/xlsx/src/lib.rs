//! # casemap-xlsx
//!
//! Excel workbooks (`.xlsx`) as CSV text, so that casemap's importer reads a filled-in data
//! template the way it reads any export. `calamine` reads the workbook; the cells of one sheet
//! are written out row by row (never the whole sheet as cells in memory).
//!
//! Cell values become text the importer understands: dates and times as
//! `YYYY-MM-DD HH:MM:SS` (with milliseconds when they have any), whole numbers without a
//! decimal point, booleans as `TRUE`/`FALSE`, error cells (`#N/A`, ...) as empty.
//!
//! A workbook is a zip archive, which can only be read whole: the caller passes all its bytes.
//!
//! ```no_run
//! let bytes = std::fs::read("cases.xlsx").unwrap();
//! let sheets = casemap_xlsx::sheet_names(&bytes).unwrap();
//! let csv = casemap_xlsx::to_csv(&bytes, Some(&sheets[0])).unwrap();
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::fmt::Write as _;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use casemap_engine::ingest::{ImportError, ImportOptions, Inspection, inspect_sheet};

/// Why a workbook cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsxError {
    /// Not a workbook calamine can open (a damaged file, or another kind of zip archive).
    Unreadable(String),
    /// The workbook has no sheet of this name.
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The sheets there are.
        sheets: Vec<String>,
    },
    /// The workbook has no sheet at all.
    NoSheets,
}

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XlsxError::Unreadable(message) => write!(f, "the workbook cannot be read: {message}"),
            XlsxError::NoSuchSheet { name, sheets } => {
                write!(f, "the workbook has no sheet \"{name}\" (sheets: {})", sheets.join(", "))
            }
            XlsxError::NoSheets => f.write_str("the workbook has no sheet"),
        }
    }
}

impl std::error::Error for XlsxError {}

/// True when the bytes start like a zip archive (which an `.xlsx` workbook is).
pub fn looks_like_xlsx(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

fn open(bytes: &[u8]) -> Result<Xlsx<Cursor<&[u8]>>, XlsxError> {
    Xlsx::new(Cursor::new(bytes)).map_err(|error| XlsxError::Unreadable(error.to_string()))
}

/// The names of the workbook's sheets, in order.
///
/// # Errors
/// When the bytes are not a readable workbook.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, XlsxError> {
    Ok(open(bytes)?.sheet_names())
}

/// The sheet `sheet` (the first one when `None`) as CSV text: comma-separated, UTF-8, one line
/// per row from the first used row, with empty cells where a row has none.
///
/// # Errors
/// When the workbook cannot be read or has no such sheet.
pub fn to_csv(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = open(bytes)?;
    let sheets = workbook.sheet_names();
    let name = match sheet {
        Some(name) if sheets.iter().any(|s| s == name) => name.to_owned(),
        Some(name) => return Err(XlsxError::NoSuchSheet { name: name.to_owned(), sheets }),
        None => sheets.first().cloned().ok_or(XlsxError::NoSheets)?,
    };
    let mut cells = workbook.worksheet_cells_reader(&name).map_err(|error| XlsxError::Unreadable(error.to_string()))?;
    let dimensions = cells.dimensions();
    let (first_row, first_column) = dimensions.start;
    let width = (dimensions.end.1.saturating_sub(first_column) + 1) as usize;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut row: Vec<String> = vec![String::new(); width];
    let mut current = first_row;
    let mut any = false;
    let flush = |writer: &mut csv::Writer<Vec<u8>>, row: &mut Vec<String>| -> Result<(), XlsxError> {
        writer.write_record(row.iter()).map_err(|error| XlsxError::Unreadable(error.to_string()))?;
        row.iter_mut().for_each(String::clear);
        Ok(())
    };
    while let Some(cell) = cells.next_cell().map_err(|error| XlsxError::Unreadable(error.to_string()))? {
        let (r, c) = cell.get_position();
        if r < first_row || c < first_column {
            continue;
        }
        // Rows without any cell still get a line, so that row numbers match the sheet's.
        while current < r {
            if any || current >= first_row {
                flush(&mut writer, &mut row)?;
            }
            current += 1;
        }
        any = true;
        let index = (c - first_column) as usize;
        if index >= row.len() {
            row.resize(index + 1, String::new());
        }
        row[index] = text(cell.get_value());
    }
    if any {
        flush(&mut writer, &mut row)?;
    }
    writer.into_inner().map_err(|error| XlsxError::Unreadable(error.to_string()))
}

/// Turns a sheet of a workbook into CSV text and inspects it. With no sheet named, the first
/// sheet that holds an event log is taken (a workbook often starts with a sheet of notes).
///
/// # Errors
/// [`ImportError::Malformed`] when the workbook cannot be read or has no such sheet; the
/// first sheet's error when no sheet holds a log.
pub fn inspect_workbook(
    bytes: &[u8],
    sheet: Option<&str>,
    options: &ImportOptions,
) -> Result<(Vec<u8>, Inspection), ImportError> {
    let malformed = |error: XlsxError| ImportError::Malformed { format: "Excel".into(), message: error.to_string() };
    let sheets = sheet_names(bytes).map_err(malformed)?;
    let candidates: Vec<&str> = match sheet {
        Some(name) => vec![name],
        None => sheets.iter().map(String::as_str).collect(),
    };
    let mut first_error = None;
    for name in candidates {
        let csv = to_csv(bytes, Some(name)).map_err(malformed)?;
        match inspect_sheet(&csv, name, sheets.clone(), options) {
            Ok(inspection) => return Ok((csv, inspection)),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| malformed(XlsxError::NoSheets)))
}

/// A cell as text the importer reads.
fn text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(true) => "TRUE".to_owned(),
        DataRef::Bool(false) => "FALSE".to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::DateTime(datetime) if datetime.is_duration() => datetime.as_f64().to_string(),
        DataRef::DateTime(datetime) => {
            let (y, mo, d, h, mi, s, ms) = datetime.to_ymd_hms_milli();
            let mut out = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}");
            if ms > 0 {
                let _ = write!(out, ".{ms:03}");
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    fn workbook() -> Vec<u8> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet().set_name("Notes").unwrap();
        sheet.write_string(0, 0, "not the log").unwrap();
        let sheet = workbook.add_worksheet().set_name("Cases").unwrap();
        let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        for (column, name) in ["case_id", "activity", "start_time", "agent", "csat", "escalated"].iter().enumerate() {
            sheet.write_string(0, column as u16, *name).unwrap();
        }
        let rows = [
            ("CS-1", "Case Created", (2025, 3, 3, 9, 12), "", 4.0, false),
            ("CS-1", "Case Closed, finally", (2025, 3, 6, 14, 5), "Anna", 4.0, true),
        ];
        for (i, (case, activity, (y, mo, d, h, mi), agent, csat, escalated)) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            sheet.write_string(r, 0, *case).unwrap();
            sheet.write_string(r, 1, *activity).unwrap();
            let when = ExcelDateTime::from_ymd(*y, *mo, *d).unwrap().and_hms(*h, *mi, 0).unwrap();
            sheet.write_datetime_with_format(r, 2, &when, &date).unwrap();
            if !agent.is_empty() {
                sheet.write_string(r, 3, *agent).unwrap();
            }
            sheet.write_number(r, 4, *csat).unwrap();
            sheet.write_boolean(r, 5, *escalated).unwrap();
        }
        workbook.save_to_buffer().unwrap()
    }

    #[test]
    fn a_sheet_becomes_csv_with_readable_dates() {
        let bytes = workbook();
        assert!(looks_like_xlsx(&bytes));
        assert_eq!(sheet_names(&bytes).unwrap(), ["Notes", "Cases"]);
        let csv = String::from_utf8(to_csv(&bytes, Some("Cases")).unwrap()).unwrap();
        assert_eq!(
            csv,
            "case_id,activity,start_time,agent,csat,escalated\n\
             CS-1,Case Created,2025-03-03 09:12:00,,4,FALSE\n\
             CS-1,\"Case Closed, finally\",2025-03-06 14:05:00,Anna,4,TRUE\n"
        );
        assert_eq!(String::from_utf8(to_csv(&bytes, None).unwrap()).unwrap(), "not the log\n");
    }

    #[test]
    fn the_first_sheet_with_a_log_is_taken() {
        let bytes = workbook();
        let (csv, inspection) = inspect_workbook(&bytes, None, &ImportOptions::default()).unwrap();
        assert!(csv.starts_with(b"case_id,activity"));
        assert_eq!(
            inspection.format,
            casemap_engine::ingest::SourceFormat::Xlsx {
                sheet: "Cases".into(),
                sheets: vec!["Notes".into(), "Cases".into()]
            }
        );
        assert!(matches!(
            inspect_workbook(&bytes, Some("Notes"), &ImportOptions::default()),
            Err(ImportError::OneColumn { .. })
        ));
    }

    #[test]
    fn unknown_sheets_and_broken_files_are_clear_errors() {
        let bytes = workbook();
        assert_eq!(
            to_csv(&bytes, Some("Sheet9")),
            Err(XlsxError::NoSuchSheet { name: "Sheet9".into(), sheets: vec!["Notes".into(), "Cases".into()] })
        );
        assert!(matches!(to_csv(b"PK\x03\x04garbage", None), Err(XlsxError::Unreadable(_))));
    }
}
