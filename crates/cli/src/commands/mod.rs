//! One module per command.

pub mod analyze;
pub mod compare;
pub mod conformance;
pub mod discover;
pub mod generate;
pub mod import;
pub mod map;
pub mod scan;
pub mod template;
pub mod warehouse;

/// Prints `report` as the pretty JSON object of `--json` (one object, then a newline).
pub fn print_json(out: &mut impl std::io::Write, report: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)?;
    Ok(())
}
