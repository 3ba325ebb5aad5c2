//! The query itself: the events CTE, the filter steps, the per-case and per-pair CTEs, and one
//! `SELECT` per row kind joined with `UNION ALL`.

use super::dialect::Percentiles;
use super::filters::{Scope, attribute_columns, ctes};
use super::{COLUMNS, Dialect, SqlError, SqlRequest};

/// The type of a result column.
fn column_type(d: Dialect, column: &str) -> &'static str {
    match column {
        "kind" | "activity" | "target" => d.text(),
        "rank" | "events" | "cases" | "max_repetitions" | "count" => d.int(),
        _ => d.double(),
    }
}

/// One `SELECT` of the union: `kind` and the given columns, typed NULL for the others.
fn row(d: Dialect, kind: &str, values: &[(&str, String)], rest: &str) -> String {
    let columns: Vec<String> = COLUMNS
        .iter()
        .map(|&c| {
            let value = if c == "kind" {
                d.string(kind)
            } else {
                values.iter().find(|(name, _)| *name == c).map_or_else(|| "NULL".to_owned(), |(_, v)| v.clone())
            };
            format!("CAST({value} AS {}) AS {c}", column_type(d, c))
        })
        .collect();
    format!("SELECT {}\n  {rest}", columns.join(", "))
}

/// Microseconds as seconds.
fn secs(d: Dialect, micros: &str) -> String {
    format!("CAST({micros} AS {}) / 1000000", d.double())
}

/// The statistics of `value` (microseconds) per group of `keys` over `source`, as seconds:
/// `count`, `total`, `mean`, `median`, `min`, `max`, `p90`, `stdev`, and the `FROM` source
/// they need.
fn duration_stats(d: Dialect, keys: &[&str], value: &str, source: &str) -> (Vec<(&'static str, String)>, String) {
    let p = Percentiles { dialect: d, keys, value };
    let stats = vec![
        ("count", "COUNT(*)".to_owned()),
        ("total", secs(d, &format!("SUM({value})"))),
        ("mean", secs(d, &format!("AVG({value})"))),
        ("median", secs(d, &p.get(0.5))),
        ("min", secs(d, &format!("MIN({value})"))),
        ("max", secs(d, &format!("MAX({value})"))),
        ("p90", secs(d, &p.get(0.9))),
        // On an integer, PostgreSQL's STDDEV_SAMP is a NUMERIC rounded to a few digits.
        ("stdev", secs(d, &format!("STDDEV_SAMP(CAST({value} AS {}))", d.double()))),
    ];
    (stats, p.source(source, &[0.5, 0.9]))
}

/// The events CTE `e0`: the table's rows with a case, an activity and a time, their columns
/// renamed, and `seq`, the position in the case. An attribute column with at most one value
/// in every case is a case attribute, as casemap's import makes it: each event then carries
/// its case's value (which matters to an event-level attribute step).
fn events(r: &SqlRequest, attributes: &[String]) -> String {
    let d = r.dialect;
    let col = |name: &str| d.ident(name);
    let mut raw = vec![
        format!("{} AS case_id", d.to_text(&col(&r.case))),
        format!("{} AS activity", d.to_text(&col(&r.activity))),
        format!("{} AS t", d.epoch_micros(&col(&r.timestamp))),
    ];
    let mut kept = vec!["case_id".to_owned(), "activity".to_owned(), "t".to_owned()];
    if let Some(resource) = &r.resource {
        raw.push(format!("{} AS resource", d.to_text(&col(resource))));
        kept.push("resource".to_owned());
    }
    let tie = match &r.order {
        Some(order) => {
            raw.push(format!("{} AS tie", col(order)));
            "tie"
        }
        None => "activity",
    };
    let case = "PARTITION BY case_id";
    let mut spread = Vec::new();
    let mut levelled = Vec::new();
    for (i, a) in attributes.iter().enumerate() {
        raw.push(format!("{} AS x{i}", d.to_text(&col(a))));
        kept.push(format!("x{i}"));
        spread.push(format!("MIN(x{i}) OVER ({case}) AS lo{i}, MAX(x{i}) OVER ({case}) AS hi{i}"));
        levelled.push(format!(
            "CASE WHEN MIN(CASE WHEN hi{i} IS NULL OR lo{i} = hi{i} THEN 1 ELSE 0 END) OVER () = 1 THEN hi{i} ELSE x{i} END AS x{i}"
        ));
    }
    let fixed: Vec<&str> = kept.iter().map(String::as_str).filter(|c| !c.starts_with('x')).collect();
    let mut e0 = vec![fixed.join(", "), "seq".to_owned()];
    e0.extend(levelled);
    let mut valid = vec![kept.join(", "), format!("ROW_NUMBER() OVER ({case} ORDER BY t, {tie}) AS seq")];
    valid.extend(spread);
    format!(
        "raw AS (\n  SELECT {}\n  FROM {}\n),\nskipped AS (\n  SELECT COUNT(*) AS n FROM raw WHERE case_id IS NULL OR activity IS NULL OR t IS NULL\n),\nvalid AS (\n  SELECT {}\n  FROM raw WHERE case_id IS NOT NULL AND activity IS NOT NULL AND t IS NOT NULL\n),\ne0 AS (\n  SELECT {} FROM valid\n)",
        raw.join(", "),
        r.table,
        valid.join(", "),
        e0.join(", "),
    )
}

/// The CTEs after the filter: events with their neighbours, cases, pairs, variants.
fn derived(r: &SqlRequest, last: &str) -> Vec<String> {
    let d = r.dialect;
    let w = "PARTITION BY case_id ORDER BY seq";
    let resource = if r.resource.is_some() { ", resource" } else { "" };
    let (var_stats, var_source) = duration_stats(d, &["v"], "d", "cs");
    let var_columns: Vec<String> = var_stats
        .iter()
        .filter(|(c, _)| !matches!(*c, "count" | "p90" | "stdev"))
        .map(|(c, e)| format!("{e} AS {c}"))
        .collect();
    vec![
        format!(
            "ev AS (\n  SELECT case_id, activity, t, seq{resource}, LAG(activity) OVER ({w}) AS pa, LEAD(activity) OVER ({w}) AS na, LEAD(t) OVER ({w}) AS nt\n  FROM {last}\n)"
        ),
        format!(
            "cs AS (\n  SELECT case_id, COUNT(*) AS n, MAX(t) - MIN(t) AS d, {} AS v\n  FROM ev GROUP BY case_id\n)",
            d.ordered_join("activity", "seq")
        ),
        "act_case AS (\n  SELECT activity, case_id, COUNT(*) AS k FROM ev GROUP BY activity, case_id\n)".to_owned(),
        "pairs AS (\n  SELECT case_id, activity AS a, na AS b, nt - t AS w FROM ev WHERE na IS NOT NULL\n)".to_owned(),
        "pair_case AS (\n  SELECT a, b, case_id, COUNT(*) AS k FROM pairs GROUP BY a, b, case_id\n)".to_owned(),
        format!(
            "var AS (\n  SELECT v, COUNT(*) AS cases, MAX(n) AS n, {}\n  FROM {var_source} GROUP BY v\n)",
            var_columns.join(", ")
        ),
        format!(
            "ranked AS (\n  SELECT var.*, ROW_NUMBER() OVER (ORDER BY cases DESC, {}) AS r FROM var\n)",
            d.binary_order("v")
        ),
    ]
}

/// One `SELECT` per row kind.
fn rows(r: &SqlRequest) -> Vec<String> {
    let d = r.dialect;
    let s = |x: &str| x.to_owned();
    let resources = if r.resource.is_some() { "COUNT(DISTINCT resource)" } else { "NULL" };
    let (edge_stats, edge_source) = duration_stats(d, &["a", "b"], "w", "pairs");
    let mut edge =
        vec![("activity", s("p.a")), ("target", s("p.b")), ("events", s("p.count")), ("cases", s("c.cases"))];
    edge.push(("max_repetitions", s("c.rep")));
    edge.extend(edge_stats.iter().filter(|(c, _)| *c != "p90").map(|(c, _)| (*c, format!("p.{c}"))));
    let edge_columns: Vec<String> =
        edge_stats.iter().filter(|(c, _)| *c != "p90").map(|(c, e)| format!("{e} AS {c}")).collect();
    let edge_from = format!(
        "FROM (SELECT a, b, {} FROM {edge_source} GROUP BY a, b) p\n  JOIN (SELECT a, b, COUNT(*) AS cases, MAX(k) AS rep FROM pair_case GROUP BY a, b) c ON p.a = c.a AND p.b = c.b",
        edge_columns.join(", ")
    );
    let (case_stats, case_source) = duration_stats(d, &[], "d", "cs");
    let case_stats: Vec<(&str, String)> = case_stats.into_iter().filter(|(c, _)| *c != "stdev").collect();
    let n = Percentiles { dialect: d, keys: &[], value: "n" };
    let per_case = vec![
        ("count", s("COUNT(*)")),
        ("total", s("SUM(n)")),
        ("mean", s("AVG(n)")),
        ("median", n.get(0.5)),
        ("min", s("MIN(n)")),
        ("max", s("MAX(n)")),
        ("p90", n.get(0.9)),
    ];
    let variant = [
        ("activity", s("v")),
        ("rank", s("r")),
        ("events", s("n")),
        ("cases", s("cases")),
        ("total", s("total")),
        ("mean", s("mean")),
        ("median", s("median")),
        ("min", s("min")),
        ("max", s("max")),
    ];
    vec![
        row(d, "skipped", &[("events", s("n"))], "FROM skipped"),
        row(
            d,
            "log",
            &[
                ("events", s("COUNT(*)")),
                ("cases", s("COUNT(DISTINCT case_id)")),
                ("count", s(resources)),
                ("min", secs(d, "MIN(t)")),
                ("max", secs(d, "MAX(t)")),
            ],
            "FROM ev",
        ),
        row(
            d,
            "activity",
            &[
                ("activity", s("activity")),
                ("events", s("SUM(k)")),
                ("cases", s("COUNT(*)")),
                ("max_repetitions", s("MAX(k)")),
                ("count", s("SUM(CASE WHEN k >= 2 THEN 1 ELSE 0 END)")),
            ],
            "FROM act_case GROUP BY activity",
        ),
        row(d, "edge", &edge, &edge_from),
        row(
            d,
            "start",
            &[("activity", s("activity")), ("cases", s("COUNT(*)"))],
            "FROM ev WHERE pa IS NULL GROUP BY activity",
        ),
        row(
            d,
            "end",
            &[("activity", s("activity")), ("cases", s("COUNT(*)"))],
            "FROM ev WHERE na IS NULL GROUP BY activity",
        ),
        row(d, "variants", &[("count", s("COUNT(*)"))], "FROM var"),
        row(d, "variant", &variant, &format!("FROM ranked WHERE r <= {}", r.top)),
        row(d, "case_duration", &case_stats, &format!("FROM {case_source}")),
        row(d, "events_per_case", &per_case, &format!("FROM {}", n.source("cs", &[0.5, 0.9]))),
    ]
}

/// The whole query.
pub(super) fn build(r: &SqlRequest) -> Result<String, SqlError> {
    let attributes = attribute_columns(&r.filter);
    let scope = Scope { dialect: r.dialect, resource: r.resource.is_some(), attributes: &attributes };
    let (steps, last) = ctes(&scope, &r.filter)?;
    let mut with = vec![events(r, &attributes)];
    with.extend(steps);
    with.extend(derived(r, &last));
    Ok(format!(
        "-- casemap {}: the process map of {} (columns and row kinds: docs/cli.md, `casemap sql`)\nWITH\n{}\n{}\n",
        env!("CARGO_PKG_VERSION"),
        r.table,
        with.join(",\n"),
        rows(r).join("\nUNION ALL\n")
    ))
}
