//! A typed column of ids ([`IdColumn`]) over [`Codes`], and a run of it ([`IdRun`]).
//!
//! The log keeps the activity and the resource of every event as an [`IdColumn`]: one byte
//! per event for a log of fewer than 255 activities (nearly all), two for fewer than 65,535
//! agents. Code reads an event's id with [`IdColumn::get`] and a case's ids with
//! [`IdColumn::run`], which is what variants are keyed on.

use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Range;

use super::Id;
use super::codes::{Codes, wide};

/// One id of type `I` per event, in the narrowest width; see the [module docs](self). A
/// missing id (a resource-less event) reads as `I::from_index(u32::MAX)`, the type's missing
/// id.
#[derive(Debug, Clone)]
pub struct IdColumn<I> {
    codes: Codes,
    id: PhantomData<fn() -> I>,
}

impl<I> Default for IdColumn<I> {
    fn default() -> Self {
        IdColumn { codes: Codes::default(), id: PhantomData }
    }
}

/// Equal when the ids are, whatever the widths.
impl<I> PartialEq for IdColumn<I> {
    fn eq(&self, other: &Self) -> bool {
        self.codes == other.codes
    }
}

impl<I> Eq for IdColumn<I> {}

/// Serialised as the list of ids, as a `Vec<I>` would be.
impl<I> serde::Serialize for IdColumn<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.codes.serialize(serializer)
    }
}

impl<I: Id> FromIterator<I> for IdColumn<I> {
    fn from_iter<T: IntoIterator<Item = I>>(iter: T) -> Self {
        IdColumn::from_codes(iter.into_iter().map(|id| id.index() as u32).collect())
    }
}

impl<I: Id> IdColumn<I> {
    /// The column of these codes.
    pub fn from_codes(codes: Codes) -> Self {
        IdColumn { codes, id: PhantomData }
    }

    /// The id of event `event`.
    #[inline]
    pub fn get(&self, event: usize) -> I {
        I::from_index(self.codes.get(event) as usize)
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when there is no event.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Bytes per event: 1, 2 or 4.
    pub fn width(&self) -> usize {
        self.codes.width()
    }

    /// The ids in event order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + Clone + '_ {
        (0..self.len()).map(|event| self.get(event))
    }

    /// The ids of a range of events (a case's, mostly).
    #[inline]
    pub fn run(&self, events: Range<usize>) -> IdRun<'_, I> {
        let codes = match &self.codes {
            Codes::U8(v) => Run::U8(&v[events]),
            Codes::U16(v) => Run::U16(&v[events]),
            Codes::U32(v) => Run::U32(&v[events]),
        };
        IdRun { codes, id: PhantomData }
    }

    /// The ids at `events`, in order.
    pub fn pick(&self, events: &[usize]) -> Self {
        IdColumn::from_codes(self.codes.pick(events.iter().copied()))
    }

    /// Keeps the ids whose `keep` (one flag per event) is true.
    pub fn retain(&mut self, keep: &[bool]) {
        self.codes.retain(keep);
    }
}

/// The raw ids of a run, in the column's width.
#[derive(Debug, Clone, Copy)]
enum Run<'a> {
    U8(&'a [u8]),
    U16(&'a [u16]),
    U32(&'a [u32]),
}

/// The ids of consecutive events of an [`IdColumn`] (a trace, for the activity column):
/// compared and hashed by ids, so that runs of one column key a map of variants.
#[derive(Debug, Clone, Copy)]
pub struct IdRun<'a, I> {
    codes: Run<'a>,
    id: PhantomData<fn() -> I>,
}

impl<'a, I: Id> IdRun<'a, I> {
    /// Number of ids.
    #[inline]
    pub fn len(&self) -> usize {
        match self.codes {
            Run::U8(v) => v.len(),
            Run::U16(v) => v.len(),
            Run::U32(v) => v.len(),
        }
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id at `index` of the run.
    #[inline]
    pub fn get(&self, index: usize) -> I {
        let raw = match self.codes {
            Run::U8(v) => wide(v[index]),
            Run::U16(v) => wide(v[index]),
            Run::U32(v) => v[index],
        };
        I::from_index(raw as usize)
    }

    /// The ids in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + Clone + 'a
    where
        I: 'a,
    {
        let run = *self;
        (0..run.len()).map(move |index| run.get(index))
    }

    /// True when `id` is in the run.
    pub fn contains(&self, id: &I) -> bool
    where
        I: PartialEq,
    {
        self.iter().any(|x| x == *id)
    }

    /// The ids as a vector.
    pub fn to_vec(&self) -> Vec<I> {
        self.iter().collect()
    }
}

impl<I: Id> PartialEq for IdRun<'_, I> {
    fn eq(&self, other: &Self) -> bool {
        match (self.codes, other.codes) {
            (Run::U8(a), Run::U8(b)) => a == b,
            (Run::U16(a), Run::U16(b)) => a == b,
            (Run::U32(a), Run::U32(b)) => a == b,
            _ => self.len() == other.len() && self.iter().map(I::index).eq(other.iter().map(I::index)),
        }
    }
}

impl<I: Id> Eq for IdRun<'_, I> {}

/// Ordered as the slices of ids would be (lexicographically, by id; a width's missing value
/// is its largest, as `u32::MAX` is among ids, so runs of one width compare as stored).
impl<I: Id> PartialOrd for IdRun<'_, I> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<I: Id> Ord for IdRun<'_, I> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self.codes, other.codes) {
            (Run::U8(a), Run::U8(b)) => a.cmp(b),
            (Run::U16(a), Run::U16(b)) => a.cmp(b),
            (Run::U32(a), Run::U32(b)) => a.cmp(b),
            _ => self.iter().map(I::index).cmp(other.iter().map(I::index)),
        }
    }
}

/// Hashes the ids, not their width (equal runs of columns of two widths hash alike).
impl<I: Id> Hash for IdRun<'_, I> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for id in self.iter() {
            state.write_u32(id.index() as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{ActivityId, ResourceId};
    use std::collections::HashSet;

    #[test]
    fn runs_of_two_widths_are_equal_and_hash_alike() {
        let narrow: IdColumn<ActivityId> = [1, 2, 3].map(ActivityId).into_iter().collect();
        let mut wide: IdColumn<ActivityId> = [7, 1, 2, 3, 300].map(ActivityId).into_iter().collect();
        assert_eq!((narrow.width(), wide.width()), (1, 2));
        assert_eq!(narrow.run(0..3), wide.run(1..4));
        assert_ne!(narrow.run(0..3), wide.run(0..3));
        let set: HashSet<_> = [narrow.run(0..3)].into_iter().collect();
        assert!(set.contains(&wide.run(1..4)));
        wide.retain(&[false, true, true, true, false]);
        assert_eq!(wide, narrow);
        assert_eq!(wide.run(0..3).to_vec(), [1, 2, 3].map(ActivityId));
    }

    #[test]
    fn a_missing_resource_reads_as_missing_in_every_width() {
        for extra in [3, 300, 70_000] {
            let column: IdColumn<ResourceId> = [ResourceId::MISSING, ResourceId(extra)].into_iter().collect();
            assert_eq!(column.get(0), ResourceId::MISSING);
            assert_eq!(column.run(0..2).get(0), ResourceId::MISSING);
            assert_eq!(column.iter().collect::<Vec<_>>(), [ResourceId::MISSING, ResourceId(extra)]);
        }
    }
}
