//! `casemap template`: the data template.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use casemap_engine::template;

/// Runs `casemap template`.
pub fn run(output: Option<&Path>) -> Result<()> {
    let text = template::csv();
    match output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?,
        None => io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}
