//! What the sample rows tell about a file's shape, beyond each column on its own: how rows
//! group into cases, which columns change within a case and which hold one value per case,
//! which date columns come before which, and whether the rows run newest first.
//!
//! The guess ([`guess`](super::guess)) needs these facts to tell an event's own time (it
//! changes within a case) from a case's creation or closure date repeated on every row, a
//! true start/end pair (the end is never before the start) from two unrelated dates, and a
//! list with one row per ticket from a log with one row per event. They are computed once by
//! [`inspect`](super::inspect) from up to [`SAMPLE_ROWS`](super::SAMPLE_ROWS) rows and kept in
//! the [`Inspection`](super::Inspection), so that the guess can be made again (for another
//! preset) without the rows.

use hashbrown::HashMap;
use serde::{Deserialize, Serialize};

use super::profile::ColumnProfile;
use super::timestamp::Parser;
use crate::time::Micros;

/// The facts; see the [module docs](self).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Shape {
    /// The column taken as the case id when the facts were computed (the facts about cases
    /// are about its values); `None` when no column could be.
    pub case: Option<usize>,
    /// Distinct cases among the sample rows.
    pub cases: usize,
    /// The share of those cases with exactly one row: 1 for a list with one row per ticket.
    pub single_row_cases: f64,
    /// Per column, in file order.
    pub columns: Vec<ColumnShape>,
    /// Per pair of date columns (the first before the second in file order).
    pub pairs: Vec<TimePair>,
}

/// What the rows tell about one column.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnShape {
    /// Among the cases with two or more values in this column, the share in which the values
    /// differ: 0 for a value per case (a creation date, a priority), near 1 for an event's own
    /// time. `None` when no case has two values.
    pub varies: Option<f64>,
    /// Date columns: among consecutive rows of one case (in file order) whose times differ,
    /// the share in which the time goes down (near 1 for an export sorted newest first).
    pub descending: Option<f64>,
    /// Date columns: the mean position of this column's date among the filled dates of a row,
    /// from 0 (always the earliest) to 1 (always the latest). Orders milestones.
    pub position: Option<f64>,
}

/// How two date columns relate row by row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimePair {
    /// The first column (index).
    pub first: usize,
    /// The second column.
    pub second: usize,
    /// Rows in which both parse.
    pub rows: usize,
    /// The share of them in which the second is not before the first.
    pub second_not_before: f64,
    /// The share of them in which the first is not before the second.
    pub first_not_before: f64,
}

impl Shape {
    /// The facts of `rows` (values already `None` where missing), with `case` as the case id
    /// column.
    pub fn of<'r>(rows: &[Vec<Option<&'r str>>], profiles: &[ColumnProfile], case: Option<usize>) -> Shape {
        let width = profiles.len();
        fn value<'r>(row: &[Option<&'r str>], column: usize) -> Option<&'r str> {
            row.get(column).copied().flatten()
        }
        // The rows of each case, in file order.
        let mut groups: HashMap<&'r str, Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
        let mut order: Vec<&'r str> = Vec::new();
        if let Some(case) = case {
            for (index, row) in rows.iter().enumerate() {
                if let Some(id) = value(row, case) {
                    let group = groups.entry(id).or_default();
                    if group.is_empty() {
                        order.push(id);
                    }
                    group.push(index);
                }
            }
        }
        let cases = order.len();
        let single = order.iter().filter(|id| groups[*id].len() == 1).count();
        // Every date column parsed once.
        let times: Vec<Option<Vec<Option<Micros>>>> = profiles
            .iter()
            .enumerate()
            .map(|(column, profile)| {
                profile.time.as_ref().map(|inference| {
                    let mut parser = Parser::new(inference.format);
                    rows.iter().map(|row| value(row, column).and_then(|v| parser.parse(v))).collect()
                })
            })
            .collect();
        let columns = (0..width)
            .map(|column| {
                let mut with_two = 0usize;
                let mut differing = 0usize;
                let (mut down, mut up) = (0usize, 0usize);
                for id in &order {
                    let group = &groups[*id];
                    let mut first: Option<&str> = None;
                    let mut values = 0;
                    let mut differs = false;
                    for &row in group {
                        if let Some(v) = value(&rows[row], column) {
                            values += 1;
                            match first {
                                None => first = Some(v),
                                Some(f) => differs |= f != v,
                            }
                        }
                    }
                    if values >= 2 {
                        with_two += 1;
                        differing += usize::from(differs);
                    }
                    if let Some(Some(parsed)) = times.get(column) {
                        let mut last: Option<Micros> = None;
                        for &row in group {
                            if let Some(t) = parsed[row] {
                                if let Some(previous) = last {
                                    down += usize::from(t < previous);
                                    up += usize::from(t > previous);
                                }
                                last = Some(t);
                            }
                        }
                    }
                }
                let varies = (with_two > 0).then(|| differing as f64 / with_two as f64);
                let descending = (down + up > 0).then(|| down as f64 / (down + up) as f64);
                ColumnShape { varies, descending, position: None }
            })
            .collect::<Vec<_>>();
        let mut shape = Shape {
            case,
            cases,
            single_row_cases: if cases == 0 { 0.0 } else { single as f64 / cases as f64 },
            columns,
            pairs: Vec::new(),
        };
        shape.relate_dates(&times, rows.len());
        shape
    }

    /// The positions of the date columns within rows, and how each pair relates.
    fn relate_dates(&mut self, times: &[Option<Vec<Option<Micros>>>], rows: usize) {
        let dates: Vec<(usize, &Vec<Option<Micros>>)> =
            times.iter().enumerate().filter_map(|(c, t)| t.as_ref().map(|t| (c, t))).collect();
        let mut position_sum = vec![0.0f64; self.columns.len()];
        let mut position_rows = vec![0usize; self.columns.len()];
        let mut filled: Vec<(Micros, usize)> = Vec::with_capacity(dates.len());
        for row in 0..rows {
            filled.clear();
            filled.extend(dates.iter().filter_map(|(c, t)| t[row].map(|time| (time, *c))));
            if filled.len() < 2 {
                continue;
            }
            filled.sort_unstable();
            let last = (filled.len() - 1) as f64;
            for (rank, (time, column)) in filled.iter().enumerate() {
                // Equal times share their mean rank.
                let ties: Vec<usize> =
                    filled.iter().enumerate().filter(|(_, (t, _))| t == time).map(|(r, _)| r).collect();
                let rank =
                    if ties.len() > 1 { ties.iter().sum::<usize>() as f64 / ties.len() as f64 } else { rank as f64 };
                position_sum[*column] += rank / last;
                position_rows[*column] += 1;
            }
        }
        for (column, shape) in self.columns.iter_mut().enumerate() {
            if position_rows[column] > 0 {
                shape.position = Some(position_sum[column] / position_rows[column] as f64);
            }
        }
        for (i, (first, a)) in dates.iter().enumerate() {
            for (second, b) in &dates[i + 1..] {
                let (mut both, mut second_ok, mut first_ok) = (0usize, 0usize, 0usize);
                for (x, y) in a.iter().zip(b.iter()) {
                    if let (Some(x), Some(y)) = (x, y) {
                        both += 1;
                        second_ok += usize::from(y >= x);
                        first_ok += usize::from(x >= y);
                    }
                }
                if both > 0 {
                    self.pairs.push(TimePair {
                        first: *first,
                        second: *second,
                        rows: both,
                        second_not_before: second_ok as f64 / both as f64,
                        first_not_before: first_ok as f64 / both as f64,
                    });
                }
            }
        }
    }

    /// How a column varies within cases (see [`ColumnShape::varies`]).
    pub fn varies(&self, column: usize) -> Option<f64> {
        self.columns.get(column).and_then(|c| c.varies)
    }

    /// True when a column may hold an event's own value: it changes within most cases, or no
    /// case has two rows to tell.
    pub fn event_level(&self, column: usize) -> bool {
        self.varies(column).is_none_or(|v| v >= EVENT_LEVEL)
    }

    /// The share of rows (with both values) in which `end` is not before `start`; `None` when
    /// no row has both.
    pub fn not_before(&self, start: usize, end: usize) -> Option<f64> {
        self.pairs.iter().find_map(|pair| {
            if pair.first == start && pair.second == end {
                Some(pair.second_not_before)
            } else if pair.first == end && pair.second == start {
                Some(pair.first_not_before)
            } else {
                None
            }
        })
    }

    /// True when the rows run newest first in `column` (the file lists each case's latest
    /// event first).
    pub fn newest_first(&self, column: usize) -> bool {
        self.columns.get(column).and_then(|c| c.descending).is_some_and(|d| d >= NEWEST_FIRST)
    }

    /// True for a list with one row per ticket: enough cases, nearly all with a single row.
    pub fn one_row_per_case(&self) -> bool {
        self.cases >= 3 && self.single_row_cases >= ONE_ROW_PER_CASE
    }
}

/// A column that changes within at least this share of cases holds event values.
pub const EVENT_LEVEL: f64 = 0.3;
/// A start/end pair: the end is not before the start in at least this share of rows.
pub const PAIRED: f64 = 0.95;
/// Newest first: at least this share of the time steps within cases go down.
pub const NEWEST_FIRST: f64 = 0.9;
/// One row per ticket: at least this share of the sample's cases has one row.
pub const ONE_ROW_PER_CASE: f64 = 0.9;

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(header: &[&str], rows: &[&[&str]], case: usize) -> Shape {
        let profiles: Vec<ColumnProfile> = header
            .iter()
            .enumerate()
            .map(|(i, name)| ColumnProfile::new(name, rows.iter().map(|row| Some(row[i]).filter(|v| !v.is_empty()))))
            .collect();
        let rows: Vec<Vec<Option<&str>>> =
            rows.iter().map(|row| row.iter().map(|v| Some(*v).filter(|v| !v.is_empty())).collect()).collect();
        Shape::of(&rows, &profiles, Some(case))
    }

    #[test]
    fn event_times_vary_within_cases_and_case_dates_do_not() {
        let s = shape(
            &["id", "state", "created", "updated"],
            &[
                &["1", "New", "2024-01-01 09:00", "2024-01-01 09:00"],
                &["1", "Active", "2024-01-01 09:00", "2024-01-01 10:00"],
                &["1", "Closed", "2024-01-01 09:00", "2024-01-02 10:00"],
                &["2", "New", "2024-01-03 09:00", "2024-01-03 09:00"],
                &["2", "Closed", "2024-01-03 09:00", "2024-01-04 09:00"],
            ],
            0,
        );
        assert_eq!((s.cases, s.single_row_cases), (2, 0.0));
        assert_eq!(s.varies(2), Some(0.0));
        assert_eq!(s.varies(3), Some(1.0));
        assert!(s.event_level(3) && !s.event_level(2));
        assert_eq!(s.not_before(2, 3), Some(1.0));
        assert!(!s.newest_first(3));
    }

    #[test]
    fn newest_first_rows_and_milestone_positions_are_seen() {
        let s = shape(
            &["id", "event", "at"],
            &[
                &["1", "Closed", "2024-01-03 09:00"],
                &["1", "Opened", "2024-01-01 09:00"],
                &["2", "Closed", "2024-01-05 09:00"],
                &["2", "Opened", "2024-01-04 09:00"],
            ],
            0,
        );
        assert!(s.newest_first(2));
        let list = shape(
            &["key", "closed", "opened", "resolved"],
            &[
                &["A", "2024-01-09 09:00", "2024-01-01 09:00", "2024-01-05 09:00"],
                &["B", "", "2024-01-02 09:00", "2024-01-03 09:00"],
                &["C", "2024-01-09 09:00", "2024-01-03 09:00", "2024-01-09 09:00"],
            ],
            0,
        );
        assert!(list.one_row_per_case());
        let position = |c: usize| list.columns[c].position.unwrap();
        assert!(position(2) < position(3) && position(3) < position(1), "{list:?}");
    }
}
