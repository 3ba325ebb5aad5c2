//! The builder's attribute columns: one value per case for as long as the values allow it.
//!
//! Most attribute columns of a service export repeat the case's value on every row
//! (priority, channel, case type, SLA due date, CSAT). Holding one id per event for them while
//! the file is read costs 1 to 4 bytes per event and column, only for [`super::LogBuilder::finish`]
//! to find them case-level and keep one per case. A [`ValueColumn`] starts as
//! [`ValueColumn::PerCase`]: one id per case and one bit per event (whether the row had a
//! value). The first row whose value differs from its case's turns it into
//! [`ValueColumn::PerEvent`], rebuilt from the case of each event: the ids are exactly those
//! one id per event would have held.

use super::super::Level;
use super::super::codes::{Codes, MISSING};

/// One flag per event, packed 64 to a word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    pub(super) words: Vec<u64>,
    pub(super) len: usize,
}

impl Flags {
    /// `len` flags, all false.
    pub fn unset(len: usize) -> Flags {
        Flags { words: vec![0; len.div_ceil(64)], len }
    }

    /// Adds a flag.
    #[inline]
    pub fn push(&mut self, flag: bool) {
        if self.len.is_multiple_of(64) {
            self.words.push(0);
        }
        self.words[self.len / 64] |= u64::from(flag) << (self.len % 64);
        self.len += 1;
    }

    /// The flag at `index`.
    #[inline]
    pub fn get(&self, index: usize) -> bool {
        self.words[index / 64] >> (index % 64) & 1 == 1
    }

    /// Sets the flag at `index`.
    pub fn set(&mut self, index: usize) {
        self.words[index / 64] |= 1 << (index % 64);
    }

    /// Number of flags.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Makes room for `additional` more flags.
    pub fn reserve(&mut self, additional: usize) {
        self.words.reserve(additional.div_ceil(64));
    }

    /// Adds `other`'s flags after these.
    pub fn extend(&mut self, other: &Flags) {
        for index in 0..other.len {
            self.push(other.get(index));
        }
    }

    /// Whether the words hold exactly `len` flags (for bytes read from elsewhere).
    pub(super) fn is_valid(&self) -> bool {
        self.words.len() == self.len.div_ceil(64)
            && (self.len.is_multiple_of(64) || self.words.last().is_none_or(|w| w >> (self.len % 64) == 0))
    }
}

/// An attribute column while a file is read; see the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueColumn {
    /// Every value so far agrees with its case's.
    PerCase {
        /// The value of each case (by the builder's case id; [`MISSING`] for a case with no
        /// value yet, or beyond the end).
        per_case: Codes,
        /// Whether each event had a value.
        present: Flags,
    },
    /// One id per event ([`MISSING`] where the value is missing). A column only becomes one
    /// when a case has two different values, so it is event-level.
    PerEvent(Codes),
}

impl Default for ValueColumn {
    fn default() -> Self {
        ValueColumn::PerCase { per_case: Codes::default(), present: Flags::default() }
    }
}

impl ValueColumn {
    /// A column of `len` missing values.
    pub fn missing(len: usize) -> ValueColumn {
        ValueColumn::PerCase { per_case: Codes::default(), present: Flags::unset(len) }
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        match self {
            ValueColumn::PerCase { present, .. } => present.len(),
            ValueColumn::PerEvent(ids) => ids.len(),
        }
    }

    /// True when there is no event.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Makes room for `additional` more events.
    pub fn reserve(&mut self, additional: usize) {
        match self {
            ValueColumn::PerCase { present, .. } => present.reserve(additional),
            ValueColumn::PerEvent(ids) => ids.reserve(additional),
        }
    }

    /// Adds the value `id` of an event of case `case`; `cases` is the case of every event so
    /// far (this one's included), for the change to one id per event.
    #[inline]
    pub fn push(&mut self, case: u32, id: u32, cases: &[u32]) {
        if let ValueColumn::PerCase { per_case, present } = self {
            if id == MISSING {
                present.push(false);
                return;
            }
            if agree(per_case, case, id) {
                present.push(true);
                return;
            }
            self.to_per_event(&cases[..cases.len() - 1]);
        }
        if let ValueColumn::PerEvent(ids) = self {
            ids.push(id);
        }
    }

    /// Sets the value of the last event, which had none, to `id` (of case `case`).
    pub fn set_last(&mut self, case: u32, id: u32, cases: &[u32]) {
        if let ValueColumn::PerCase { per_case, present } = self {
            if agree(per_case, case, id) {
                present.set(present.len() - 1);
                return;
            }
            self.to_per_event(cases);
        }
        if let ValueColumn::PerEvent(ids) = self {
            ids.set(ids.len() - 1, id);
        }
    }

    /// The id of each event, given the case of each.
    pub fn to_per_event(&mut self, cases: &[u32]) {
        if let ValueColumn::PerCase { per_case, present } = self {
            let mut ids = Codes::default();
            // Room for the events the builder reserved (the flags' capacity), not just these.
            ids.reserve((present.words.capacity() * 64).max(cases.len()));
            for (event, &case) in cases.iter().enumerate() {
                let present = present.get(event);
                ids.push(if present { value_of(per_case, case) } else { MISSING });
            }
            *self = ValueColumn::PerEvent(ids);
        }
    }

    /// Adds the events of `next` (the rows that follow), whose cases and values have the ids of
    /// another builder: `cases` and `values` map them to this one's. `own_cases` and
    /// `next_cases` are the case of each event (in each builder's ids), for a change to one id
    /// per event.
    pub fn append(&mut self, mut next: ValueColumn, map: (&[u32], &[u32]), own_cases: &[u32], next_cases: &[u32]) {
        let (cases, values) = map;
        if let (ValueColumn::PerCase { per_case, present }, ValueColumn::PerCase { per_case: theirs, present: more }) =
            (&mut *self, &next)
        {
            let mut merged = per_case.clone();
            let fits = theirs.iter().enumerate().filter(|&(_, v)| v != MISSING).all(|(c, v)| {
                let (case, id) = (cases[c], values[v as usize]);
                agree(&mut merged, case, id)
            });
            if fits {
                *per_case = merged;
                present.extend(more);
                return;
            }
        }
        self.to_per_event(own_cases);
        next.to_per_event(next_cases);
        if let (ValueColumn::PerEvent(ids), ValueColumn::PerEvent(more)) = (self, next) {
            ids.extend(&more, |v| values[v as usize]);
        }
    }

    /// The log's column: case-level, the value of each case in `case_order`'s order (builder
    /// case ids); or event-level, the ids put in log order by `reorder`.
    pub fn finish(self, case_order: &[u32], reorder: impl FnOnce(Codes) -> Codes) -> (Level, Codes) {
        match self {
            ValueColumn::PerCase { per_case, .. } => {
                (Level::Case, case_order.iter().map(|&c| value_of(&per_case, c)).collect())
            }
            ValueColumn::PerEvent(ids) => (Level::Event, reorder(ids)),
        }
    }

    /// The ids held: one per case, or one per event (for checks of bytes read from elsewhere).
    pub fn ids(&self) -> &Codes {
        match self {
            ValueColumn::PerCase { per_case, .. } => per_case,
            ValueColumn::PerEvent(ids) => ids,
        }
    }
}

/// The value of case `case` ([`MISSING`] when it has none).
#[inline]
fn value_of(per_case: &Codes, case: u32) -> u32 {
    if (case as usize) < per_case.len() { per_case.get(case as usize) } else { MISSING }
}

/// True when `id` agrees with the value of `case` (which becomes `id` when it had none).
#[inline]
fn agree(per_case: &mut Codes, case: u32, id: u32) -> bool {
    let case = case as usize;
    if case >= per_case.len() {
        while per_case.len() < case {
            per_case.push(MISSING);
        }
        per_case.push(id);
        return true;
    }
    match per_case.get(case) {
        MISSING => {
            per_case.set(case, id);
            true
        }
        known => known == id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids one id per event would hold.
    fn per_event(column: &ValueColumn, cases: &[u32]) -> Vec<u32> {
        let mut column = column.clone();
        column.to_per_event(cases);
        column.ids().iter().collect()
    }

    #[test]
    fn a_column_stays_per_case_until_a_case_disagrees() {
        let cases = [0, 0, 1, 1, 0, 2];
        let ids = [5, MISSING, 7, 7, 5, MISSING];
        let mut column = ValueColumn::default();
        for (n, (&case, &id)) in cases.iter().zip(&ids).enumerate() {
            column.push(case, id, &cases[..=n]);
        }
        assert!(matches!(column, ValueColumn::PerCase { .. }));
        let (level, per_case) = column.clone().finish(&[2, 1, 0], |ids| ids);
        assert_eq!((level, per_case.iter().collect::<Vec<_>>()), (Level::Case, vec![MISSING, 7, 5]));
        assert_eq!(per_event(&column, &cases), ids);
        let cases = [0, 0, 1, 1, 0, 2, 1];
        column.push(1, 8, &cases);
        assert!(matches!(column, ValueColumn::PerEvent(_)));
        assert_eq!(column.ids().iter().collect::<Vec<_>>(), [5, MISSING, 7, 7, 5, MISSING, 8]);
    }

    #[test]
    fn appending_keeps_per_case_columns_and_changes_when_cases_disagree() {
        // This builder: cases 0, 1; the next one's case 0 is this one's 1, its case 1 is new (2).
        let own = [0, 1];
        let next_cases = [0, 1];
        let build = |cases: &[u32], ids: &[u32]| {
            let mut column = ValueColumn::default();
            for n in 0..cases.len() {
                column.push(cases[n], ids[n], &cases[..=n]);
            }
            column
        };
        let map: (&[u32], &[u32]) = (&[1, 2], &[0, 1]);
        let mut agreeing = build(&own, &[0, 1]);
        agreeing.append(build(&next_cases, &[1, 0]), map, &own, &next_cases);
        assert!(matches!(agreeing, ValueColumn::PerCase { .. }));
        assert_eq!(per_event(&agreeing, &[0, 1, 1, 2]), [0, 1, 1, 0]);
        let mut disagreeing = build(&own, &[0, 1]);
        disagreeing.append(build(&next_cases, &[0, MISSING]), map, &own, &next_cases);
        assert_eq!(disagreeing.ids().iter().collect::<Vec<_>>(), [0, 1, 0, MISSING]);
    }

    #[test]
    fn flags_pack_and_check() {
        let mut flags = Flags::unset(3);
        flags.set(1);
        for n in 0..130 {
            flags.push(n % 3 == 0);
        }
        assert_eq!(flags.len(), 133);
        assert!(flags.get(1) && !flags.get(0) && flags.get(3) && !flags.get(4) && flags.get(132));
        assert!(flags.is_valid());
        let mut more = Flags::default();
        more.extend(&flags);
        assert_eq!(more, flags);
    }
}
