//! `casemap compare`: two segments of a file's cases (two filter chains, or before and after
//! a date) side by side, and the change point the weekly KPIs suggest.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use casemap_engine::compare::change_point::ChangePoint;
use casemap_engine::compare::kpis::{self, KpiChange};
use casemap_engine::compare::split::Part;
use casemap_engine::compare::summary::{Finding, findings};
use casemap_engine::compare::{CompareOptions, SegmentFigures, VariantChange, compare, suggest};
use casemap_engine::filter::FilterChain;
use casemap_engine::format::{self, Lang};
use serde::Serialize;

use super::import::{ImportFlags, load};

/// The `compare --json` object (schema in docs/cli.md).
#[derive(Debug, Serialize)]
struct Output {
    file: String,
    a: SegmentFigures,
    b: SegmentFigures,
    kpis: Vec<KpiChange>,
    time: Time,
    edges: Vec<Part>,
    activities: Vec<Part>,
    variants: Vec<VariantChange>,
    change_point: Option<ChangePoint>,
    findings: Vec<Finding>,
    summary: Vec<String>,
    seconds: f64,
}

/// The change of the mean case duration.
#[derive(Debug, Serialize)]
struct Time {
    mean_a_s: f64,
    mean_b_s: f64,
    change_s: f64,
    duration_change_s: f64,
}

/// Runs `casemap compare` on segments `a` and `b`, or with `suggest_only` prints only the
/// change point.
pub fn run(
    path: &Path,
    flags: &ImportFlags,
    segments: Option<(FilterChain, FilterChain)>,
    options: &CompareOptions,
    suggest_only: bool,
    json: bool,
) -> Result<()> {
    let loaded = load(path, flags)?;
    let log = &loaded.imported.log;
    let mut out = io::stdout().lock();
    if suggest_only {
        let point = suggest(log, options);
        if json {
            return super::print_json(&mut out, &point);
        }
        return match point {
            Some(p) => Ok(writeln!(out, "{}", change_point_sentence(&p))?),
            None => Ok(writeln!(out, "no clear change in the weekly KPIs")?),
        };
    }
    let Some((a, b)) = segments else {
        anyhow::bail!("give two segments (--a A.json --b B.json), a date (--before DATE), or --suggest");
    };
    let started = std::time::Instant::now();
    let c = compare(log, &a, &b, options)?;
    let found = findings(&c);
    let output = Output {
        file: path.display().to_string(),
        summary: found.iter().map(sentence).collect(),
        findings: found,
        time: Time {
            mean_a_s: c.time.mean_s.0,
            mean_b_s: c.time.mean_s.1,
            change_s: c.time.change_s,
            duration_change_s: c.time.duration_change_s,
        },
        a: c.a,
        b: c.b,
        kpis: c.kpis,
        edges: c.time.edges,
        activities: c.time.activities,
        variants: c.variants,
        change_point: c.change_point,
        seconds: started.elapsed().as_secs_f64(),
    };
    if json {
        return super::print_json(&mut out, &output);
    }
    describe(&mut out, &output)
}

/// A KPI's name in the summary.
fn kpi_name(key: &str) -> &str {
    match key {
        "median_resolution_s" => "Median resolution",
        "sla_compliance" => "SLA compliance",
        "fcr_rate" => "First-contact resolution",
        "reopen_rate" => "The reopen rate",
        "escalation_rate" => "The escalation rate",
        "handoffs_per_case" => "Handoffs per case",
        "rework_rate" => "The rework rate",
        "median_ack_s" => "The median time to first acknowledgement",
        "reassignments_per_case" => "Reassignments per case",
        other => other,
    }
}

/// A KPI's value as people read it.
fn kpi_value(key: &str, v: f64) -> String {
    kpis::display(key, v, Lang::En)
}

fn p_text(p: f64) -> String {
    kpis::p_text(p, Lang::En)
}

/// One finding in English.
fn sentence(f: &Finding) -> String {
    let lang = Lang::En;
    match f {
        Finding::Kpi { key, a, b, relative_change, p_value } => {
            let verb = if b < a { "fell" } else { "rose" };
            let relative = relative_change
                .map(|r| format!("{}{}, ", if r > 0.0 { "+" } else { "" }, format::percent(r, lang)))
                .unwrap_or_default();
            format!(
                "{} {verb} from {} to {} ({relative}{}).",
                kpi_name(key),
                kpi_value(key, *a),
                kpi_value(key, *b),
                p_text(*p_value)
            )
        }
        Finding::Path { from, to, a_share, b_share, contribution_s, change_s } => {
            let end = |n: &Option<String>, none: &str| n.clone().unwrap_or_else(|| none.to_owned());
            let (verb, less) = if *change_s < 0.0 { ("fell", "less") } else { ("rose", "more") };
            format!(
                "The mean case duration {verb} by {}; the path that moved it most: {} -> {} ({} -> {} of cases), {} {less} per case.",
                format::duration(change_s.abs(), lang),
                end(from, "start"),
                end(to, "end"),
                format::percent(*a_share, lang),
                format::percent(*b_share, lang),
                format::duration(contribution_s.abs(), lang)
            )
        }
    }
}

fn change_point_sentence(p: &ChangePoint) -> String {
    format!(
        "something changed around the week of {}: {} went from {} to {}",
        p.week_start,
        kpi_name(&p.kpi).to_lowercase(),
        kpi_value(&p.kpi, p.before),
        kpi_value(&p.kpi, p.after)
    )
}

fn describe(out: &mut impl Write, o: &Output) -> Result<()> {
    let lang = Lang::En;
    writeln!(
        out,
        "A: {} cases, {} events; B: {} cases, {} events",
        format::count(o.a.cases, lang),
        format::count(o.a.events, lang),
        format::count(o.b.cases, lang),
        format::count(o.b.events, lang)
    )?;
    for s in &o.summary {
        writeln!(out, "{s}")?;
    }
    writeln!(out, "KPIs (A -> B):")?;
    for k in &o.kpis {
        let v = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |x| kpi_value(&k.key, x));
        let test = match (k.few_cases, k.p_value) {
            (true, _) => "too few cases to tell".to_owned(),
            (false, Some(p)) => format!("{}{}", p_text(p), if k.significant { ", a change" } else { "" }),
            (false, None) => String::new(),
        };
        writeln!(out, "  {:<24} {:>12} -> {:<12} {test}", k.key, v(k.a), v(k.b))?;
    }
    if let Some(p) = &o.change_point {
        writeln!(out, "{}", change_point_sentence(p))?;
    }
    writeln!(out, "computed in {:.3} s", o.seconds)?;
    Ok(())
}
