//! Reading the result of the warehouse query back: CSV (any of `,` `;` tab, with the header
//! row) or JSON (an array of row objects, or one object per line), as warehouse consoles and
//! clients download it. Column names are matched without regard to case (Snowflake upper-cases
//! them); numbers may be JSON numbers or text (BigQuery writes 64-bit integers as text); an
//! empty value or `NULL` is missing. Row kinds this version does not know are passed over, so
//! a result from a later casemap still opens.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::COLUMNS;
use crate::discovery::cases::Distribution;
use crate::discovery::stats::DurationStats;

/// An activity's counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityRow {
    /// The activity.
    pub activity: String,
    /// Its events.
    pub events: u64,
    /// Cases with at least one.
    pub cases: u64,
    /// Most events of it in one case.
    pub max_repetitions: u64,
    /// Cases with more than one (rework).
    pub rework_cases: u64,
}

/// A directly-follows edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeRow {
    /// The earlier activity.
    pub from: String,
    /// The next one.
    pub to: String,
    /// Occurrences.
    pub frequency: u64,
    /// Cases with one or more.
    pub cases: u64,
    /// Most occurrences in one case.
    pub max_repetitions: u64,
    /// The waits, seconds.
    pub wait: DurationStats,
}

/// One of the most frequent variants.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantRow {
    /// Its place, from 1 (most cases).
    pub rank: u64,
    /// The activities in order.
    pub activities: Vec<String>,
    /// Its cases.
    pub cases: u64,
    /// Case durations, seconds: median and mean.
    pub median_s: f64,
    /// Mean case duration, seconds.
    pub mean_s: f64,
}

/// The query's result, read.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Aggregate {
    /// Table rows without a case id, activity or time.
    pub skipped: u64,
    /// Events of the (filtered) cases.
    pub events: u64,
    /// Cases.
    pub cases: u64,
    /// Distinct resources (none without a resource column).
    pub resources: Option<u64>,
    /// The first and last event time, seconds since 1970 (wall-clock times count as UTC).
    pub first_s: Option<f64>,
    /// The last event time.
    pub last_s: Option<f64>,
    /// Every activity, by name.
    pub activities: Vec<ActivityRow>,
    /// Every edge, by names.
    pub edges: Vec<EdgeRow>,
    /// Cases per first activity.
    pub start_activities: BTreeMap<String, u64>,
    /// Cases per last activity.
    pub end_activities: BTreeMap<String, u64>,
    /// Distinct variants.
    pub variant_count: u64,
    /// The most frequent variants, by rank.
    pub variants: Vec<VariantRow>,
    /// Case durations, seconds.
    pub case_durations: Option<Distribution>,
    /// Events per case.
    pub events_per_case: Option<Distribution>,
}

impl Aggregate {
    /// The first and last event time, ISO 8601 (as the log's summary gives them).
    pub fn period(&self) -> (Option<String>, Option<String>) {
        let iso = |s: Option<f64>| s.map(|s| crate::time::to_iso((s * 1e6).round() as i64));
        (iso(self.first_s), iso(self.last_s))
    }
}

/// Why a result cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ReadError {
    /// Not CSV or JSON rows.
    Format {
        /// What the parser said.
        why: String,
    },
    /// A column of the query is missing.
    MissingColumn {
        /// The column.
        column: String,
    },
    /// A value is not what its column holds. `row` counts data rows from 1 (for CSV, the
    /// spreadsheet row minus the header).
    BadValue {
        /// The row.
        row: usize,
        /// The column.
        column: String,
        /// The value.
        value: String,
    },
    /// No `log` row: the result is empty or from another query.
    NoLogRow,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Format { why } => write!(f, "the result is neither CSV nor JSON rows: {why}"),
            ReadError::MissingColumn { column } => {
                write!(f, "the result has no column \"{column}\"; is it the result of the query casemap wrote?")
            }
            ReadError::BadValue { row, column, value } => {
                write!(f, "row {row}, column \"{column}\": \"{value}\" is not a number")
            }
            ReadError::NoLogRow => write!(f, "the result has no row of kind \"log\"; is it the whole result?"),
        }
    }
}

impl std::error::Error for ReadError {}

/// One row: the value of each of [`COLUMNS`] (missing: `None`).
type Row = [Option<String>; COLUMNS.len()];

fn missing(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || v.eq_ignore_ascii_case("null")
}

fn csv_rows(bytes: &[u8]) -> Result<Vec<Row>, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ReadError::Format { why: e.to_string() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|&d| header.bytes().filter(|&b| b == d).count());
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter.unwrap_or(b',')).flexible(true).from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| ReadError::Format { why: e.to_string() })?
        .iter()
        .map(|h| h.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let mut index = [0usize; COLUMNS.len()];
    for (i, column) in COLUMNS.iter().enumerate() {
        index[i] = names
            .iter()
            .position(|n| n == column)
            .ok_or_else(|| ReadError::MissingColumn { column: (*column).to_owned() })?;
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Format { why: e.to_string() })?;
        rows.push(std::array::from_fn(|i| record.get(index[i]).filter(|v| !missing(v)).map(str::to_owned)));
    }
    Ok(rows)
}

fn json_rows(text: &str) -> Result<Vec<Row>, ReadError> {
    let bad = |e: serde_json::Error| ReadError::Format { why: e.to_string() };
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = if text.trim_start().starts_with('[') {
        serde_json::from_str(text).map_err(bad)?
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()
            .map_err(bad)?
    };
    if let Some(first) = objects.first() {
        for column in COLUMNS {
            if !first.keys().any(|k| k.eq_ignore_ascii_case(column)) {
                return Err(ReadError::MissingColumn { column: column.to_owned() });
            }
        }
    }
    Ok(objects
        .iter()
        .map(|o| {
            std::array::from_fn(|i| {
                let value = o.iter().find(|(k, _)| k.eq_ignore_ascii_case(COLUMNS[i])).map(|(_, v)| v);
                match value {
                    None | Some(serde_json::Value::Null) => None,
                    Some(serde_json::Value::String(s)) => (!missing(s)).then(|| s.clone()),
                    Some(v) => Some(v.to_string()),
                }
            })
        })
        .collect())
}

struct Cells<'a> {
    row: &'a Row,
    number: usize,
}

impl Cells<'_> {
    fn text(&self, column: &'static str) -> String {
        let i = COLUMNS.iter().position(|c| *c == column).expect("a known column");
        self.row[i].clone().unwrap_or_default()
    }

    fn float(&self, column: &'static str) -> Result<Option<f64>, ReadError> {
        let i = COLUMNS.iter().position(|c| *c == column).expect("a known column");
        self.row[i]
            .as_deref()
            .map(|v| {
                v.trim().parse::<f64>().map_err(|_| ReadError::BadValue {
                    row: self.number,
                    column: column.to_owned(),
                    value: v.to_owned(),
                })
            })
            .transpose()
    }

    fn f(&self, column: &'static str) -> Result<f64, ReadError> {
        Ok(self.float(column)?.unwrap_or(f64::NAN))
    }

    fn count(&self, column: &'static str) -> Result<u64, ReadError> {
        Ok(self.float(column)?.map_or(0, |v| v.round() as u64))
    }

    fn stats(&self) -> Result<DurationStats, ReadError> {
        Ok(DurationStats {
            count: self.count("count")?,
            mean: self.f("mean")?,
            median: self.f("median")?,
            min: self.f("min")?,
            max: self.f("max")?,
            total: self.f("total")?,
            stdev: self.float("stdev")?,
        })
    }

    fn distribution(&self) -> Result<Option<Distribution>, ReadError> {
        let count = self.count("count")?;
        Ok((count > 0).then_some(Distribution {
            count,
            min: self.f("min")?,
            median: self.f("median")?,
            mean: self.f("mean")?,
            p90: self.f("p90")?,
            max: self.f("max")?,
        }))
    }
}

/// Reads a result.
///
/// # Errors
/// When the bytes are not CSV or JSON rows, a column is missing, a number does not parse, or
/// there is no `log` row.
pub fn read(bytes: &[u8]) -> Result<Aggregate, ReadError> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    let rows = if matches!(bytes.get(start), Some(b'[' | b'{')) {
        json_rows(std::str::from_utf8(bytes).map_err(|e| ReadError::Format { why: e.to_string() })?)?
    } else {
        csv_rows(bytes)?
    };
    let mut out = Aggregate::default();
    let mut seen_log = false;
    for (i, row) in rows.iter().enumerate() {
        let c = Cells { row, number: i + 1 };
        match c.text("kind").trim() {
            "skipped" => out.skipped = c.count("events")?,
            "log" => {
                seen_log = true;
                out.events = c.count("events")?;
                out.cases = c.count("cases")?;
                out.resources = c.float("count")?.map(|v| v.round() as u64);
                out.first_s = c.float("min")?;
                out.last_s = c.float("max")?;
            }
            "activity" => out.activities.push(ActivityRow {
                activity: c.text("activity"),
                events: c.count("events")?,
                cases: c.count("cases")?,
                max_repetitions: c.count("max_repetitions")?,
                rework_cases: c.count("count")?,
            }),
            "edge" => out.edges.push(EdgeRow {
                from: c.text("activity"),
                to: c.text("target"),
                frequency: c.count("events")?,
                cases: c.count("cases")?,
                max_repetitions: c.count("max_repetitions")?,
                wait: c.stats()?,
            }),
            "start" => drop(out.start_activities.insert(c.text("activity"), c.count("cases")?)),
            "end" => drop(out.end_activities.insert(c.text("activity"), c.count("cases")?)),
            "variants" => out.variant_count = c.count("count")?,
            "variant" => out.variants.push(VariantRow {
                rank: c.count("rank")?,
                activities: c.text("activity").split('\u{1f}').map(str::to_owned).collect(),
                cases: c.count("cases")?,
                median_s: c.f("median")?,
                mean_s: c.f("mean")?,
            }),
            "case_duration" => out.case_durations = c.distribution()?,
            "events_per_case" => out.events_per_case = c.distribution()?,
            _ => {}
        }
    }
    if !seen_log {
        return Err(ReadError::NoLogRow);
    }
    out.activities.sort_by(|a, b| a.activity.cmp(&b.activity));
    out.edges.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    out.variants.sort_by_key(|v| v.rank);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "\
kind,activity,target,rank,events,cases,max_repetitions,count,total,mean,median,min,max,p90,stdev
skipped,,,,2,,,,,,,,,,
log,,,,5,2,,1,,,,1700000000.0,1700003600.5,,
activity,Open,,,2,2,1,0,,,,,,,
activity,Close,,,3,2,2,1,,,,,,,
edge,Open,Close,,2,2,1,2,30.0,15.0,15.0,10.0,20.0,,7.0710678118654755
start,Open,,,,2,,,,,,,,,
end,Close,,,,2,,,,,,,,,
variants,,,,,,,2,,,,,,,
variant,Open\u{1f}Close,,1,2,1,,,60,60,60,60,60,,
case_duration,,,,,,,2,3660.5,1830.25,1830.25,60.0,3600.5,3246.45,
events_per_case,,,,,,,2,5,2.5,2.5,2,3,2.9,
future_kind,,,,,,,,,,,,,,
";

    #[test]
    fn csv_and_json_results_read_the_same() {
        let csv = read(CSV.as_bytes()).unwrap();
        assert_eq!((csv.skipped, csv.events, csv.cases, csv.resources), (2, 5, 2, Some(1)));
        assert_eq!(csv.edges[0].wait.total, 30.0);
        assert_eq!(csv.variants[0].activities, ["Open", "Close"]);
        assert_eq!(csv.case_durations.as_ref().unwrap().p90, 3246.45);
        let mut reader = csv::Reader::from_reader(CSV.as_bytes());
        let rows: Vec<serde_json::Value> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                let object: serde_json::Map<String, serde_json::Value> = COLUMNS
                    .iter()
                    .zip(r.iter())
                    .map(|(c, v)| {
                        let value = if v.is_empty() { serde_json::Value::Null } else { v.into() };
                        (c.to_ascii_uppercase(), value)
                    })
                    .collect();
                object.into()
            })
            .collect();
        assert_eq!(read(serde_json::to_string(&rows).unwrap().as_bytes()).unwrap(), csv);
        let lines: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        assert_eq!(read(lines.join("\n").as_bytes()).unwrap(), csv);
    }

    #[test]
    fn errors_name_the_row_and_the_column() {
        let broken = CSV.replace("edge,Open,Close,,2,", "edge,Open,Close,,two,");
        assert_eq!(
            read(broken.as_bytes()).unwrap_err().to_string(),
            "row 5, column \"events\": \"two\" is not a number"
        );
        let header_only = CSV.lines().next().unwrap();
        assert_eq!(read(header_only.as_bytes()).unwrap_err(), ReadError::NoLogRow);
        assert_eq!(read(b"case,activity\n1,a\n").unwrap_err(), ReadError::MissingColumn { column: "kind".into() });
    }
}
