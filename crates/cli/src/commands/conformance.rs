//! `casemap conformance`: how far the cases of a file are from a model of the ideal process.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use casemap_engine::conformance::net::PetriNet;
use casemap_engine::conformance::pnml::read_pnml;
use casemap_engine::conformance::{ConformanceReport, DeviationKind, check_alignments};
use casemap_engine::filter::{FilterChain, Filtered, apply};
use casemap_engine::format::{self, Lang};
use serde::Serialize;

use super::import::{ImportFlags, load};

/// The `conformance --json` object (schema in docs/cli.md).
#[derive(Debug, Serialize)]
struct Output {
    file: String,
    model_file: String,
    #[serde(flatten)]
    report: ConformanceReport,
    seconds: f64,
}

/// Reads a model file: PNML (`.pnml`) for now.
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
        other => bail!("{}: models are read from .pnml files, not .{other}", path.display()),
    }
}

/// Runs `casemap conformance`.
pub fn run(path: &Path, flags: &ImportFlags, model: &Path, filter: Option<&FilterChain>, json: bool) -> Result<()> {
    let net = read_model(model)?;
    let loaded = load(path, flags)?;
    let base = &loaded.imported.log;
    let started = std::time::Instant::now();
    let filtered = match filter {
        Some(chain) => apply(base, chain)?,
        None => Filtered::everything(base),
    };
    let report = check_alignments(filtered.log(base), filtered.selection(), &net)
        .with_context(|| format!("cannot align the cases with {}", model.display()))?;
    let output = Output {
        file: path.display().to_string(),
        model_file: model.display().to_string(),
        report,
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
    let r = &output.report;
    let f = &r.fitness;
    writeln!(
        out,
        "model {}: {} places, {} transitions ({} silent)",
        output.model_file, r.model.places, r.model.transitions, r.model.silent_transitions
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
    writeln!(out, "deviations (cases):")?;
    for d in r.deviations.iter().take(15) {
        let kind = match d.kind {
            DeviationKind::LogMove => "extra step",
            DeviationKind::ModelMove => "skipped step",
        };
        writeln!(out, "  {:>8}  {kind}: {}", format::count(d.cases, lang), d.activity)?;
    }
    writeln!(out, "computed in {:.3} s", output.seconds)?;
    Ok(())
}
