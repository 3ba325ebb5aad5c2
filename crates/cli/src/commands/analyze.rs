//! `casemap analyze`: the directly-follows graph, variants and case durations of a file.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use casemap_engine::discovery::Selection;
use casemap_engine::discovery::cases::{Distribution, case_stats};
use casemap_engine::discovery::dfg::Dfg;
use casemap_engine::discovery::stats::DurationStats;
use casemap_engine::discovery::variants::variants;
use casemap_engine::format::{self, Lang};
use casemap_engine::log::{EventLog, Summary};
use serde::Serialize;

use super::import::{ImportFlags, describe_summary, load};

/// The `analyze --json` object (schema in docs/cli.md).
#[derive(Debug, Serialize)]
struct AnalyzeReport {
    file: String,
    summary: Summary,
    dfg: DfgReport,
    start_activities: BTreeMap<String, u64>,
    end_activities: BTreeMap<String, u64>,
    variants: VariantsReport,
    case_durations_s: Option<Distribution>,
    events_per_case: Option<Distribution>,
    seconds: f64,
}

#[derive(Debug, Serialize)]
struct DfgReport {
    nodes: Vec<NodeReport>,
    edges: Vec<EdgeReport>,
}

#[derive(Debug, Serialize)]
struct NodeReport {
    activity: String,
    events: u64,
    cases: u64,
    max_repetitions: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_s: Option<DurationStats>,
}

#[derive(Debug, Serialize)]
struct EdgeReport {
    from: String,
    to: String,
    frequency: u64,
    cases: u64,
    max_repetitions: u64,
    duration_s: Option<DurationStats>,
}

#[derive(Debug, Serialize)]
struct VariantsReport {
    total: usize,
    top: Vec<VariantReport>,
}

#[derive(Debug, Serialize)]
struct VariantReport {
    activities: Vec<String>,
    cases: usize,
    share: f64,
    coverage: f64,
    median_duration_s: f64,
    mean_duration_s: f64,
}

fn name(log: &EventLog, id: u32) -> String {
    log.activities.get(id).unwrap_or_default().to_string()
}

/// The analysis of `log`, timed (the import not included).
fn report(path: &Path, log: &EventLog, top: usize) -> AnalyzeReport {
    let started = std::time::Instant::now();
    let dfg = Dfg::discover(log, Selection::All, None);
    let list = variants(log, Selection::All);
    let stats = case_stats(log, Selection::All);
    AnalyzeReport {
        file: path.display().to_string(),
        summary: log.summary(),
        dfg: DfgReport {
            nodes: dfg
                .activities
                .iter()
                .map(|a| NodeReport {
                    activity: name(log, a.activity),
                    events: a.events,
                    cases: a.cases,
                    max_repetitions: a.max_repetitions,
                    duration_s: a.duration,
                })
                .collect(),
            edges: dfg
                .activity_edges()
                .map(|e| EdgeReport {
                    from: e.from.name(log).to_string(),
                    to: e.to.name(log).to_string(),
                    frequency: e.frequency,
                    cases: e.cases,
                    max_repetitions: e.max_repetitions,
                    duration_s: e.waiting,
                })
                .collect(),
        },
        start_activities: dfg.start_activities().map(|(a, n)| (name(log, a), n)).collect(),
        end_activities: dfg.end_activities().map(|(a, n)| (name(log, a), n)).collect(),
        variants: VariantsReport {
            total: list.len(),
            top: list
                .iter()
                .take(top)
                .map(|v| VariantReport {
                    activities: v.activities.iter().map(|&a| name(log, a)).collect(),
                    cases: v.cases.len(),
                    share: v.share,
                    coverage: v.coverage,
                    median_duration_s: v.median_duration_s,
                    mean_duration_s: v.mean_duration_s,
                })
                .collect(),
        },
        case_durations_s: stats.durations,
        events_per_case: stats.events_per_case,
        seconds: started.elapsed().as_secs_f64(),
    }
}

/// Runs `casemap analyze`.
pub fn run(path: &Path, flags: &ImportFlags, json: bool, top: usize) -> Result<()> {
    let loaded = load(path, flags)?;
    let report = report(path, &loaded.imported.log, top);
    let mut out = io::stdout().lock();
    if json {
        return super::print_json(&mut out, &report);
    }
    let lang = Lang::En;
    writeln!(out, "{}: {}", report.file, describe_summary(&report.summary, lang))?;
    if let Some(d) = &report.case_durations_s {
        writeln!(
            out,
            "case duration: median {}, mean {}, 90% within {}, longest {}",
            format::duration(d.median, lang),
            format::duration(d.mean, lang),
            format::duration(d.p90, lang),
            format::duration(d.max, lang)
        )?;
    }
    writeln!(out, "\nmost frequent paths (of {}):", format::count(report.dfg.edges.len() as u64, lang))?;
    let mut edges: Vec<&EdgeReport> = report.dfg.edges.iter().collect();
    edges.sort_by_key(|e| std::cmp::Reverse(e.frequency));
    for e in edges.iter().take(10) {
        let wait = e.duration_s.map(|d| format::duration(d.median, lang)).unwrap_or_default();
        writeln!(out, "  {:>9}x  {} -> {}  (median wait {wait})", format::count(e.frequency, lang), e.from, e.to)?;
    }
    writeln!(out, "\nvariants: {}", format::count(report.variants.total as u64, lang))?;
    for (i, v) in report.variants.top.iter().take(10).enumerate() {
        writeln!(
            out,
            "  {:>2}. {:>7} cases ({}), median {}: {}",
            i + 1,
            format::count(v.cases as u64, lang),
            format::percent(v.share, lang),
            format::duration(v.median_duration_s, lang),
            v.activities.join(" > ")
        )?;
    }
    Ok(())
}
