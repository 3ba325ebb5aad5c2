//! Discovery: what the cases actually did.
//!
//! - [`dfg`]: the directly-follows graph with artificial start and end, frequencies and
//!   waiting times, exactly as PM4Py counts them.
//! - [`map`]: the process map the user sees: the activity and path sliders that simplify the
//!   graph without leaving an activity cut off.
//! - [`projection`]: the activity slider's graphs from the distinct sequences of activities,
//!   reading only the events whose waits change.
//! - [`variants`]: cases grouped by their sequence of activities.
//! - [`cases`]: throughput times, events per case, arrivals, completions and work in
//!   progress over time.
//!
//! Every function takes a [`Selection`] of cases, so the filters of later views apply to all
//! of them alike.
//!
//! # Order of events
//! The log stores each case's events by time, then file order (PM4Py's `format_dataframe`).
//! When the log has start times, the directly-follows relation uses a stable sort on
//! (start, end) within each case, as PM4Py's `df_statistics` does; variants, start and end
//! activities and case durations use the stored order.

// `Selection` lives with the log (the filters and the service analyses take it too); it is
// named here as well because every discovery function takes one, and `map` imports it from
// here.
pub use crate::log::Selection;
use crate::log::{CaseIndex, EventLog};

pub mod cases;
pub mod dfg;
pub mod draw;
pub mod map;
pub mod projection;
pub mod stats;
pub mod variants;

/// Writes into `order` the positions of a case's events in directly-follows order: the stored
/// order, or, with start times, a stable sort on (start, end).
pub(crate) fn follows_order(log: &EventLog, case: CaseIndex, order: &mut Vec<u32>) {
    let events = log.case_events(case);
    order.clear();
    order.extend(events.start as u32..events.end as u32);
    if let Some(start) = &log.start {
        let key = |e: &u32| (start[*e as usize], log.time[*e as usize]);
        // Usually the events are in that order already: checking is cheaper than sorting.
        if !order.is_sorted_by_key(key) {
            order.sort_by_key(key);
        }
    }
}
