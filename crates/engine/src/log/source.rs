//! The data row each event came from, stored as what it is: mostly a count.
//!
//! Read in file order, rows go up by one from event to event, except where a row was skipped
//! (a bad date, a missing case id) or a header of another part starts: [`SourceRows`] keeps
//! only those jumps. Once the log is ordered by case and time, the row of an event is the row
//! of its position in file order, which is the order the builder computed anyway (none at
//! all for a file already in order): the column costs nothing for a file in order and no more
//! than the order itself for one that is not.

use serde::{Serialize, Serializer};

use super::codes::retain_kept;

/// The source row of each event; see the [module docs](self).
#[derive(Debug, Clone, Default)]
pub struct SourceRows {
    /// The position in file order of each event; `None` when it is the event's own position.
    position: Option<Vec<u32>>,
    /// Where rows jump, by file position: `(position, row)`, positions ascending, the first at
    /// 0; the row at a position is the last jump's row plus the distance to it.
    jumps: Vec<(u32, u32)>,
    /// Number of events.
    len: usize,
}

impl SourceRows {
    /// Adds the row of the next event in file order.
    #[inline]
    pub fn push(&mut self, row: u32) {
        let expected = self.jumps.last().and_then(|&(position, first)| first.checked_add(self.len as u32 - position));
        if expected != Some(row) {
            self.jumps.push((self.len as u32, row));
        }
        self.len += 1;
    }

    /// Adds the rows of `next` (events in file order after these), each plus `offset`: its
    /// jumps, shifted, where they do not continue these rows.
    pub fn append(&mut self, next: &SourceRows, offset: u32) {
        assert!(next.position.is_none(), "only rows in file order are appended");
        let base = self.len as u32;
        for &(position, row) in &next.jumps {
            self.len = (base + position) as usize;
            self.push(row.saturating_add(offset));
        }
        self.len = base as usize + next.len;
    }

    /// The rows in file order, ordered by `order` (the file position of each event; `None`
    /// when the file was in order).
    pub fn ordered(mut self, order: Option<Vec<u32>>) -> SourceRows {
        self.position = order;
        self
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there is no event.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes per event: 4 when the log was reordered, else none.
    pub fn bytes_per_event(&self) -> usize {
        if self.position.is_some() { 4 } else { 0 }
    }

    /// The row of file position `position`.
    fn at(&self, position: u32) -> u32 {
        let jump = self.jumps.partition_point(|&(p, _)| p <= position) - 1;
        let (start, row) = self.jumps[jump];
        row + (position - start)
    }

    /// The row of event `event`.
    pub fn get(&self, event: usize) -> u32 {
        let position = self.position.as_ref().map_or(event as u32, |p| p[event]);
        self.at(position)
    }

    /// The rows in event order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        (0..self.len).map(|event| self.get(event))
    }

    /// The rows of `events`, in that order.
    pub fn pick(&self, events: &[usize]) -> SourceRows {
        let position = events.iter().map(|&e| self.position.as_ref().map_or(e as u32, |p| p[e])).collect();
        SourceRows { position: Some(position), jumps: self.jumps.clone(), len: events.len() }
    }

    /// Keeps the rows whose `keep` (one flag per event) is true.
    pub fn retain(&mut self, keep: &[bool]) {
        let position = self.position.get_or_insert_with(|| (0..self.len as u32).collect());
        retain_kept(position, keep);
        self.len = position.len();
    }

    /// The jumps, for the wire.
    pub(crate) fn jumps(&self) -> &[(u32, u32)] {
        &self.jumps
    }

    /// Rows of `len` events in file order from their jumps (read from elsewhere); `None` when
    /// they do not describe `len` events.
    pub(crate) fn from_jumps(jumps: Vec<(u32, u32)>, len: usize) -> Option<SourceRows> {
        let starts_at_zero = jumps.first().map_or(len == 0, |&(position, _)| position == 0);
        let ascending = jumps.windows(2).all(|w| w[0].0 < w[1].0);
        let inside = jumps.last().is_none_or(|&(position, _)| (position as usize) < len);
        (starts_at_zero && ascending && inside).then_some(SourceRows { position: None, jumps, len })
    }
}

/// Equal when the rows are.
impl PartialEq for SourceRows {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

/// Serialised as the list of rows.
impl Serialize for SourceRows {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl FromIterator<u32> for SourceRows {
    fn from_iter<T: IntoIterator<Item = u32>>(iter: T) -> Self {
        let mut rows = SourceRows::default();
        for row in iter {
            rows.push(row);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_only_their_jumps_and_read_back_in_any_order() {
        let file: Vec<u32> = vec![1, 2, 3, 5, 6, 9, 10, 11, 12, 2];
        let rows: SourceRows = file.iter().copied().collect();
        assert_eq!(rows.jumps, [(0, 1), (3, 5), (5, 9), (9, 2)]);
        assert_eq!(rows.iter().collect::<Vec<_>>(), file);
        let order = vec![9, 0, 8, 1, 7, 2, 6, 3, 5, 4];
        let ordered = rows.clone().ordered(Some(order.clone()));
        assert_eq!(ordered.iter().collect::<Vec<_>>(), order.iter().map(|&p| file[p as usize]).collect::<Vec<_>>());
        assert_eq!(ordered.bytes_per_event(), 4);
        assert_eq!(ordered.pick(&[1, 0]).iter().collect::<Vec<_>>(), [1, 2]);
        let mut kept = rows.clone();
        kept.retain(&[true, false, true, false, true, false, true, false, true, false]);
        assert_eq!(kept.iter().collect::<Vec<_>>(), [1, 3, 6, 10, 12]);
        let mut appended: SourceRows = [1, 2].into_iter().collect();
        appended.append(&[1, 2, 4].into_iter().collect(), 2);
        assert_eq!(appended.iter().collect::<Vec<_>>(), [1, 2, 3, 4, 6]);
        assert_eq!(appended.jumps, [(0, 1), (4, 6)]);
    }

    #[test]
    fn jumps_read_from_elsewhere_are_checked() {
        assert!(SourceRows::from_jumps(vec![(0, 1), (3, 9)], 5).is_some());
        assert!(SourceRows::from_jumps(vec![], 0).is_some());
        assert!(SourceRows::from_jumps(vec![], 2).is_none());
        assert!(SourceRows::from_jumps(vec![(1, 1)], 2).is_none());
        assert!(SourceRows::from_jumps(vec![(0, 1), (0, 2)], 2).is_none());
        assert!(SourceRows::from_jumps(vec![(0, 1), (2, 2)], 2).is_none());
    }
}
