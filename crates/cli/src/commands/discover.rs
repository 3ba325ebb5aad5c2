//! `casemap discover`: a model of the process, discovered with the Inductive Miner.

use std::path::Path;

use anyhow::{Context, Result, bail};
use casemap_engine::conformance::bpmn::{from_petri_net, write_bpmn};
use casemap_engine::conformance::inductive::discover;
use casemap_engine::conformance::pnml::write_pnml;
use casemap_engine::filter::{FilterChain, Filtered, apply};

use super::import::{ImportFlags, load};

/// Runs `casemap discover`.
pub fn run(path: &Path, flags: &ImportFlags, noise: f64, filter: Option<&FilterChain>, output: &Path) -> Result<()> {
    let extension = output.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if !matches!(extension.as_str(), "pnml" | "bpmn") {
        bail!("{}: the model is written as .pnml or .bpmn", output.display());
    }
    let loaded = load(path, flags)?;
    let base = &loaded.imported.log;
    let filtered = match filter {
        Some(chain) => apply(base, chain)?,
        None => Filtered::everything(base),
    };
    let tree = discover(filtered.log(base), filtered.selection(), noise);
    let mut net = tree.to_petri_net();
    net.name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let text = if extension == "pnml" {
        write_pnml(&net)
    } else {
        let model = from_petri_net(&net).context("the discovered net cannot be drawn as BPMN")?;
        write_bpmn(&model)
    };
    std::fs::write(output, text).with_context(|| format!("cannot write {}", output.display()))?;
    let size = net.size();
    eprintln!(
        "wrote {}: {} places, {} transitions ({} silent)\ntree: {tree}",
        output.display(),
        size.places,
        size.transitions,
        size.silent_transitions
    );
    Ok(())
}
