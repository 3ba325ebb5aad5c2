//! What differs between the SQL dialects casemap writes: quoting, type names, epoch
//! microseconds, ordered string aggregation and exact percentiles. Everything else in the
//! query is the SQL all five share (CTEs, `GROUP BY`, window functions, `UNION ALL`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A warehouse's SQL dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// DuckDB (also MotherDuck).
    Duckdb,
    /// PostgreSQL 12 or later (also Redshift-compatible engines that follow it).
    Postgres,
    /// Spark SQL 3.3 or later (Databricks).
    Spark,
    /// Google BigQuery (GoogleSQL).
    Bigquery,
    /// Snowflake.
    Snowflake,
}

impl Dialect {
    /// Every dialect, in the order the CLI lists them.
    pub const ALL: [Dialect; 5] =
        [Dialect::Duckdb, Dialect::Postgres, Dialect::Spark, Dialect::Bigquery, Dialect::Snowflake];

    /// The name the CLI takes.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Duckdb => "duckdb",
            Dialect::Postgres => "postgres",
            Dialect::Spark => "spark",
            Dialect::Bigquery => "bigquery",
            Dialect::Snowflake => "snowflake",
        }
    }

    /// A column name as a quoted identifier.
    pub fn ident(self, name: &str) -> String {
        match self {
            Dialect::Spark | Dialect::Bigquery => format!("`{}`", name.replace('`', "``")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// A string literal. Spark, BigQuery and Snowflake read backslashes in literals as escapes;
    /// DuckDB and PostgreSQL (with standard strings, the default) do not.
    pub fn string(self, value: &str) -> String {
        match self {
            Dialect::Duckdb | Dialect::Postgres => format!("'{}'", value.replace('\'', "''")),
            _ => format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'")),
        }
    }

    /// The text type.
    pub fn text(self) -> &'static str {
        match self {
            Dialect::Spark | Dialect::Bigquery => "STRING",
            Dialect::Postgres => "TEXT",
            _ => "VARCHAR",
        }
    }

    /// The 64-bit integer type.
    pub fn int(self) -> &'static str {
        if self == Dialect::Bigquery { "INT64" } else { "BIGINT" }
    }

    /// The double-precision type.
    pub fn double(self) -> &'static str {
        match self {
            Dialect::Bigquery => "FLOAT64",
            Dialect::Postgres => "DOUBLE PRECISION",
            _ => "DOUBLE",
        }
    }

    /// `expr` as text.
    pub fn to_text(self, expr: &str) -> String {
        format!("CAST({expr} AS {})", self.text())
    }

    /// Microseconds since 1970-01-01 of a timestamp column, as an integer. A timestamp with a
    /// zone gives its instant; one without counts as UTC (its wall-clock time, as casemap reads
    /// times without a zone). DuckDB, PostgreSQL and Snowflake take the column as it is (a cast
    /// to a zoneless type would shift instants by the session's zone and its summer time);
    /// Spark and BigQuery cast it to their `TIMESTAMP`, an instant.
    pub fn epoch_micros(self, column: &str) -> String {
        match self {
            Dialect::Duckdb => format!("epoch_us({column})"),
            Dialect::Postgres => format!("CAST(EXTRACT(EPOCH FROM {column}) * 1000000 AS BIGINT)"),
            Dialect::Spark => format!("unix_micros(CAST({column} AS TIMESTAMP))"),
            Dialect::Bigquery => format!("UNIX_MICROS(CAST({column} AS TIMESTAMP))"),
            Dialect::Snowflake => format!("DATE_PART(EPOCH_MICROSECOND, {column})"),
        }
    }

    /// The separator between a variant's activities: the ASCII unit separator (code 31). It
    /// sorts before every printable character, so sorting the joined text sorts the
    /// activity lists element by element, as casemap orders variants.
    pub fn separator(self) -> &'static str {
        match self {
            Dialect::Spark => "char(31)",
            Dialect::Bigquery => "CODE_POINTS_TO_STRING([31])",
            _ => "chr(31)",
        }
    }

    /// A text column compared byte by byte (code point order). PostgreSQL sorts by the
    /// database's locale unless told; the others compare code points by default.
    pub fn binary_order(self, expr: &str) -> String {
        match self {
            Dialect::Postgres => format!("{expr} COLLATE \"C\""),
            _ => expr.to_owned(),
        }
    }

    /// The text of `value` (an activity column) joined with [`separator`](Self::separator) in
    /// the order of `order` (an integer column, distinct within a group), as an aggregate.
    pub fn ordered_join(self, value: &str, order: &str) -> String {
        let sep = self.separator();
        match self {
            Dialect::Duckdb | Dialect::Postgres => format!("string_agg({value}, {sep} ORDER BY {order})"),
            Dialect::Bigquery => format!("STRING_AGG({value}, {sep} ORDER BY {order})"),
            Dialect::Snowflake => format!("LISTAGG({value}, {sep}) WITHIN GROUP (ORDER BY {order})"),
            Dialect::Spark => format!(
                "array_join(transform(array_sort(collect_list(named_struct('o', {order}, 'v', {value}))), x -> x.v), {sep})"
            ),
        }
    }

    /// Activities joined as [`ordered_join`](Self::ordered_join) joins them, as a literal.
    pub fn joined_literal(self, activities: &[String]) -> String {
        if activities.is_empty() {
            return self.string("");
        }
        let sep = format!(" || {} || ", self.separator());
        activities.iter().map(|a| self.string(a)).collect::<Vec<_>>().join(&sep)
    }

    /// Whether percentiles are window functions only (BigQuery): they are then computed per
    /// row in a subquery and picked with `ANY_VALUE`, see [`Percentiles`].
    pub fn window_percentiles(self) -> bool {
        self == Dialect::Bigquery
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Dialect {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Dialect::ALL.into_iter().find(|d| d.name().eq_ignore_ascii_case(s.trim())).ok_or_else(|| {
            let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.name()).collect();
            format!("unknown SQL dialect \"{s}\"; known: {}", names.join(", "))
        })
    }
}

/// Exact, linearly interpolated percentiles (numpy's default, PM4Py's median) of one value
/// per group, in every dialect.
pub struct Percentiles<'a> {
    /// The dialect.
    pub dialect: Dialect,
    /// The grouping columns (none: one group).
    pub keys: &'a [&'a str],
    /// The value.
    pub value: &'a str,
}

impl Percentiles<'_> {
    fn alias(p: f64) -> String {
        format!("q_{}", (p * 1000.0).round() as u32)
    }

    /// The `FROM` source: `source` itself, or for window percentiles a subquery adding one
    /// column per percentile.
    pub fn source(&self, source: &str, ps: &[f64]) -> String {
        if !self.dialect.window_percentiles() {
            return source.to_owned();
        }
        let partition =
            if self.keys.is_empty() { String::new() } else { format!("PARTITION BY {}", self.keys.join(", ")) };
        let columns: Vec<String> = ps
            .iter()
            .map(|&p| format!("PERCENTILE_CONT({}, {p}) OVER ({partition}) AS {}", self.value, Self::alias(p)))
            .collect();
        format!("(SELECT *, {} FROM {source}) AS q", columns.join(", "))
    }

    /// The aggregate giving percentile `p` (0 to 1) in a `GROUP BY` over
    /// [`source`](Self::source).
    pub fn get(&self, p: f64) -> String {
        if self.dialect.window_percentiles() {
            format!("ANY_VALUE({})", Self::alias(p))
        } else {
            format!("percentile_cont({p}) WITHIN GROUP (ORDER BY {})", self.value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_what_each_dialect_reads_as_special() {
        assert_eq!(Dialect::Duckdb.string(r"it's a\b"), r"'it''s a\b'");
        assert_eq!(Dialect::Spark.string(r"it's a\b"), r"'it\'s a\\b'");
        assert_eq!(Dialect::Postgres.ident("Case \"ID\""), "\"Case \"\"ID\"\"\"");
        assert_eq!(Dialect::Bigquery.ident("a`b"), "`a``b`");
    }

    #[test]
    fn dialects_are_named_as_the_cli_takes_them() {
        for d in Dialect::ALL {
            assert_eq!(d.name().parse::<Dialect>(), Ok(d));
        }
        assert!("oracle".parse::<Dialect>().unwrap_err().contains("duckdb, postgres, spark, bigquery, snowflake"));
    }

    #[test]
    fn joined_literals_match_the_ordered_join() {
        let list = ["A".to_owned(), "B".to_owned()];
        assert_eq!(Dialect::Duckdb.joined_literal(&list), "'A' || chr(31) || 'B'");
        assert_eq!(Dialect::Spark.joined_literal(&list), "'A' || char(31) || 'B'");
    }
}
