//! Building an [`EventLog`] from rows in file order.
//!
//! [`LogBuilder::push`] takes one event at a time, interning its strings; [`LogBuilder::finish`]
//! orders the events (cases by id as text, then time, then file order), lays out the columns
//! and decides which attributes are case-level (one value per case).

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::codes::{Codes, MISSING};
use super::{Attribute, EventLog, Id, IdColumn, Interned, ServiceField, SourceRows};
use crate::time::Micros;

pub mod values;
pub mod wire;

use self::values::ValueColumn;

/// Interns strings: the same string gets the same id, ids in order of first appearance.
///
/// Each string is stored once (the hash table holds ids, not copies), and the last id handed
/// out is remembered: consecutive rows of an export mostly repeat their case id and case-level
/// values, and a comparison with the last string is much cheaper than a hash lookup.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    table: HashTable<u32>,
    names: Vec<Box<str>>,
    hasher: foldhash::fast::FixedState,
    last: Option<u32>,
}

impl Interner {
    /// The id of `name`, adding it when new.
    #[inline]
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(last) = self.last
            && *self.names[last as usize] == *name
        {
            return last;
        }
        self.intern_new(name)
    }

    /// [`Interner::intern`] when `name` is not the last string: a table lookup.
    #[inline(never)]
    fn intern_new(&mut self, name: &str) -> u32 {
        let hash = self.hasher.hash_one(name);
        let names = &self.names;
        let id = match self.table.find(hash, |&id| *names[id as usize] == *name) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.names.push(name.into());
                let (names, hasher) = (&self.names, &self.hasher);
                self.table.insert_unique(hash, id, |&id| hasher.hash_one(&*names[id as usize]));
                id
            }
        };
        self.last = Some(id);
        id
    }

    /// Adds the strings of `other` (moved, not copied) after its own, in `other`'s order, and
    /// returns the new id of each of `other`'s ids. Ids stay in order of first appearance when
    /// `other` interned what came after what `self` interned.
    pub fn absorb(&mut self, other: Interner) -> Vec<u32> {
        let mut ids = Vec::with_capacity(other.names.len());
        for name in other.names {
            let hash = self.hasher.hash_one(&*name);
            let names = &self.names;
            let id = match self.table.find(hash, |&id| *names[id as usize] == *name) {
                Some(&id) => id,
                None => {
                    let id = self.names.len() as u32;
                    self.names.push(name);
                    let (names, hasher) = (&self.names, &self.hasher);
                    self.table.insert_unique(hash, id, |&id| hasher.hash_one(&*names[id as usize]));
                    id
                }
            };
            ids.push(id);
        }
        self.last = None;
        ids
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The finished table.
    pub fn into_interned<I: Id>(self) -> Interned<I> {
        Interned::from_names(self.names)
    }
}

/// One event for [`LogBuilder::push`].
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    /// The case id.
    pub case: &'a str,
    /// The activity.
    pub activity: &'a str,
    /// The timestamp (completion, or the only time).
    pub time: Micros,
    /// The start time, when the log has a start column and this event has a value.
    pub start: Option<Micros>,
    /// The resource.
    pub resource: Option<&'a str>,
    /// The data row it came from.
    pub row: u32,
}

/// Collects events in file order; see the [module docs](self).
#[derive(Debug)]
pub struct LogBuilder {
    cases: Interner,
    activities: Interner,
    resources: Interner,
    case: Vec<u32>,
    /// Activity ids, in the narrowest width (a log has a few dozen activities).
    activity: Codes,
    time: Vec<Micros>,
    start: Option<Vec<Micros>>,
    /// Resource ids ([`MISSING`] for none), in the narrowest width.
    resource: Codes,
    row: SourceRows,
    attribute_names: Vec<(String, Option<ServiceField>)>,
    attribute_values: Vec<Interner>,
    /// Value ids per attribute column: one per case while the values agree within each case
    /// (most columns), one per event, in the narrowest width, once they do not.
    attribute_ids: Vec<ValueColumn>,
    /// The rows run newest first: events with equal times keep the reverse of file order.
    newest_first: bool,
}

impl LogBuilder {
    /// A builder for a log with these attribute columns (name and service meaning), with or
    /// without start times.
    pub fn new(attribute_names: Vec<(String, Option<ServiceField>)>, has_start: bool) -> Self {
        let count = attribute_names.len();
        LogBuilder {
            cases: Interner::default(),
            activities: Interner::default(),
            resources: Interner::default(),
            case: Vec::new(),
            activity: Codes::default(),
            time: Vec::new(),
            start: has_start.then(Vec::new),
            resource: Codes::default(),
            row: SourceRows::default(),
            attribute_names,
            attribute_values: vec![Interner::default(); count],
            attribute_ids: vec![ValueColumn::default(); count],
            newest_first: false,
        }
    }

    /// Tells the builder that the file lists each case's events newest first, so that events
    /// with equal times are ordered as they happened (the reverse of the file's order).
    pub fn newest_first(&mut self, newest_first: bool) {
        self.newest_first = newest_first;
    }

    /// Makes room for about `events` more events (a size hint: fewer reallocations).
    pub fn reserve(&mut self, events: usize) {
        self.case.reserve(events);
        self.activity.reserve(events);
        self.time.reserve(events);
        if let Some(start) = &mut self.start {
            start.reserve(events);
        }
        self.resource.reserve(events);
        for ids in &mut self.attribute_ids {
            ids.reserve(events);
        }
    }

    /// Events pushed so far.
    pub fn len(&self) -> usize {
        self.activity.len()
    }

    /// True when no event was pushed.
    pub fn is_empty(&self) -> bool {
        self.activity.is_empty()
    }

    /// Adds an event with its attribute values (one per attribute column, in order; `None`
    /// for a missing value).
    pub fn push<'a>(&mut self, event: NewEvent<'_>, attributes: impl IntoIterator<Item = Option<&'a str>>) {
        let case = self.cases.intern(event.case);
        self.case.push(case);
        self.activity.push(self.activities.intern(event.activity));
        self.time.push(event.time);
        if let Some(start) = &mut self.start {
            start.push(event.start.unwrap_or(event.time));
        }
        self.resource.push(event.resource.map_or(MISSING, |name| self.resources.intern(name)));
        self.row.push(event.row);
        let mut count = 0;
        for (index, value) in attributes.into_iter().enumerate().take(self.attribute_ids.len()) {
            let id = value.map_or(MISSING, |value| self.attribute_values[index].intern(value));
            self.attribute_ids[index].push(case, id, &self.case);
            count += 1;
        }
        for ids in &mut self.attribute_ids[count..] {
            ids.push(case, MISSING, &self.case);
        }
    }

    /// The index of the attribute column `name`, adding it (missing for the events so far)
    /// when new: for sources whose attributes are only known as they come (XES).
    pub fn attribute(&mut self, name: &str, field: Option<ServiceField>) -> usize {
        if let Some(index) = self.attribute_names.iter().position(|(known, _)| known == name) {
            return index;
        }
        self.attribute_names.push((name.to_owned(), field));
        self.attribute_values.push(Interner::default());
        self.attribute_ids.push(ValueColumn::missing(self.activity.len()));
        self.attribute_names.len() - 1
    }

    /// Adds an event with values for some attribute columns (by index, see
    /// [`LogBuilder::attribute`]); the others are missing.
    pub fn push_sparse(&mut self, event: NewEvent<'_>, values: &[(usize, &str)]) {
        self.push(event, std::iter::empty());
        let case = self.case[self.case.len() - 1];
        for &(index, value) in values {
            if let Some(ids) = self.attribute_ids.get_mut(index) {
                ids.set_last(case, self.attribute_values[index].intern(value), &self.case);
            }
        }
    }

    /// Adds the events of `next`, a builder for the rows that follow this one's in the file
    /// (the same columns), with `rows` added to its row numbers: the result is the builder one
    /// pass over both would have made, ids included.
    pub fn append(&mut self, next: LogBuilder, rows: u32) {
        fn remap<T: Copy>(column: &mut Vec<T>, ids: Vec<T>, map: impl Fn(T) -> T) {
            column.extend(ids.into_iter().map(map));
        }
        let cases = self.cases.absorb(next.cases);
        let activities = self.activities.absorb(next.activities);
        let resources = self.resources.absorb(next.resources);
        for ((values, ids), (next_values, next_ids)) in self
            .attribute_values
            .iter_mut()
            .zip(&mut self.attribute_ids)
            .zip(next.attribute_values.into_iter().zip(next.attribute_ids))
        {
            let map = values.absorb(next_values);
            ids.append(next_ids, (&cases, &map), &self.case, &next.case);
        }
        remap(&mut self.case, next.case, |c| cases[c as usize]);
        self.activity.extend(&next.activity, |a| activities[a as usize]);
        self.time.extend(next.time);
        if let (Some(start), Some(next)) = (&mut self.start, next.start) {
            start.extend(next);
        }
        self.resource.extend(&next.resource, |r| resources[r as usize]);
        self.row.append(&next.row, rows);
    }

    /// Orders the events and returns the log.
    pub fn finish(self) -> EventLog {
        let LogBuilder {
            cases,
            activities,
            resources,
            case,
            activity,
            time,
            start,
            resource,
            row,
            attribute_names,
            attribute_values,
            attribute_ids,
            newest_first,
        } = self;
        let case_names = cases.names;
        // Cases in the order of their ids as text.
        let mut case_order: Vec<u32> = (0..case_names.len() as u32).collect();
        case_order.sort_unstable_by(|&a, &b| case_names[a as usize].cmp(&case_names[b as usize]));
        let mut rank = vec![0u32; case_names.len()];
        for (position, &c) in case_order.iter().enumerate() {
            rank[c as usize] = position as u32;
        }
        // Counting sort of the events by case rank keeps file order within each case.
        let mut case_starts = vec![0u32; case_names.len() + 1];
        for &c in &case {
            case_starts[rank[c as usize] as usize + 1] += 1;
        }
        for i in 1..case_starts.len() {
            case_starts[i] += case_starts[i - 1];
        }
        // Exports sorted by case and time (most are) need no reordering at all, and no order:
        // each event's case ranks at or after the one before, and within a case no time goes
        // back (file order breaks ties; its reverse in a file listed newest first).
        let in_order = !(newest_first && case_starts.windows(2).any(|w| w[1] - w[0] > 1))
            && (1..case.len()).all(|e| {
                let (before, this) = (rank[case[e - 1] as usize], rank[case[e] as usize]);
                before < this || (before == this && time[e - 1] <= time[e])
            });
        // The position in file order of each event in log order; `None` when they are equal.
        let order = (!in_order).then(|| {
            let mut next = case_starts.clone();
            let mut order = vec![0u32; case.len()];
            for (event, &c) in case.iter().enumerate() {
                let slot = &mut next[rank[c as usize] as usize];
                order[*slot as usize] = event as u32;
                *slot += 1;
            }
            // Within each case, a stable sort by time (file order breaks ties; the reverse of
            // it for a file listed newest first). Exports are mostly in time order already:
            // check before sorting.
            for window in case_starts.windows(2) {
                let events = &mut order[window[0] as usize..window[1] as usize];
                if newest_first {
                    events.reverse();
                }
                if events.windows(2).any(|pair| time[pair[0] as usize] > time[pair[1] as usize]) {
                    events.sort_by_key(|&event| time[event as usize]);
                }
            }
            order
        });
        // The peak of an import is here, with every column and the order: the case of each
        // event is no longer needed.
        drop((case, rank));
        let order_owned = order;
        let order = order_owned.as_deref();
        // Reordered in place, one column at a time: a copy beside each column would hold
        // both at the peak of an import.
        fn permute<T: Copy>(mut column: Vec<T>, order: Option<&[u32]>) -> Vec<T> {
            if let Some(order) = order {
                super::codes::permute(&mut column, order);
            }
            column
        }
        let reorder = |mut ids: Codes| {
            if let Some(order) = order {
                ids.permute(order);
            }
            ids
        };

        let case_count = case_names.len();
        let attributes = attribute_names
            .into_iter()
            .zip(attribute_values)
            .zip(attribute_ids)
            .map(|(((name, field), values), column)| {
                let (level, ids) = column.finish(&case_order, reorder);
                Attribute { name, field, level, values: values.into_interned(), ids, time_format: None }
            })
            .collect();

        let mut names = case_names;
        let mut case_ids: Vec<Box<str>> = Vec::with_capacity(case_count);
        for &c in &case_order {
            case_ids.push(std::mem::take(&mut names[c as usize]));
        }
        EventLog {
            case_ids,
            case_starts,
            activities: activities.into_interned(),
            resources: resources.into_interned(),
            activity: IdColumn::from_codes(reorder(activity)),
            time: permute(time, order),
            start: start.map(|start| permute(start, order)),
            resource: IdColumn::from_codes(reorder(resource)),
            row: row.ordered(order_owned),
            attributes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{CaseIndex, Level};

    fn event<'a>(case: &'a str, activity: &'a str, time: Micros, row: u32) -> NewEvent<'a> {
        NewEvent { case, activity, time, start: None, resource: None, row }
    }

    #[test]
    fn events_are_ordered_by_case_text_then_time_then_file_order() {
        let mut builder = LogBuilder::new(vec![], false);
        builder.push(event("2", "b", 20, 1), []);
        builder.push(event("10", "x", 5, 2), []);
        builder.push(event("2", "a", 10, 3), []);
        builder.push(event("2", "tie-first", 30, 4), []);
        builder.push(event("2", "tie-second", 30, 5), []);
        let log = builder.finish();
        // "10" sorts before "2" as text.
        assert_eq!(log.case_ids, vec!["10".into(), "2".into()] as Vec<Box<str>>);
        assert_eq!(log.case_starts, vec![0, 1, 5]);
        let names: Vec<&str> = log.activity.iter().map(|a| log.activities.get(a).unwrap()).collect();
        assert_eq!(names, ["x", "a", "b", "tie-first", "tie-second"]);
        assert_eq!(log.row.iter().collect::<Vec<_>>(), [2, 3, 1, 4, 5]);
        assert_eq!(log.time, vec![5, 10, 20, 30, 30]);
    }

    #[test]
    fn newest_first_files_keep_ties_in_the_order_they_happened() {
        let mut builder = LogBuilder::new(vec![], false);
        builder.newest_first(true);
        builder.push(event("1", "closed", 30, 1), []);
        builder.push(event("1", "resolved", 20, 2), []);
        builder.push(event("1", "assigned", 20, 3), []);
        builder.push(event("1", "created", 10, 4), []);
        let log = builder.finish();
        let names: Vec<&str> = log.activity.iter().map(|a| log.activities.get(a).unwrap()).collect();
        assert_eq!(names, ["created", "assigned", "resolved", "closed"]);
        assert_eq!(log.row.iter().collect::<Vec<_>>(), [4, 3, 2, 1]);
    }

    #[test]
    fn interning_gives_one_id_per_distinct_string() {
        let mut builder = LogBuilder::new(vec![], false);
        for (i, activity) in ["Created", "Closed", "Created", "Created"].into_iter().enumerate() {
            builder.push(NewEvent { resource: Some("Anna"), ..event("c", activity, i as i64, i as u32) }, []);
        }
        let log = builder.finish();
        assert_eq!(log.activities.len(), 2);
        assert_eq!(log.activity.iter().collect::<Vec<_>>(), [0, 1, 0, 0].map(crate::log::ActivityId));
        assert_eq!(log.resources.len(), 1);
        assert_eq!(log.core_bytes_per_event(), 10, "1 + 8 + 1, and no row column for a file in order");
    }

    #[test]
    fn constant_attributes_become_case_level() {
        let mut builder = LogBuilder::new(
            vec![("priority".into(), Some(ServiceField::Priority)), ("status".into(), Some(ServiceField::Status))],
            true,
        );
        builder.push(event("a", "x", 1, 1), [Some("High"), Some("New")]);
        builder.push(event("a", "y", 2, 2), [None, Some("Closed")]);
        builder.push(event("b", "x", 1, 3), [Some("Low"), Some("New")]);
        let log = builder.finish();
        assert_eq!(log.attributes[0].level, Level::Case);
        assert_eq!(log.attributes[0].value(CaseIndex(0), 0), Some("High"));
        assert_eq!(log.attributes[0].value(CaseIndex(0), 1), Some("High"));
        assert_eq!(log.attributes[0].value(CaseIndex(1), 2), Some("Low"));
        assert_eq!(log.attributes[1].level, Level::Event);
        assert_eq!(log.attributes[1].value(CaseIndex(0), 1), Some("Closed"));
        assert_eq!(log.core_bytes_per_event(), 18, "1 + 8 + 1 + 8 with start times");
        assert_eq!(log.start, Some(vec![1, 2, 1]));
    }
}
