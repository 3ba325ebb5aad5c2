//! `casemap analyze`: the directly-follows graph, variants, case durations and the service
//! analyses of a file, optionally through a filter chain.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use casemap_engine::discovery::cases::{Bin, Distribution, case_stats};
use casemap_engine::discovery::dfg::Dfg;
use casemap_engine::discovery::stats::DurationStats;
use casemap_engine::discovery::variants::variants;
use casemap_engine::filter::{FilterChain, Filtered, StepCount, apply};
use casemap_engine::format::{self, Lang};
use casemap_engine::log::{ActivityId, EventLog, Summary};
use casemap_engine::service::drivers::DriverOutcome;
use casemap_engine::service::{self, ServiceContext, ServiceOptions, ServiceReport, Vocabulary};
use serde::Serialize;
use serde::de::DeserializeOwned;

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
    case_duration_histogram: Vec<Bin>,
    events_per_case: Option<Distribution>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<FilterReport>,
    #[serde(flatten)]
    service: Option<ServiceReport>,
    seconds: f64,
}

/// Cases and events after each step of the chain given with `--filter`.
#[derive(Debug, Serialize)]
struct FilterReport {
    steps: Vec<StepCount>,
}

/// What `casemap analyze` reads besides the file.
#[derive(Debug, Default)]
pub struct AnalyzeSetup {
    /// The filter chain.
    pub filter: Option<FilterChain>,
    /// The vocabulary.
    pub vocabulary: Vocabulary,
    /// SLA rules, FCR parts, the drivers' outcome.
    pub options: ServiceOptions,
    /// Leave the service analyses out (discovery only, as PM4Py computes it).
    pub discovery_only: bool,
}

/// Reads a JSON file for a flag.
pub fn read_json<T: DeserializeOwned>(path: &Path, what: &str) -> Result<T> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the {what} {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not a valid {what} (see docs/cli.md)", path.display()))
}

#[derive(Debug, Serialize)]
pub(crate) struct DfgReport {
    pub(crate) nodes: Vec<NodeReport>,
    pub(crate) edges: Vec<EdgeReport>,
}

#[derive(Debug, Serialize)]
pub(crate) struct NodeReport {
    pub(crate) activity: String,
    pub(crate) events: u64,
    pub(crate) cases: u64,
    pub(crate) max_repetitions: u64,
    pub(crate) rework_cases: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) duration_s: Option<DurationStats>,
}

#[derive(Debug, Serialize)]
pub(crate) struct EdgeReport {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) frequency: u64,
    pub(crate) cases: u64,
    pub(crate) max_repetitions: u64,
    pub(crate) duration_s: Option<DurationStats>,
}

#[derive(Debug, Serialize)]
pub(crate) struct VariantsReport {
    pub(crate) total: usize,
    pub(crate) top: Vec<VariantReport>,
}

#[derive(Debug, Serialize)]
pub(crate) struct VariantReport {
    pub(crate) activities: Vec<String>,
    pub(crate) cases: usize,
    pub(crate) share: f64,
    pub(crate) coverage: f64,
    pub(crate) median_duration_s: f64,
    pub(crate) mean_duration_s: f64,
}

fn name(log: &EventLog, id: ActivityId) -> String {
    log.activities.get(id).unwrap_or_default().to_string()
}

/// The analysis of `base` through the setup's filter, timed (the import not included).
fn report(path: &Path, base: &EventLog, top: usize, setup: &AnalyzeSetup) -> Result<AnalyzeReport> {
    let started = std::time::Instant::now();
    let filtered = match &setup.filter {
        Some(chain) => apply(base, chain)?,
        None => Filtered::everything(base),
    };
    let log = filtered.log(base);
    let selection = filtered.selection();
    let dfg = Dfg::discover(log, selection, None);
    let list = variants(log, selection);
    let stats = case_stats(log, selection);
    let service = (!setup.discovery_only).then(|| {
        let ctx = ServiceContext::new(log, &setup.vocabulary).with_now(base.time.iter().copied().max());
        service::analyze(log, &ctx, selection, &setup.options)
    });
    Ok(AnalyzeReport {
        file: path.display().to_string(),
        summary: summary(log, &filtered),
        dfg: DfgReport {
            nodes: dfg
                .activities
                .iter()
                .map(|a| NodeReport {
                    activity: name(log, a.activity),
                    events: a.events,
                    cases: a.cases,
                    max_repetitions: a.max_repetitions,
                    rework_cases: a.rework_cases,
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
        case_duration_histogram: stats.duration_histogram,
        events_per_case: stats.events_per_case,
        filter: setup.filter.as_ref().map(|_| FilterReport { steps: filtered.steps.clone() }),
        service,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The summary of the filtered cases (the whole log's when nothing was filtered).
fn summary(log: &EventLog, filtered: &Filtered) -> Summary {
    if filtered.all {
        return log.summary();
    }
    let sub = casemap_engine::filter::subset(log, &filtered.cases, |_, _| true);
    sub.summary()
}

/// Runs `casemap analyze`.
pub fn run(path: &Path, flags: &ImportFlags, json: bool, top: usize, setup: &AnalyzeSetup) -> Result<()> {
    let loaded = load(path, flags)?;
    let report = report(path, &loaded.imported.log, top, setup)?;
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
    if let Some(filter) = &report.filter {
        let steps: Vec<String> = filter.steps.iter().map(|s| format::count(s.cases, lang)).collect();
        writeln!(out, "filter: cases after each step: {}", steps.join(" -> "))?;
    }
    if let Some(service) = &report.service {
        let k = &service.kpis.values;
        let rate = |r: Option<f64>| r.map_or_else(|| "n/a".to_owned(), |r| format::percent(r, lang));
        writeln!(
            out,
            "resolution: median {}, 90% within {}; SLA compliance {}; first-contact resolution {}; reopened {}; escalated {}; handoffs per case {}",
            k.median_resolution_s.map_or_else(|| "n/a".to_owned(), |s| format::duration(s, lang)),
            k.p90_resolution_s.map_or_else(|| "n/a".to_owned(), |s| format::duration(s, lang)),
            rate(k.sla_compliance),
            rate(k.fcr_rate),
            rate(k.reopen_rate),
            rate(k.escalation_rate),
            k.handoffs_per_case.map_or_else(|| "n/a".to_owned(), |h| format::decimal(h, 2, lang)),
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
    if let Some(service) = &report.service {
        let drivers = &service.drivers;
        if !drivers.drivers.is_empty() {
            let outcome = match drivers.outcome {
                DriverOutcome::SlaBreach => "SLA breaches".to_owned(),
                DriverOutcome::Reopen => "reopened cases".to_owned(),
                DriverOutcome::Escalation => "escalations".to_owned(),
                DriverOutcome::LongerThan { seconds } => {
                    format!("resolutions longer than {}", format::duration(seconds, lang))
                }
            };
            writeln!(out, "\nwhat raises the rate of {outcome} (base {}):", format::percent(drivers.base.rate, lang))?;
            for d in drivers.drivers.iter().take(10) {
                writeln!(
                    out,
                    "  {:>5.1}x  {} ({} cases, {})",
                    d.lift,
                    d.label,
                    format::count(d.rate.of, lang),
                    format::percent(d.rate.rate, lang)
                )?;
            }
        }
    }
    Ok(())
}
