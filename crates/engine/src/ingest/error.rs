//! What can go wrong when importing: rows that are skipped (counted, with examples), and files
//! that cannot be a log at all.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use super::mapping::MappingError;

/// Why a row was skipped.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, VariantArray, IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SkipReason {
    /// The case id is missing.
    MissingCaseId,
    /// The activity is missing.
    MissingActivity,
    /// The timestamp is missing.
    MissingTimestamp,
    /// The timestamp does not parse in the column's format.
    BadTimestamp,
    /// The row has fewer fields than the header.
    WrongFieldCount,
}

impl SkipReason {
    /// Every reason, in the order reports list them. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [SkipReason] = <SkipReason as VariantArray>::VARIANTS;

    /// The reason's key in JSON (`missing_case_id`, ...).
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// An English sentence for the CLI.
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::MissingCaseId => "no case id",
            SkipReason::MissingActivity => "no activity",
            SkipReason::MissingTimestamp => "no timestamp",
            SkipReason::BadTimestamp => "timestamp not in the column's format",
            SkipReason::WrongFieldCount => "fewer fields than the header",
        }
    }
}

/// One skipped row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// The row number as a spreadsheet shows it: the header is row 1, the first data row 2.
    pub row: u64,
    /// The column at fault (its header name), when one is.
    pub column: Option<String>,
    /// The value at fault (empty for a missing value; the field count for a short row).
    pub value: String,
    /// Why.
    pub reason: SkipReason,
}

/// How many rows were skipped, by reason, with the first rows of each reason; every skipped
/// row is kept too ([`SkipReport::all`]), for listing and download.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipReport {
    /// Rows skipped in all.
    pub total: u64,
    /// Rows skipped per reason (reasons with none left out).
    pub by_reason: std::collections::BTreeMap<SkipReason, u64>,
    /// The first [`SkipReport::EXAMPLES`] rows of each reason, in file order.
    pub examples: Vec<SkippedRow>,
    /// Every skipped row, in file order (not serialised: it can be long; see
    /// [`SkipReport::to_csv`]).
    #[serde(skip)]
    pub all: Vec<SkippedRow>,
}

impl SkipReport {
    /// Rows shown per reason.
    pub const EXAMPLES: u64 = 20;

    /// Counts a skipped row and keeps it.
    pub fn skip(&mut self, row: u64, column: Option<&str>, value: &str, reason: SkipReason) {
        self.total += 1;
        let count = self.by_reason.entry(reason).or_default();
        *count += 1;
        let skipped = SkippedRow { row, column: column.map(str::to_owned), value: value.to_owned(), reason };
        if *count <= Self::EXAMPLES {
            self.examples.push(skipped.clone());
        }
        self.all.push(skipped);
    }

    /// Every skipped row as CSV: `row,reason,column,value`, with a header.
    pub fn to_csv(&self) -> String {
        let mut writer = ::csv::Writer::from_writer(Vec::new());
        let mut write = || -> Result<(), ::csv::Error> {
            writer.write_record(["row", "reason", "column", "value"])?;
            for skipped in &self.all {
                writer.write_record([
                    skipped.row.to_string().as_str(),
                    skipped.reason.key(),
                    skipped.column.as_deref().unwrap_or(""),
                    &skipped.value,
                ])?;
            }
            Ok(())
        };
        // Writing into a Vec cannot fail.
        write().expect("writing CSV to memory");
        String::from_utf8(writer.into_inner().expect("flushing CSV to memory")).unwrap_or_default()
    }
}

/// A file that cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ImportError {
    /// The file has no bytes.
    Empty,
    /// The file is not text, nor a format casemap reads (a PDF, an image, ...).
    NotText {
        /// What it looks like (`pdf`, `image`, `zip`, `binary`).
        found: String,
    },
    /// The file has a header but no data row.
    NoRows,
    /// The header has a single column: not a table with a case, an activity and a time.
    OneColumn {
        /// The header.
        header: String,
    },
    /// No column holds timestamps.
    NoTimestampColumn {
        /// The columns there are.
        columns: Vec<String>,
    },
    /// The mapping cannot make a log.
    Mapping(MappingError),
    /// Every row was skipped.
    AllRowsSkipped {
        /// How many there were.
        rows: u64,
    },
    /// An XES file that is not well-formed XML, or an unreadable workbook.
    Malformed {
        /// The format.
        format: String,
        /// What the parser said.
        message: String,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Empty => {
                f.write_str("the file is empty: export your cases again and check that the export has rows")
            }
            ImportError::NotText { found } => write!(
                f,
                "this is a {found} file, not an event log: casemap reads CSV (one row per event), XES and Excel .xlsx files"
            ),
            ImportError::NoRows => f.write_str("the file has a header but no rows"),
            ImportError::OneColumn { header } => write!(
                f,
                "the file has a single column (\"{header}\"): an event log needs at least a case id, an activity and a time, in separate columns"
            ),
            ImportError::NoTimestampColumn { columns } => write!(
                f,
                "no column holds dates and times (columns: {}); an event log needs one, for example 2024-01-05 10:22",
                columns.join(", ")
            ),
            ImportError::Mapping(error) => write!(f, "{error}"),
            ImportError::AllRowsSkipped { rows } => {
                write!(f, "all {rows} rows were skipped: see the reasons, and check the column roles")
            }
            ImportError::Malformed { format, message } => write!(f, "the {format} file cannot be read: {message}"),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<MappingError> for ImportError {
    fn from(error: MappingError) -> Self {
        ImportError::Mapping(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_counts_everything_and_keeps_the_first_examples() {
        let mut report = SkipReport::default();
        for row in 2..100 {
            report.skip(row, Some("Time"), "soon", SkipReason::BadTimestamp);
        }
        report.skip(200, Some("Case ID"), "", SkipReason::MissingCaseId);
        assert_eq!(report.total, 99);
        assert_eq!(report.by_reason[&SkipReason::BadTimestamp], 98);
        assert_eq!(report.by_reason[&SkipReason::MissingCaseId], 1);
        assert_eq!(report.examples.len(), 21);
        assert_eq!(report.examples[0].row, 2);
        assert_eq!(report.examples[20].reason, SkipReason::MissingCaseId);
        assert_eq!(report.all.len(), 99);
        let csv = report.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 100);
        assert_eq!(lines[0], "row,reason,column,value");
        assert_eq!(lines[1], "2,bad_timestamp,Time,soon");
        assert_eq!(lines[99], "200,missing_case_id,Case ID,");
    }
}
