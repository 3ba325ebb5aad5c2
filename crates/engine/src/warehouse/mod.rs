//! The warehouse path: SQL that computes the process map where the data already lives, and
//! the reader of its result.
//!
//! A team whose history has 100 million rows in Snowflake, BigQuery, Databricks or Postgres
//! should not export it. [`sql`] writes one query (CTEs and window functions, no procedural
//! code) in the warehouse's [`Dialect`]; it reads the event table and returns a small
//! aggregate, one row per figure (the columns are [`COLUMNS`], the row kinds are documented
//! in `docs/cli.md`): the directly-follows edges with frequency, cases and wait statistics,
//! start and end activities, activity counts, the most frequent variants with their counts
//! and durations, and the case-duration distribution. [`result::read`] turns that result
//! (CSV or JSON, as a warehouse console downloads it) into an [`result::Aggregate`], from
//! which the CLI prints what `casemap analyze` prints and the page draws the map.
//!
//! The figures mean what they mean in the rest of casemap (and in PM4Py): events of a case
//! follow each other by time, ties by the `order` column (a row or event id; without one, by
//! activity name); a wait is the time from one event to the next; a case lasts from its first
//! event to its last; medians and the 90th percentile interpolate linearly. A filter chain
//! becomes one CTE per step with [`crate::filter::apply`]'s meaning. The tests run the query
//! on DuckDB and Spark over the shared logs and compare every figure with `casemap analyze`.

pub mod dialect;
mod filters;
pub mod graphs;
mod query;
pub mod result;

use std::fmt;

pub use dialect::Dialect;

use crate::filter::{FilterChain, FilterError};

/// The columns of the query's result, in order.
pub const COLUMNS: [&str; 15] = [
    "kind",
    "activity",
    "target",
    "rank",
    "events",
    "cases",
    "max_repetitions",
    "count",
    "total",
    "mean",
    "median",
    "min",
    "max",
    "p90",
    "stdev",
];

/// What to compute, from which table.
#[derive(Debug, Clone)]
pub struct SqlRequest {
    /// The SQL dialect.
    pub dialect: Dialect,
    /// The event table, as written after `FROM` (`sales.cases`, `` `project.dataset.events` ``).
    pub table: String,
    /// The case id column.
    pub case: String,
    /// The activity column.
    pub activity: String,
    /// The timestamp column (a timestamp, or text the warehouse casts to one).
    pub timestamp: String,
    /// The resource column, if any.
    pub resource: Option<String>,
    /// The column that orders events with the same time in a case (a row or event id).
    pub order: Option<String>,
    /// The filter chain.
    pub filter: FilterChain,
    /// How many of the most frequent variants the result lists.
    pub top: usize,
}

/// Why no query can be written.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlError {
    /// A column name is empty.
    EmptyColumn(&'static str),
    /// A filter step is wrong (a time that is not ISO 8601).
    Filter(FilterError),
    /// A resource step without a resource column.
    NeedsResource {
        /// The step, from 0.
        step: usize,
    },
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlError::EmptyColumn(what) => write!(f, "the {what} column has no name"),
            SqlError::Filter(e) => e.fmt(f),
            SqlError::NeedsResource { step } => {
                write!(f, "filter {}: a resource step needs the resource column (--resource)", step + 1)
            }
        }
    }
}

impl std::error::Error for SqlError {}

/// The query for `request`.
///
/// # Errors
/// An empty column name, a filter time that is not ISO 8601, or a resource step without a
/// resource column.
pub fn sql(request: &SqlRequest) -> Result<String, SqlError> {
    for (name, what) in [(&request.case, "case id"), (&request.activity, "activity"), (&request.timestamp, "timestamp")]
    {
        if name.trim().is_empty() {
            return Err(SqlError::EmptyColumn(what));
        }
    }
    query::build(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(dialect: Dialect) -> SqlRequest {
        SqlRequest {
            dialect,
            table: "events".into(),
            case: "Case ID".into(),
            activity: "Activity".into(),
            timestamp: "Complete Timestamp".into(),
            resource: Some("Resource".into()),
            order: None,
            filter: FilterChain::default(),
            top: 10,
        }
    }

    #[test]
    fn every_dialect_quotes_the_columns_and_returns_the_documented_columns() {
        for d in Dialect::ALL {
            let q = sql(&request(d)).unwrap();
            assert!(q.contains(&d.ident("Case ID")), "{d}: {q}");
            assert!(q.contains("FROM events"), "{d}");
            for column in COLUMNS {
                assert!(q.contains(&format!(" AS {column}")), "{d}: {column}");
            }
        }
    }

    #[test]
    fn errors_name_what_is_wrong() {
        let mut r = request(Dialect::Duckdb);
        r.resource = None;
        r.filter = serde_json::from_value(serde_json::json!({"filters": [
            {"type": "duration", "min_s": 1},
            {"type": "resources", "resources": ["Anna"]}
        ]}))
        .unwrap();
        assert_eq!(
            sql(&r).unwrap_err().to_string(),
            "filter 2: a resource step needs the resource column (--resource)"
        );
        r.activity = " ".into();
        assert_eq!(sql(&r).unwrap_err().to_string(), "the activity column has no name");
    }
}
