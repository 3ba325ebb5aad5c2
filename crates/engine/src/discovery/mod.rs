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

use crate::log::{CaseIndex, EventLog};

pub mod cases;
pub mod dfg;
pub mod draw;
pub mod map;
pub mod projection;
pub mod stats;
pub mod variants;

/// Which cases an analysis looks at.
#[derive(Debug, Clone, Copy, Default)]
pub enum Selection<'a> {
    /// Every case of the log.
    #[default]
    All,
    /// These cases (indices into the log, ascending).
    Cases(&'a [CaseIndex]),
}

impl Selection<'_> {
    /// The selected cases of `log`, in log order.
    pub fn iter<'s>(&'s self, log: &EventLog) -> Box<dyn Iterator<Item = CaseIndex> + 's> {
        match self {
            Selection::All => Box::new(0..log.case_count() as CaseIndex),
            Selection::Cases(cases) => Box::new(cases.iter().copied()),
        }
    }

    /// Number of selected cases.
    pub fn len(&self, log: &EventLog) -> usize {
        match self {
            Selection::All => log.case_count(),
            Selection::Cases(cases) => cases.len(),
        }
    }

    /// Whether no case is selected.
    pub fn is_empty(&self, log: &EventLog) -> bool {
        self.len(log) == 0
    }
}

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
