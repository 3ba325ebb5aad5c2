//! Whether a file fits in a browser tab, estimated before a byte of it is imported.
//!
//! A wasm memory has at most 4 GiB ([`TAB_LIMIT`]), and a browser may refuse to grow it that
//! far on a small device. An import that runs out of memory ends with a crashed worker after
//! minutes of reading; [`estimate`] tells before starting, from the file's size and what
//! [`inspect`](super::inspect) saw in its head: the rows (size divided by the sample's
//! bytes per row), the events they make, and the memory the import needs at its peak.
//!
//! # The model
//! [`BASE_BYTES`] for the file slices being read and the engine's tables; per event,
//! [`EVENT_BYTES`]: the builder's columns in file order (case 4, time 8, activity and
//! resource ids 1 or 2 each; rows only where they jump) and, while
//! [`LogBuilder::finish`](crate::log::builder) orders them in place, the order (4, when the
//! file is not in order), with the slack of growing vectors; 8 more with a start time. Per
//! attribute column and event, [`ATTRIBUTE_BYTES`]: a bit while the values agree within each
//! case (most columns), an id of 1 or 2 bytes once they do not. And the distinct strings:
//! for every column the import keeps, the share of distinct values in the sample times the
//! rows, at the sample's average length plus [`STRING_BYTES`] of bookkeeping. That share
//! overstates a column with a few thousand values (every sample value looks new), which
//! errs on the side of a warning. The constants were measured on the worker's memory after
//! importing generated and real logs of 1 and 10 million events (docs/DESIGN.md).

use super::Inspection;
use super::mapping::Mapping;
use super::role::Role;

/// The most memory a wasm module can address (and so the most a tab's import can use).
pub const TAB_LIMIT: u64 = 4 << 30;
/// Bytes besides the events: the file slices in reading (two of 8 MiB) and the engine's
/// tables.
pub const BASE_BYTES: u64 = 20 << 20;
/// Bytes per event besides attributes and strings (see the [module docs](self)).
pub const EVENT_BYTES: u64 = 36;
/// More bytes per event with a start time.
pub const START_BYTES: u64 = 12;
/// Bytes per event for each attribute column.
pub const ATTRIBUTE_BYTES: u64 = 2;
/// Bytes besides the text for each distinct string (its box and its hash-table slot).
pub const STRING_BYTES: u64 = 24;

/// What importing a file would take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    /// Data rows.
    pub rows: u64,
    /// Events.
    pub events: u64,
    /// Memory at the import's peak, in bytes.
    pub bytes: u64,
}

/// How an [`Estimate`] compares with what a tab can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Well within a tab.
    Fits,
    /// More than half of [`TAB_LIMIT`]: it may fit, or a device short of memory may stop it.
    Tight,
    /// More than 90 % of [`TAB_LIMIT`]: it cannot be imported in a tab.
    TooBig,
}

impl Estimate {
    /// How it compares with [`TAB_LIMIT`].
    pub fn fit(&self) -> Fit {
        if self.bytes > TAB_LIMIT / 10 * 9 {
            Fit::TooBig
        } else if self.bytes > TAB_LIMIT / 2 {
            Fit::Tight
        } else {
            Fit::Fits
        }
    }
}

/// What importing a file of `file_bytes` bytes with `mapping` would take; `None` when the
/// inspection could not measure its rows (a workbook or XES, whose size says less).
pub fn estimate(file_bytes: u64, inspection: &Inspection, mapping: &Mapping) -> Option<Estimate> {
    if inspection.row_bytes == 0 || inspection.sample.is_empty() {
        return None;
    }
    let rows = file_bytes / u64::from(inspection.row_bytes);
    let roles = || mapping.columns.iter().map(|c| c.role);
    let milestones = roles().filter(|&role| role == Role::Milestone).count() as u64;
    let events = rows * milestones.max(1);
    let attributes = roles().filter(|role| role.is_attribute()).count() as u64;
    let has_start = roles().any(|role| role == Role::StartTime);
    let mut bytes =
        BASE_BYTES + events * (EVENT_BYTES + if has_start { START_BYTES } else { 0 } + attributes * ATTRIBUTE_BYTES);
    for (index, column) in mapping.columns.iter().enumerate() {
        if !(column.role.is_attribute() || matches!(column.role, Role::CaseId | Role::Activity | Role::Resource)) {
            continue;
        }
        let values: Vec<&str> = inspection.sample.iter().filter_map(|row| row.get(index)).map(String::as_str).collect();
        if values.is_empty() {
            continue;
        }
        let mut distinct: Vec<&str> = values.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let length = distinct.iter().map(|v| v.len() as u64).sum::<u64>() / distinct.len() as u64;
        // The share of distinct values, in millionths (integer arithmetic, no rounding to 0).
        let share = distinct.len() as u64 * 1_000_000 / values.len() as u64;
        bytes += rows.saturating_mul(share) / 1_000_000 * (length + STRING_BYTES);
    }
    Some(Estimate { rows, events, bytes })
}
