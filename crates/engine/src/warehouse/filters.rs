//! A filter chain as SQL: one CTE per step, each reading the one before, with exactly the
//! meaning [`crate::filter::apply`] gives the step (the warehouse tests run the same chains
//! both ways). Case-level steps keep the cases a `GROUP BY case_id` or a window picks;
//! event-level steps keep rows.

use super::{Dialect, SqlError};
use crate::discovery::stats::seconds;
use crate::filter::{Filter, FilterChain, FilterError, Presence, TimeMode, parse_time};
use crate::time::Micros;

/// What a step's SQL can refer to besides the fixed columns `case_id`, `activity`, `t`
/// (microseconds) and `seq` (the order within the case).
pub(super) struct Scope<'a> {
    pub dialect: Dialect,
    /// Whether the rows have a `resource` column.
    pub resource: bool,
    /// Attribute columns by their name in the table; the rows carry them as `x0`, `x1`, ...
    pub attributes: &'a [String],
}

/// The attribute columns a chain names, in order of first use.
pub(super) fn attribute_columns(chain: &FilterChain) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for filter in &chain.filters {
        if let Filter::Attribute { column, .. } = filter
            && !columns.contains(column)
        {
            columns.push(column.clone());
        }
    }
    columns
}

/// The CTEs `e1`, `e2`, ... for the steps of `chain` (`e0` holds every event); returns them
/// as `name AS (...)` and the name of the last.
pub(super) fn ctes(scope: &Scope, chain: &FilterChain) -> Result<(Vec<String>, String), SqlError> {
    let mut out = Vec::with_capacity(chain.filters.len());
    for (step, filter) in chain.filters.iter().enumerate() {
        let source = format!("e{step}");
        let body = step_sql(scope, filter, step, &source)?;
        out.push(format!("e{} AS (\n  {body}\n)", step + 1));
    }
    Ok((out, format!("e{}", chain.filters.len())))
}

fn list(d: Dialect, values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| values.iter().map(|v| d.string(v)).collect::<Vec<_>>().join(", "))
}

/// `expr IN (values)`, false for no values (SQL has no empty list).
fn is_in(d: Dialect, expr: &str, values: &[String]) -> String {
    match list(d, values) {
        Some(l) => format!("{expr} IN ({l})"),
        None => "1 = 0".to_owned(),
    }
}

/// 1 where `condition` holds (never null), else 0.
fn flag(condition: &str) -> String {
    format!("CASE WHEN {condition} THEN 1 ELSE 0 END")
}

fn keep_cases(source: &str, cases: &str, exclude: bool) -> String {
    let not = if exclude { "NOT " } else { "" };
    format!("SELECT * FROM {source} WHERE case_id {not}IN ({cases})")
}

fn having(source: &str, condition: &str) -> String {
    keep_cases(source, &format!("SELECT case_id FROM {source} GROUP BY case_id HAVING {condition}"), false)
}

/// An attribute or resource step: the events whose value `matches` (`events`), or the cases
/// with one such event; `exclude` keeps the others.
fn values_step(source: &str, matches: &str, events: bool, exclude: bool) -> String {
    if events {
        let want = if exclude { 0 } else { 1 };
        format!("SELECT * FROM {source} WHERE {} = {want}", flag(matches))
    } else {
        let op = if exclude { "=" } else { ">" };
        having(source, &format!("SUM({}) {op} 0", flag(matches)))
    }
}

fn frame(from: &str, to: &str, step: usize) -> Result<(Micros, Micros), SqlError> {
    let bad = |value: &str| SqlError::Filter(FilterError::BadTime { step, value: value.to_owned() });
    Ok((parse_time(from, false).ok_or_else(|| bad(from))?, parse_time(to, true).ok_or_else(|| bad(to))?))
}

/// The smallest duration in microseconds whose [`seconds`] are at least `s`.
fn micros_at_least(s: f64) -> Micros {
    let mut x = (s * 1e6).floor() as Micros - 2;
    while seconds(x) < s {
        x += 1;
    }
    x
}

/// The largest duration in microseconds whose [`seconds`] are at most `s`.
fn micros_at_most(s: f64) -> Micros {
    let mut x = (s * 1e6).ceil() as Micros + 2;
    while seconds(x) > s {
        x -= 1;
    }
    x
}

fn step_sql(scope: &Scope, filter: &Filter, step: usize, source: &str) -> Result<String, SqlError> {
    let d = scope.dialect;
    let case_order = "PARTITION BY case_id ORDER BY seq";
    Ok(match filter {
        Filter::TimeFrame { from, to, mode } => {
            let (from, to) = frame(from, to, step)?;
            match mode {
                TimeMode::Trim => format!("SELECT * FROM {source} WHERE t >= {from} AND t < {to}"),
                TimeMode::Contained => having(source, &format!("MIN(t) >= {from} AND MAX(t) < {to}")),
                TimeMode::Intersecting => having(source, &format!("MIN(t) < {to} AND MAX(t) >= {from}")),
                TimeMode::Started => having(source, &format!("MIN(t) >= {from} AND MIN(t) < {to}")),
                TimeMode::Completed => having(source, &format!("MAX(t) >= {from} AND MAX(t) < {to}")),
            }
        }
        Filter::Attribute { column, values, exclude, events } => {
            let index = scope.attributes.iter().position(|c| c == column).expect("attribute columns collected");
            let matches = is_in(d, &format!("x{index}"), values);
            values_step(source, &matches, *events, *exclude)
        }
        Filter::Activities { activities, mode } => match mode {
            Presence::Events => format!("SELECT * FROM {source} WHERE {}", is_in(d, "activity", activities)),
            Presence::Any => having(source, &format!("SUM({}) > 0", flag(&is_in(d, "activity", activities)))),
            Presence::None => having(source, &format!("SUM({}) = 0", flag(&is_in(d, "activity", activities)))),
            Presence::All if activities.is_empty() => format!("SELECT * FROM {source}"),
            Presence::All => {
                let each: Vec<String> = activities
                    .iter()
                    .map(|a| format!("SUM({}) > 0", flag(&format!("activity = {}", d.string(a)))))
                    .collect();
                having(source, &each.join(" AND "))
            }
        },
        Filter::Resources { resources, exclude, events } => {
            if !scope.resource {
                return Err(SqlError::NeedsResource { step });
            }
            let matches = is_in(d, "resource", resources);
            values_step(source, &matches, *events, *exclude)
        }
        Filter::Variants { variants, exclude } => {
            let wanted: Vec<String> = variants.iter().map(|v| format!("({})", d.joined_literal(v))).collect();
            let matches = if wanted.is_empty() { "1 = 0".to_owned() } else { format!("v IN ({})", wanted.join(", ")) };
            let join = d.ordered_join("activity", "seq");
            let cases = format!(
                "SELECT case_id FROM (SELECT case_id, {join} AS v FROM {source} GROUP BY case_id) s WHERE {matches}"
            );
            keep_cases(source, &cases, *exclude)
        }
        Filter::Duration { min_s, max_s } => {
            let mut conditions = Vec::new();
            if let Some(m) = min_s {
                conditions.push(format!("MAX(t) - MIN(t) >= {}", micros_at_least(*m)));
            }
            if let Some(m) = max_s {
                conditions.push(format!("MAX(t) - MIN(t) <= {}", micros_at_most(*m)));
            }
            if conditions.is_empty() {
                format!("SELECT * FROM {source}")
            } else {
                having(source, &conditions.join(" AND "))
            }
        }
        Filter::StartActivities { activities, exclude } | Filter::EndActivities { activities, exclude } => {
            let direction = if matches!(filter, Filter::StartActivities { .. }) { "" } else { " DESC" };
            let cases = format!(
                "SELECT case_id FROM (SELECT case_id, activity, ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY seq{direction}) AS p FROM {source}) s WHERE p = 1 AND {}",
                is_in(d, "activity", activities)
            );
            keep_cases(source, &cases, *exclude)
        }
        Filter::FollowedBy { from, to, directly, within_s, exclude } => {
            let (a, b) = (d.string(from), d.string(to));
            let within = within_s.map(|s| (s * 1e6) as Micros);
            let cases = if *directly {
                let close = within.map(|w| format!(" AND nt - t <= {w}")).unwrap_or_default();
                format!(
                    "SELECT case_id FROM (SELECT case_id, activity, t, LEAD(activity) OVER ({case_order}) AS na, LEAD(t) OVER ({case_order}) AS nt FROM {source}) s WHERE activity = {a} AND na = {b}{close}"
                )
            } else {
                let close = within.map(|w| format!(" AND t - la <= {w}")).unwrap_or_default();
                format!(
                    "SELECT case_id FROM (SELECT case_id, activity, t, MAX(CASE WHEN activity = {a} THEN t END) OVER ({case_order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS la FROM {source}) s WHERE activity = {b} AND la IS NOT NULL{close}"
                )
            };
            keep_cases(source, &cases, *exclude)
        }
        Filter::Cases { ids, exclude } => match list(d, ids) {
            Some(l) => keep_cases(source, &l, *exclude),
            None if *exclude => format!("SELECT * FROM {source}"),
            None => format!("SELECT * FROM {source} WHERE 1 = 0"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_bounds_in_micros_agree_with_the_seconds_the_engine_compares() {
        for s in [0.0, 1.0, 0.1, 0.3, 3600.5, 86_400.000_001, 1e-7, 123_456.789_012_3] {
            let lo = micros_at_least(s);
            assert!(seconds(lo) >= s && seconds(lo - 1) < s, "{s}");
            let hi = micros_at_most(s);
            assert!(seconds(hi) <= s && seconds(hi + 1) > s, "{s}");
        }
    }
}
