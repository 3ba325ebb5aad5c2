//! Which cases an analysis looks at: all of them, or the cases the filters left.
//!
//! Every analysis (discovery, the filters' own steps, the service analyses) takes a
//! [`Selection`] rather than a filtered copy of the log, so the log is built once and a filter
//! change only makes a new list of case indices.

use super::{CaseIndex, EventLog};

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
            Selection::All => Box::new(CaseIndex::all(log.case_count())),
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
