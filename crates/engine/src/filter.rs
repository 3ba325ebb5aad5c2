//! Filters: a chain of steps that narrows the log down to the cases (and events) a question
//! is about. Every view of the app and `casemap analyze --filter` read the log through the
//! current chain.
//!
//! # Steps
//! Each [`Filter`] keeps or drops whole cases, except the event-level ones, which keep
//! cases but drop some of their events (a case left without events goes):
//!
//! | step | keeps |
//! | --- | --- |
//! | `time_frame` | cases **contained** in `[from, to)`, **intersecting** it, **started** in it, **completed** in it; or, with **trim**, only the events in it (event level) |
//! | `attribute` | cases whose column has one of the values (case-level columns: the case's value; event-level: any event's), or with `exclude` the others; with `events`, only the events that have one of the values (event level) |
//! | `activities` | cases with any / all / none of the activities; or only the events of them (event level) |
//! | `resources` | cases some of whose events were done by one of the resources (or none, with `exclude`); with `events`, only their events |
//! | `variants` | cases whose activity sequence is one of the given ones (or none of them) |
//! | `duration` | cases whose duration, as every view shows it ([`case_duration`](crate::discovery::cases::case_duration): from the first event's start, when the log has start times, to the last event's end), is within `[min_s, max_s]`; without start times this is PM4Py's `filter_case_performance` |
//! | `start_activities`, `end_activities` | cases whose first / last activity is one of these (or not) |
//! | `followed_by` | cases where `to` follows `from`: directly (the next event) or eventually (any later event), optionally within `within_s` seconds from the end of `from` to the start of `to` |
//! | `cases` | cases with these ids (or without) |
//!
//! Times are ISO 8601 (`2025-03-01`, `2025-03-01T08:00`, `2025-03-01T08:00:00Z`); a `to`
//! given as a date alone means the end of that day. Case times are the first event's start
//! (or time) and the last event's time. Values and activities are compared as written in the
//! file; a value the log does not have matches nothing.
//!
//! # Cost
//! A case-level step is one pass over the current cases (and their events where it needs
//! them); an event-level step copies the kept events into a new, smaller log (columns
//! only, no parsing). Steps after it work on that log.
//!
//! ```
//! use casemap_engine::filter::{FilterChain, apply};
//! use casemap_engine::ingest::{ImportOptions, import_bytes};
//!
//! let csv = "case,activity,time,channel\n1,a,2025-01-01 10:00,Email\n2,a,2025-01-02 10:00,Phone\n";
//! let log = import_bytes(csv.as_bytes(), &ImportOptions::default()).unwrap().log;
//! let chain: FilterChain = serde_json::from_str(
//!     r#"{"filters": [{"type": "attribute", "column": "channel", "values": ["Email"]}]}"#,
//! ).unwrap();
//! let filtered = apply(&log, &chain).unwrap();
//! assert_eq!(filtered.steps[0].cases, 1);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::log::{ActivityId, Attribute, CaseIndex, EventLog, Id, Interned, Level, ResourceId, Selection, ValueId};
use crate::time::{DAY, DateOrder, Micros, TimeFormat};

/// How a time frame selects cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeMode {
    /// The whole case lies in the frame.
    Contained,
    /// The case overlaps the frame.
    Intersecting,
    /// The case started in the frame.
    Started,
    /// The case ended in the frame.
    Completed,
    /// Only the events in the frame are kept (event level).
    Trim,
}

/// How an activity step selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Cases with at least one of the activities.
    Any,
    /// Cases with all of them.
    All,
    /// Cases with none of them.
    None,
    /// Only the events of these activities (event level).
    Events,
}

/// One step of a chain; see the [module docs](self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Filter {
    /// A time frame.
    TimeFrame {
        /// Start, ISO 8601 (inclusive).
        from: String,
        /// End, ISO 8601 (exclusive; a date alone: the end of that day).
        to: String,
        /// How cases are selected.
        mode: TimeMode,
    },
    /// Values of a column.
    Attribute {
        /// The column, as named in the file.
        column: String,
        /// The values.
        values: Vec<String>,
        /// Keep the cases without these values instead.
        #[serde(default)]
        exclude: bool,
        /// Keep only the events with these values (event-level columns).
        #[serde(default)]
        events: bool,
    },
    /// Activities present or absent.
    Activities {
        /// The activities.
        activities: Vec<String>,
        /// How they select.
        mode: Presence,
    },
    /// Resources.
    Resources {
        /// The resources.
        resources: Vec<String>,
        /// Keep the cases none of whose events were done by them.
        #[serde(default)]
        exclude: bool,
        /// Keep only their events.
        #[serde(default)]
        events: bool,
    },
    /// Variants, as activity sequences.
    Variants {
        /// The sequences.
        variants: Vec<Vec<String>>,
        /// Keep the other cases instead.
        #[serde(default)]
        exclude: bool,
    },
    /// Case duration.
    Duration {
        /// Shortest, seconds.
        #[serde(default)]
        min_s: Option<f64>,
        /// Longest, seconds.
        #[serde(default)]
        max_s: Option<f64>,
    },
    /// First activity.
    StartActivities {
        /// The activities.
        activities: Vec<String>,
        /// Keep the other cases instead.
        #[serde(default)]
        exclude: bool,
    },
    /// Last activity.
    EndActivities {
        /// The activities.
        activities: Vec<String>,
        /// Keep the other cases instead.
        #[serde(default)]
        exclude: bool,
    },
    /// `from` followed by `to`.
    FollowedBy {
        /// The earlier activity.
        from: String,
        /// The later activity.
        to: String,
        /// The next event (else any later one).
        #[serde(default)]
        directly: bool,
        /// Most seconds between them.
        #[serde(default)]
        within_s: Option<f64>,
        /// Keep the cases without it instead.
        #[serde(default)]
        exclude: bool,
    },
    /// Case ids.
    Cases {
        /// The ids.
        ids: Vec<String>,
        /// Keep the other cases instead.
        #[serde(default)]
        exclude: bool,
    },
}

impl Filter {
    /// Whether the step drops events rather than whole cases.
    pub fn is_event_level(&self) -> bool {
        matches!(
            self,
            Filter::TimeFrame { mode: TimeMode::Trim, .. }
                | Filter::Attribute { events: true, .. }
                | Filter::Activities { mode: Presence::Events, .. }
                | Filter::Resources { events: true, .. }
        )
    }
}

/// A chain of filters, applied in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterChain {
    /// The steps.
    pub filters: Vec<Filter>,
}

/// Cases and events after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepCount {
    /// Cases left.
    pub cases: u64,
    /// Events left.
    pub events: u64,
}

/// Why a chain cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FilterError {
    /// A step names a column the log does not have.
    UnknownColumn {
        /// The step (0-based).
        step: usize,
        /// The column.
        column: String,
    },
    /// A step's time is not ISO 8601.
    BadTime {
        /// The step (0-based).
        step: usize,
        /// The value.
        value: String,
    },
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterError::UnknownColumn { step, column } => {
                write!(f, "filter {}: the log has no column \"{column}\"", step + 1)
            }
            FilterError::BadTime { step, value } => {
                write!(f, "filter {}: \"{value}\" is not a date or time in ISO 8601 (2025-03-01T08:00)", step + 1)
            }
        }
    }
}

impl std::error::Error for FilterError {}

/// The result of a chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Filtered {
    /// The smaller log made by event-level steps (`None`: the cases are those of the
    /// original log).
    pub sublog: Option<EventLog>,
    /// The kept cases, ascending, as indices into [`Filtered::log`].
    pub cases: Vec<CaseIndex>,
    /// Cases and events after each step.
    pub steps: Vec<StepCount>,
    /// Whether every case of that log is kept (no case-level step dropped any).
    pub all: bool,
}

impl Filtered {
    /// The log the cases index: the sublog, or `base` (the log the chain was applied to).
    pub fn log<'a>(&'a self, base: &'a EventLog) -> &'a EventLog {
        self.sublog.as_ref().unwrap_or(base)
    }

    /// The kept cases as a selection.
    pub fn selection(&self) -> Selection<'_> {
        if self.all { Selection::All } else { Selection::Cases(&self.cases) }
    }

    /// The unfiltered log: every case.
    pub fn everything(log: &EventLog) -> Filtered {
        Filtered { sublog: None, cases: CaseIndex::all(log.case_count()).collect(), steps: Vec::new(), all: true }
    }
}

/// Parses a filter time; `end` makes a date alone mean the end of its day.
pub fn parse_time(value: &str, end: bool) -> Option<Micros> {
    let value = value.trim();
    let micros = TimeFormat::Calendar { order: DateOrder::YearMonthDay }.parse(value)?;
    let date_only = value.len() <= 10 && !value.contains(['T', ' ', ':']);
    Some(if end && date_only { micros + DAY } else { micros })
}

fn case_start(log: &EventLog, case: CaseIndex) -> Micros {
    let first = log.case_events(case).start;
    log.begin(first)
}

fn case_end(log: &EventLog, case: CaseIndex) -> Micros {
    log.time[log.case_events(case).end - 1]
}

fn ids<I: Id>(names: &[String], table: &Interned<I>) -> Vec<I> {
    names.iter().filter_map(|n| table.find(n)).collect()
}

/// The attribute named `column`, or the error for step `step`.
fn attribute<'l>(log: &'l EventLog, column: &str, step: usize) -> Result<&'l Attribute, FilterError> {
    log.attributes
        .iter()
        .find(|a| a.name == column)
        .ok_or_else(|| FilterError::UnknownColumn { step, column: column.to_owned() })
}

/// Keeps the events `keep` says of the cases in `cases`, as a new log; cases left without
/// events go.
pub fn subset(log: &EventLog, cases: &[CaseIndex], keep: impl Fn(CaseIndex, usize) -> bool) -> EventLog {
    let mut kept_cases: Vec<CaseIndex> = Vec::with_capacity(cases.len());
    let mut events: Vec<usize> = Vec::new();
    let mut case_starts = vec![0u32];
    for &case in cases {
        let before = events.len();
        events.extend(log.case_events(case).filter(|&e| keep(case, e)));
        if events.len() > before {
            kept_cases.push(case);
            case_starts.push(events.len() as u32);
        }
    }
    EventLog {
        case_ids: kept_cases.iter().map(|&c| log.case_ids[c.index()].clone()).collect(),
        case_starts,
        activities: log.activities.clone(),
        resources: log.resources.clone(),
        activity: log.activity.pick(&events),
        time: events.iter().map(|&e| log.time[e]).collect(),
        start: log.start.as_ref().map(|s| events.iter().map(|&e| s[e]).collect()),
        resource: log.resource.pick(&events),
        row: log.row.pick(&events),
        attributes: log
            .attributes
            .iter()
            .map(|a| Attribute {
                ids: match a.level {
                    Level::Case => kept_cases.iter().map(|&c| a.ids.get(c.index())).collect(),
                    Level::Event => a.ids.pick(events.iter().copied()),
                },
                ..a.clone_without_ids()
            })
            .collect(),
    }
}

/// Applies `chain` to `log`.
///
/// # Errors
/// When a step names a column the log lacks or gives a time that is not ISO 8601.
pub fn apply(log: &EventLog, chain: &FilterChain) -> Result<Filtered, FilterError> {
    let mut sublog: Option<EventLog> = None;
    let mut cases: Vec<CaseIndex> = CaseIndex::all(log.case_count()).collect();
    let mut all = true;
    let mut steps = Vec::with_capacity(chain.filters.len());
    for (step, filter) in chain.filters.iter().enumerate() {
        let current = sublog.as_ref().unwrap_or(log);
        if filter.is_event_level() {
            let keep = event_rule(current, filter, step)?;
            let next = subset(current, &cases, &keep);
            drop(keep);
            cases = CaseIndex::all(next.case_count()).collect();
            all = true;
            sublog = Some(next);
        } else {
            let keep = case_rule(current, filter, step)?;
            let before = cases.len();
            cases.retain(|&c| keep(c));
            all &= cases.len() == before;
        }
        let current = sublog.as_ref().unwrap_or(log);
        let events = cases.iter().map(|&c| log_case_len(current, c)).sum::<usize>() as u64;
        steps.push(StepCount { cases: cases.len() as u64, events });
    }
    Ok(Filtered { sublog, cases, steps, all })
}

fn log_case_len(log: &EventLog, case: CaseIndex) -> usize {
    log.case_events(case).len()
}

type CaseRule<'a> = Box<dyn Fn(CaseIndex) -> bool + 'a>;
type EventRule<'a> = Box<dyn Fn(CaseIndex, usize) -> bool + 'a>;

fn frame(from: &str, to: &str, step: usize) -> Result<(Micros, Micros), FilterError> {
    let bad = |value: &str| FilterError::BadTime { step, value: value.to_owned() };
    Ok((parse_time(from, false).ok_or_else(|| bad(from))?, parse_time(to, true).ok_or_else(|| bad(to))?))
}

fn event_rule<'a>(log: &'a EventLog, filter: &'a Filter, step: usize) -> Result<EventRule<'a>, FilterError> {
    Ok(match filter {
        Filter::TimeFrame { from, to, .. } => {
            let (from, to) = frame(from, to, step)?;
            Box::new(move |_, e| {
                let begin = log.begin(e);
                begin >= from && log.time[e] < to
            })
        }
        Filter::Attribute { column, values, exclude, .. } => {
            let attribute = attribute(log, column, step)?;
            let wanted = ids(values, &attribute.values);
            let exclude = *exclude;
            Box::new(move |case, e| {
                let id = attribute.id(case, e);
                (id != ValueId::MISSING && wanted.contains(&id)) != exclude
            })
        }
        Filter::Activities { activities, .. } => {
            let wanted = ids(activities, &log.activities);
            Box::new(move |_, e| wanted.contains(&log.activity.get(e)))
        }
        Filter::Resources { resources, exclude, .. } => {
            let wanted = ids(resources, &log.resources);
            let exclude = *exclude;
            Box::new(move |_, e| {
                let resource = log.resource.get(e);
                (resource != ResourceId::MISSING && wanted.contains(&resource)) != exclude
            })
        }
        _ => Box::new(|_, _| true),
    })
}

fn case_rule<'a>(log: &'a EventLog, filter: &'a Filter, step: usize) -> Result<CaseRule<'a>, FilterError> {
    Ok(match filter {
        Filter::TimeFrame { from, to, mode } => {
            let (from, to) = frame(from, to, step)?;
            let mode = *mode;
            Box::new(move |c| {
                let (start, end) = (case_start(log, c), case_end(log, c));
                match mode {
                    TimeMode::Contained => start >= from && end < to,
                    TimeMode::Intersecting => start < to && end >= from,
                    TimeMode::Started => start >= from && start < to,
                    TimeMode::Completed | TimeMode::Trim => end >= from && end < to,
                }
            })
        }
        Filter::Attribute { column, values, exclude, .. } => {
            let attribute = attribute(log, column, step)?;
            let wanted = ids(values, &attribute.values);
            let exclude = *exclude;
            Box::new(move |c| {
                let has = match attribute.level {
                    Level::Case => wanted.contains(&attribute.id_at(c.index())),
                    Level::Event => log.case_events(c).any(|e| wanted.contains(&attribute.id_at(e))),
                };
                has != exclude
            })
        }
        Filter::Activities { activities, mode } => {
            let wanted = ids(activities, &log.activities);
            let unknown = wanted.len() < activities.len();
            let mode = *mode;
            Box::new(move |c| {
                let events = log.activity.run(log.case_events(c));
                match mode {
                    Presence::Any | Presence::Events => wanted.iter().any(|a| events.contains(a)),
                    Presence::All => !unknown && wanted.iter().all(|a| events.contains(a)),
                    Presence::None => !wanted.iter().any(|a| events.contains(a)),
                }
            })
        }
        Filter::Resources { resources, exclude, .. } => {
            let wanted = ids(resources, &log.resources);
            let exclude = *exclude;
            Box::new(move |c| log.case_events(c).any(|e| wanted.contains(&log.resource.get(e))) != exclude)
        }
        Filter::Variants { variants, exclude } => {
            let wanted: Vec<Vec<ActivityId>> = variants
                .iter()
                .filter_map(|v| v.iter().map(|a| log.activities.find(a)).collect::<Option<Vec<_>>>())
                .collect();
            let exclude = *exclude;
            Box::new(move |c| {
                let sequence = log.activity.run(log.case_events(c));
                wanted.iter().any(|w| sequence.iter().eq(w.iter().copied())) != exclude
            })
        }
        Filter::Duration { min_s, max_s } => {
            let (min, max) = (*min_s, *max_s);
            Box::new(move |c| {
                let d = crate::discovery::stats::seconds(crate::discovery::cases::case_duration(log, c));
                min.is_none_or(|m| d >= m) && max.is_none_or(|m| d <= m)
            })
        }
        Filter::StartActivities { activities, exclude } | Filter::EndActivities { activities, exclude } => {
            let wanted = ids(activities, &log.activities);
            let exclude = *exclude;
            let first = matches!(filter, Filter::StartActivities { .. });
            Box::new(move |c| {
                let events = log.case_events(c);
                let e = if first { events.start } else { events.end - 1 };
                wanted.contains(&log.activity.get(e)) != exclude
            })
        }
        Filter::FollowedBy { from, to, directly, within_s, exclude } => {
            let (a, b) = (log.activities.find(from), log.activities.find(to));
            let within = within_s.map(|s| (s * 1e6) as Micros);
            let (directly, exclude) = (*directly, *exclude);
            Box::new(move |c| {
                let (Some(a), Some(b)) = (a, b) else { return exclude };
                let mut order = Vec::new();
                crate::discovery::follows_order(log, c, &mut order);
                let close = |ea: usize, eb: usize| within.is_none_or(|w| log.begin(eb) - log.time[ea] <= w);
                let found = if directly {
                    order.windows(2).any(|w| {
                        let (x, y) = (w[0] as usize, w[1] as usize);
                        log.activity.get(x) == a && log.activity.get(y) == b && close(x, y)
                    })
                } else {
                    let mut last_a: Option<usize> = None;
                    let mut found = false;
                    for &e in &order {
                        let e = e as usize;
                        if log.activity.get(e) == b && last_a.is_some_and(|x| close(x, e)) {
                            found = true;
                            break;
                        }
                        if log.activity.get(e) == a {
                            last_a = Some(e);
                        }
                    }
                    found
                };
                found != exclude
            })
        }
        Filter::Cases { ids: wanted, exclude } => {
            let mut wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
            wanted.sort_unstable();
            let exclude = *exclude;
            Box::new(move |c| wanted.binary_search(&&*log.case_ids[c.index()]).is_ok() != exclude)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{ImportOptions, import_bytes};

    const LOG: &str = "\
case,activity,time,agent,channel,status
a,Created,2025-01-06 09:00,,Email,New
a,Assigned,2025-01-06 10:00,Anna,Email,Open
a,Resolved,2025-01-06 12:00,Anna,Email,Done
b,Created,2025-01-07 09:00,,Phone,New
b,Assigned,2025-01-08 09:00,Bob,Phone,Open
b,Escalated,2025-01-09 09:00,Bob,Phone,Open
b,Resolved,2025-01-10 09:00,Carla,Phone,Done
c,Created,2025-02-01 09:00,,Email,New
c,Resolved,2025-02-01 09:30,Anna,Email,Done
";

    fn log() -> EventLog {
        import_bytes(LOG.as_bytes(), &ImportOptions::default()).unwrap().log
    }

    fn kept(filters: serde_json::Value) -> (Vec<String>, Vec<StepCount>) {
        let log = log();
        let chain: FilterChain = serde_json::from_value(serde_json::json!({ "filters": filters })).unwrap();
        let filtered = apply(&log, &chain).unwrap();
        let current = filtered.log(&log);
        (filtered.cases.iter().map(|&c| current.case_ids[c.index()].to_string()).collect(), filtered.steps)
    }

    fn ids_of(filters: serde_json::Value) -> Vec<String> {
        kept(filters).0
    }

    #[test]
    fn time_frames() {
        let frame = |mode: &str, from: &str, to: &str| {
            ids_of(serde_json::json!([{"type": "time_frame", "from": from, "to": to, "mode": mode}]))
        };
        // b runs from the 7th to the 10th.
        assert_eq!(frame("contained", "2025-01-06", "2025-01-09"), ["a"]);
        assert_eq!(frame("contained", "2025-01-06", "2025-01-10"), ["a", "b"]);
        assert_eq!(frame("intersecting", "2025-01-08", "2025-01-08"), ["b"]);
        assert_eq!(frame("started", "2025-01-07", "2025-02-01"), ["b", "c"]);
        assert_eq!(frame("completed", "2025-01-10", "2025-01-31"), ["b"]);
        let (ids, steps) = kept(
            serde_json::json!([{"type": "time_frame", "from": "2025-01-08", "to": "2025-01-09T12:00", "mode": "trim"}]),
        );
        assert_eq!(ids, ["b"]);
        assert_eq!(steps, [StepCount { cases: 1, events: 2 }]);
    }

    #[test]
    fn attributes_activities_resources() {
        assert_eq!(
            ids_of(serde_json::json!([{"type": "attribute", "column": "channel", "values": ["Email"]}])),
            ["a", "c"]
        );
        assert_eq!(
            ids_of(
                serde_json::json!([{"type": "attribute", "column": "channel", "values": ["Email"], "exclude": true}])
            ),
            ["b"]
        );
        // An event-level column: cases with an event "Open".
        assert_eq!(
            ids_of(serde_json::json!([{"type": "attribute", "column": "status", "values": ["Open"]}])),
            ["a", "b"]
        );
        let (_, steps) =
            kept(serde_json::json!([{"type": "attribute", "column": "status", "values": ["Open"], "events": true}]));
        assert_eq!(steps, [StepCount { cases: 2, events: 3 }]);
        assert_eq!(
            ids_of(serde_json::json!([{"type": "activities", "activities": ["Escalated"], "mode": "none"}])),
            ["a", "c"]
        );
        assert_eq!(
            ids_of(serde_json::json!([{"type": "activities", "activities": ["Assigned", "Escalated"], "mode": "all"}])),
            ["b"]
        );
        assert_eq!(ids_of(serde_json::json!([{"type": "resources", "resources": ["Carla"]}])), ["b"]);
        let (ids, steps) =
            kept(serde_json::json!([{"type": "activities", "activities": ["Resolved"], "mode": "events"}]));
        assert_eq!((ids.len(), steps[0].events), (3, 3));
    }

    #[test]
    fn the_duration_filter_measures_cases_as_the_views_do_from_the_first_start() {
        use crate::log::builder::{LogBuilder, NewEvent};
        let hour = 3_600_000_000;
        let mut builder = LogBuilder::new(Vec::new(), true);
        // One event worked on for two hours: its case lasts two hours, not zero.
        let event = NewEvent { case: "x", activity: "Work", time: 2 * hour, start: Some(0), resource: None, row: 0 };
        builder.push(event, std::iter::empty());
        let log = builder.finish();
        let chain: FilterChain =
            serde_json::from_value(serde_json::json!({ "filters": [{"type": "duration", "min_s": 3600}] })).unwrap();
        assert_eq!(apply(&log, &chain).unwrap().cases, [CaseIndex(0)]);
        assert_eq!(crate::discovery::cases::case_duration(&log, CaseIndex(0)), 2 * hour);
    }

    #[test]
    fn variants_durations_endpoints_and_followers() {
        assert_eq!(ids_of(serde_json::json!([{"type": "variants", "variants": [["Created", "Resolved"]]}])), ["c"]);
        // a takes 3 h, b 3 days, c 30 min.
        assert_eq!(ids_of(serde_json::json!([{"type": "duration", "min_s": 3600, "max_s": 86400}])), ["a"]);
        assert_eq!(ids_of(serde_json::json!([{"type": "start_activities", "activities": ["Created"]}])).len(), 3);
        assert_eq!(
            ids_of(serde_json::json!([{"type": "end_activities", "activities": ["Resolved"], "exclude": true}])).len(),
            0
        );
        let follows = |directly: bool, within: Option<f64>| {
            ids_of(
                serde_json::json!([{"type": "followed_by", "from": "Assigned", "to": "Resolved", "directly": directly, "within_s": within}]),
            )
        };
        assert_eq!(follows(true, None), ["a"]);
        assert_eq!(follows(false, None), ["a", "b"]);
        // b: Assigned on the 8th, Resolved on the 10th: 2 days.
        assert_eq!(follows(false, Some(86_400.0)), ["a"]);
        assert_eq!(ids_of(serde_json::json!([{"type": "cases", "ids": ["c", "a"]}])), ["a", "c"]);
    }

    #[test]
    fn chains_count_every_step_and_event_steps_make_a_smaller_log() {
        let (ids, steps) = kept(serde_json::json!([
            {"type": "attribute", "column": "channel", "values": ["Email"]},
            {"type": "activities", "activities": ["Assigned", "Resolved"], "mode": "events"},
            {"type": "duration", "min_s": 3600},
        ]));
        // Email: a (3 events) and c (2). Only Assigned and Resolved: a has 2, c has 1. Then at
        // least an hour from the first kept event to the last: a (10:00 to 12:00) only.
        assert_eq!(
            steps,
            [StepCount { cases: 2, events: 5 }, StepCount { cases: 2, events: 3 }, StepCount { cases: 1, events: 2 }]
        );
        assert_eq!(ids, ["a"]);
    }

    #[test]
    fn errors_name_the_step_and_the_value() {
        let log = log();
        let chain: FilterChain = serde_json::from_value(serde_json::json!({"filters": [
            {"type": "duration", "min_s": 1},
            {"type": "attribute", "column": "colour", "values": ["red"]},
        ]}))
        .unwrap();
        let error = apply(&log, &chain).unwrap_err();
        assert_eq!(error.to_string(), "filter 2: the log has no column \"colour\"");
        let chain: FilterChain = serde_json::from_value(
            serde_json::json!({"filters": [{"type": "time_frame", "from": "yesterday", "to": "2025-01-01", "mode": "started"}]}),
        )
        .unwrap();
        assert_eq!(apply(&log, &chain).unwrap_err(), FilterError::BadTime { step: 0, value: "yesterday".into() });
    }

    #[test]
    fn applying_a_chain_twice_gives_the_same_cases() {
        let log = log();
        let chain: FilterChain = serde_json::from_value(
            serde_json::json!({"filters": [{"type": "attribute", "column": "channel", "values": ["Email"]}]}),
        )
        .unwrap();
        let once = apply(&log, &chain).unwrap();
        let sub = subset(&log, &once.cases, |_, _| true);
        let twice = apply(&sub, &chain).unwrap();
        assert_eq!(twice.cases.len(), once.cases.len());
        assert!(twice.all);
    }
}
