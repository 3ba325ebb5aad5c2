//! `casemap sql` writes the query that computes the process map in a warehouse; `casemap
//! warehouse` reads its result and prints what `casemap analyze` prints of those figures.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use casemap_engine::discovery::cases::Distribution;
use casemap_engine::format::Lang;
use casemap_engine::log::Summary;
use casemap_engine::warehouse::result::{Aggregate, read};
use casemap_engine::warehouse::{SqlRequest, sql};
use serde::Serialize;

use super::analyze::{DfgReport, EdgeReport, NodeReport, VariantReport, VariantsReport};
use super::import::describe_summary;

/// Runs `casemap sql`: prints the query (or writes it to `output`).
pub fn run_sql(request: &SqlRequest, output: Option<&Path>) -> Result<()> {
    let query = sql(request)?;
    match output {
        Some(path) => std::fs::write(path, query).with_context(|| format!("cannot write {}", path.display())),
        None => Ok(io::stdout().lock().write_all(query.as_bytes())?),
    }
}

/// The `warehouse --json` object: the keys of `analyze --json` the aggregate holds.
#[derive(Debug, Serialize)]
struct WarehouseReport {
    file: String,
    summary: Summary,
    skipped_rows: u64,
    dfg: DfgReport,
    start_activities: BTreeMap<String, u64>,
    end_activities: BTreeMap<String, u64>,
    variants: VariantsReport,
    case_durations_s: Option<Distribution>,
    events_per_case: Option<Distribution>,
}

fn report(path: &Path, a: Aggregate) -> WarehouseReport {
    let cases = a.cases.max(1) as f64;
    let mut covered = 0u64;
    let (first, last) = a.period();
    WarehouseReport {
        file: path.display().to_string(),
        summary: Summary {
            events: a.events,
            cases: a.cases,
            activities: a.activities.len() as u64,
            resources: a.resources.unwrap_or(0),
            first,
            last,
        },
        skipped_rows: a.skipped,
        dfg: DfgReport {
            nodes: a
                .activities
                .into_iter()
                .map(|n| NodeReport {
                    activity: n.activity,
                    events: n.events,
                    cases: n.cases,
                    max_repetitions: n.max_repetitions,
                    rework_cases: n.rework_cases,
                    duration_s: None,
                })
                .collect(),
            edges: a
                .edges
                .into_iter()
                .map(|e| EdgeReport {
                    from: e.from,
                    to: e.to,
                    frequency: e.frequency,
                    cases: e.cases,
                    max_repetitions: e.max_repetitions,
                    duration_s: Some(e.wait),
                })
                .collect(),
        },
        start_activities: a.start_activities,
        end_activities: a.end_activities,
        variants: VariantsReport {
            total: a.variant_count as usize,
            top: a
                .variants
                .into_iter()
                .map(|v| {
                    covered += v.cases;
                    VariantReport {
                        activities: v.activities,
                        cases: v.cases as usize,
                        share: v.cases as f64 / cases,
                        coverage: covered as f64 / cases,
                        median_duration_s: v.median_s,
                        mean_duration_s: v.mean_s,
                    }
                })
                .collect(),
        },
        case_durations_s: a.case_durations,
        events_per_case: a.events_per_case,
    }
}

/// Runs `casemap warehouse`.
pub fn run_read(path: &Path, json: bool) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let aggregate = read(&bytes).with_context(|| format!("{} is not a result of `casemap sql`", path.display()))?;
    let report = report(path, aggregate);
    let mut out = io::stdout().lock();
    if json {
        return super::print_json(&mut out, &report);
    }
    writeln!(out, "{}: {}", report.file, describe_summary(&report.summary, Lang::En))?;
    if report.skipped_rows > 0 {
        writeln!(out, "  {} table rows had no case id, activity or time", report.skipped_rows)?;
    }
    writeln!(
        out,
        "  {} paths, {} variants (the {} most frequent listed)",
        report.dfg.edges.len(),
        report.variants.total,
        report.variants.top.len()
    )?;
    Ok(())
}
