//! Bottlenecks: where cases wait.
//!
//! - **Transitions**: the directly-follows edges between activities (as on the process map,
//!   with PM4Py's waiting time `start(b) - end(a)`), ranked by total waiting time and by
//!   median waiting time (the latter among transitions taken at least [`MIN_FREQUENCY`]
//!   times when the selection has 100 cases or more). **Share of case time**: the
//!   transition's total wait / the sum of all case durations. Transitions that leave an
//!   activity recognised as a resolution or a closure (`Resolved -> Closed`, often an automatic
//!   closure days later) are listed apart, as **after resolution**: the customer no longer
//!   waits there, and they would otherwise lead the ranking.
//! - **Activities**: the waits before each activity (from the end of the event before it in
//!   the case; not when that event is a resolution or a closure, for the same reason), as
//!   total and median, and its working time `end - start` when the log has start times.
//! - **Waiting vs working** (start times only): per case, working time = the sum of its
//!   events' durations, waiting time = its duration minus that (never negative); totals and
//!   the median share of working time.
//! - **Stuck**: open cases (not resolved), the longest idle first: idle time = now (the log's
//!   latest time) minus the case's last event.

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::need::Need;
use super::stats::median_of;
use super::vocabulary::Step;
use crate::discovery::dfg::{Dfg, Node};
use crate::discovery::stats::DurationStats;
use crate::discovery::stats::seconds;
use crate::log::{ActivityId, CaseIndex, EventLog, Selection};
use crate::time::{Micros, to_iso};

/// Least occurrences of a transition ranked by its median wait (selections of 100 cases or
/// more).
pub const MIN_FREQUENCY: u64 = 5;
/// Transitions and activities listed per ranking.
pub const LISTED: usize = 20;

/// A transition between two activities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transition {
    /// From.
    pub from: String,
    /// To.
    pub to: String,
    /// Occurrences.
    pub frequency: u64,
    /// Cases.
    pub cases: u64,
    /// Waiting time statistics, seconds.
    pub waiting: DurationStats,
    /// Total wait / sum of case durations.
    pub share_of_case_time: f64,
}

/// Waiting and working at one activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityWait {
    /// The activity.
    pub activity: String,
    /// Waits before it.
    pub waiting: Option<DurationStats>,
    /// Total wait before it / sum of case durations.
    pub share_of_case_time: f64,
    /// Its working time (with start times).
    pub working: Option<DurationStats>,
}

/// Waiting against working time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WaitingWorking {
    /// Total working time, seconds.
    pub working_s: f64,
    /// Total waiting time, seconds.
    pub waiting_s: f64,
    /// Median over cases of working / duration (cases longer than zero).
    pub median_working_share: Option<f64>,
}

/// An open case that does not move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StuckCase {
    /// Case id.
    pub case: String,
    /// Its last activity.
    pub last_activity: String,
    /// When that happened, ISO 8601.
    pub last_time: String,
    /// Seconds since.
    pub idle_s: f64,
    /// Seconds since the case was created.
    pub age_s: f64,
}

/// The bottleneck report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BottleneckReport {
    /// Sum of case durations, seconds.
    pub total_case_time_s: f64,
    /// Transitions, the most total waiting first.
    pub by_total: Vec<Transition>,
    /// Transitions, the longest median wait first.
    pub by_median: Vec<Transition>,
    /// Transitions after the resolution (leaving a resolution or closure), the most total
    /// waiting first; not in `by_total` and `by_median`.
    #[serde(default)]
    pub after_resolution: Vec<Transition>,
    /// Activities, the most total waiting before them first.
    pub activities: Vec<ActivityWait>,
    /// Waiting against working time (start times only).
    pub waiting_working: Option<WaitingWorking>,
    /// Open cases, the longest idle first (at most [`LISTED`]).
    pub stuck: Vec<StuckCase>,
    /// Open cases in all.
    pub open: u64,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> BottleneckReport {
    report(i.log, i.ctx, i.facts)
}

/// The bottleneck report of `facts`.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts]) -> BottleneckReport {
    let cases: Vec<CaseIndex> = facts.iter().map(|f| f.case).collect();
    let mut sorted = cases.clone();
    sorted.sort_unstable();
    let dfg = Dfg::discover(log, Selection::Cases(&sorted), None);
    let total: Micros = facts.iter().map(CaseFacts::duration).sum();
    let total_s = seconds(total);
    let share = |seconds: f64| if total_s > 0.0 { seconds / total_s } else { 0.0 };
    let name = |a: ActivityId| log.activities.get(a).unwrap_or_default().to_owned();
    let leaves_resolution = |node: Node| match node {
        Node::Activity(a) => {
            matches!(ctx.steps[a.index()], Some(Step::Resolved | Step::Closed))
        }
        _ => false,
    };
    let (after, transitions): (Vec<Transition>, Vec<Transition>) = dfg
        .activity_edges()
        .filter_map(|e| {
            let waiting = e.waiting?;
            Some(Transition {
                from: e.from.name(log).to_owned(),
                to: e.to.name(log).to_owned(),
                frequency: e.frequency,
                cases: e.cases,
                share_of_case_time: share(waiting.total),
                waiting,
            })
            .map(|t| (leaves_resolution(e.from), t))
        })
        .fold((Vec::new(), Vec::new()), |(mut after, mut before), (is_after, t)| {
            if is_after {
                after.push(t)
            } else {
                before.push(t)
            }
            (after, before)
        });
    let by_total_wait = |a: &Transition, b: &Transition| {
        b.waiting.total.total_cmp(&a.waiting.total).then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
    };
    let mut by_total = transitions.clone();
    by_total.sort_by(by_total_wait);
    by_total.truncate(LISTED);
    let mut after_resolution = after;
    after_resolution.sort_by(by_total_wait);
    after_resolution.truncate(LISTED);
    let min = if facts.len() >= 100 { MIN_FREQUENCY } else { 1 };
    let mut by_median: Vec<Transition> = transitions.into_iter().filter(|t| t.frequency >= min).collect();
    by_median.sort_by(|a, b| {
        b.waiting.median.total_cmp(&a.waiting.median).then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
    });
    by_median.truncate(LISTED);
    // Waits before each activity, and working times.
    let n = log.activities.len();
    let mut waits: Vec<Vec<Micros>> = vec![Vec::new(); n];
    let mut working: Vec<Vec<Micros>> = vec![Vec::new(); if log.start.is_some() { n } else { 0 }];
    let mut order = Vec::new();
    let mut shares: Vec<f64> = Vec::new();
    let (mut work_total, mut wait_total) = (0i64, 0i64);
    for f in facts {
        crate::discovery::follows_order(log, f.case, &mut order);
        let mut previous: Option<usize> = None;
        let mut case_work = 0i64;
        for &e in &order {
            let e = e as usize;
            let a = log.activity.get(e).index();
            let begin = log.begin(e);
            // A wait after a resolution or closure is no wait of the customer's (see above).
            if let Some(p) = previous.filter(|&p| !leaves_resolution(Node::Activity(log.activity.get(p)))) {
                let wait = begin - log.time[p];
                waits[a].push(if log.start.is_some() { wait.max(0) } else { wait });
            }
            if let Some(start) = &log.start {
                working[a].push(log.time[e] - start[e]);
                case_work += log.time[e] - start[e];
            }
            previous = Some(e);
        }
        if log.start.is_some() {
            let duration = f.duration();
            work_total += case_work;
            wait_total += (duration - case_work).max(0);
            if duration > 0 {
                shares.push((case_work as f64 / duration as f64).min(1.0));
            }
        }
    }
    let used: Vec<usize> =
        (0..n).filter(|&a| !waits[a].is_empty() || working.get(a).is_some_and(|w| !w.is_empty())).collect();
    let mut activities: Vec<ActivityWait> = used
        .into_iter()
        .map(|a| {
            let waiting = DurationStats::of(&mut waits[a]);
            ActivityWait {
                activity: name(ActivityId::from_index(a)),
                share_of_case_time: share(waiting.map_or(0.0, |w| w.total)),
                waiting,
                working: working.get_mut(a).and_then(|w| DurationStats::of(w)),
            }
        })
        .collect();
    activities.sort_by(|a, b| {
        let total = |w: &ActivityWait| w.waiting.map_or(0.0, |s| s.total);
        total(b).total_cmp(&total(a)).then_with(|| a.activity.cmp(&b.activity))
    });
    let waiting_working = log.start.is_some().then(|| WaitingWorking {
        working_s: seconds(work_total),
        waiting_s: seconds(wait_total),
        median_working_share: median_of(&mut shares),
    });
    let mut open: Vec<&CaseFacts> = facts.iter().filter(|f| f.resolved.is_none()).collect();
    open.sort_by(|a, b| a.ended.cmp(&b.ended).then(a.case.cmp(&b.case)));
    let stuck = open
        .iter()
        .take(LISTED)
        .map(|f| {
            let last = log.case_events(f.case).end - 1;
            StuckCase {
                case: log.case_ids[f.case.index()].to_string(),
                last_activity: name(log.activity.get(last)),
                last_time: to_iso(f.ended),
                idle_s: seconds(ctx.now - f.ended),
                age_s: seconds(ctx.now - f.created),
            }
        })
        .collect();
    BottleneckReport {
        total_case_time_s: total_s,
        by_total,
        by_median,
        after_resolution,
        activities,
        waiting_working,
        stuck,
        open: open.len() as u64,
        needs: log.start.is_none().then_some(Need::StartTime).into_iter().chain(ctx.resolution_need()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn the_desks_waits() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts);
        // Case durations: C1 2 d 2 h, C2 3 d 2 h, C3 8 h: 5 d 12 h in all.
        assert_eq!(report.total_case_time_s, 132.0 * 3600.0);
        // The longest total wait, Case Resolved -> Case Closed in C1 (48 h, 36 % of all), comes
        // after the resolution: it is listed apart and does not lead the ranking.
        let after = &report.after_resolution[0];
        assert_eq!(
            (after.from.as_str(), after.to.as_str(), after.waiting.total),
            ("Case Resolved", "Case Closed", 48.0 * 3600.0)
        );
        assert_eq!(after.share_of_case_time, 48.0 / 132.0);
        assert!(
            report
                .by_total
                .iter()
                .chain(&report.by_median)
                .all(|t| t.from != "Case Resolved" && t.from != "Case Closed")
        );
        let top = &report.by_total[0];
        assert_eq!((top.from.as_str(), top.to.as_str()), ("Case Assigned", "Case Resolved"));
        // Waits before Case Resolved: C1 1 h 30 min after the assignment, C2 22 h after Dan's
        // assignment and 2 h after the reopening.
        let resolved = report.activities.iter().find(|a| a.activity == "Case Resolved").unwrap();
        let waiting = resolved.waiting.unwrap();
        assert_eq!((waiting.count, waiting.median, waiting.total), (3, 2.0 * 3600.0, 25.5 * 3600.0));
        assert!(resolved.working.is_none());
        // C1's closure two days after its resolution and C2's reopening a day after its first
        // one wait after a resolution: no activity wait of the customer's.
        let waited: Vec<&str> = report.activities.iter().map(|a| a.activity.as_str()).collect();
        assert!(!waited.contains(&"Case Closed") && !waited.contains(&"Case Reopened"), "{waited:?}");
        assert_eq!(report.needs, [Need::StartTime]);
        // C3 is open, idle since its last event on the 7th at 16:00 until the 9th at 12:00.
        assert_eq!(report.open, 1);
        assert_eq!((report.stuck[0].case.as_str(), report.stuck[0].idle_s), ("C3", 44.0 * 3600.0));
        assert_eq!(report.stuck[0].last_activity, "Case Assigned");
    }

    #[test]
    fn waiting_and_working_with_start_times() {
        let csv = "case,activity,start_time,end_time\n\
            1,a,2025-01-01 10:00,2025-01-01 11:00\n1,b,2025-01-01 13:00,2025-01-01 14:00\n";
        let (log, ctx, facts) = facts(csv);
        let report = report(&log, &ctx, &facts);
        let ww = report.waiting_working.unwrap();
        // 4 h in all: 2 h working, 2 h waiting.
        assert_eq!((ww.working_s, ww.waiting_s, ww.median_working_share), (7200.0, 7200.0, Some(0.5)));
        let b = report.activities.iter().find(|a| a.activity == "b").unwrap();
        assert_eq!(b.waiting.unwrap().median, 7200.0);
        assert_eq!(b.working.unwrap().median, 3600.0);
    }
}
