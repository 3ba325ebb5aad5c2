//! `casemap generate`: a simulated service-desk log.

use std::fs::File;
use std::io;
use std::path::Path;

use anyhow::{Context, Result};
use casemap_engine::format::{self, Lang};
use casemap_engine::sample::{self, SampleOptions};

/// Runs `casemap generate`.
pub fn run(options: &SampleOptions, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => {
            let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let stats = sample::write_csv(options, io::BufWriter::new(file))
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "wrote {} cases, {} events to {}",
                format::count(stats.cases, Lang::En),
                format::count(stats.events, Lang::En),
                path.display()
            );
        }
        None => {
            sample::write_csv(options, io::BufWriter::new(io::stdout().lock()))?;
        }
    }
    Ok(())
}
