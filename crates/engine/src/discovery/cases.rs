//! Case statistics: throughput time (case duration), events per case, and arrivals,
//! completions and work in progress per day and per week.
//!
//! A case's duration is PM4Py's: the time of its last event minus the time of its first
//! event in the log's order; when the log has start times, the first event's start time.
//! A case arrives on the day of its first event, completes on the day of its last, and is
//! active (work in progress) on every day from the one to the other, both included. Weeks
//! begin on Monday. Days are calendar days of the log's times (UTC for times with an offset).
//! A week is **partial** when the selection's time span (the first event's day to the last
//! event's day) covers only some of its days: its counts are low because the log starts or
//! ends in it, not because fewer cases came.
//!
//! The **duration histogram** has round bin widths (from [`ticks::DURATION_STEPS`]) from the
//! shortest case (from 0 when all cases take about as long) to the 99th percentile, rounded up to the bin width (at most
//! [`DURATION_BARS`] bars), and one last **overflow** bin for every case longer than that, so
//! that a few huge outliers cannot squeeze every other case into the first bars. When the
//! cases above the 99th percentile fit in a few more bars of the same width, the bars go on
//! to the longest case instead and there is no overflow bin.

use serde::{Deserialize, Serialize};

use super::stats::{median, percentile, seconds};
use crate::log::{ActivityId, CaseIndex, EventLog, Id, Selection, ValueId};
use crate::ticks;
use crate::time::{DAY, Micros, day_string, week_start};

/// A case's duration in microseconds.
pub fn case_duration(log: &EventLog, case: CaseIndex) -> Micros {
    let events = log.case_events(case);
    if events.is_empty() {
        return 0;
    }
    let first = log.begin(events.start);
    log.time[events.end - 1] - first
}

/// count, min, median, mean, p90 and max of a set of values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// Number of values.
    pub count: u64,
    /// Smallest.
    pub min: f64,
    /// Median.
    pub median: f64,
    /// Mean.
    pub mean: f64,
    /// 90th percentile (linear interpolation).
    pub p90: f64,
    /// Largest.
    pub max: f64,
}

impl Distribution {
    /// The distribution of microsecond values (reordered), in seconds; `None` when empty.
    /// Median and 90th percentile by selection, no full sort.
    pub fn of_micros(values: &mut [Micros]) -> Option<Distribution> {
        let count = values.len();
        if count == 0 {
            return None;
        }
        let sum: i128 = values.iter().map(|&v| i128::from(v)).sum();
        Some(Distribution {
            count: count as u64,
            min: seconds(*values.iter().min()?),
            median: median(values),
            mean: sum as f64 / count as f64 / 1e6,
            p90: percentile(values, 90.0)?,
            max: seconds(*values.iter().max()?),
        })
    }
}

/// One bar of a histogram: values in `[from, to)` (the last regular bar includes its end).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    /// Lower bound.
    pub from: f64,
    /// Upper bound.
    pub to: f64,
    /// Cases in the bar.
    pub cases: u64,
    /// The overflow bar: every value above `from` (the end of the regular bars) up to `to`,
    /// the largest; drawn apart.
    #[serde(default)]
    pub overflow: bool,
}

/// Cases per day or week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First day of the period, `YYYY-MM-DD`.
    pub start: String,
    /// Cases whose first event falls in it.
    pub arrivals: u64,
    /// Cases whose last event falls in it.
    pub completions: u64,
    /// Cases open at some time in it.
    pub active: u64,
    /// The selection's time span covers only some of its days (a first or last week).
    #[serde(default)]
    pub partial: bool,
}

/// Case statistics of a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseStats {
    /// Case durations, seconds.
    pub durations: Option<Distribution>,
    /// Histogram of case durations (bounds in seconds).
    pub duration_histogram: Vec<Bin>,
    /// Events per case.
    pub events_per_case: Option<Distribution>,
    /// Histogram of events per case.
    pub events_histogram: Vec<Bin>,
    /// Per calendar day, from the first to the last day of the selection.
    pub days: Vec<Period>,
    /// Per week (Monday to Sunday).
    pub weeks: Vec<Period>,
}

/// At most this many regular bars in the duration histogram (besides the overflow bar).
pub const DURATION_BARS: usize = 30;

/// Regular bars may go on to the longest case, instead of an overflow bar, when this many
/// more bars (or a quarter more) reach it.
const EXTEND_BARS: usize = 3;

/// At most this many bars in the histogram of events per case.
const MAX_BARS: f64 = 40.0;

/// The histogram of case durations (seconds): round bins up to the 99th percentile, then an
/// overflow bin (see the module docs). The bins' counts add up to the values.
pub fn duration_histogram(values: &[f64]) -> Vec<Bin> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else { return Vec::new() };
    // The 99th percentile, interpolated linearly between the closest ranks (numpy's default).
    let rank = 0.99 * (sorted.len() - 1) as f64;
    let below = rank.floor() as usize;
    let above = sorted[(below + 1).min(sorted.len() - 1)];
    let p99 = sorted[below] + (above - sorted[below]) * (rank - below as f64);
    // Bars start at the shortest case, or at 0 when the cases are all about as long (a
    // histogram of one narrow bar far from 0 would hide how long they took).
    let min = if p99 - min < 0.1 * p99 { 0.0f64.min(min) } else { min };
    let (step, _) = ticks::duration_step(min, p99, DURATION_BARS);
    let first = (min / step).floor() * step;
    let bars_to = |value: f64| (((value - first) / step).ceil() as usize).max(1);
    let mut bars = bars_to(p99);
    if max > first + bars as f64 * step && bars_to(max) <= (bars + EXTEND_BARS).max(bars + bars / 4) {
        bars = bars_to(max);
    }
    let cut = first + bars as f64 * step;
    let mut bins: Vec<Bin> = (0..bars)
        .map(|i| Bin { from: first + i as f64 * step, to: first + (i + 1) as f64 * step, cases: 0, overflow: false })
        .collect();
    let mut overflow = Bin { from: cut, to: max, cases: 0, overflow: true };
    for &v in &sorted {
        if v > cut {
            overflow.cases += 1;
        } else {
            bins[(((v - first) / step).floor() as usize).min(bars - 1)].cases += 1;
        }
    }
    if overflow.cases > 0 {
        bins.push(overflow);
    }
    bins
}

fn histogram(values: &[f64], steps: &[f64]) -> Vec<Bin> {
    let (Some(&min), Some(&max)) =
        (values.iter().min_by(|a, b| a.total_cmp(b)), values.iter().max_by(|a, b| a.total_cmp(b)))
    else {
        return Vec::new();
    };
    let span = (max - min).max(f64::MIN_POSITIVE);
    let step = steps
        .iter()
        .copied()
        .find(|s| span / s <= MAX_BARS)
        .unwrap_or_else(|| (span / MAX_BARS / steps[steps.len() - 1]).ceil() * steps[steps.len() - 1]);
    let first = (min / step).floor() * step;
    let bars = (((max - first) / step).floor() as usize + 1).max(1);
    let mut bins: Vec<Bin> = (0..bars)
        .map(|i| Bin { from: first + i as f64 * step, to: first + (i + 1) as f64 * step, cases: 0, overflow: false })
        .collect();
    for v in values {
        let i = (((v - first) / step).floor() as usize).min(bars - 1);
        bins[i].cases += 1;
    }
    bins
}

fn periods(spans: &[(i64, i64)], unit: i64, start_of: impl Fn(i64) -> i64) -> Vec<Period> {
    let (Some(first), Some(last)) =
        (spans.iter().map(|s| start_of(s.0)).min(), spans.iter().map(|s| start_of(s.1)).max())
    else {
        return Vec::new();
    };
    let count = ((last - first) / unit + 1) as usize;
    let mut arrivals = vec![0u64; count];
    let mut completions = vec![0u64; count];
    let mut delta = vec![0i64; count + 1];
    for &(a, b) in spans {
        let (a, b) = (((start_of(a) - first) / unit) as usize, ((start_of(b) - first) / unit) as usize);
        arrivals[a] += 1;
        completions[b] += 1;
        delta[a] += 1;
        delta[b + 1] -= 1;
    }
    // The days the selection spans: a period that begins before the first or ends after the
    // last is covered only in part.
    let span_first = spans.iter().map(|s| s.0).min().unwrap_or(first);
    let span_last = spans.iter().map(|s| s.1).max().unwrap_or(last);
    let mut active = 0i64;
    (0..count)
        .map(|i| {
            active += delta[i];
            let start = first + i as i64 * unit;
            Period {
                start: day_string(start),
                arrivals: arrivals[i],
                completions: completions[i],
                active: active as u64,
                partial: start < span_first || start + unit - 1 > span_last,
            }
        })
        .collect()
}

/// The case statistics of the selected cases.
pub fn case_stats(log: &EventLog, selection: Selection<'_>) -> CaseStats {
    let mut durations: Vec<Micros> = Vec::with_capacity(selection.len(log));
    let mut sizes: Vec<Micros> = Vec::with_capacity(selection.len(log));
    let mut spans: Vec<(i64, i64)> = Vec::with_capacity(selection.len(log));
    for case in selection.iter(log) {
        let events = log.case_events(case);
        if events.is_empty() {
            continue;
        }
        durations.push(case_duration(log, case));
        sizes.push(events.len() as Micros);
        let times = &log.time[events.clone()];
        let first = log.start.as_ref().map_or(times[0], |s| s[events.start]).min(*times.iter().min().unwrap_or(&0));
        let last = *times.iter().max().unwrap_or(&first);
        spans.push((first.div_euclid(DAY), last.div_euclid(DAY)));
    }
    let duration_seconds: Vec<f64> = durations.iter().map(|&d| seconds(d)).collect();
    let size_values: Vec<f64> = sizes.iter().map(|&s| s as f64).collect();
    let mut sizes_micros: Vec<Micros> = sizes.iter().map(|&s| s * 1_000_000).collect();
    CaseStats {
        durations: Distribution::of_micros(&mut durations),
        duration_histogram: duration_histogram(&duration_seconds),
        events_per_case: Distribution::of_micros(&mut sizes_micros),
        events_histogram: histogram(&size_values, &[1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0]),
        days: periods(&spans, 1, |d| d),
        weeks: periods(&spans, 7, week_start),
    }
}

/// Which cases to list: each condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseQuery {
    /// Text the case id contains (ignoring case); empty for any.
    pub id_contains: String,
    /// An activity the case passes through.
    pub activity: Option<ActivityId>,
    /// Two activities that directly follow each other in the case (`None` for Start / End),
    /// as the process map's edges: `(None, Some(a))` is a case that starts with `a`.
    pub edge: Option<(Option<ActivityId>, Option<ActivityId>)>,
}

/// The selected cases that match `query`, in log order.
pub fn find_cases(log: &EventLog, selection: Selection<'_>, query: &CaseQuery) -> Vec<CaseIndex> {
    let needle = query.id_contains.trim().to_lowercase();
    let mut order = Vec::new();
    selection
        .iter(log)
        .filter(|&case| {
            if !needle.is_empty() && !log.case_ids[case.index()].to_lowercase().contains(&needle) {
                return false;
            }
            let events = log.case_events(case);
            if let Some(activity) = query.activity
                && !log.activity.run(events.clone()).contains(&activity)
            {
                return false;
            }
            if let Some((from, to)) = query.edge {
                super::follows_order(log, case, &mut order);
                let sequence: Vec<Option<ActivityId>> = std::iter::once(None)
                    .chain(order.iter().map(|&e| Some(log.activity.get(e as usize))))
                    .chain(std::iter::once(None))
                    .collect();
                if !sequence.windows(2).any(|pair| pair[0] == from && pair[1] == to) {
                    return false;
                }
            }
            true
        })
        .collect()
}

/// The columns the case list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// The case id, numbers inside it compared as numbers (`CS-2` before `CS-10`).
    Id,
    /// When the case began (its first event's start).
    #[default]
    Start,
    /// When its last event happened.
    End,
    /// Its duration (see [`case_duration`]).
    Duration,
    /// Its number of events.
    Events,
    /// The name of its last activity.
    LastActivity,
    /// Its status (the last value of the status column); cases without one come last.
    Status,
}

/// Which cases the case list shows, in which order, and which page of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseListQuery {
    /// Text the case id contains (ignoring case); empty for every case.
    pub id_contains: String,
    /// The column to sort by.
    pub sort: CaseSort,
    /// Largest first.
    pub descending: bool,
    /// Rows to skip.
    pub offset: usize,
    /// Rows to return at most.
    pub limit: usize,
    /// Only the cases that match this query (those behind an activity or a path of the map).
    #[serde(default)]
    pub within: Option<CaseQuery>,
}

/// One case as the case list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    /// The case id.
    pub id: String,
    /// When it began (its first event's start), ISO 8601.
    pub start: String,
    /// When its last event happened, ISO 8601.
    pub end: String,
    /// Its duration in seconds (see [`case_duration`]).
    pub duration_s: f64,
    /// Its events.
    pub events: u64,
    /// Its last activity.
    pub last_activity: String,
    /// Its status, when the log has a status column and the case a value in it.
    pub status: Option<String>,
}

/// A page of the case list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CasePage {
    /// Cases that match the query (all pages).
    pub total: u64,
    /// Position of the first row among them.
    pub offset: u64,
    /// The rows of this page.
    pub rows: Vec<CaseRow>,
    /// Whether the log has a status column.
    pub has_status: bool,
}

/// Compares two texts with the runs of digits inside them compared as numbers
/// (`CS-2` < `CS-10`); equal numbers written differently (`007`, `7`) fall back to the text.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    while let (Some(&p), Some(&q)) = (x.first(), y.first()) {
        if p.is_ascii_digit() && q.is_ascii_digit() {
            let run = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
            let (m, n) = (run(x), run(y));
            let trim = |s: &[u8]| {
                let zeros = s.iter().take_while(|&&c| c == b'0').count();
                s[zeros..].to_vec()
            };
            let (u, v) = (trim(&x[..m]), trim(&y[..n]));
            let order = u.len().cmp(&v.len()).then_with(|| u.cmp(&v));
            if order != Ordering::Equal {
                return order;
            }
            x = &x[m..];
            y = &y[n..];
        } else {
            if p != q {
                return p.cmp(&q);
            }
            x = &x[1..];
            y = &y[1..];
        }
    }
    x.len().cmp(&y.len()).then_with(|| a.cmp(b))
}

/// The status column of the log, if it has one.
fn status_column(log: &EventLog) -> Option<&crate::log::Attribute> {
    log.attributes.iter().find(|a| a.field == Some(crate::log::ServiceField::Status))
}

/// A case's status: the value of the status column for a case-level column, the last value
/// the case's events have for an event-level one; as an id into the column's values.
fn status_id(column: &crate::log::Attribute, log: &EventLog, case: CaseIndex) -> Option<ValueId> {
    use crate::log::Level;
    let id = match column.level {
        Level::Case => column.id_at(case.index()),
        Level::Event => log.case_events(case).rev().map(|e| column.id_at(e)).find(|&id| id != ValueId::MISSING)?,
    };
    (id != ValueId::MISSING).then_some(id)
}

/// The rank of each name in alphabetical order (ties by id), to sort by names as numbers.
fn name_ranks<I: Id>(names: &crate::log::Interned<I>) -> Vec<u32> {
    let mut order: Vec<I> = (0..names.len()).map(I::from_index).collect();
    order.sort_by(|&a, &b| natural_cmp(names.get(a).unwrap_or_default(), names.get(b).unwrap_or_default()));
    let mut ranks = vec![0; order.len()];
    for (rank, id) in order.into_iter().enumerate() {
        ranks[id.index()] = rank as u32;
    }
    ranks
}

/// The selected cases whose id contains `id_contains` (ignoring case), sorted by `sort`;
/// equal cases keep the log's order, whichever the direction. Cases without events are left
/// out.
pub fn sort_cases(
    log: &EventLog,
    selection: Selection<'_>,
    id_contains: &str,
    sort: CaseSort,
    descending: bool,
    within: Option<&CaseQuery>,
) -> Vec<CaseIndex> {
    use std::cmp::Ordering;
    let needle = id_contains.trim().to_lowercase();
    let candidates: Vec<CaseIndex> = match within {
        Some(query) => find_cases(log, selection, query),
        None => selection.iter(log).collect(),
    };
    let mut cases: Vec<CaseIndex> = candidates
        .into_iter()
        .filter(|&case| !log.case_events(case).is_empty())
        .filter(|&case| needle.is_empty() || log.case_ids[case.index()].to_lowercase().contains(&needle))
        .collect();
    let direct = |order: Ordering| if descending { order.reverse() } else { order };
    let last = |case: CaseIndex| log.case_events(case).end - 1;
    match sort {
        CaseSort::Id => {
            cases.sort_by(|&a, &b| direct(natural_cmp(&log.case_ids[a.index()], &log.case_ids[b.index()])));
        }
        CaseSort::Start => {
            let start = |c: CaseIndex| log.begin(log.case_events(c).start);
            cases.sort_by(|&a, &b| direct(start(a).cmp(&start(b))));
        }
        CaseSort::End => cases.sort_by(|&a, &b| direct(log.time[last(a)].cmp(&log.time[last(b)]))),
        CaseSort::Duration => cases.sort_by(|&a, &b| direct(case_duration(log, a).cmp(&case_duration(log, b)))),
        CaseSort::Events => cases.sort_by(|&a, &b| direct(log.case_events(a).len().cmp(&log.case_events(b).len()))),
        CaseSort::LastActivity => {
            let ranks = name_ranks(&log.activities);
            let rank = |c: CaseIndex| ranks.get(log.activity.get(last(c)).index()).copied().unwrap_or(u32::MAX);
            cases.sort_by(|&a, &b| direct(rank(a).cmp(&rank(b))));
        }
        CaseSort::Status => {
            let Some(column) = status_column(log) else { return cases };
            let ranks = name_ranks(&column.values);
            let keys: Vec<Option<u32>> =
                cases.iter().map(|&c| status_id(column, log, c).map(|id| ranks[id.index()])).collect();
            let mut order: Vec<usize> = (0..cases.len()).collect();
            // Cases without a status come last in both directions.
            order.sort_by(|&a, &b| match (keys[a], keys[b]) {
                (Some(x), Some(y)) => direct(x.cmp(&y)),
                (a, b) => a.is_none().cmp(&b.is_none()),
            });
            cases = order.into_iter().map(|i| cases[i]).collect();
        }
    }
    cases
}

/// The rows of these cases, in this order.
pub fn case_rows(log: &EventLog, cases: &[CaseIndex]) -> Vec<CaseRow> {
    use crate::time::to_iso;
    let status = status_column(log);
    cases
        .iter()
        .map(|&case| {
            let events = log.case_events(case);
            let last = events.end - 1;
            CaseRow {
                id: log.case_ids[case.index()].to_string(),
                start: to_iso(log.begin(events.start)),
                end: to_iso(log.time[last]),
                duration_s: seconds(case_duration(log, case)),
                events: events.len() as u64,
                last_activity: log.activities.get(log.activity.get(last)).unwrap_or_default().to_string(),
                status: status
                    .and_then(|column| status_id(column, log, case).and_then(|id| column.values.get(id)))
                    .map(str::to_string),
            }
        })
        .collect()
}

/// A page of the case list: the selected cases that match `query`, sorted, from its offset.
/// (The worker keeps the sorted order between pages; this is the whole computation.)
pub fn case_page(log: &EventLog, selection: Selection<'_>, query: &CaseListQuery) -> CasePage {
    let order = sort_cases(log, selection, &query.id_contains, query.sort, query.descending, query.within.as_ref());
    page_of(log, &order, query.offset, query.limit)
}

/// The page of `limit` rows from `offset` of cases already in order.
pub fn page_of(log: &EventLog, order: &[CaseIndex], offset: usize, limit: usize) -> CasePage {
    let from = offset.min(order.len());
    let to = from.saturating_add(limit).min(order.len());
    CasePage {
        total: order.len() as u64,
        offset: from as u64,
        rows: case_rows(log, &order[from..to]),
        has_status: status_column(log).is_some(),
    }
}

/// One event of a case, as the case view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// The activity.
    pub activity: String,
    /// Start time (ISO 8601), when the log has start times.
    pub start: Option<String>,
    /// Time (the end time when the log has start times), ISO 8601.
    pub time: String,
    /// The agent or team, if known.
    pub resource: Option<String>,
    /// Seconds since the previous event ended (its start time here, when known); `None` for the first.
    pub wait_s: Option<f64>,
    /// Seconds the event took (end - start), when the log has start times.
    pub duration_s: Option<f64>,
    /// Its event-level attributes that have a value: (column, value).
    pub attributes: Vec<(String, String)>,
}

/// A case with its events and attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseDetail {
    /// The case id.
    pub id: String,
    /// Its duration in seconds (see [`case_duration`]).
    pub duration_s: f64,
    /// Its case-level attributes that have a value: (column, value).
    pub attributes: Vec<(String, String)>,
    /// Its events in log order.
    pub events: Vec<CaseEvent>,
}

/// The case with id `id`, if the log has it.
pub fn case_detail(log: &EventLog, id: &str) -> Option<CaseDetail> {
    use crate::log::Level;
    use crate::time::to_iso;
    let case = CaseIndex::from_index(log.case_ids.binary_search_by(|c| (**c).cmp(id)).ok()?);
    let events = log.case_events(case);
    let attributes = log
        .attributes
        .iter()
        .filter(|a| a.level == Level::Case)
        .filter_map(|a| a.value(case, 0).map(|v| (a.name.clone(), v.to_string())))
        .collect();
    let mut previous_end: Option<Micros> = None;
    let events = events
        .map(|e| {
            let start = log.start.as_ref().map(|s| s[e]);
            let begin = start.unwrap_or(log.time[e]);
            let event = CaseEvent {
                activity: log.activities.get(log.activity.get(e)).unwrap_or_default().to_string(),
                start: start.map(to_iso),
                time: to_iso(log.time[e]),
                resource: log.resources.get(log.resource.get(e)).map(str::to_string),
                wait_s: previous_end.map(|end| seconds(begin - end)),
                duration_s: start.map(|s| seconds(log.time[e] - s)),
                attributes: log
                    .attributes
                    .iter()
                    .filter(|a| a.level == Level::Event)
                    .filter_map(|a| a.value(case, e).map(|v| (a.name.clone(), v.to_string())))
                    .collect(),
            };
            previous_end = Some(log.time[e]);
            event
        })
        .collect();
    Some(CaseDetail { id: id.to_string(), duration_s: seconds(case_duration(log, case)), attributes, events })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discovery::dfg::tests::log;

    const D: i64 = 24 * 60;

    #[test]
    fn durations_days_and_weeks() {
        // 2024-01-01 is a Monday: 19,723 days after 1970-01-01.
        let monday = 19_723 * D;
        let log = log(&[
            ("1", "A", monday),
            ("1", "B", monday + 2 * D + 60),
            ("2", "A", monday + D),
            ("2", "B", monday + D + 30),
            ("3", "A", monday + 7 * D),
        ]);
        let stats = case_stats(&log, Selection::All);
        let durations = stats.durations.unwrap();
        assert_eq!((durations.count, durations.min, durations.max), (3, 0.0, (2 * D + 60) as f64 * 60.0));
        assert_eq!(durations.median, 1800.0);
        assert_eq!(stats.days.len(), 8);
        assert_eq!(stats.days[0].start, "2024-01-01");
        assert_eq!((stats.days[1].arrivals, stats.days[1].completions, stats.days[1].active), (1, 1, 2));
        assert_eq!(stats.days[2].active, 1);
        assert_eq!(stats.days[3].active, 0);
        assert_eq!(stats.weeks.len(), 2);
        assert_eq!(
            (stats.weeks[0].start.as_str(), stats.weeks[0].arrivals, stats.weeks[1].active),
            ("2024-01-01", 2, 1)
        );
        let bars: u64 = stats.duration_histogram.iter().map(|b| b.cases).sum();
        assert_eq!(bars, 3);
        assert!(stats.duration_histogram.len() <= DURATION_BARS + 1);
        assert_eq!(stats.events_per_case.unwrap().max, 2.0);
        // The log spans Monday 1 to Monday 8 January: the first week whole, the second only
        // on its Monday.
        assert_eq!((stats.weeks[0].partial, stats.weeks[1].partial), (false, true));
        assert!(stats.days.iter().all(|d| !d.partial));
    }

    #[test]
    fn weeks_the_log_starts_or_ends_in_are_partial() {
        // Wednesday 2024-01-03 to Tuesday 2024-01-16: three weeks, the first and last in part.
        let wednesday = (19_723 + 2) * D;
        let cut = log(&[("1", "A", wednesday), ("1", "B", wednesday + 5 * D), ("2", "A", wednesday + 13 * D)]);
        let weeks = case_stats(&cut, Selection::All).weeks;
        let marks: Vec<(&str, bool)> = weeks.iter().map(|w| (w.start.as_str(), w.partial)).collect();
        assert_eq!(marks, [("2024-01-01", true), ("2024-01-08", false), ("2024-01-15", true)]);
        // From a Monday to a Sunday: nothing partial.
        let monday = 19_723 * D;
        let whole = log(&[("1", "A", monday), ("1", "B", monday + 13 * D + 600)]);
        assert!(case_stats(&whole, Selection::All).weeks.iter().all(|w| !w.partial));
    }

    /// The invariants of a duration histogram of `values`: counts add up, regular bins are
    /// round and contiguous, the overflow bin holds exactly the values above the regular bins,
    /// whose end is the 99th percentile rounded up to the bin width (or the longest value).
    fn check_histogram(values: &[f64]) -> Vec<Bin> {
        let bins = duration_histogram(values);
        assert_eq!(bins.iter().map(|b| b.cases).sum::<u64>(), values.len() as u64);
        let regular: Vec<&Bin> = bins.iter().filter(|b| !b.overflow).collect();
        assert!(bins.iter().filter(|b| b.overflow).count() <= 1);
        assert!(bins[..bins.len() - 1].iter().all(|b| !b.overflow), "the overflow bar comes last");
        let step = regular[0].to - regular[0].from;
        assert!(ticks::DURATION_STEPS.iter().any(|(s, _)| *s == step) || step % ticks::YEAR == 0.0, "step {step}");
        assert!(regular[0].from % step == 0.0 && regular[0].from <= values.iter().copied().fold(f64::MAX, f64::min));
        for pair in regular.windows(2) {
            assert_eq!((pair[0].to, pair[1].to - pair[1].from), (pair[1].from, step));
        }
        let cut = regular.last().unwrap().to;
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let rank = 0.99 * (sorted.len() - 1) as f64;
        let (lo, hi) = (sorted[rank.floor() as usize], sorted[rank.ceil() as usize]);
        let p99 = lo + (hi - lo) * rank.fract();
        let above = values.iter().filter(|&&v| v > cut).count() as u64;
        match bins.iter().find(|b| b.overflow) {
            Some(overflow) => {
                assert!(cut >= p99 && cut - step < p99.max(regular[0].from + step * 0.5), "cut {cut} p99 {p99}");
                assert!(regular.len() <= DURATION_BARS, "{} bars", regular.len());
                assert_eq!((overflow.cases, overflow.from, overflow.to), (above, cut, sorted[sorted.len() - 1]));
            }
            None => {
                assert_eq!(above, 0);
                assert!(regular.len() <= DURATION_BARS + DURATION_BARS / 4);
            }
        }
        bins
    }

    #[test]
    fn a_few_huge_outliers_go_to_an_overflow_bar() {
        const H: f64 = 3600.0;
        // 300 cases of 1 to 10 hours, two of over a year.
        let mut values: Vec<f64> = (0..300).map(|i| H + f64::from(i) * 9.0 * H / 299.0).collect();
        values.extend([400.0 * ticks::DAY, 1_157.0 * ticks::DAY]);
        let bins = check_histogram(&values);
        let overflow = bins.last().unwrap();
        assert!(overflow.overflow);
        assert_eq!((overflow.cases, overflow.from), (2, 10.0 * H));
        assert_eq!(bins[0].to - bins[0].from, 30.0 * 60.0);
        assert_eq!((bins[0].from, bins.len()), (H, 19));
    }

    #[test]
    fn histograms_without_outliers_need_no_overflow_bar() {
        let values: Vec<f64> = (0..1000).map(|i| f64::from(i) * 360.0).collect();
        let bins = check_histogram(&values);
        assert!(bins.iter().all(|b| !b.overflow));
        assert_eq!(bins.last().unwrap().to, 102.0 * 3600.0);
        // No spread: one bar at 0, or bars from 0 up to the cases' one duration.
        assert_eq!(check_histogram(&[0.0, 0.0]).len(), 1);
        let same = check_histogram(&[1_157.0 * ticks::DAY; 5]);
        assert_eq!((same[0].from, same[0].to - same[0].from), (0.0, 3.0 * ticks::MONTH));
        assert_eq!((same.len(), same[12].cases), (13, 5));
        let close = check_histogram(&[100.0 * 3600.0, 101.0 * 3600.0, 104.0 * 3600.0]);
        assert_eq!((close[0].from, close.last().unwrap().to, close.len()), (0.0, 108.0 * 3600.0, 18));
        assert!(duration_histogram(&[]).is_empty());
    }

    #[test]
    fn histograms_of_any_shape_keep_their_invariants() {
        // Log-uniform durations from a second to years, with a long tail, in many sizes.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for n in [2, 3, 10, 99, 100, 101, 1000, 5000] {
            for spread in [2.0, 4.0, 7.0, 9.0] {
                let values: Vec<f64> = (0..n).map(|_| 10f64.powf(next() * spread).round()).collect();
                check_histogram(&values);
            }
        }
    }

    #[test]
    fn cases_are_found_by_id_activity_and_edge() {
        let log = log(&[
            ("A-1", "Open", 0),
            ("A-1", "Close", 5),
            ("B-2", "Open", 0),
            ("B-2", "Work", 1),
            ("B-2", "Close", 9),
        ]);
        let id = |name: &str| log.activities.find(name);
        let find = |query: CaseQuery| find_cases(&log, Selection::All, &query);
        let (a, b) = (CaseIndex(0), CaseIndex(1));
        assert_eq!(find(CaseQuery { id_contains: "b-".into(), ..CaseQuery::default() }), [b]);
        assert_eq!(find(CaseQuery { activity: id("Work"), ..CaseQuery::default() }), [b]);
        assert_eq!(find(CaseQuery { edge: Some((id("Open"), id("Close"))), ..CaseQuery::default() }), [a]);
        assert_eq!(find(CaseQuery { edge: Some((None, id("Open"))), ..CaseQuery::default() }), [a, b]);
        assert_eq!(find(CaseQuery { edge: Some((id("Close"), None)), ..CaseQuery::default() }), [a, b]);
        let detail = case_detail(&log, "B-2").unwrap();
        assert_eq!(detail.events.len(), 3);
        assert_eq!((detail.events[0].wait_s, detail.events[2].wait_s), (None, Some(480.0)));
        assert_eq!(detail.duration_s, 540.0);
        assert!(case_detail(&log, "C-3").is_none());
    }

    /// A log with a status column: `(case, activity, minutes, status)` rows.
    fn with_status(rows: &[(&str, &str, i64, Option<&str>)]) -> EventLog {
        use crate::log::ServiceField;
        use crate::log::builder::{LogBuilder, NewEvent};
        let mut builder = LogBuilder::new(vec![("state".into(), Some(ServiceField::Status))], false);
        for (row, &(case, activity, minutes, status)) in rows.iter().enumerate() {
            let event =
                NewEvent { case, activity, time: minutes * 60_000_000, start: None, resource: None, row: row as u32 };
            builder.push(event, [status]);
        }
        builder.finish()
    }

    fn ids(log: &EventLog, query: &CaseListQuery) -> Vec<String> {
        case_page(log, Selection::All, query).rows.into_iter().map(|r| r.id).collect()
    }

    fn sorted(sort: CaseSort, descending: bool) -> CaseListQuery {
        CaseListQuery { sort, descending, limit: 100, ..CaseListQuery::default() }
    }

    #[test]
    fn the_case_list_sorts_by_every_column_both_ways() {
        let log = with_status(&[
            ("C-10", "Open", 0, Some("New")),
            ("C-10", "Close", 300, Some("Closed")),
            ("C-2", "Open", 60, Some("New")),
            ("C-2", "Work", 70, None),
            ("C-2", "Work", 80, None),
            ("C-3", "Open", 30, None),
            ("C-3", "Wait", 40, Some("On Hold")),
        ]);
        let by = |sort, descending| ids(&log, &sorted(sort, descending));
        // Ids: numbers as numbers (the log itself orders C-10 before C-2, as text).
        assert_eq!(by(CaseSort::Id, false), ["C-2", "C-3", "C-10"]);
        assert_eq!(by(CaseSort::Id, true), ["C-10", "C-3", "C-2"]);
        assert_eq!(by(CaseSort::Start, false), ["C-10", "C-3", "C-2"]);
        assert_eq!(by(CaseSort::End, true), ["C-10", "C-2", "C-3"]);
        // Durations 300, 20 and 10 minutes.
        assert_eq!(by(CaseSort::Duration, false), ["C-3", "C-2", "C-10"]);
        assert_eq!(by(CaseSort::Duration, true), ["C-10", "C-2", "C-3"]);
        assert_eq!(by(CaseSort::Events, true), ["C-2", "C-10", "C-3"]);
        assert_eq!(by(CaseSort::LastActivity, false), ["C-10", "C-3", "C-2"]);
        // The status is the last value a case's events have: C-2 keeps "New".
        assert_eq!(by(CaseSort::Status, false), ["C-10", "C-2", "C-3"]);
        assert_eq!(by(CaseSort::Status, true), ["C-3", "C-2", "C-10"]);
        let page = case_page(&log, Selection::All, &sorted(CaseSort::Duration, true));
        let top = &page.rows[0];
        assert_eq!((top.duration_s, top.events, top.last_activity.as_str()), (18_000.0, 2, "Close"));
        assert_eq!((top.start.as_str(), top.end.as_str()), ("1970-01-01T00:00:00Z", "1970-01-01T05:00:00Z"));
        assert_eq!(top.status.as_deref(), Some("Closed"));
        assert!(page.has_status);
    }

    #[test]
    fn cases_without_a_status_come_last_and_ties_keep_the_log_order() {
        let log = with_status(&[
            ("a", "Open", 0, None),
            ("b", "Open", 0, Some("New")),
            ("c", "Open", 0, None),
            ("d", "Open", 0, Some("New")),
        ]);
        assert_eq!(ids(&log, &sorted(CaseSort::Status, false)), ["b", "d", "a", "c"]);
        assert_eq!(ids(&log, &sorted(CaseSort::Status, true)), ["b", "d", "a", "c"]);
        // Equal durations: the log's order, whichever the direction.
        assert_eq!(ids(&log, &sorted(CaseSort::Duration, true)), ["a", "b", "c", "d"]);
        let without = log_with_cases(3);
        let page = case_page(&without, Selection::All, &sorted(CaseSort::Status, false));
        assert!(!page.has_status);
        assert!(page.rows.iter().all(|r| r.status.is_none()));
    }

    fn log_with_cases(cases: usize) -> EventLog {
        use crate::log::builder::{LogBuilder, NewEvent};
        let mut builder = LogBuilder::new(Vec::new(), false);
        for i in 0..cases {
            let case = format!("K{i}");
            // Case i takes (i * 7919) % cases minutes: every duration differs.
            let minutes = ((i * 7919) % cases) as i64;
            for (n, (activity, at)) in [("Open", 0), ("Close", minutes)].into_iter().enumerate() {
                let event = NewEvent {
                    case: &case,
                    activity,
                    time: (i as i64 + at) * 60_000_000,
                    start: None,
                    resource: None,
                    row: (2 * i + n) as u32,
                };
                builder.push(event, std::iter::empty());
            }
        }
        builder.finish()
    }

    #[test]
    fn pages_of_a_hundred_thousand_cases_cover_each_case_once_in_order() {
        let log = log_with_cases(100_000);
        let order = sort_cases(&log, Selection::All, "", CaseSort::Duration, true, None);
        assert_eq!(order.len(), 100_000);
        let mut seen = Vec::new();
        let mut offset = 0;
        while offset < order.len() {
            let page = page_of(&log, &order, offset, 5_000);
            assert_eq!((page.total, page.offset), (100_000, offset as u64));
            seen.extend(page.rows.into_iter().map(|r| r.duration_s));
            offset += 5_000;
        }
        assert_eq!(seen.len(), 100_000);
        assert!(seen.windows(2).all(|w| w[0] > w[1]), "durations strictly falling");
        assert_eq!(seen[0], 99_999.0 * 60.0);
        // Past the end: an empty page that still counts the cases.
        let past = page_of(&log, &order, 200_000, 50);
        assert_eq!((past.total, past.offset, past.rows.len()), (100_000, 100_000, 0));
        // The search narrows the list before it is sorted and paged.
        let page = case_page(
            &log,
            Selection::All,
            &CaseListQuery { id_contains: "k9999".into(), sort: CaseSort::Id, limit: 3, ..CaseListQuery::default() },
        );
        assert_eq!(page.total, 11);
        assert_eq!(page.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["K9999", "K99990", "K99991"]);
    }

    #[test]
    fn the_case_list_follows_the_selection() {
        let log = log_with_cases(10);
        let chosen = [1, 4, 7].map(CaseIndex);
        let page = case_page(&log, Selection::Cases(&chosen), &sorted(CaseSort::Id, false));
        assert_eq!(page.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["K1", "K4", "K7"]);
        assert_eq!(page.total, 3);
    }

    #[test]
    fn natural_order_compares_numbers_as_numbers() {
        use std::cmp::Ordering::*;
        assert_eq!(natural_cmp("CS-2", "CS-10"), Less);
        assert_eq!(natural_cmp("CS-0010", "CS-9"), Greater);
        assert_eq!(natural_cmp("a", "a1"), Less);
        assert_eq!(natural_cmp("007", "7"), Less);
        assert_eq!(natural_cmp("B", "a"), Less);
        assert_eq!(natural_cmp("INC123", "INC123"), Equal);
    }

    #[test]
    fn no_cases_no_figures() {
        let log = log(&[("1", "A", 0)]);
        let stats = case_stats(&log, Selection::Cases(&[]));
        assert_eq!((stats.durations, stats.days.len()), (None, 0));
    }
}
