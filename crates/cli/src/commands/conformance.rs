//! `casemap conformance`: how far the cases of a file are from a model of the ideal process.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use casemap_engine::conformance::bpmn::{read_bpmn, to_petri_net};
use casemap_engine::conformance::net::PetriNet;
use casemap_engine::conformance::pnml::read_pnml;
use casemap_engine::conformance::rules::{Rule, check_rules};
use casemap_engine::conformance::{ConformanceReport, DeviationKind, Method, check_alignments, check_token_replay};
use casemap_engine::filter::{FilterChain, Filtered, apply};
use casemap_engine::format::{self, Lang};
use casemap_engine::service::{ServiceContext, Vocabulary};
use serde::Serialize;

use super::import::{ImportFlags, load};

/// The `conformance --json` object (schema in docs/cli.md).
#[derive(Debug, Serialize)]
struct Output {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    model_file: Option<String>,
    #[serde(flatten)]
    report: Option<ConformanceReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<Vec<RuleOutput>>,
    seconds: f64,
}

/// One service rule checked.
#[derive(Debug, Serialize)]
struct RuleOutput {
    #[serde(flatten)]
    rule: Rule,
    applies: u64,
    violated: u64,
    violation_rate: Option<f64>,
    cases: Vec<String>,
}

/// What `casemap conformance` checks against, besides the file.
#[derive(Debug, Default)]
pub struct Setup {
    /// The model file (`--model`).
    pub model: Option<std::path::PathBuf>,
    /// Alignments or token replay.
    pub method: Method,
    /// Service rules (`--rules`).
    pub rules: Option<Vec<Rule>>,
    /// The filter chain (`--filter`).
    pub filter: Option<FilterChain>,
    /// The vocabulary that names service steps in rules (`--vocabulary`).
    pub vocabulary: Vocabulary,
}

/// Reads a model file: a PNML Petri net, or BPMN 2.0 converted to a net as PM4Py does.
pub fn read_model(path: &Path) -> Result<PetriNet> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the model {}", path.display()))?;
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "pnml" => {
            let model = read_pnml(&text)
                .with_context(|| format!("{} is not a model casemap can check against", path.display()))?;
            if model.guessed_final_marking {
                eprintln!("note: {} has no final marking; the places without outgoing arcs were taken", path.display());
            }
            Ok(model.net)
        }
        "bpmn" | "xml" => {
            let model = read_bpmn(&text)
                .with_context(|| format!("{} is not a model casemap can check against", path.display()))?;
            Ok(to_petri_net(&model))
        }
        other => bail!("{}: models are read from .pnml and .bpmn files, not .{other}", path.display()),
    }
}

/// Runs `casemap conformance`.
pub fn run(path: &Path, flags: &ImportFlags, setup: &Setup, json: bool) -> Result<()> {
    if setup.model.is_none() && setup.rules.is_none() {
        bail!("give a model to check against (--model MODEL.pnml), service rules (--rules RULES.json), or both");
    }
    let net = setup.model.as_deref().map(read_model).transpose()?;
    let loaded = load(path, flags)?;
    let base = &loaded.imported.log;
    let started = std::time::Instant::now();
    let filtered = match &setup.filter {
        Some(chain) => apply(base, chain)?,
        None => Filtered::everything(base),
    };
    let (log, selection) = (filtered.log(base), filtered.selection());
    let report = match (&net, setup.method) {
        (None, _) => None,
        (Some(net), Method::Alignments) => Some(check_alignments(log, selection, net).with_context(|| {
            format!("cannot align the cases with {}", setup.model.as_deref().unwrap_or(path).display())
        })?),
        (Some(net), Method::TokenReplay) => Some(check_token_replay(log, selection, net)),
    };
    let rules = setup.rules.as_ref().map(|rules| {
        let ctx = ServiceContext::new(log, &setup.vocabulary);
        check_rules(log, &ctx, selection, rules)
            .into_iter()
            .map(|r| RuleOutput {
                violated: r.violating.len() as u64,
                violation_rate: r.violation_rate(),
                cases: r.violating.iter().map(|&c| log.case_ids[c.index()].to_string()).collect(),
                applies: r.applies,
                rule: r.rule,
            })
            .collect()
    });
    let output = Output {
        file: path.display().to_string(),
        model_file: setup.model.as_ref().map(|m| m.display().to_string()),
        report,
        rules,
        seconds: started.elapsed().as_secs_f64(),
    };
    let mut out = io::stdout().lock();
    if json {
        return super::print_json(&mut out, &output);
    }
    describe(&mut out, &output)
}

fn describe(out: &mut impl Write, output: &Output) -> Result<()> {
    let lang = Lang::En;
    if let Some(r) = &output.report {
        describe_model(out, output.model_file.as_deref().unwrap_or_default(), r)?;
    }
    for r in output.rules.iter().flatten() {
        let rate = r.violation_rate.map_or_else(|| "-".to_owned(), |v| format::percent(v, lang));
        let rule = serde_json::to_string(&r.rule)?;
        writeln!(
            out,
            "rule {rule}: {} of {} cases violate it ({rate})",
            format::count(r.violated, lang),
            format::count(r.applies, lang)
        )?;
    }
    writeln!(out, "computed in {:.3} s", output.seconds)?;
    Ok(())
}

fn describe_model(out: &mut impl Write, model_file: &str, r: &ConformanceReport) -> Result<()> {
    let lang = Lang::En;
    let f = &r.fitness;
    writeln!(
        out,
        "model {}: {} places, {} transitions ({} silent)",
        model_file, r.model.places, r.model.transitions, r.model.silent_transitions
    )?;
    writeln!(
        out,
        "fitness: log {:.4}, average case {:.4}; {} of {} cases fit ({})",
        f.log,
        f.average_case,
        format::count(f.fitting_cases, lang),
        format::count(f.cases, lang),
        format::percent(f.fitting_percent / 100.0, lang)
    )?;
    if r.method == Method::TokenReplay {
        writeln!(out, "deviations: token replay does not locate them (use --method alignments)")?;
    } else {
        writeln!(out, "deviations (cases):")?;
    }
    for d in r.deviations.iter().take(15) {
        let kind = match d.kind {
            DeviationKind::LogMove => "extra step",
            DeviationKind::ModelMove => "skipped step",
        };
        writeln!(out, "  {:>8}  {kind}: {}", format::count(d.cases, lang), d.activity)?;
    }
    Ok(())
}
